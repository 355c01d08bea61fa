"""Errors of the reference data."""

from __future__ import annotations

from app.errors import UserFacingError


class UnknownCode(UserFacingError, KeyError):
    """A code that is not in the reference data: a ``UserFacingError`` and a ``KeyError``."""

    def __init__(self, msgid: str, code: object) -> None:
        super().__init__(msgid, code=code)
        self.code = code

    def __str__(self) -> str:
        return self.message()


class InvalidNomenclature(UserFacingError, ValueError):
    """A nomenclature file or payload that is refused; nothing was installed or loaded."""

    def __str__(self) -> str:
        return self.message()
