"""Field operations: ``mihani export`` and ``mihani backup create|restore|verify``.

Registered by the lead in ``app/cli/main.py`` (``ops_commands.register(sub)``).
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from app import caravan
from app.agents import acting_agent
from app.backups import check_passphrase, create_backup, restore_backup, verify_backup
from app.cli.output import emit_json
from app.errors import UserFacingError
from app.exports import DELIMITERS, FORMATS, export_file
from app.i18n import tr
from app.model.artisan import CATEGORIES, STATUSES
from app.workspace import open_workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help=tr("ops.cli.export_help"))
    p.add_argument("--format", dest="fmt", choices=FORMATS, required=True)
    p.add_argument("--out", type=Path, required=True, help="the file to write")
    p.add_argument("--query", default="", help="as typed in the register's search box")
    p.add_argument("--commune", default=None, help="commune code, e.g. 07.351.01.0")
    p.add_argument("--activity", default=None, help="activity code of the nomenclature")
    p.add_argument("--category", choices=CATEGORIES, default=None)
    p.add_argument("--status", choices=STATUSES, default=None)
    p.add_argument("--session", default=None, help="caravan session uid (or its first 6+ chars)")
    p.add_argument("--columns", default=None, help="record fields, comma-separated")
    p.add_argument("--delimiter", choices=DELIMITERS, default=";", help="CSV only")
    p.add_argument("--agent", default=None, help="who exports (default: the first agent)")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("backup", help=tr("ops.cli.backup_help"))
    actions = p.add_subparsers(dest="backup_action", metavar="ACTION", required=True)
    c = actions.add_parser("create", help="back the profile up into one encrypted file")
    c.add_argument("--out", type=Path, required=True, help="the backup file (on the USB stick)")
    c.add_argument("--force", action="store_true", help="replace an existing file")
    c.add_argument("--agent", default=None)
    c.set_defaults(handler=cmd_backup_create)
    r = actions.add_parser("restore", help="restore a backup onto a new, empty home")
    r.add_argument("file", type=Path)
    r.add_argument("--home", dest="restore_home", type=Path, default=None, help="the new home")
    r.set_defaults(handler=cmd_backup_restore)
    v = actions.add_parser("verify", help="decrypt and check a backup, keeping nothing")
    v.add_argument("file", type=Path)
    v.add_argument("--json", action="store_true")
    v.set_defaults(handler=cmd_backup_verify)
    for q in (c, r, v):
        q.add_argument(
            "--passphrase-file", type=Path, default=None, help="first line (default: prompt)"
        )


def passphrase(args: argparse.Namespace, confirm: bool = False) -> str:
    """From ``--passphrase-file`` (its first line), else typed twice at a hidden prompt."""
    if args.passphrase_file is not None:
        try:
            text = args.passphrase_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserFacingError(
                "backup.error.passphrase_file", path=str(args.passphrase_file), detail=str(exc)
            ) from exc
        lines = text.splitlines()
        return lines[0] if lines else ""
    value = getpass.getpass(tr("backup.prompt") + " ")
    if confirm:
        check_passphrase(value)
        if getpass.getpass(tr("backup.prompt_again") + " ") != value:
            raise UserFacingError("backup.error.passphrase_mismatch")
    return value


def cmd_export(args: argparse.Namespace) -> int:
    filters = {
        "commune_code": args.commune,
        "activity_code": args.activity,
        "category": args.category,
        "status": args.status,
    }
    columns = [c.strip() for c in args.columns.split(",") if c.strip()] if args.columns else None
    with open_workspace(args.home) as ws:
        if args.commune:
            ws.geo.commune(args.commune)  # an unknown code: a clear error, not an empty file
        if args.activity:
            ws.nomenclature.activity(args.activity)
        if args.session:  # an unknown session: a clear error; a prefix: the session's uid
            filters["session_uid"] = caravan.get(ws.store.read(), args.session).uid
        result = export_file(
            ws,
            args.out,
            args.fmt,
            agent=acting_agent(ws.store.read(), args.agent),
            query=args.query,
            filters=filters,
            columns=columns,
            delimiter=args.delimiter,
        )
    print(tr("export.done", rows=result.rows, path=str(result.path), fmt=result.fmt.upper()))
    return 0


def _counts_line(counts: dict) -> str:
    return tr(
        "backup.counts",
        artisans=counts.get("artisan", 0),
        photos=counts.get("photo", 0),
        audit=counts.get("audit", 0),
        pending=counts.get("outbox", 0),
    )


def cmd_backup_create(args: argparse.Namespace) -> int:
    with open_workspace(args.home) as ws:
        agent = acting_agent(ws.store.read(), args.agent)
        secret = passphrase(args, confirm=True)
        info = create_backup(ws, args.out, secret, agent=agent, overwrite=args.force)
    print(tr("backup.created", path=str(args.out), size=round(info.size / 1_000_000, 1)))
    print(_counts_line(info.counts))
    print(tr("backup.keep_passphrase"))
    return 0


def cmd_backup_restore(args: argparse.Namespace) -> int:
    home = args.restore_home or args.home
    info, profile = restore_backup(args.file, home, passphrase(args))
    print(tr("backup.restored", home=str(profile.home), created=info.created_at))
    print(_counts_line(info.counts))
    print(tr("backup.must_register"))
    return 0


def cmd_backup_verify(args: argparse.Namespace) -> int:
    info = verify_backup(args.file, passphrase(args))
    if args.json:
        emit_json({"ok": True, **info.__dict__})
        return 0
    print(
        tr(
            "backup.verified",
            path=str(args.file),
            created=info.created_at,
            region=info.region,
            profile=info.profile_id,
        )
    )
    print(_counts_line(info.counts))
    return 0
