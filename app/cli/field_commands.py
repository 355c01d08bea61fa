"""Field operations: ``mihani session open|close|list|summary`` and ``mihani card …`` (the
card's life; offered only while the sync's wire carries cards, ``app.wire.sync.ENTITIES``,
so no card step can make an outbox row that would stop the laptop's sync). The reports are
``printing``'s command.
"""

from __future__ import annotations

import argparse

from app import caravan
from app.agents import acting_agent
from app.cardlife import REVOKE_REASONS, CardLife
from app.cli.output import emit_json
from app.i18n import tr
from app.reports import session_summary
from app.wire.sync import ENTITIES as WIRE_ENTITIES
from app.workspace import open_workspace

CARD_MOVES = ("produced", "printed", "received", "reissue", "renew", "status")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("session", help=tr("field.cli.session_help"))
    acts = p.add_subparsers(dest="session_action", metavar="ACTION", required=True)
    o = acts.add_parser("open", help="open a caravan session on this laptop")
    o.add_argument("--name", required=True)
    o.add_argument("--commune", required=True, help="commune code, e.g. 07.351.01.0")
    o.add_argument("--start", required=True, help="YYYY-MM-DD")
    o.add_argument("--end", required=True, help="YYYY-MM-DD")
    o.add_argument("--agents", default="", help="user names, comma-separated")
    for name in ("close", "list", "summary"):
        q = acts.add_parser(name, help=f"{name} caravan session(s)")
        if name == "summary":
            q.add_argument("session", nargs="?", default=None, help="uid (default: the open one)")
        q.add_argument("--json", action="store_true")
    for q in acts.choices.values():
        q.add_argument("--agent", default=None)
        q.set_defaults(handler=cmd_session)

    if "card" not in WIRE_ENTITIES:
        return  # card steps would make outbox rows the sync could not carry
    p = sub.add_parser("card", help=tr("field.cli.card_help"))
    acts = p.add_subparsers(dest="card_action", metavar="ACTION", required=True)
    r = acts.add_parser("request", help="request the card of a validated artisan")
    r.add_argument("artisan", help="NIA or uid")
    for name in CARD_MOVES:
        acts.add_parser(name, help=f"card {name}").add_argument("card", help="number or uid")
    h = acts.add_parser("handover", help="hand the card over, with the acknowledgement")
    h.add_argument("card")
    h.add_argument("--to", required=True, help="who received it")
    h.add_argument("--ack", required=True, help="signature / thumbprint sheet reference")
    lost = acts.add_parser("lost", help="revoke a card lost, stolen, damaged or wrong")
    lost.add_argument("card")
    lost.add_argument("--reason", choices=REVOKE_REASONS, default="lost")
    for q in acts.choices.values():
        q.add_argument("--agent", default=None)
        q.add_argument("--json", action="store_true")
        q.set_defaults(handler=cmd_card)


def cmd_session(args: argparse.Namespace) -> int:
    with open_workspace(args.home) as ws:
        agent = acting_agent(ws.store.read(), args.agent)
        action = args.session_action
        if action == "open":
            s = caravan.open_session(
                ws, name=args.name, commune_code=args.commune, starts_on=args.start,
                ends_on=args.end, agents=args.agents.split(","), by=agent,
            )  # fmt: skip
            print(tr("field.cli.session_opened", name=s.name))
            print(s.uid)
            return 0
        if action == "close":
            s = caravan.close_session(ws, agent)
            print(tr("field.cli.session_closed", name=s.name))
            return 0
        conn = ws.store.read()
        if action == "list":
            items = caravan.sessions(conn)
            if args.json:
                emit_json([s.as_dict() for s in items])
            for s in [] if args.json else items:
                print(tr("field.cli.session_line", open="●" if s.is_open else "○", name=s.name,
                         commune=ws.geo.label(s.commune_code), start=s.starts_on,
                         end=s.ends_on, uid=s.uid))  # fmt: skip
            return 0
        s = caravan.get(conn, args.session) if args.session else caravan.current(conn)
        if s is None:
            print(tr("field.cli.no_session"))
            return 1
        summary = {"session": s.as_dict(), **session_summary(conn, s.uid)}
        if args.json:
            emit_json(summary)
        else:
            for k, v in summary.items():
                if k != "session" and not isinstance(v, list):
                    print(f"{tr('field.figure.' + k) if k in FIGURES else k}: {v}")
        return 0


FIGURES = ("seen", "enrolled", "updated", "badges_printed", "cards_handed_over")


def cmd_card(args: argparse.Namespace) -> int:
    with open_workspace(args.home) as ws:
        agent = acting_agent(ws.store.read(), args.agent)
        life = CardLife(ws)
        action = args.card_action
        if action == "request":
            card = life.request(args.artisan, agent)
        elif action == "status":
            card = life.get(args.card)
        elif action == "handover":
            card = life.handover(args.card, agent, args.to, args.ack)
        elif action == "lost":
            card = life.revoke(args.card, agent, args.reason)
        else:
            method = {"produced": "produce", "printed": "printed", "received": "receive"}
            card = getattr(life, method.get(action, action))(args.card, agent)
        if args.json:
            emit_json(card)
        else:
            state = tr(f"field.card_state_one.{card['state']}")
            print(tr("field.cli.card_line", card=card["card_number"], state=state))
        return 0
