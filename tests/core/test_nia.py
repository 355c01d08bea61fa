"""The NIA: our format, its MOD 97-10 check, and the typing errors it catches."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import UserFacingError
from app.nia import make_nia, parse_nia, validate_nia

regions = st.sampled_from([f"{i:02d}" for i in range(1, 13)])
serials = st.integers(min_value=1, max_value=10**8 - 1)


@given(regions, serials)
def test_every_nia_we_make_parses_back(region, serial):
    nia = make_nia(region, serial)
    assert parse_nia(nia) == nia
    assert parse_nia(nia.replace("-", "")) == nia
    assert parse_nia(" ".join(nia.split("-"))) == nia


@given(regions, serials, st.integers(0, 11), st.integers(1, 9))
def test_any_single_digit_error_is_caught(region, serial, pos, delta):
    digits = make_nia(region, serial).replace("-", "")
    wrong = digits[:pos] + str((int(digits[pos]) + delta) % 10) + digits[pos + 1 :]
    assert parse_nia(wrong) is None


@given(regions, serials, st.integers(0, 10))
def test_any_adjacent_transposition_is_caught(region, serial, pos):
    digits = make_nia(region, serial).replace("-", "")
    if digits[pos] == digits[pos + 1]:
        return
    swapped = digits[:pos] + digits[pos + 1] + digits[pos] + digits[pos + 2 :]
    assert parse_nia(swapped) is None


@pytest.mark.parametrize(
    ("text", "msgid"),
    [
        ("07-00000001-00", "error.nia_check"),
        ("07-0001-23", "error.nia_format"),
        ("NIA", "error.nia_format"),
        ("", "error.nia_format"),
    ],
)
def test_bad_nia_is_refused_with_the_right_reason(text, msgid):
    with pytest.raises(UserFacingError) as err:
        validate_nia(text)
    assert err.value.msgid == msgid


def test_make_nia_refuses_out_of_range_parts():
    with pytest.raises(ValueError):
        make_nia("7", 1)
    with pytest.raises(ValueError):
        make_nia("07", 10**8)
