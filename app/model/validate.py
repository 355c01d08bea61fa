"""Validation of a whole artisan record: every field, then the rules between fields.

Returns the clean record or raises ``ValidationFailed`` listing every refused field, so the
agent fixes everything in one pass. No database access here (duplicates are elsewhere).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.errors import FieldError, ValidationFailed
from app.model import fields as f
from app.model.artisan import (
    CATEGORIES,
    INDIVIDUAL,
    INPUT_FIELDS,
    MIN_YEARS,
    ORGANISATIONS,
    QUALIFICATION_OF,
    SEXES,
)

MIN_AGE, MAX_AGE = 15, 110


@dataclass
class Context:
    """What validation needs to know: the chamber's region, reference data, today, the agent."""

    region_code: str
    geo: Any
    nomenclature: Any
    today: dt.date
    agent: str
    now_iso: str


class _Collector:
    def __init__(self, raw: dict) -> None:
        self.raw = raw
        self.clean: dict[str, Any] = {}
        self.errors: list[FieldError] = []

    def take(self, name: str, fn, *args: Any, required: bool = False) -> Any:
        value = self.raw.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.errors.append(FieldError(name, "error.required"))
            self.clean[name] = None
            return None
        try:
            result = fn(value, *args)
        except f.FieldProblem as problem:
            self.errors.append(FieldError(name, problem.msgid, problem.params))
            result = None
        self.clean[name] = result
        return result

    def fail(self, field_name: str, msgid: str, **params: object) -> None:
        self.errors.append(FieldError(field_name, msgid, params))


def validate_artisan(raw: object, ctx: Context) -> dict:
    if not isinstance(raw, dict):
        raise ValidationFailed([FieldError("record", "error.not_an_object")])
    c = _Collector(raw)
    for key in raw:
        if key not in INPUT_FIELDS:
            c.fail(str(key), "error.unknown_field", name=str(key))
    _identity(c, ctx)
    _place(c, ctx)
    _activity(c, ctx)
    _organisation(c)
    _consent(c, ctx)
    if c.errors:
        raise ValidationFailed(c.errors)
    c.clean["nomenclature_version"] = ctx.nomenclature.version
    return c.clean


def _identity(c: _Collector, ctx: Context) -> None:
    c.take("cin", f.cin, required=True)
    for name in ("first_name_ar", "last_name_ar"):
        c.take(name, f.arabic_name, required=True)
    for name in ("first_name_lat", "last_name_lat"):
        c.take(name, f.latin_name, required=True)
    sex = c.take("sex", f.text, 1, required=True)
    if sex is not None:
        sex = sex.upper()
        c.clean["sex"] = sex
        if sex not in SEXES:
            c.fail("sex", "error.sex")
    birth = c.take("birth_date", f.date, required=True)
    if birth is not None:
        age = f.age_on(birth, ctx.today)
        c.clean["birth_date"] = birth.isoformat()
        if birth > ctx.today:
            c.fail("birth_date", "error.date_future")
            c.clean["birth_date"] = None
        elif not MIN_AGE <= age <= MAX_AGE:
            c.fail("birth_date", "error.age_range", low=MIN_AGE, high=MAX_AGE)
            c.clean["birth_date"] = None
    c.take("birth_place", f.text, 100)
    c.take("phone", f.phone)
    c.take("email", f.email)
    c.take("address", f.text, 200)
    c.take("amo_number", f.digits, 20)
    c.take("photo_sha256", f.sha256_hex)
    c.take("workplace", f.text, 200)


def _place(c: _Collector, ctx: Context) -> None:
    code = c.take("commune_code", f.text, 16, required=True)
    given_region = c.take("region_code", f.text, 4)
    given_province = c.take("province_code", f.text, 12)
    if code is None:
        return
    try:
        commune = ctx.geo.commune(code)
    except KeyError:
        c.fail("commune_code", "error.commune_unknown", value=code)
        return
    if commune.region != ctx.region_code:
        c.fail("commune_code", "error.commune_other_region", region=ctx.region_code)
    if given_region and given_region != commune.region:
        c.fail("region_code", "error.region_mismatch")
    if given_province and given_province != commune.province:
        c.fail("province_code", "error.province_mismatch")
    c.clean["region_code"] = commune.region
    c.clean["province_code"] = commune.province


def _activity(c: _Collector, ctx: Context) -> None:
    category = c.take("category", f.text, 16, required=True)
    if category is not None and category not in CATEGORIES:
        c.fail("category", "error.category_unknown", value=category)
        category = None
    code = c.take("activity_code", f.text, 16, required=True)
    branch = c.take("branch_code", f.text, 16)
    if code is not None:
        try:
            activity = ctx.nomenclature.activity(code)
        except KeyError:
            c.fail("activity_code", "error.activity_unknown", value=code)
        else:
            if branch and branch != activity.branch:
                c.fail("branch_code", "error.branch_mismatch")
            c.clean["branch_code"] = activity.branch
    years = c.take("years_practice", f.integer, 0, 95, required=category in MIN_YEARS)
    needed = MIN_YEARS.get(category or "")
    if years is not None and needed is not None and years < needed:
        c.fail("years_practice", f"error.years_min_{category}", min=needed, years=years)
    birth = c.clean.get("birth_date")
    if years is not None and birth and category in INDIVIDUAL:
        age = f.age_on(dt.date.fromisoformat(birth), ctx.today)
        if years > max(age - 8, 0):
            c.fail("years_practice", "error.years_exceed_age", age=age)
    kind = c.take("qualification_kind", f.text, 16)
    expected = QUALIFICATION_OF.get(category or "")
    if expected:
        if kind and kind != expected:
            c.fail("qualification_kind", f"error.qualification_{expected}")
        c.clean["qualification_kind"] = expected
        c.take("qualification_ref", f.text, 64, required=True)
    else:
        c.take("qualification_ref", f.text, 64)


def _organisation(c: _Collector) -> None:
    category = c.clean.get("category")
    is_org = category in ORGANISATIONS
    c.take("org_name", f.text, 120, required=is_org)
    c.take("org_reg_number", f.text, 40, required=is_org)
    c.take("org_supervisor_nia", f.nia, required=category == "enterprise")
    if not is_org:
        for name in ("org_name", "org_reg_number", "org_supervisor_nia"):
            if c.clean.get(name):
                c.fail(name, "error.org_only")


def _consent(c: _Collector, ctx: Context) -> None:
    given = c.take("consent_given", f.boolean, required=True)
    if given is False:
        c.fail("consent_given", "error.consent_required")
    c.take("consent_at", f.text, 32)
    c.take("consent_agent", f.text, 64)
    c.clean["consent_at"] = c.clean.get("consent_at") or ctx.now_iso
    c.clean["consent_agent"] = c.clean.get("consent_agent") or ctx.agent
