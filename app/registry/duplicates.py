"""Duplicate detection before every enrolment.

The same CIN (for a person) is a hard stop. The same birth date with a similar name in
either script, transliteration-aware, is a warning the agent must acknowledge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlcipher3

from app.errors import UserFacingError
from app.model.artisan import INDIVIDUAL, full_name_ar, full_name_lat, reference
from app.text.translit import name_similarity, similar_names


@dataclass
class Candidate:
    record: dict
    score: float

    def as_dict(self) -> dict:
        rec = self.record
        return {
            "uid": rec["uid"],
            "ref": reference(rec),
            "cin": rec["cin"],
            "name_lat": full_name_lat(rec),
            "name_ar": full_name_ar(rec),
            "birth_date": rec["birth_date"],
            "commune_code": rec["commune_code"],
            "photo_sha256": rec.get("photo_sha256"),
            "score": round(self.score, 2),
        }


class CinExists(UserFacingError):
    def __init__(self, existing: dict) -> None:
        super().__init__(
            "error.cin_exists",
            cin=existing["cin"],
            name=full_name_lat(existing),
            ref=reference(existing),
        )
        self.existing = existing


class DuplicateWarning(UserFacingError):
    """Similar artisans exist; the agent must open one or confirm this is another person."""

    def __init__(self, candidates: list[Candidate]) -> None:
        super().__init__("error.duplicate_warning", count=len(candidates))
        self.candidates = candidates


@dataclass
class DuplicateReport:
    same_cin: dict | None = None
    candidates: list[Candidate] = field(default_factory=list)


def _score(a: dict, b: dict) -> float:
    pairs = [
        (full_name_lat(a), full_name_lat(b)),
        (full_name_ar(a), full_name_ar(b)),
        (full_name_lat(a), full_name_ar(b)),
        (full_name_ar(a), full_name_lat(b)),
    ]
    return max(name_similarity(x, y) for x, y in pairs if x and y)


def _similar(a: dict, b: dict) -> bool:
    return any(
        similar_names(x, y)
        for x, y in (
            (full_name_lat(a), full_name_lat(b)),
            (full_name_ar(a), full_name_ar(b)),
            (full_name_lat(a), full_name_ar(b)),
            (full_name_ar(a), full_name_lat(b)),
        )
        if x and y
    )


def find_duplicates(
    conn: sqlcipher3.Connection, rec: dict, exclude_uid: str | None = None
) -> DuplicateReport:
    report = DuplicateReport()
    if rec.get("category") in INDIVIDUAL:
        row = conn.execute(
            "SELECT * FROM artisan WHERE cin = ? AND category IN (?, ?, ?) AND uid IS NOT ?",
            (rec["cin"], *INDIVIDUAL, exclude_uid),
        ).fetchone()
        if row is not None:
            report.same_cin = dict(row)
    rows = conn.execute(
        "SELECT * FROM artisan WHERE birth_date = ? AND status != 'deleted' AND uid IS NOT ?",
        (rec["birth_date"], exclude_uid),
    ).fetchall()
    person = rec.get("category") in INDIVIDUAL
    for row in rows:
        other = dict(row)
        if (other["category"] in INDIVIDUAL) != person:
            continue  # a person's own record is not a duplicate of the enterprise they run
        if _similar(rec, other):
            report.candidates.append(Candidate(other, _score(rec, other)))
    report.candidates.sort(key=lambda c: -c.score)
    return report
