"""Property-based tests of the field validators: what they accept is clean, what they refuse
is refused with a message id, and they never raise anything else, whatever the input."""

from __future__ import annotations

import datetime as dt
import re

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import fields as f

anything = st.one_of(
    st.none(),
    st.text(),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.binary(),
    st.lists(st.text(), max_size=3),
)


@settings(max_examples=300)
@given(anything)
def test_validators_refuse_cleanly_or_return_clean_values(value):
    for fn in (
        f.cin,
        f.arabic_name,
        f.latin_name,
        f.date,
        f.phone,
        f.email,
        f.digits,
        f.nia,
        f.sha256_hex,
        f.boolean,
        lambda v: f.integer(v, 0, 95),
        lambda v: f.text(v, 50),
    ):
        try:
            fn(value)
        except f.FieldProblem as problem:
            assert problem.msgid.startswith("error.")


@given(st.from_regex(r"[A-Za-z]{1,2}[0-9]{1,6}", fullmatch=True), st.sampled_from(["", " ", "  "]))
def test_every_well_formed_cin_is_accepted_upper_cased(cin, pad):
    clean = f.cin(pad + cin + pad)
    assert clean == cin.upper() and re.fullmatch(r"[A-Z]{1,2}[0-9]{1,6}", clean)


@given(st.text(max_size=12))
def test_accepted_cins_always_have_the_official_shape(text):
    try:
        clean = f.cin(text)
    except f.FieldProblem:
        return
    assert re.fullmatch(r"[A-Z]{1,2}[0-9]{1,6}", clean)


@given(
    st.sampled_from("67"),
    st.integers(0, 10**8 - 1),
    st.sampled_from(["0{d}", "+212{d}", "00212{d}", "+212 {d}"]),
)
def test_phones_are_stored_in_e164_whatever_the_spelling(lead, rest, spelling):
    local = f"{lead}{rest:08d}"
    try:
        clean = f.phone(spelling.format(d=local))
    except f.FieldProblem:
        assert not phonenumbers.is_valid_number(phonenumbers.parse("+212" + local))
        return
    assert clean == "+212" + local


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_iso_dates_round_trip(day):
    assert f.date(day.isoformat()) == day


@given(st.text(alphabet="0123456789/-. ", max_size=12))
def test_non_iso_dates_are_refused(text):
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return
    with pytest.raises(f.FieldProblem):
        f.date(text)


@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى ", min_size=1, max_size=40))
def test_arabic_letters_are_arabic_names_and_never_latin_ones(text):
    if not text.strip():
        return
    assert f.arabic_name(text) == " ".join(text.split())
    with pytest.raises(f.FieldProblem):
        f.latin_name(text)


@given(st.integers(-1000, 1000))
def test_integer_range_is_enforced(n):
    if 0 <= n <= 95:
        assert f.integer(n, 0, 95) == n and f.integer(str(n), 0, 95) == n
    else:
        with pytest.raises(f.FieldProblem):
            f.integer(n, 0, 95)
