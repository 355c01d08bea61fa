"""The dictionary of Moroccan names (``resources/names/moroccan_names.json``).

First names by sex and family names, each with its Arabic spelling, its Latin spelling as
on a CIN (French style), other Latin spellings met on documents, and a rough frequency
weight. The demo-data generator draws from it; transliteration proposals look names up in it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.text.normalize import normalize_name

RESOURCE = Path(__file__).resolve().parents[2] / "resources" / "names" / "moroccan_names.json"
FAMILY = "family"


@dataclass(frozen=True)
class NameEntry:
    ar: str
    lat: str
    w: int
    variants: tuple[str, ...]
    kind: str  # "M", "F" (first names) or "family"

    @property
    def latin_spellings(self) -> tuple[str, ...]:
        return (self.lat, *self.variants)


@cache
def load_names() -> dict:
    """The dictionary as stored: ``{"first_names": {"M": [...], "F": [...]},
    "family_names": [...]}`` with entries ``{"ar", "lat", "w", "variants"}``. Shared: do not
    modify it."""
    return json.loads(RESOURCE.read_text(encoding="utf-8"))


@cache
def all_entries() -> tuple[NameEntry, ...]:
    data = load_names()
    lists = [(sex, items) for sex, items in data["first_names"].items()]
    lists.append((FAMILY, data["family_names"]))
    return tuple(
        NameEntry(e["ar"], e["lat"], int(e.get("w", 1)), tuple(e.get("variants", ())), kind)
        for kind, items in lists
        for e in items
    )


def _key(text: str) -> str:
    return normalize_name(text)


def _index(pairs: list[tuple[str, NameEntry]]) -> dict[str, NameEntry]:
    """Normalised spelling -> entry; the most frequent entry wins a shared spelling."""
    out: dict[str, NameEntry] = {}
    for text, entry in pairs:
        for key in {_key(text), _key(text).replace(" ", "")}:
            if key and (key not in out or entry.w > out[key].w):
                out[key] = entry
    return out


@cache
def _by_arabic() -> dict[str, NameEntry]:
    return _index([(e.ar, e) for e in all_entries()])


@cache
def _by_latin() -> dict[str, NameEntry]:
    return _index([(s, e) for e in all_entries() for s in e.latin_spellings])


def _get(index: dict[str, NameEntry], text: str) -> NameEntry | None:
    key = _key(text)
    return index.get(key) or index.get(key.replace(" ", ""))


def lookup_arabic(text: str) -> NameEntry | None:
    """The entry whose Arabic spelling is ``text`` (normalised: hamza, ة, tashkeel...;
    spaces optional: بن جلون finds بنجلون)."""
    return _get(_by_arabic(), text)


def lookup_latin(text: str) -> NameEntry | None:
    """The entry with ``text`` among its Latin spellings (case, accents, hyphens folded;
    spaces optional)."""
    return _get(_by_latin(), text)
