"""Helpers of the Verify and Cards page tests: demo artisans, their signed codes, and every
QR code of a PDF checked against the laptop's trust."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.card_claims import sign_provisional
from app.credentials import verify
from app.credentials.base45 import b45decode, b45encode
from app.credentials.compress import compress, decompress
from app.credentials.scan import qr_texts_in_pdf
from app.demo.fill import fill_demo
from app.issuer import demo_issuer, laptop_trust


def demo_artisans(ws, count: int) -> list[dict]:
    fill_demo(ws, count, seed=7, agent="agent1")
    rows = ws.store.read().execute("SELECT * FROM artisan ORDER BY id").fetchall()
    return [dict(r) for r in rows]


def badge_text(ws, rec: dict, now: dt.datetime | None = None) -> str:
    """The QR text of ``rec``'s badge, signed by this laptop at ``now``."""
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    text, _ = sign_provisional(rec, demo_issuer(ws, now), now)
    return text


def forged(text: str, old: str, new: str) -> str:
    """The same code with ``old`` replaced by ``new`` (as long) in its signed content: what a
    forger who re-encodes a real badge with another name gets."""
    assert len(old.encode()) == len(new.encode())
    raw = decompress(b45decode(text))
    assert old.encode() in raw
    return b45encode(compress(raw.replace(old.encode(), new.encode(), 1)))


def verdicts_in(ws, data: bytes, tmp: Path):
    """The verdict on every QR code of every page of the PDF ``data``."""
    path = tmp / "check.pdf"
    path.write_bytes(data)
    trust = laptop_trust(ws)
    return [verify(text, trust) for _where, text in qr_texts_in_pdf(path)]


def enrol_through_the_wizard(wizard, data: dict) -> None:
    """Put ``data`` in the wizard's fields (the keyboard is tested elsewhere), then go
    through every step and save."""
    identity, birth, address, activity, work, _photo, consent, _review = wizard.steps
    for step in (identity, birth, work):
        for name, editor in step.form.editors.items():
            if name in data and hasattr(editor, "setText"):
                editor.setText(str(data[name]))
    identity.sex.set_code(data["sex"])
    address.commune.set_code(data["commune_code"])
    activity.category.set_code(data["category"])
    activity.activity.set_code(data["activity_code"])
    activity.form.editors["years_practice"].setText(str(data["years_practice"]))
    activity.form.editors["qualification_ref"].setText(data["qualification_ref"])
    consent.box.setChecked(True)
    for _ in range(len(wizard.steps)):
        wizard.next()
