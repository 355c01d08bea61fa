"""Render every document, read every QR code back from the image, verify it offline, and
compare what it says with the record."""

from __future__ import annotations

import datetime as dt

import pytest
from print_helpers import NOW, render

from app.card_claims import claim_name
from app.credentials import Status, read_qr_texts, verify
from printing import documents

LATER = NOW + dt.timedelta(minutes=5)


def check(texts: list[str], views, trust) -> None:
    assert len(texts) == len(views)
    by_number = {}
    for text in texts:
        verdict = verify(text, trust, LATER)
        assert verdict.status is Status.VALID_PROVISIONAL, verdict.message()
        by_number[verdict.claims.card_number] = verdict.claims
    for view in views:
        rec = view.record
        claims = next(c for n, c in by_number.items() if n.startswith(view.reference + "-P"))
        # the whole name, unless it passes the claim's 120 characters (then its short form)
        assert claims.name_latin == claim_name(rec["first_name_lat"], rec["last_name_lat"], False)
        assert claims.name_arabic == claim_name(rec["first_name_ar"], rec["last_name_ar"], True)
        if len(view.name_lat()) <= 120:
            assert claims.name_latin == view.name_lat()
        assert claims.birth_date.isoformat() == rec["birth_date"]
        assert claims.gender.name[0] == rec["sex"]
        assert claims.activity_code == rec["activity_code"]
        assert claims.commune_code == rec["commune_code"]
        assert claims.nia == rec["nia"]
        assert claims.expires_at == view.expires_at


def qr_texts(pdf: bytes, dpi: int, pages=None) -> list[str]:
    images = render(pdf, dpi)
    if pages is not None:
        images = [images[i] for i in pages]
    return [t for image in images for t in read_qr_texts(image)]


def test_card_proofs(views, trust):
    some = views[:3]
    texts = qr_texts(documents.proofs(some), 300, pages=[0, 2, 4])
    check(texts, some, trust)


def test_card_proofs_on_a_sheet(views, trust):
    some = views[:8]
    texts = qr_texts(documents.proofs(some, imposed=True), 300, pages=[0])
    check(texts, some, trust)


def test_badges(views, trust):
    some = views[:2]
    check(qr_texts(documents.badges(some), 150), some, trust)


def test_badges_four_to_a_sheet(views, trust):
    some = views[:4]
    check(qr_texts(documents.badges(some, imposed=True), 150), some, trust)


@pytest.mark.parametrize("fmt", ["a5", "roll80"])
def test_receipts(views, trust, fmt):
    some = views[:2]
    check(qr_texts(documents.receipts(some, fmt=fmt), 200), some, trust)


def test_the_reference_is_the_nia_or_the_provisional_one(views, trust):
    view = views[0]
    assert view.reference == (view.record.get("nia") or view.record.get("provisional_ref"))
    verdict = verify(view.qr_text, trust, LATER)
    assert verdict.valid and verdict.claims.nia == view.nia
