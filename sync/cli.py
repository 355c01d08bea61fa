"""``mihani register`` and ``mihani sync`` (entry point ``mihani.commands``: ``sync.cli:register``).

The agent's password is asked for on the terminal (never an argument, never stored); for
scripts, ``MIHANI_SYNC_PASSWORD`` gives it. Progress goes to standard error.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from app.errors import UserFacingError
from app.i18n import tr
from app.workspace import open_workspace

PASSWORD_ENV = "MIHANI_SYNC_PASSWORD"  # noqa: S105 (the name of a variable)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("register", help="register this laptop with the central register")
    p.add_argument("--server", required=True, help="address of the central service")
    p.add_argument("--code", required=True, help="one-time registration code")
    p.add_argument("--username", required=True, help="the agent's user name at the centre")
    p.add_argument("--no-snapshot", action="store_true", help="do not download the region yet")
    p.set_defaults(handler=cmd_register)

    p = sub.add_parser("sync", help="send what waits and receive the region's changes")
    p.add_argument("--server", default=None, help="another address of the central service")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(handler=cmd_sync)


def _password(username: str) -> str:
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UserFacingError("sync.error.password_needed")
    return getpass.getpass(tr("sync.cli.password_prompt", username=username))


def _progress(quiet: bool):
    if quiet:
        return None

    def show(step: str, done: int, total: int | None) -> None:
        line = tr("sync.cli.progress", step=step, done=done, total=total if total else "?")
        print("\r" + line.ljust(60), end="", file=sys.stderr, flush=True)

    return show


def cmd_register(args: argparse.Namespace) -> int:
    from sync.register import register_laptop

    password = _password(args.username)
    with open_workspace(args.home) as ws:
        reg = register_laptop(
            ws, args.server, args.code, args.username, password,
            progress=_progress(False), snapshot=not args.no_snapshot,
        )  # fmt: skip
        count = ws.store.read().execute("SELECT count(*) FROM artisan").fetchone()[0]
    print(file=sys.stderr)
    print(
        tr("sync.cli.registered", device=reg.device_id, region=reg.region,
           client_id=reg.client_id, count=count)
    )  # fmt: skip
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from sync.config import Registration
    from sync.engine import run_sync

    with open_workspace(args.home) as ws:
        reg = Registration.load(ws.profile.home)
        username = reg.username if reg else ""
        res = run_sync(
            ws, server=args.server, password=lambda: _password(username),
            progress=_progress(args.quiet),
        )  # fmt: skip
    if not args.quiet:
        print(file=sys.stderr)
    if res.snapshot is not None:
        print(tr("sync.cli.snapshot", count=res.snapshot))
    detail = ", ".join(f"{k} {v}" for k, v in sorted(res.pushed.items())) or "-"
    print(
        tr("sync.cli.done", pushed=sum(res.pushed.values()), detail=detail, pulled=res.pulled,
           cards=res.cards_pulled,
           photos_up=res.photos_up, photos_down=res.photos_down,
           conflicts=res.conflicts_open, refused=res.refused, lease=res.lease_left)
    )  # fmt: skip
    return 0
