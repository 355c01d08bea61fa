"""Administrative divisions: counts, hierarchy, look-ups and search in both scripts."""

from __future__ import annotations

from collections import Counter

import pytest

from app.errors import UserFacingError
from app.refdata import Commune, Geo, UnknownCode, load_geo, region_code
from app.refdata.text import is_arabic_text, is_latin_text

TANGER = "01.511.01.0"


@pytest.fixture(scope="module")
def geo() -> Geo:
    return load_geo()


def test_counts(geo):
    assert len(geo.regions) == 12
    assert [r.code for r in geo.regions] == [f"{i:02d}" for i in range(1, 13)]
    assert len(geo.communes) == 1503
    assert len(geo.provinces) == 83
    kinds = Counter(p.type for p in geo.provinces)
    assert kinds["province"] + kinds["prefecture"] == 75
    assert kinds["prefecture_of_arrondissements"] == 8
    assert Counter(c.type for c in geo.communes).keys() == {"urban", "rural"}


def test_load_geo_is_cached(geo):
    assert load_geo() is geo


def test_codes_are_unique_across_levels(geo):
    codes = [x.code for x in (*geo.regions, *geo.provinces, *geo.communes)]
    assert len(codes) == len(set(codes))


def test_every_commune_province_belongs_to_its_region(geo):
    for commune in geo.communes:
        province = geo.province(commune.province)
        assert province.region == commune.region, commune
        assert geo.region(commune.region).code == commune.region
        assert commune.code.startswith(commune.province + ".")
    assert all(geo.region(p.region) for p in geo.provinces)


def test_hierarchy_partitions_the_communes(geo):
    by_region = sum(len(geo.communes_in_region(r.code)) for r in geo.regions)
    by_province = sum(
        len(geo.communes_of(p.code))
        for r in geo.regions
        for p in geo.provinces_of(r.code, include_arrondissements=True)
    )
    assert by_region == by_province == 1503
    assert len(geo.communes_in_region("01")) == 146
    assert sum(len(geo.provinces_of(r.code)) for r in geo.regions) == 75
    with_arr = sum(len(geo.provinces_of(r.code, include_arrondissements=True)) for r in geo.regions)
    assert with_arr == 83


def test_names_in_both_scripts(geo):
    for unit in (*geo.regions, *geo.provinces, *geo.communes):
        assert is_arabic_text(unit.ar), unit
        assert is_latin_text(unit.fr), unit


def test_lookups_in_both_languages(geo):
    assert geo.region("01").fr == "Tanger-Tétouan-Al Hoceima"
    assert geo.region("01").ar == "طنجة-تطوان-الحسيمة"
    assert geo.region(7) is geo.region("7") is geo.region("07")
    assert geo.label("07", "ar") == "مراكش-آسفي"
    assert geo.label(7, "fr") == "Marrakech-Safi"
    assert geo.label("01.511", "fr") == "Tanger-Assilah"
    assert geo.label("01.511", "ar") == "طنجة-أصيلة"
    assert geo.label(TANGER, "ar") == "طنجة"
    assert geo.label(TANGER) == "Tanger"  # the tests run in French
    tanger = geo.commune(TANGER)
    assert isinstance(tanger, Commune)
    assert (tanger.province, tanger.region, tanger.type) == ("01.511", "01", "urban")
    assert tanger.label("ar") == "طنجة"
    with pytest.raises(ValueError):
        geo.label(TANGER, "es")


def test_population(geo):
    assert geo.population(TANGER) == 1275428
    assert all(c.population > 0 for c in geo.communes)


def test_unknown_codes(geo):
    for call, code in (
        (geo.region, "13"),
        (geo.province, "99.999"),
        (geo.commune, "01.511"),  # a province, not a commune
        (geo.label, "00"),
        (geo.population, "nope"),
        (geo.provinces_of, "00"),
        (geo.communes_of, "01.511.01.0"),
    ):
        with pytest.raises(UnknownCode) as info:
            call(code)
        assert isinstance(info.value, KeyError) and isinstance(info.value, UserFacingError)
        assert code in info.value.message("fr") and code in info.value.message("ar")
        assert not info.value.message("ar").startswith("refdata.")


def test_region_code_normalisation():
    assert region_code(1) == region_code("1") == region_code(" 01 ") == "01"
    assert region_code("12") == "12"
    assert region_code("01.511") == "01.511"


def names(communes: list[Commune]) -> list[str]:
    return [c.fr for c in communes]


def test_search_latin_ignores_case_accents_and_hyphens(geo):
    assert names(geo.search_communes("agadir"))[0] == "Agadir"
    assert names(geo.search_communes("AGADIR"))[0] == "Agadir"
    assert names(geo.search_communes("fes"))[0] == "Fès"
    assert names(geo.search_communes("Tetouan"))[0] == "Tétouan"
    assert names(geo.search_communes("Aït-Ourir")) == ["Ait Ourir"]
    assert names(geo.search_communes("laayoune"))[0] == "Laâyoune"
    assert "Ouled M'hamed" in names(geo.search_communes("ouled mhamed"))


def test_search_arabic_ignores_letter_forms(geo):
    assert names(geo.search_communes("أكادير"))[0] == "Agadir"
    assert names(geo.search_communes("اكادير"))[0] == "Agadir"
    assert names(geo.search_communes("طنجه"))[0] == "Tanger"
    assert names(geo.search_communes("مراكش"))[0] == "Marrakech"
    assert names(geo.search_communes("فَاس"))[0] == "Fès"


def test_search_ranks_exact_then_prefix_then_population(geo):
    found = geo.search_communes("sidi")
    assert len(found) > 50
    assert all("sidi" in c.fr.lower() or "سيدي" in c.ar for c in found)
    prefixed = [c for c in found if c.fr.lower().startswith("sidi")]
    assert found[: len(prefixed)] == prefixed
    populations = [c.population for c in prefixed]
    assert populations == sorted(populations, reverse=True)


def test_search_by_region_and_limit(geo):
    in_souss = geo.search_communes("sidi", region="09")
    assert in_souss and {c.region for c in in_souss} == {"09"}
    assert len(geo.search_communes("sidi", region=9, limit=3)) == 3
    assert geo.search_communes("tanger", region="07") == []
    assert geo.search_communes("") == [] and geo.search_communes(" - ") == []
    with pytest.raises(UnknownCode):
        geo.search_communes("sidi", region="42")
