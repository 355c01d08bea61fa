"""``mihani-central serve | migrate | admin … | keys …``: run and administer the service."""

from __future__ import annotations

import argparse
import getpass
import hashlib
import json
import os
import sys

from app.errors import UserFacingError
from app.i18n import tr


def _central():
    from central.context import Central
    from central.settings import Settings

    central = Central.build(Settings.from_env())
    central.open()
    return central


def _passphrase(env: str, confirm: bool) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise SystemExit(f"set {env} or run in a terminal to type the passphrase")
    first = getpass.getpass("passphrase: ")
    if confirm and getpass.getpass("again: ") != first:
        raise SystemExit("the passphrases differ")
    return first


def cmd_serve(args) -> int:
    import uvicorn

    from central.logs import configure
    from central.settings import Settings

    configure(Settings.from_env().log_level)
    uvicorn.run(
        "central.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=None,
        access_log=False,
    )
    return 0


def cmd_migrate(args) -> int:
    from central.migrate import current, upgrade
    from central.settings import Settings

    url = Settings.from_env().database_url
    upgrade(url)
    print(json.dumps({"revision": current(url)}))
    return 0


def cmd_admin(args) -> int:
    from central.services import accounts, cards, devices

    central = _central()
    try:
        if args.action == "create-agent":
            password = _passphrase("MIHANI_CENTRAL_AGENT_PASSWORD", True)
            agent_id = accounts.create_agent(
                central, args.username, password, args.role, args.region, args.name or ""
            )
            out = {"agent_id": agent_id, "username": args.username}
        elif args.action == "device-code":
            device_id, code = devices.issue_code(central, args.region, hours=args.hours)
            out = {"device_id": device_id, "code": code}
        elif args.action == "revoke-device":
            devices.revoke(central, args.device_id)
            out = {"device_id": args.device_id, "status": "revoked"}
        elif args.action == "revoke-card":
            cards.revoke(central, args.card_number, args.reason, "admin", None)
            out = {"card_number": args.card_number, "status": "revoked"}
        else:  # reset-feed
            with central.db.tx() as conn:
                conn.execute(
                    "UPDATE region SET feed_epoch = feed_epoch + 1 WHERE code = %s", (args.region,)
                )
            out = {"region": args.region, "feed": "reset"}
    finally:
        central.close()
    print(json.dumps(out, ensure_ascii=False))
    return 0


def cmd_keys(args) -> int:
    from app.credentials import generate_key, raw_public_key, save_key_file

    env = "MIHANI_CENTRAL_ROOT_PASSPHRASE" if args.which == "init-root" else (
        "MIHANI_CENTRAL_SIGNER_PASSPHRASE"
    )  # fmt: skip
    key = generate_key()
    save_key_file(args.out, key, _passphrase(env, True))
    public = raw_public_key(key)
    out = {"file": str(args.out), "public_key": public.hex()}
    if args.which == "init-root":  # what the laptops' installer pins (docs/INSTALL.md)
        out["root_public_sha256"] = hashlib.sha256(public).hexdigest()
    print(json.dumps(out))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mihani-central", description="The central RNA service.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="run the HTTP service")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--workers", type=int, default=1)
    s.set_defaults(fn=cmd_serve)
    sub.add_parser("migrate", help="bring the database to the newest schema").set_defaults(
        fn=cmd_migrate
    )
    a = sub.add_parser("admin", help="agents, devices, revocations")
    acts = a.add_subparsers(dest="action", required=True)
    ca = acts.add_parser("create-agent", help="password from MIHANI_CENTRAL_AGENT_PASSWORD")
    ca.add_argument("--username", required=True)
    ca.add_argument("--role", choices=("agent", "supervisor", "operator"), required=True)
    ca.add_argument("--region")
    ca.add_argument("--name")
    dc = acts.add_parser("device-code", help="a one-time registration code for a laptop")
    dc.add_argument("--region", required=True)
    dc.add_argument("--hours", type=int, default=72)
    acts.add_parser("revoke-device").add_argument("device_id")
    rc = acts.add_parser("revoke-card")
    rc.add_argument("card_number")
    rc.add_argument("--reason", default="")
    acts.add_parser("reset-feed", help="make every pull cursor of a region too old").add_argument(
        "--region", required=True
    )
    a.set_defaults(fn=cmd_admin)
    k = sub.add_parser("keys", help="make passphrase-protected key files")
    k.add_argument("which", choices=("init-root", "init-signer"))
    k.add_argument("--out", required=True)
    k.set_defaults(fn=cmd_keys)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.fn(args)
    except UserFacingError as exc:
        print(tr("central.cli.error", None, message=exc.message()), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
