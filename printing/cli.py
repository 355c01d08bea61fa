"""``mihani print proof|badge|receipt KEY... --out FILE.pdf [--sheet] [--format a5|roll80]``.

Registered by the lead in pyproject under ``[project.entry-points."mihani.commands"]``
as ``print = "printing.cli:register"``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.i18n import tr
from app.issuer import DEMO_DIR
from app.workspace import open_workspace
from printing.documents import KINDS, RECEIPT_FORMATS
from printing.jobs import make_pdf, write_pdf


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("print", help=tr("print.cli.help"))
    p.add_argument(
        "kind",
        choices=KINDS,
        help="proof: card proof; badge: provisional badge; receipt: enrolment receipt",
    )
    p.add_argument("keys", nargs="+", metavar="NIA", help="NIA, provisional reference, CIN or uid")
    p.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    p.add_argument(
        "--sheet",
        action="store_true",
        help="impose on A4: 2 x 4 cards with bleed and crop marks, or 4 badges",
    )
    p.add_argument(
        "--format",
        dest="fmt",
        choices=RECEIPT_FORMATS,
        default="a5",
        help="receipt paper: A5 sheet or 80 mm roll",
    )
    p.set_defaults(handler=cmd_print)


def cmd_print(args: argparse.Namespace) -> int:
    with open_workspace(args.home) as ws:
        data = make_pdf(ws, args.kind, args.keys, imposed=args.sheet, fmt=args.fmt)
        demo = ws.profile.home / DEMO_DIR
    write_pdf(args.out, data)
    pages = data.count(b"/Type /Page\n") or data.count(b"/Type /Page")
    print(
        tr(
            "print.cli.written",
            count=len(args.keys),
            path=str(args.out),
            pages=pages,
            size=round(len(data) / 1000),
        )
    )
    print(tr("print.cli.demo_trust", path=str(demo)))
    return 0
