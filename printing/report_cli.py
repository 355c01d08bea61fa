"""``mihani report day|session --out FILE.pdf [--report-lang ar|fr]``: the day's and a caravan
session's PDF reports with their charts (``printing/reports``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.i18n import LANGUAGES, current_language, tr
from app.workspace import open_workspace
from printing.reports import day_pdf, session_pdf


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help=tr("field.cli.report_help"))
    acts = p.add_subparsers(dest="report_kind", metavar="KIND", required=True)
    d = acts.add_parser("day", help="one day's report")
    d.add_argument("day", help="YYYY-MM-DD")
    s = acts.add_parser("session", help="a caravan session's report")
    s.add_argument("session", help="session uid")
    for q in (d, s):
        q.add_argument("--out", type=Path, required=True)
        q.add_argument("--report-lang", choices=LANGUAGES, default=None)
        q.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    lang = args.report_lang or current_language()
    with open_workspace(args.home) as ws:
        if args.report_kind == "day":
            data = day_pdf(ws, args.day, lang)
        else:
            data = session_pdf(ws, args.session, lang)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(tr("field.cli.report_written", path=str(args.out)))
    return 0
