"""The artisan record: its fields, categories and statuses, declared once."""

from __future__ import annotations

CATEGORIES = ("diploma", "experience", "maalem", "cooperative", "enterprise")
INDIVIDUAL = ("diploma", "experience", "maalem")
ORGANISATIONS = ("cooperative", "enterprise")
MIN_YEARS = {"experience": 3, "maalem": 10}
QUALIFICATION_OF = {"diploma": "diploma", "experience": "attestation", "maalem": "attestation"}
STATUSES = ("pending", "validated", "rejected", "suspended", "deleted")
SEXES = ("M", "F")

# Fields an agent may give when enrolling or updating (the rest the core fills in).
INPUT_FIELDS = (
    "cin",
    "first_name_ar", "last_name_ar", "first_name_lat", "last_name_lat",
    "sex", "birth_date", "birth_place",
    "phone", "email", "address",
    "region_code", "province_code", "commune_code",
    "category", "branch_code", "activity_code", "years_practice",
    "qualification_kind", "qualification_ref",
    "workplace", "amo_number", "photo_sha256",
    "consent_given", "consent_at", "consent_agent",
    "org_name", "org_reg_number", "org_supervisor_nia",
)  # fmt: skip

# Fields the core sets; never taken from input.
SYSTEM_FIELDS = (
    "uid", "nia", "provisional_ref", "status", "version", "nomenclature_version",
    "created_at", "created_by", "updated_at", "updated_by",
)  # fmt: skip

RECORD_FIELDS = SYSTEM_FIELDS + INPUT_FIELDS

# Fields an update may not change (identity keys and the record's history).
IMMUTABLE_ON_UPDATE = ("cin",)


def full_name_lat(rec: dict) -> str:
    return f"{rec.get('first_name_lat') or ''} {rec.get('last_name_lat') or ''}".strip()


def full_name_ar(rec: dict) -> str:
    return f"{rec.get('first_name_ar') or ''} {rec.get('last_name_ar') or ''}".strip()


def reference(rec: dict) -> str:
    """The artisan's number: the NIA, else the provisional reference."""
    return rec.get("nia") or rec.get("provisional_ref") or ""
