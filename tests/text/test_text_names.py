"""The names dictionary (resources/names/moroccan_names.json) and its lookups."""

from __future__ import annotations

import itertools
import json
import re
import unicodedata

import pytest

from app.text.names import (
    RESOURCE,
    all_entries,
    load_names,
    lookup_arabic,
    lookup_latin,
)
from app.text.normalize import normalize_arabic
from app.text.translit import name_similarity, propose_arabic, similar_names

ARABIC_NAME = re.compile(r"^[\u0621-\u064a ]+$")
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z]*(?:[ -][A-Z][A-Za-z]*)*$")
FAMILY = [e for e in all_entries() if e.kind == "family"]


def test_shape_and_size():
    data = load_names()
    assert data["version"] == 1
    assert data["source"]
    assert len(data["first_names"]["M"]) >= 120
    assert len(data["first_names"]["F"]) >= 120
    assert len(data["family_names"]) >= 250
    for entry in data["family_names"] + [e for lst in data["first_names"].values() for e in lst]:
        assert set(entry) == {"ar", "lat", "w", "variants"}
        assert isinstance(entry["w"], int) and entry["w"] >= 1
        assert isinstance(entry["variants"], list)


def test_the_file_is_the_one_the_code_loads():
    assert json.loads(RESOURCE.read_text(encoding="utf-8")) == load_names()
    assert load_names() is load_names()


@pytest.mark.parametrize("entry", all_entries(), ids=lambda e: e.lat)
def test_spellings_are_well_formed(entry):
    assert ARABIC_NAME.match(entry.ar), entry.ar
    assert "\u0640" not in entry.ar  # no tatweel (and the pattern leaves out tashkeel)
    for latin in entry.latin_spellings:
        plain = "".join(c for c in unicodedata.normalize("NFKD", latin) if c.isascii())
        assert LATIN_NAME.match(plain), latin  # letters, accents allowed (Saïd, Fouâd)
    assert len(set(entry.latin_spellings)) == len(entry.latin_spellings)


def test_no_name_is_listed_twice():
    for kind in ("M", "F", "family"):
        arabic = [normalize_arabic(e.ar) for e in all_entries() if e.kind == kind]
        assert len(arabic) == len(set(arabic)), kind


def test_every_arabic_spelling_matches_its_latin_spellings():
    """Checks the dictionary and the phonetic keys together."""
    misses = [
        (e.ar, latin, round(name_similarity(e.ar, latin), 3))
        for e in all_entries()
        for latin in e.latin_spellings
        if not similar_names(e.ar, latin)
    ]
    assert misses == []


def test_different_family_names_rarely_collide():
    """At most 0.1% of the pairs of different family names may look alike, in either
    script. Those that do are near-homonyms: the same root with an affix (Filali /
    Afilal, Talbi / Outaleb) or vowels that one script does not write (Bakri / Bekkari)."""
    pairs = list(itertools.combinations(FAMILY, 2))
    latin = [(a.lat, b.lat) for a, b in pairs if similar_names(a.lat, b.lat)]
    arabic = [(a.ar, b.ar) for a, b in pairs if similar_names(a.ar, b.ar)]
    assert len(latin) <= len(pairs) // 1000, latin
    assert len(arabic) <= len(pairs) // 1000, arabic


def test_lookups_fold_spelling_differences():
    assert lookup_arabic("فَاطِمَة الزَّهْراء").lat == "Fatima Zahra"
    assert lookup_arabic("بن جلون").lat == "Benjelloun"
    assert lookup_latin("FATIMA-ZAHRA").ar == "فاطمة الزهراء"
    assert lookup_latin("ben jelloun").ar == "بنجلون"
    assert lookup_latin("Xyzzy") is None
    assert lookup_arabic("") is None


def test_unambiguous_latin_spellings_give_back_their_arabic():
    seen: dict[str, set[str]] = {}
    for e in all_entries():
        for latin in e.latin_spellings:
            seen.setdefault(latin.casefold(), set()).add(e.ar)
    for e in all_entries():
        if len(seen[e.lat.casefold()]) == 1:
            assert propose_arabic(e.lat) == e.ar
