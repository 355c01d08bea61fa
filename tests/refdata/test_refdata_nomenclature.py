"""The shipped nomenclature: its counts, its codes, its names in both scripts, look-ups."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from app.errors import UserFacingError
from app.refdata import Activity, Nomenclature, UnknownCode, load_nomenclature
from app.refdata.nomenclature import DEFAULT_FOLDER, nomenclature_files
from app.refdata.text import is_arabic_text, is_latin_text


@pytest.fixture(scope="module")
def nom() -> Nomenclature:
    return load_nomenclature()


def all_items(nom: Nomenclature):
    return [*nom.categories, *nom.branches, *nom.activities]


def test_counts_follow_the_decree(nom):
    assert len(nom.categories) == 2
    assert len(nom.branches) == 13
    assert len(nom.activities) == 172
    assert [c.code for c in nom.categories] == ["P", "S"]


def test_shipped_file_is_the_newest_and_indicative(nom):
    assert nom.version == "2025.1"
    assert nom.status == "indicative" and nom.is_indicative
    assert nom.source is not None and nom.source.name == "nomenclature-2025.1.json"
    assert [v for v, _ in nomenclature_files([DEFAULT_FOLDER])][-1] == nom.version
    assert "indicative" in nom.notice["fr"] and "officielle" in nom.notice["fr"]
    assert "استرشادية" in nom.notice["ar"] and "الرسمية" in nom.notice["ar"]


def test_category_names_are_the_decrees(nom):
    assert nom.category("P").ar == "الصناعة التقليدية الإنتاجية الفنية والنفعية"
    assert nom.category("S").ar == "الصناعة التقليدية الخدماتية"


def test_codes_are_unique_and_well_formed(nom):
    codes = [x.code for x in all_items(nom)]
    assert [c for c, n in Counter(codes).items() if n > 1] == []
    for branch in nom.branches:
        assert re.fullmatch(rf"{branch.category}\d\d", branch.code)
    for activity in nom.activities:
        assert re.fullmatch(rf"{re.escape(activity.branch)}\.\d{{3}}", activity.code)


def test_every_parent_exists_and_every_branch_has_activities(nom):
    category_codes = {c.code for c in nom.categories}
    branch_codes = {b.code for b in nom.branches}
    assert all(b.category in category_codes for b in nom.branches)
    assert all(a.branch in branch_codes for a in nom.activities)
    assert all(nom.activities_of(b.code) for b in nom.branches)
    assert all(a.category == nom.branch(a.branch).category for a in nom.activities)


def test_names_are_non_empty_and_in_the_right_script(nom):
    wrong_ar = [x.code for x in all_items(nom) if not x.ar.strip() or not is_arabic_text(x.ar)]
    wrong_fr = [x.code for x in all_items(nom) if not x.fr.strip() or not is_latin_text(x.fr)]
    assert wrong_ar == []
    assert wrong_fr == []
    assert all(x.ar == x.ar.strip() and x.fr == x.fr.strip() for x in all_items(nom))


def test_names_are_distinct_within_each_level(nom):
    for items in (nom.branches, nom.activities):
        for lang in ("fr", "ar"):
            names = Counter(getattr(x, lang) for x in items)
            assert [n for n, k in names.items() if k > 1] == []


def test_craft_vocabulary_is_present(nom):
    arabic = " ".join(a.ar for a in nom.activities)
    for word in ("نجارة", "الخراطة", "الزليج", "الدباغة", "الطرز", "الدرازة", "الخرازة"):
        assert word in arabic, word
    for word in ("النقش على الجبس", "الحلاقة", "حياكة", "السفيفة", "العقاد", "الفران"):
        assert word in arabic, word


def test_branches_of_and_activities_of(nom):
    production, services = nom.branches_of("P"), nom.branches_of("S")
    assert len(production) + len(services) == 13
    assert {b.category for b in production} == {"P"} and {b.category for b in services} == {"S"}
    assert sum(len(nom.activities_of(b.code)) for b in nom.branches) == 172
    assert [a.code for a in nom.activities_of("P01")][:2] == ["P01.001", "P01.002"]
    with pytest.raises(UnknownCode):
        nom.branches_of("X")
    with pytest.raises(UnknownCode):
        nom.activities_of("P99")


def test_lookups_in_both_languages(nom):
    thuya = nom.activity("P01.004")
    assert isinstance(thuya, Activity)
    assert (thuya.branch, thuya.category) == ("P01", "P")
    assert thuya.fr == "Marqueterie de thuya"
    assert nom.label("P01.004", "ar") == "الترصيع على خشب العرعار"
    assert nom.label("P01.004", "fr") == thuya.label("fr") == "Marqueterie de thuya"
    assert nom.label("P01", "fr") == "Travail du bois"
    assert nom.label("S", "ar") == "الصناعة التقليدية الخدماتية"
    assert nom.label("P01.004") == thuya.fr  # the tests run in French
    assert "P01.004" in nom and "P01.999" not in nom
    with pytest.raises(ValueError):
        nom.label("P01.004", "en")


def test_unknown_codes_are_user_facing_key_errors(nom):
    for call in (nom.activity, nom.branch, nom.category, nom.label):
        with pytest.raises(UnknownCode) as info:
            call("Z9.999")
        assert isinstance(info.value, KeyError) and isinstance(info.value, UserFacingError)
        assert "Z9.999" in info.value.message("fr") and "Z9.999" in info.value.message("ar")
        assert not info.value.message("fr").startswith("refdata.")
    with pytest.raises(UnknownCode):
        nom.activity("P01")  # a branch, not an activity


def test_search_activities(nom):
    assert [a.code for a in nom.search("zellige")][:1] == ["P06.006"]
    assert {a.code for a in nom.search("BRODERIE fes")} == {"P05.006"}
    assert "P05.006" in {a.code for a in nom.search("الطرز الفاسي")}
    assert nom.search("plomberie")[0].code == "S02.001"
    assert nom.search("  ") == []
    assert len(nom.search("e", limit=5)) == 5


def test_shipped_file_is_plain_json_with_the_documented_shape():
    doc = json.loads((DEFAULT_FOLDER / "nomenclature-2025.1.json").read_text(encoding="utf-8"))
    assert set(doc) == {"version", "status", "notice", "categories", "branches", "activities"}
    assert set(doc["notice"]) == {"fr", "ar"}
    assert all(set(a) == {"code", "branch", "fr", "ar"} for a in doc["activities"])
