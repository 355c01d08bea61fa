"""The demo trust a profile makes for itself until device registration exists."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from print_helpers import NOW

from app.credentials import kid_of, parse_delegation
from app.i18n import RESOURCES
from app.issuer import DEMO_DIR, ROOT_KEY_FILE, demo_issuer
from printing.benefits import load_benefits


def test_made_once_and_labelled_demo(world):
    ws = world[0]
    first = demo_issuer(ws, NOW)
    again = demo_issuer(ws, NOW + dt.timedelta(days=2))
    assert kid_of(first.device_key) == kid_of(again.device_key)
    assert first.delegation == again.delegation  # still fresh: not re-issued
    folder = Path(ws.profile.home) / DEMO_DIR
    assert "DEMO" in (folder / "README.txt").read_text(encoding="utf-8")
    assert first.device_id.startswith("DEMO-07-")
    pem = (folder / ROOT_KEY_FILE).read_bytes()
    assert b"ENCRYPTED PRIVATE KEY" in pem  # the root key is passphrase-protected
    for path in folder.iterdir():  # and the device key is in the keyring, not on disk
        raw = first.device_key.private_bytes_raw()
        assert raw not in path.read_bytes() and raw.hex().encode() not in path.read_bytes()


def test_the_certificate_is_renewed_when_half_spent(world):
    ws = world[0]
    old = demo_issuer(ws, NOW)
    cert, _ = parse_delegation(old.delegation)
    later = cert.not_before + dt.timedelta(days=20)
    new = demo_issuer(ws, later)
    assert new.delegation != old.delegation and new.not_after > old.not_after
    demo_issuer(ws, NOW)  # leave the session's certificate covering NOW


def test_catalogues_have_the_same_keys_and_every_id_used_exists():
    fr = json.loads((RESOURCES / "i18n" / "fr.printing.json").read_text(encoding="utf-8"))
    ar = json.loads((RESOURCES / "i18n" / "ar.printing.json").read_text(encoding="utf-8"))
    assert set(fr) == set(ar)
    assert all(fr.values()) and all(ar.values())
    code = RESOURCES.parent / "printing"
    source = "\n".join(p.read_text(encoding="utf-8") for p in code.glob("*.py"))
    used = set(re.findall(r'"(print\.[a-z_.0-9]+)"', source))
    prefixes = set(re.findall(r'"(print\.[a-z_.]+\.)"', source)) | {"print.receipt.next_"}
    assert used - set(fr) - prefixes == set()


def test_thirteen_benefits_in_both_languages():
    benefits = load_benefits()
    assert len(benefits.items) == 13
    assert all(b.fr and b.ar for b in benefits.items)
    assert 4 <= len(benefits.on_card()) <= 7
