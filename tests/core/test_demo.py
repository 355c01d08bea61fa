"""Demo data is realistic (every artisan passes the enrolment validator) and deterministic."""

from __future__ import annotations

import datetime as dt

from app.demo.people import PeopleFactory
from app.model.artisan import INPUT_FIELDS
from app.model.validate import Context, validate_artisan
from app.text.translit import similar_names


def _people(ws, seed, n=600):
    factory = PeopleFactory("07", ws.geo, ws.nomenclature, seed, dt.date(2025, 12, 15))
    return [factory.artisan(i, "2025-12-15T09:00:00.000Z", "demo") for i in range(n)]


def test_every_demo_artisan_passes_the_validator(ws):
    ctx = Context("07", ws.geo, ws.nomenclature, dt.date(2025, 12, 15), "demo", "now")
    people = _people(ws, 3)
    for rec in people:
        validate_artisan({k: rec[k] for k in INPUT_FIELDS if rec[k] is not None}, ctx)
    assert len({p["cin"] for p in people}) == len(people)
    assert {p["category"] for p in people} == {
        "diploma",
        "experience",
        "maalem",
        "cooperative",
        "enterprise",
    }


def test_arabic_and_latin_spellings_agree(ws):
    for rec in _people(ws, 4, 200):
        lat = f"{rec['first_name_lat']} {rec['last_name_lat']}"
        ar = f"{rec['first_name_ar']} {rec['last_name_ar']}"
        assert similar_names(lat, ar), (lat, ar)


def test_same_seed_same_people_other_seed_other_people(ws):
    assert _people(ws, 9, 50) == _people(ws, 9, 50)
    assert _people(ws, 9, 50) != _people(ws, 10, 50)
