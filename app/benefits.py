"""The partner benefits the professional card opens: versioned data, French and Arabic.

The one loader of ``resources/benefits/``: printing (receipt, back of the card) and the
record page (``for_record``) both read it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "resources" / "benefits"
_NAME = re.compile(r"benefits-([0-9]+(?:\.[0-9]+)*)\.json")


@dataclass(frozen=True)
class Benefit:
    code: str
    partner: str
    fr: str
    ar: str
    on_card: bool

    def label(self, lang: str) -> str:
        return self.ar if lang == "ar" else self.fr


@dataclass(frozen=True)
class Benefits:
    version: str
    items: tuple[Benefit, ...]
    indicative: bool = True

    def on_card(self) -> tuple[Benefit, ...]:
        return tuple(b for b in self.items if b.on_card)


def _version_key(path: Path) -> tuple[int, ...]:
    m = _NAME.fullmatch(path.name)
    return tuple(int(p) for p in m.group(1).split(".")) if m else ()


@cache
def load_benefits() -> Benefits:
    """The newest ``resources/benefits/benefits-<version>.json``."""
    files = sorted(
        (p for p in FOLDER.glob("benefits-*.json") if _NAME.fullmatch(p.name)), key=_version_key
    )
    if not files:
        raise FileNotFoundError(f"no benefits list in {FOLDER}")
    doc = json.loads(files[-1].read_text(encoding="utf-8"))
    items = tuple(
        Benefit(b["code"], b.get("partner", ""), b["fr"], b["ar"], bool(b.get("card")))
        for b in doc["benefits"]
    )
    return Benefits(doc["version"], items, bool(doc.get("indicative", True)))


def for_record(rec: dict, card_state: str | None, lang: str) -> dict:
    """What the artisan's record shows: the benefits in ``lang``, and whether the card
    that opens them is in the artisan's hands yet."""
    benefits = load_benefits()
    return {
        "version": benefits.version,
        "indicative": benefits.indicative,
        "artisan_uid": rec["uid"],
        "card_state": card_state,
        "open": card_state == "handed_over",
        "items": [
            {"code": b.code, "partner": b.partner, "label": b.label(lang), "on_card": b.on_card}
            for b in benefits.items
        ],
    }
