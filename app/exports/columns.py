"""Which columns an export holds, their headers in the UI's language, and each cell's value.

A code column (commune, province, branch, activity, category, status, sex) is given twice:
its code, for machines, then its label in the export's language, for people.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import UserFacingError
from app.i18n import catalogue, tr
from app.model.artisan import RECORD_FIELDS

DEFAULT_COLUMNS = (
    "nia", "provisional_ref", "cin",
    "last_name_lat", "first_name_lat", "last_name_ar", "first_name_ar",
    "sex", "birth_date", "birth_place", "phone", "email",
    "province_code", "commune_code",
    "category", "branch_code", "activity_code", "years_practice",
    "qualification_ref", "org_name", "org_reg_number",
    "status", "created_at", "updated_at",
)  # fmt: skip

GEO = ("region_code", "province_code", "commune_code")
NOMENCLATURE = ("branch_code", "activity_code")
TRANSLATED = {"category": "category", "status": "status", "sex": "sex"}
NUMERIC = ("years_practice", "version", "consent_given")


@dataclass(frozen=True)
class Column:
    field: str
    label: bool  # True: the code's label, False: the field's own value
    header: str


def header_of(field: str, lang: str) -> str:
    """``field.<name>`` from the core's catalogue; ``export.col.<name>`` for the rest."""
    key = f"field.{field}"
    return tr(key, lang) if key in catalogue(lang) else tr(f"export.col.{field}", lang)


def columns_for(fields: tuple[str, ...] | list[str] | None, lang: str) -> list[Column]:
    """The export's columns for the record fields asked (default: ``DEFAULT_COLUMNS``)."""
    out: list[Column] = []
    for field in fields or DEFAULT_COLUMNS:
        if field not in RECORD_FIELDS:
            raise UserFacingError("export.error.column_unknown", name=field)
        name = header_of(field, lang)
        if field in GEO or field in NOMENCLATURE or field in TRANSLATED:
            out.append(Column(field, False, tr("export.code_header", lang, label=name)))
            out.append(Column(field, True, name))
        else:
            out.append(Column(field, False, name))
    return out


class Labeller:
    """Labels of codes in one language, cached (500,000 rows share a few hundred codes)."""

    def __init__(self, geo, nomenclature, lang: str) -> None:
        self.geo, self.nomenclature, self.lang = geo, nomenclature, lang
        self._cache: dict[tuple[str, str], str] = {}

    def label(self, field: str, code: str) -> str:
        key = (field, code)
        found = self._cache.get(key)
        if found is None:
            found = self._lookup(field, code)
            self._cache[key] = found
        return found

    def _lookup(self, field: str, code: str) -> str:
        if field in TRANSLATED:
            return tr(f"{TRANSLATED[field]}.{code}", self.lang)
        source = self.geo if field in GEO else self.nomenclature
        try:
            return source.label(code, self.lang)
        except KeyError:  # a code this laptop's reference data does not know: keep the code
            return code


def cell(row: dict, column: Column, labels: Labeller) -> str | int:
    """One cell: numbers stay numbers, nothing becomes an empty text."""
    value = row.get(column.field)
    if value is None or value == "":
        return ""
    if column.label:
        return labels.label(column.field, str(value))
    if column.field in NUMERIC and isinstance(value, int):
        return value
    return str(value)
