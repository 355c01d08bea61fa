"""Validation of a nomenclature document: its shape and its consistency.

A document is refused as a whole, with an ``InvalidNomenclature`` naming the first problem
found: not UTF-8, not JSON, a missing or empty field, a bad version or status, a duplicate
code, a branch whose category does not exist, an activity whose branch does not exist.
"""

from __future__ import annotations

import json
import re

from app.refdata.errors import InvalidNomenclature

STATUSES = ("indicative", "official")
_VERSION = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9}){0,3}")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}")


def refuse(msgid: str, source: str, **params: object) -> InvalidNomenclature:
    return InvalidNomenclature(msgid, source=source, **params)


def parse_nomenclature(data: bytes | str, source: str = "nomenclature") -> dict:
    """Decode and validate a nomenclature document; return it as a dict, or refuse it."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        doc = json.loads(text)
    except UnicodeDecodeError as exc:
        raise refuse("refdata.nomenclature.not_utf8", source, position=exc.start) from exc
    except (json.JSONDecodeError, RecursionError) as exc:
        line, column = getattr(exc, "lineno", 0), getattr(exc, "colno", 0)
        raise refuse("refdata.nomenclature.not_json", source, line=line, column=column) from exc
    validate_nomenclature(doc, source)
    return doc


def validate_nomenclature(doc: object, source: str = "nomenclature") -> None:
    """Check the shape and the consistency of a decoded document; raise if anything is off."""
    if not isinstance(doc, dict):
        raise refuse("refdata.nomenclature.bad_shape", source, where="/")
    version = doc.get("version")
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        raise refuse("refdata.nomenclature.bad_version", source, version=version)
    if doc.get("status") not in STATUSES:
        raise refuse("refdata.nomenclature.bad_status", source, status=doc.get("status"))
    if "notice" in doc:
        _check_names(doc["notice"], "notice", source)
    seen: dict[str, str] = {}
    for key, parent_key, parents, orphan in (
        ("categories", None, None, None),
        ("branches", "category", "categories", "refdata.nomenclature.orphan_branch"),
        ("activities", "branch", "branches", "refdata.nomenclature.orphan_activity"),
    ):
        items = doc.get(key)
        if not isinstance(items, list) or not items:
            raise refuse("refdata.nomenclature.bad_shape", source, where=key)
        for i, item in enumerate(items):
            where = f"{key}[{i}]"
            if not isinstance(item, dict):
                raise refuse("refdata.nomenclature.bad_shape", source, where=where)
            code = item.get("code")
            if not isinstance(code, str) or not _CODE.fullmatch(code):
                raise refuse("refdata.nomenclature.bad_code", source, where=where, code=code)
            if code in seen:
                raise refuse("refdata.nomenclature.duplicate_code", source, code=code)
            _check_names(item, where, source)
            if parent_key is not None:
                parent = item.get(parent_key)
                if not isinstance(parent, str) or seen.get(parent) != parents:
                    raise refuse(orphan, source, code=code, parent=parent)
            seen[code] = key


def _check_names(item: object, where: str, source: str) -> None:
    if not isinstance(item, dict):
        raise refuse("refdata.nomenclature.bad_shape", source, where=where)
    for lang in ("fr", "ar"):
        name = item.get(lang)
        if not isinstance(name, str) or not name.strip():
            raise refuse("refdata.nomenclature.missing_name", source, where=where, lang=lang)
