"""The core's commands: init, demo, enrol, search, show, audit verify, status."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from app import audit, outbox
from app.agents import acting_agent
from app.cli.output import artisan_line, artisan_summary, emit_json, print_errors
from app.errors import UserFacingError, ValidationFailed
from app.i18n import tr
from app.nia import lease_remaining
from app.profile import Profile
from app.registry import records
from app.registry.duplicates import CinExists, DuplicateWarning
from app.registry.search import search
from app.workspace import init_profile, open_workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create a profile for a chamber's region")
    p.add_argument("--region", required=True, help="region code, 01 to 12")
    p.add_argument("--agent", default="agent", help="the first agent's user name")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="fill a new profile with realistic demo artisans")
    p.add_argument("--artisans", type=int, default=2000)
    p.add_argument("--region", default="07")
    p.add_argument("--seed", type=int, default=1)
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("enrol", help="enrol the artisans of a JSON file (one record or a list)")
    p.add_argument("file", type=Path)
    p.add_argument("--agent", default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_enrol)

    p = sub.add_parser("search", help="find artisans by name (either script), CIN, NIA or phone")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("show", help="show one artisan by NIA, reference, CIN or uid")
    p.add_argument("key")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("audit", help="the audit log")
    p.add_argument("action", choices=["verify"])
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_audit)

    p = sub.add_parser("status", help="the profile, its size and what waits to sync")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_status)


def cmd_default(args: argparse.Namespace) -> int:
    """No sub-command: the desktop app when installed, else the profile's status."""
    from importlib.metadata import entry_points

    for ep in entry_points(group="mihani.gui"):
        return int(ep.load()(args) or 0)
    args.json = False
    return cmd_status(args)


def cmd_init(args: argparse.Namespace) -> int:
    with init_profile(args.home, args.region, args.agent) as ws:
        region = ws.geo.region(args.region)
        print(
            tr(
                "cli.initialised",
                home=str(args.home),
                region=args.region,
                region_name=region.fr,
                size=lease_remaining(ws.store.writer, args.region),
            )
        )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app.demo.fill import fill_demo

    started = time.perf_counter()
    if Profile.exists(args.home):
        ws = open_workspace(args.home)
    else:
        ws = init_profile(args.home, args.region, "agent", demo=True)
    with ws:
        count = fill_demo(ws, args.artisans, args.seed)
    print(
        tr(
            "cli.demo_done",
            count=count,
            seconds=round(time.perf_counter() - started, 1),
            home=str(args.home),
        )
    )
    return 0


def _read_json(path: Path) -> list:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserFacingError("error.file_unreadable", path=str(path), detail=str(exc)) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserFacingError(
            "error.json_invalid", path=str(path), line=exc.lineno, col=exc.colno, detail=exc.msg
        ) from exc
    except RecursionError:  # arrays or objects nested thousands deep: no enrolment file is
        raise UserFacingError(
            "error.json_invalid", path=str(path), line=1, col=1, detail="nesting too deep"
        ) from None
    data = [data] if isinstance(data, dict) else data
    if not isinstance(data, list) or not data:
        raise UserFacingError("error.json_shape")
    return data


def _enrol_one(ws, index: int, raw: object, agent: str) -> dict:
    ack: list = []
    if isinstance(raw, dict):
        raw = dict(raw)
        ack = raw.pop("acknowledged_duplicates", None) or []
    try:
        done = ws.registry.enrol(raw, agent, acknowledged=[str(a) for a in ack])
        return {
            "index": index,
            "ok": True,
            "uid": done.uid,
            "nia": done.nia,
            "provisional_ref": done.provisional_ref,
            "ref": done.reference,
            "name": f"{done.record['first_name_lat']} {done.record['last_name_lat']}",
        }
    except ValidationFailed as exc:
        return {
            "index": index,
            "ok": False,
            "message": exc.message(),
            "errors": [e.as_dict() for e in exc.errors],
            "_errors": exc.errors,
        }
    except DuplicateWarning as exc:
        return {
            "index": index,
            "ok": False,
            "message": exc.message(),
            "duplicates": [c.as_dict() for c in exc.candidates],
        }
    except (CinExists, UserFacingError) as exc:
        return {"index": index, "ok": False, "message": exc.message(), "errors": []}


def cmd_enrol(args: argparse.Namespace) -> int:
    items = _read_json(args.file)
    with open_workspace(args.home) as ws:
        agent = acting_agent(ws.store.read(), args.agent)
        results = [_enrol_one(ws, i + 1, raw, agent) for i, raw in enumerate(items)]
    if args.json:
        emit_json([{k: v for k, v in r.items() if not k.startswith("_")} for r in results])
    for r in results:
        if r["ok"] and not args.json:
            print(tr("cli.enrolled", name=r["name"], ref=r["ref"]))
            if r["provisional_ref"]:
                print(tr("cli.provisional"))
        elif not r["ok"]:
            print(tr("cli.enrol_failed", index=r["index"]), file=sys.stderr)
            if r.get("_errors"):
                print_errors(r["_errors"])
            else:
                print("  " + r["message"], file=sys.stderr)
            for d in r.get("duplicates", []):
                print(
                    tr(
                        "cli.duplicate_candidate",
                        name=d["name_lat"],
                        birth=d["birth_date"],
                        commune=d["commune_code"],
                        ref=d["ref"],
                        score=d["score"],
                    ),
                    file=sys.stderr,
                )
            if r.get("duplicates"):
                print(tr("cli.duplicate_hint"), file=sys.stderr)
    return 0 if all(r["ok"] for r in results) else 1


def cmd_search(args: argparse.Namespace) -> int:
    with open_workspace(args.home) as ws:
        res = search(ws.store.read(), args.query, limit=args.limit, offset=args.offset)
        if args.json:
            emit_json(
                {
                    "query": args.query,
                    "kind": res.kind,
                    "total": res.total,
                    "total_capped": res.total_capped,
                    "items": [artisan_summary(r, ws.geo) for r in res.items],
                }
            )
            return 0
    if not res.items:
        print(tr("cli.no_results", query=args.query))
        return 0
    for rec in res.items:
        print(artisan_line(rec))
    print(
        tr(
            "cli.results",
            shown=len(res.items),
            total=f"{res.total}+" if res.total_capped else res.total,
        )
    )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_workspace(args.home) as ws:
        rec = records.require(ws.store.read(), args.key)
    rec.pop("id", None)
    if args.json:
        emit_json(rec)
        return 0
    for key, value in rec.items():
        if value not in (None, ""):
            print(f"{tr('field.' + key):<40} {value}")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    with open_workspace(args.home) as ws:
        report = audit.verify_chain(ws.store.read())
    if args.json:
        emit_json(
            {
                "ok": report.ok,
                "entries": report.entries,
                "first_broken": report.first_broken,
                "reason": report.reason,
            }
        )
    elif report.ok:
        print(tr("cli.audit_ok", count=report.entries))
    else:
        print(
            tr(
                "cli.audit_broken",
                seq=report.first_broken,
                reason=report.reason,
                count=report.entries,
            )
        )
    return 0 if report.ok else 2


def cmd_status(args: argparse.Namespace) -> int:
    with open_workspace(args.home) as ws:
        conn = ws.store.read()
        region = ws.profile.region_code
        data = {
            "home": str(args.home),
            "region": region,
            "region_name": ws.geo.region(region).fr,
            "artisans": conn.execute("SELECT count(*) FROM artisan").fetchone()[0],
            "pending": outbox.count(conn),
            "lease": lease_remaining(conn, region),
            "demo": ws.profile.demo,
        }
    if getattr(args, "json", False):
        emit_json(data)
    else:
        print(tr("cli.status", **data))
    return 0
