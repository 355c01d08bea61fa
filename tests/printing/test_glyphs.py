"""Every character the printed documents can draw from the catalogues and the benefits list
exists in the shipped Amiri font: a missing glyph prints as an empty box on paper."""

from __future__ import annotations

import json
import re
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFont

ROOT = Path(__file__).resolve().parents[2]
CONTROLS = {"\u200e", "\u200f", "\u2066", "\u2067", "\u2068", "\u2069", "\n"}


def _texts() -> list[str]:
    out = []
    for lang in ("fr", "ar"):
        for name in (f"{lang}.printing.json", f"{lang}.field.json", f"{lang}.json"):
            data = json.loads((ROOT / "resources/i18n" / name).read_text(encoding="utf-8"))
            out += [
                v
                for k, v in data.items()
                if k.startswith(("print.", "field.report", "category.", "status.", "sex."))
            ]
    for path in (ROOT / "resources/benefits").glob("*.json"):
        out += re.findall(
            r'"(?:fr|ar|name_fr|name_ar|partner)"\s*:\s*"([^"]*)"', path.read_text(encoding="utf-8")
        )
    return out


def test_every_printed_character_has_a_glyph_in_amiri():
    cmap = TTFont("Amiri", str(ROOT / "resources/fonts/Amiri-Regular.ttf")).face.charToGlyph
    texts = _texts()
    assert len(texts) > 100
    missing = sorted(
        {
            ch
            for t in texts
            for ch in re.sub(r"\{\w+\}", "", t)
            if ch not in CONTROLS and ord(ch) not in cmap
        }
    )
    assert missing == []
