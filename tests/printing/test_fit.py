"""The fit rule: shrink, then wrap, then abbreviate; the ink never leaves the box."""

from __future__ import annotations

import pytest
from reportlab.lib.units import mm

from printing.fit import ELLIPSIS, Box, Style, fit, ink_box, placements
from printing.fonts import BOLD, REGULAR

BOX = Box(0, 0, 40 * mm, 8 * mm)
STYLE = Style(BOLD, 10, 6, 2, 1.15)


def inside(text: str, box: Box, style: Style, variants=()) -> object:
    fitted = fit(text, box, style, variants)
    for line, x, y in placements(fitted, box, style):
        x0, y0, x1, y1 = ink_box(line, x, y, fitted.size)
        assert box.x - 0.01 <= x0 and x1 <= box.right + 0.01, text
        assert box.y - 0.01 <= y0 and y1 <= box.top + 0.01, text
    return fitted


def test_a_short_text_keeps_its_size():
    f = inside("Fatima El Alaoui", BOX, STYLE)
    assert f.size == 10 and len(f.lines) == 1 and not f.abbreviated


def test_shrink_comes_before_wrap():
    f = inside("Fatima Zahra Bent Mohamed El Alaoui", BOX, STYLE)
    assert len(f.lines) == 1 and 6 <= f.size < 10


def test_wrap_comes_after_shrink():
    f = inside("Abderrahmane Mohamed Abdellah Ibrahim Youssef Ben Abdelkader", BOX, STYLE)
    assert len(f.lines) == 2 and not f.abbreviated


def test_abbreviation_comes_last():
    long = "Abderrahmane Mohamed Abdellah Ibrahim Youssef Ben Abdelkader El Idrissi El Hassani"
    f = inside(long + " " + long, BOX, STYLE, variants=["A. M. A. I. Y. Ben Abdelkader"])
    assert f.abbreviated and f.text == "A. M. A. I. Y. Ben Abdelkader"


def test_an_unbreakable_word_is_cut_with_an_ellipsis():
    f = inside("X" * 120, BOX, STYLE)
    assert f.abbreviated and f.text.endswith(ELLIPSIS)


def test_arabic_wraps_and_stays_inside():
    style = Style(BOLD, 10, 6, 2, 1.25, direction="rtl")
    f = inside("عبد الرحمان بن محمد بن عبد الله بن إبراهيم بن يوسف الإدريسي " * 2, BOX, style)
    assert f.lines and all(line.rtl for line in f.lines)


@pytest.mark.parametrize("text", ["", "   ", "•", "ـــــ", "مُحَمَّدٌ " * 30])
def test_odd_texts_never_overflow(text):
    inside(text, Box(0, 0, 20 * mm, 4 * mm), Style(REGULAR, 8, 4, 2))


def test_a_box_too_small_for_anything_gets_nothing_drawn():
    f = fit("Fatima", Box(0, 0, 0.5, 0.5), Style(REGULAR, 8, 4))
    assert f.lines == () or all(ln.advance == 0 for ln in f.lines)
