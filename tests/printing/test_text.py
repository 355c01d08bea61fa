"""Arabic shaping and word order, without rendering."""

from __future__ import annotations

import pytest

from printing.fonts import REGULAR, register_fonts
from printing.text import is_rtl, ltr_run, shape_line, tokens, visual_tokens


def order(text: str, rtl: bool = True) -> list[str]:
    return [t for t, _ in visual_tokens(tokens(text, rtl), rtl)]


def test_arabic_words_run_right_to_left():
    assert order("فاطمة الزهراء العلوي") == ["العلوي", "الزهراء", "فاطمة"]


@pytest.mark.parametrize("number", ["07-00012345-67", "2024-00123", "15/12/2025", "EE123456"])
def test_numbers_and_references_stay_one_left_to_right_run(number):
    shown = order(f"رقم {number} صادر")
    assert shown == ["صادر", number, "رقم"]


def test_dates_keep_their_order_between_arabic_words():
    shown = order("صدرت في 15/12/2025 · صالحة إلى 14/01/2026")
    assert shown == ["14/01/2026", "إلى", "صالحة", "·", "15/12/2025", "في", "صدرت"]


def test_latin_words_keep_their_order_inside_arabic():
    assert order("امتيازات CTM Messagerie للطرود") == ["للطرود", "CTM", "Messagerie", "امتيازات"]


def test_punctuation_after_a_latin_word_goes_to_its_left_in_arabic():
    assert order("MCMA: التأمين") == ["التأمين", ":", "MCMA"]


def test_brackets_are_mirrored_when_they_run_right_to_left():
    assert order("رقم (NIA) هو") == ["هو", "(", "NIA", ")", "رقم"]


def test_latin_lines_are_left_alone():
    assert order("Fatima-Zahra El Alaoui", rtl=False) == ["Fatima-Zahra", "El", "Alaoui"]


def test_direction_is_that_of_the_first_strong_letter():
    assert is_rtl("07 فاطمة")
    assert not is_rtl("Coop تعاونية")
    assert not is_rtl("2025")


def test_arabic_letters_are_shaped_into_joining_forms():
    register_fonts()
    line = shape_line("محمد", REGULAR)
    # HarfBuzz replaced the letters by their contextual glyphs: not the isolated letters
    assert str(line.shaped) != "محمد"[::-1] and str(line.shaped) != "محمد"
    assert line.rtl and line.advance > 0


def test_tashkeel_is_measured_above_the_letters():
    plain = shape_line("محمد", REGULAR)
    marked = shape_line("مُحَمَّدٌ", REGULAR)
    assert marked.top > plain.top


def test_ltr_run_never_reorders():
    assert str(ltr_run("07-00012345-67", REGULAR).shaped) == "07-00012345-67"


def test_a_very_long_line_still_orders():
    words = [f"كلمة{i % 10}" for i in range(300)]
    assert len(order(" ".join(words))) == 300
