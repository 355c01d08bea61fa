"""Reading untrusted JSON into typed values, with a precise ``WireError`` on the first fault."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from app.wire.errors import WireError

MAX_BODY = 8 * 1024 * 1024


def load_json(body: bytes | str) -> Any:
    """Parse a request or response body; ``WireError`` if it is not JSON."""
    if len(body) > MAX_BODY:
        raise WireError("wire.error.too_large", max=MAX_BODY)
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise WireError("wire.error.not_json") from None


def as_object(value: Any, field: str = "") -> dict:
    if not isinstance(value, dict):
        raise WireError("wire.error.not_object", field)
    return value


def only_keys(data: dict, allowed: Iterable[str], field: str = "") -> None:
    allowed = set(allowed)
    for key in data:
        if key not in allowed:
            raise WireError("wire.error.unknown_key", _join(field, str(key)))


def text(
    data: dict,
    key: str,
    field: str = "",
    *,
    max_len: int = 200,
    required: bool = True,
    pattern: str | None = None,
) -> str | None:
    value = data.get(key)
    where = _join(field, key)
    if value is None:
        if required:
            raise WireError("wire.error.missing", where)
        return None
    if not isinstance(value, str):
        raise WireError("wire.error.not_text", where)
    if len(value) > max_len:
        raise WireError("wire.error.too_long", where, max=max_len)
    if "\x00" in value:
        raise WireError("wire.error.bad_format", where)
    if pattern is not None and not re.fullmatch(pattern, value):
        raise WireError("wire.error.bad_format", where)
    if required and not value:
        raise WireError("wire.error.missing", where)
    return value


def integer(
    data: dict,
    key: str,
    field: str = "",
    *,
    low: int = 0,
    high: int = 2**62,
    required: bool = True,
) -> int | None:
    value = data.get(key)
    where = _join(field, key)
    if value is None:
        if required:
            raise WireError("wire.error.missing", where)
        return None
    if type(value) is not int:
        raise WireError("wire.error.not_integer", where)
    if not low <= value <= high:
        raise WireError("wire.error.out_of_range", where, low=low, high=high)
    return value


def mapping(data: dict, key: str, field: str = "", *, required: bool = True) -> dict | None:
    value = data.get(key)
    where = _join(field, key)
    if value is None:
        if required:
            raise WireError("wire.error.missing", where)
        return None
    if not isinstance(value, dict):
        raise WireError("wire.error.not_object", where)
    return value


def array(data: dict, key: str, field: str = "", *, max_items: int = 1000) -> list:
    value = data.get(key)
    where = _join(field, key)
    if value is None:
        raise WireError("wire.error.missing", where)
    if not isinstance(value, list):
        raise WireError("wire.error.not_array", where)
    if len(value) > max_items:
        raise WireError("wire.error.too_many", where, max=max_items)
    return value


def scalar_values(data: dict, field: str, max_len: int = 400) -> dict:
    """A flat object of field → JSON scalar (what patches and base values are)."""
    for key, value in data.items():
        where = _join(field, str(key))
        if len(str(key)) > 64:
            raise WireError("wire.error.too_long", where, max=64)
        if value is not None and not isinstance(value, str | int | float | bool):
            raise WireError("wire.error.not_scalar", where)
        if isinstance(value, str) and len(value) > max_len:
            raise WireError("wire.error.too_long", where, max=max_len)
        if (isinstance(value, str) and "\x00" in value) or "\x00" in str(key):
            raise WireError("wire.error.bad_format", where)
    return data


def _join(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key
