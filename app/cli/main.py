"""``mihani``: the command line. Core commands live here; the other rooms (ui, sync, printing)
add theirs through the ``mihani.commands`` entry-point group, so ``app`` never imports them.

A ``UserFacingError`` is printed as is, in the chosen language; anything else is logged
with its traceback in the profile's log and reported in one line.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from importlib.metadata import entry_points
from pathlib import Path

from app import i18n
from app.cli import core_commands, field_commands, ops_commands, verify_commands
from app.errors import UserFacingError
from app.profile import default_home

log = logging.getLogger("mihani")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mihani", description="Mihani — RNA workstation")
    parser.add_argument(
        "--home",
        type=Path,
        default=None,
        help="profile directory (default: MIHANI_HOME or the user data dir)",
    )
    parser.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        default=None,
        help="language of messages (default: MIHANI_LANG or fr)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    core_commands.register(sub)
    verify_commands.register(sub)
    ops_commands.register(sub)
    field_commands.register(sub)
    for ep in entry_points(group="mihani.commands"):
        ep.load()(sub)
    return parser


def _log_path(home: Path) -> Path:
    path = home / "logs" / "mihani.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    i18n.set_language(args.lang or i18n.default_language())
    args.home = args.home or default_home()
    handler = getattr(args, "handler", None) or core_commands.cmd_default
    try:
        return int(handler(args) or 0)
    except UserFacingError as exc:
        print(i18n.tr("cli.error", message=exc.message()), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: keep the details, say it plainly
        path = _log_path(args.home)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(traceback.format_exc())
        print(
            i18n.tr("cli.internal_error", kind=type(exc).__name__, log=str(path)), file=sys.stderr
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
