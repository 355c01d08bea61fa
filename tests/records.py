"""Records the tests of every room share (imported as ``tests.records``)."""

from __future__ import annotations


def valid_record(ws, **changes: object) -> dict:
    """A complete, valid enrolment for region 07 (Marrakech-Safi), with ``changes``."""
    commune = ws.geo.communes_in_region("07")[0]
    activity = ws.nomenclature.activities[0]
    return {
        "cin": "EE123456",
        "first_name_ar": "فاطمة الزهراء", "last_name_ar": "العلوي",
        "first_name_lat": "Fatima Zahra", "last_name_lat": "El Alaoui",
        "sex": "F", "birth_date": "1985-04-12", "birth_place": "Marrakech",
        "phone": "0612345678", "commune_code": commune.code, "category": "experience",
        "activity_code": activity.code, "years_practice": 12,
        "qualification_ref": "ATT-2025-0042", "consent_given": True,
        **changes,
    }  # fmt: skip


CORE_TABLES = ("artisan", "outbox", "audit", "photo")


def counts(ws, tables: tuple[str, ...] = CORE_TABLES) -> dict:
    """Rows per table: a refused action must leave every count as it was."""
    conn = ws.store.read()
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # noqa: S608
