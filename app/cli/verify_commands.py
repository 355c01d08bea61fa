"""``mihani verify`` (QR texts, images, PDFs: one verdict per code) and ``mihani qr`` (the
signed QR text of an artisan's provisional badge, made on this laptop)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from app.card_claims import sign_provisional
from app.cli.output import emit_json
from app.credentials import clean_scanned_text, verify
from app.credentials.scan import qr_texts_in_image, qr_texts_in_pdf
from app.errors import UserFacingError
from app.issuer import demo_issuer, laptop_trust, load_trust_dir
from app.registry import records
from app.workspace import open_workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("verify", help="verify QR codes of cards and badges, offline")
    p.add_argument("text", nargs="*", help="QR text(s), as a scanner types them")
    p.add_argument("--image", type=Path, action="append", default=[], help="a PNG/JPEG")
    p.add_argument("--pdf", type=Path, action="append", default=[], help="every QR, every page")
    p.add_argument(
        "--trust-dir",
        type=Path,
        default=None,
        help="root-public.hex, trust-list.cose, revocation-list.cose (default: this laptop's)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser("qr", help="print the signed QR text of an artisan's provisional badge")
    p.add_argument("key", metavar="NIA")
    p.set_defaults(handler=cmd_qr)


def _sources(args: argparse.Namespace) -> list[tuple[str, str]]:
    codes = [(f"#{i}", clean_scanned_text(t)) for i, t in enumerate(args.text, start=1)]
    for reader, paths in ((qr_texts_in_image, args.image), (qr_texts_in_pdf, args.pdf)):
        for path in paths:
            found = reader(path)
            if not found:
                raise UserFacingError("error.no_qr_found", path=str(path))
            codes += found
    if not codes:
        raise UserFacingError("error.nothing_to_verify")
    return codes


def _trust(args: argparse.Namespace):
    if args.trust_dir is not None:
        return load_trust_dir(args.trust_dir)
    with open_workspace(args.home) as ws:
        return laptop_trust(ws)


def cmd_verify(args: argparse.Namespace) -> int:
    codes = _sources(args)
    trust = _trust(args)
    verdicts = [(where, verify(text, trust)) for where, text in codes]
    if args.json:
        emit_json([{"source": where, **v.as_dict()} for where, v in verdicts])
    else:
        for where, v in verdicts:
            mark = {"ok": "OK ", "warning": "!! ", "error": "XX "}[v.severity]
            print(f"{mark}{where}: {v.title()} — {v.message()}")
            if v.claims is not None:
                c = v.claims
                print(
                    f"    {c.name_latin} / \u2067{c.name_arabic}\u2069  NIA {c.nia or '-'}  "
                    f"{c.activity_code}  {c.issued_at:%Y-%m-%d} → {c.expires_at:%Y-%m-%d}"
                )
            print(f"    {v.lists_summary()}")
    return 0 if all(v.valid for _, v in verdicts) else 1


def cmd_qr(args: argparse.Namespace) -> int:
    with open_workspace(args.home) as ws:
        rec = records.require(ws.store.read(), args.key)
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        text, _ = sign_provisional(rec, demo_issuer(ws, now), now)
    sys.stdout.write(text + "\n")
    return 0
