"""Phonetic keys, name similarity and transliteration proposals (app.text.translit)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.text.names import all_entries
from app.text.translit import (
    SIMILARITY_THRESHOLD,
    name_similarity,
    propose_arabic,
    propose_latin,
    similar_names,
    skeleton,
)

# Spellings of one name that the brief requires to match (section 5 and the issue).
SAME = [
    ("El Alaoui", "العلوي"),
    ("Alaoui", "العلوي"),
    ("Fatima-Zahra", "Fatima Zahra"),
    ("Fatima-Zahra", "فاطمة الزهراء"),
    ("Fatima Zahra", "فاطمة الزهراء"),
    ("Abderrahmane", "عبد الرحمن"),
    ("Abderrahmane", "عبدالرحمن"),
    ("Mohamed", "محمد"),
    ("Mohammed", "محمد"),
    ("Mhamed", "محمد"),
    ("Youssef", "يوسف"),
    ("Youssouf", "يوسف"),
    ("Yousef", "يوسف"),
    ("Khadija", "خديجة"),
    ("Chaimae", "شيماء"),
    ("Chaymae", "شيماء"),
    ("Ouafae", "وفاء"),
    ("Wafae", "وفاء"),
    ("Benjelloun", "بنجلون"),
    ("Ben Jelloun", "بنجلون"),
    ("Benjelloun", "بن جلون"),
    ("Ben Jelloun", "Benjelloun"),
    ("Ait Taleb", "آيت الطالب"),
    ("El Idrissi", "الإدريسي"),
    ("Tazi", "التازي"),
    # whole names, in either order
    ("Mohamed El Alaoui", "محمد العلوي"),
    ("Fatima-Zahra Bennani", "فاطمة الزهراء بناني"),
    ("Bennani Fatima Zahra", "فاطمة الزهراء بناني"),
    ("Alaoui Mohamed", "Mohamed Alaoui"),
    ("Youssef Ait Taleb", "آيت الطالب يوسف"),
    ("Khadija El Idrissi", "خديجة الإدريسي"),
]

# The keys themselves agree where the consonants do.
SAME_SKELETON = [
    ("El Alaoui", "العلوي", "alw"),
    ("Fatima-Zahra", "فاطمة الزهراء", "ftmzhr"),
    ("Abderrahmane", "عبد الرحمن", "abdrhmn"),
    ("Mhamed", "محمد", "mhmd"),
    ("Youssouf", "يوسف", "ysf"),
    ("Chaymae", "شيماء", "cm"),
    ("Ouafae", "وفاء", "wf"),
    ("Ben Jelloun", "بنجلون", "bnjln"),
    ("Ait Taleb", "آيت الطالب", "atlb"),
    ("El Idrissi", "الإدريسي", "adrs"),
    ("Tazi", "التازي", "tz"),
]

DIFFERENT = [
    ("Mohamed Alaoui", "Karim Tazi"),
    ("Mohamed Alaoui", "كريم التازي"),
    ("Fatima Zahra Bennani", "Fatima Zahra Alami"),
    ("فاطمة الزهراء بناني", "فاطمة الزهراء العلمي"),
    ("Mohamed Alaoui", "Mohamed Alami"),
    ("Fatima Zahra Bennani", "Fatima Bennani"),
    ("Mohamed", "Mohamed Alaoui"),
    ("Hassan Tazi", "Hassan Tahiri"),
    ("Youssef Amrani", "Yassine Amrani"),
    ("Khadija Berrada", "Khalid Berrada"),
    ("Said Idrissi", "Saad Idrissi"),
    ("Ahmed Bennani", "Hamid Bennani"),
    ("Rachid Bennani", "Rachid Bennouna"),
    ("Brahim Lahlou", "Brahim Lahlali"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_spellings_of_one_name_are_similar(a, b):
    assert similar_names(a, b)
    assert similar_names(b, a)


@pytest.mark.parametrize(("a", "b", "key"), SAME_SKELETON)
def test_spellings_of_one_name_share_a_skeleton(a, b, key):
    assert skeleton(a) == skeleton(b) == key


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_are_not_similar(a, b):
    assert name_similarity(a, b) < SIMILARITY_THRESHOLD
    assert not similar_names(a, b)


def test_threshold_is_a_parameter():
    assert not similar_names("Tazi", "التازي", threshold=1.0)
    assert similar_names("Mohamed Alaoui", "Mohamed Alami", threshold=0.5)


def test_skeleton_is_lowercase_ascii():
    assert skeleton("Fatima-Zahra Ez-Zahraoui العلوي") == "ftmzhrzhrwalw"
    assert skeleton("") == skeleton("؟!") == ""


# --- properties -----------------------------------------------------------------------

LATIN = "abcdefghijklmnopqrstuvwxyz"
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءةى"
TASHKEEL = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
ACCENTS = "\u0301\u0300\u0302\u0308\u0327"
latin_words = st.lists(st.text(alphabet=LATIN, min_size=1, max_size=9), min_size=1, max_size=4)
arabic_words = st.lists(st.text(alphabet=ARABIC, min_size=1, max_size=7), min_size=1, max_size=4)


@given(latin_words, st.sampled_from([str.upper, str.title, str.capitalize]))
def test_skeleton_ignores_case(words, case):
    name = " ".join(words)
    assert skeleton(case(name)) == skeleton(name)


@given(latin_words, st.data())
def test_skeleton_ignores_accents(words, data):
    name = " ".join(words)
    marks = data.draw(st.text(alphabet=ACCENTS + " ", min_size=len(name), max_size=len(name)))
    accented = "".join(c + m.strip() * (c != " ") for c, m in zip(name, marks, strict=True))
    assert skeleton(accented) == skeleton(name)


@given(latin_words)
def test_skeleton_ignores_hyphens_versus_spaces(words):
    assert skeleton("-".join(words)) == skeleton(" ".join(words)) == skeleton(" - ".join(words))


@given(arabic_words, st.data())
def test_skeleton_ignores_tashkeel_and_tatweel(words, data):
    name = " ".join(words)
    size = len(name)
    marks = data.draw(st.text(alphabet=TASHKEEL + "\u0640 ", min_size=size, max_size=size))
    marked = "".join(c + m.strip() * (c != " ") for c, m in zip(name, marks, strict=True))
    assert skeleton(marked) == skeleton(name)


@given(arabic_words, st.data())
def test_skeleton_ignores_alef_forms(words, data):
    name = " ".join(words)
    forms = data.draw(st.text(alphabet="اأإآٱ", min_size=len(name), max_size=len(name)))
    swapped = "".join(f if c == "ا" else c for c, f in zip(name, forms, strict=True))
    assert skeleton(swapped) == skeleton(name)


any_name = st.one_of(
    st.text(max_size=30),
    st.lists(st.text(alphabet=LATIN + ARABIC, min_size=1, max_size=8), max_size=4).map(" ".join),
)


@given(any_name, any_name)
def test_similarity_is_symmetric_and_bounded(a, b):
    score = name_similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert name_similarity(b, a) == score
    assert similar_names(a, b) == similar_names(b, a) == (score >= SIMILARITY_THRESHOLD)


@given(any_name)
def test_a_name_is_fully_similar_to_itself(a):
    assert name_similarity(a, a) == 1.0


first_names = st.sampled_from([e for e in all_entries() if e.kind != "family"])
family_names = st.sampled_from([e for e in all_entries() if e.kind == "family"])


@given(first_names, family_names, st.sampled_from(["ar", "lat"]), st.sampled_from(["ar", "lat"]))
def test_first_and_last_names_may_be_swapped(first, family, script_a, script_b):
    a = getattr(first, script_a) + " " + getattr(family, script_a)
    b = getattr(family, script_b) + " " + getattr(first, script_b)
    assert similar_names(a, b)


# --- proposals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("محمد العلوي", "Mohamed El Alaoui"),
        ("فَاطِمَة الزَّهْراء بناني", "Fatima Zahra Bennani"),
        ("عبد الرحمن بن جلون", "Abderrahmane Benjelloun"),
        ("آيت الطالب", "Ait Taleb"),
        ("علوي", "Alaoui"),
        ("المهدي التازي", "El Mehdi Tazi"),
        ("غسان", "Ghassan"),
        ("شادية", "Chadia"),
        ("الخطيبي", "El Khatibi"),
        ("", ""),
    ],
)
def test_propose_latin(arabic, latin):
    assert propose_latin(arabic) == latin


@pytest.mark.parametrize("arabic", ["غسان الخزرجي", "زغلول", "تاشفين أمغران", "مصعب العسري"])
def test_rule_based_proposals_sound_like_the_arabic(arabic):
    latin = propose_latin(arabic)
    assert latin.isascii() and latin.replace(" ", "").isalpha()
    assert all(word[0].isupper() for word in latin.split())
    assert similar_names(arabic, latin)


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("Mohamed El Alaoui", "محمد العلوي"),
        ("Fatima-Zahra BENNANI", "فاطمة الزهراء بناني"),
        ("Ben Jelloun", "بنجلون"),
        ("Elalaoui", "العلوي"),
        ("Ezzahra", "الزهرة"),
        ("El Tazi", "التازي"),
        ("Youssef Xyzzy", None),
        ("El", None),
        ("", None),
    ],
)
def test_propose_arabic_is_a_dictionary_lookup(latin, arabic):
    assert propose_arabic(latin) == arabic


@given(st.text(max_size=30))
def test_proposals_never_fail(s):
    assert isinstance(propose_latin(s), str)
    assert propose_arabic(s) is None or isinstance(propose_arabic(s), str)
