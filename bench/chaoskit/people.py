"""Realistic enrolments of new people (a unique CIN each), shared by the central and sync
tests and the reliability campaign."""

from __future__ import annotations

import itertools

_serial = itertools.count(1)
LAT = ["Khadija", "Youssef", "Fatima", "Omar", "Aicha", "Hassan", "Zineb", "Brahim"]
AR = ["خديجة", "يوسف", "فاطمة", "عمر", "عائشة", "حسن", "زينب", "ابراهيم"]
LAST_LAT = ["Bennani", "El Alaoui", "Tazi", "Amrani", "Idrissi"]
LAST_AR = ["بناني", "العلوي", "التازي", "العمراني", "الإدريسي"]
COMMUNE = {"07": "07.351.01.0", "01": None}


def commune_of(region: str) -> str:
    from app.refdata import load_geo

    if COMMUNE.get(region) is None:
        COMMUNE[region] = load_geo().communes_in_region(region)[0].code
    return COMMUNE[region]  # type: ignore[return-value]


def new_cin() -> str:
    n = next(_serial)
    return f"{chr(65 + n // 10**6 % 26)}{chr(65 + n // (26 * 10**6) % 26)}{n % 10**6:06d}"


def person(region: str = "07", **over) -> dict:
    """A valid enrolment of a new person (unique CIN in this process) in ``region``."""
    n = next(_serial)
    rec = {
        "cin": new_cin(),
        "first_name_ar": AR[n % len(AR)],
        "last_name_ar": LAST_AR[n % len(LAST_AR)],
        "first_name_lat": LAT[n % len(LAT)],
        "last_name_lat": LAST_LAT[n % len(LAST_LAT)],
        "sex": "F" if n % 2 else "M",
        "birth_date": f"{1960 + n % 40}-0{1 + n % 9}-1{n % 10}",
        "phone": f"066{n % 10**7:07d}",
        "commune_code": commune_of(region),
        "category": "experience",
        "activity_code": "P04.001",
        "years_practice": 3 + n % 10,
        "qualification_ref": f"ATT-{n}",
        "consent_given": True,
    }
    rec.update(over)
    return rec
