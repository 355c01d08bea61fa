"""Printing results for people (in the UI language) or as JSON for scripts."""

from __future__ import annotations

import json
import sys

from app.i18n import tr
from app.model.artisan import full_name_ar, full_name_lat, reference


def emit_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def artisan_summary(rec: dict, geo=None) -> dict:
    commune = geo.label(rec["commune_code"]) if geo else rec["commune_code"]
    return {
        "uid": rec["uid"],
        "ref": reference(rec),
        "nia": rec.get("nia"),
        "provisional_ref": rec.get("provisional_ref"),
        "cin": rec["cin"],
        "name_lat": full_name_lat(rec),
        "name_ar": full_name_ar(rec),
        "first_name_lat": rec["first_name_lat"],
        "last_name_lat": rec["last_name_lat"],
        "first_name_ar": rec["first_name_ar"],
        "last_name_ar": rec["last_name_ar"],
        "birth_date": rec["birth_date"],
        "commune_code": rec["commune_code"],
        "commune": commune,
        "activity_code": rec["activity_code"],
        "phone": rec.get("phone"),
        "status": rec["status"],
    }


def artisan_line(rec: dict) -> str:
    return (
        f"{reference(rec):<16} {rec['cin']:<10} {full_name_lat(rec):<30} "
        f"\u2067{full_name_ar(rec)}\u2069  {rec['birth_date']}  {tr('status.' + rec['status'])}"
    )


def print_errors(errors: list, lang: str | None = None) -> None:
    for e in errors:
        print(f"  - {tr('field.' + e.field, lang)}: {e.message(lang)}", file=sys.stderr)
