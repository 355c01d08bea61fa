"""``mihani verify`` (QR texts, images, PDFs: one verdict per code) and ``mihani qr`` (the
signed QR text of an artisan's provisional badge, made on this laptop)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from app.card_claims import sign_provisional
from app.cli.output import emit_json
from app.credentials import clean_scanned_text, read_qr_texts, verify
from app.errors import UserFacingError
from app.issuer import demo_issuer, laptop_trust, load_trust_dir
from app.registry import records
from app.workspace import open_workspace

PDF_SCALE = 300 / 72  # render pages at 300 dpi: small codes on A4 sheets still decode


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


def _image_texts(path: Path) -> list[str]:
    try:
        return read_qr_texts(path)
    except (OSError, ValueError) as exc:
        raise UserFacingError("error.image_unreadable", path=str(path), detail=str(exc)) from exc


def _pdf_texts(path: Path) -> list[tuple[str, str]]:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(path)
    except (OSError, pypdfium2.PdfiumError) as exc:
        raise UserFacingError("error.pdf_unreadable", path=str(path), detail=str(exc)) from exc
    found = []
    with pdf:
        for number, page in enumerate(pdf, start=1):
            image = page.render(scale=PDF_SCALE, grayscale=True).to_pil()
            found += [(f"{path.name} p.{number}", t) for t in read_qr_texts(image)]
    return found


def _sources(args: argparse.Namespace) -> list[tuple[str, str]]:
    codes = [(f"#{i}", clean_scanned_text(t)) for i, t in enumerate(args.text, start=1)]
    for path in args.image:
        texts = _image_texts(path)
        if not texts:
            raise UserFacingError("error.no_qr_found", path=str(path))
        codes += [(path.name, t) for t in texts]
    for path in args.pdf:
        texts = _pdf_texts(path)
        if not texts:
            raise UserFacingError("error.no_qr_found", path=str(path))
        codes += texts
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
