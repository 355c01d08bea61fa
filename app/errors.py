"""Errors a person can act on, translatable, and the rest.

A ``UserFacingError`` carries a message id and parameters, never a formatted string, so the
CLI and the UI show it in their own language. Anything else is a bug: logged with its
traceback and shown with a "copy details" affordance by the UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.i18n import tr


class UserFacingError(Exception):
    """An error whose message is meant for the user, shown as is."""

    def __init__(self, msgid: str, **params: object) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params

    def message(self, lang: str | None = None) -> str:
        return tr(self.msgid, lang, **self.params)

    def __str__(self) -> str:
        return self.message()


@dataclass(frozen=True)
class FieldError:
    """One refused field: which field, why (message id), with what parameters."""

    field: str
    msgid: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        return tr(self.msgid, lang, **self.params)

    def as_dict(self, lang: str | None = None) -> dict[str, str]:
        return {"field": self.field, "code": self.msgid, "message": self.message(lang)}


class ValidationFailed(UserFacingError):
    """One or more fields were refused; nothing was written."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("error.validation_failed", count=len(errors))
        self.errors = errors

    def message(self, lang: str | None = None) -> str:
        head = tr(self.msgid, lang, count=len(self.errors))
        lines = [f"  - {tr('field.' + e.field, lang)}: {e.message(lang)}" for e in self.errors]
        return "\n".join([head, *lines])


class KeyringUnavailable(UserFacingError):
    def __init__(self, detail: str) -> None:
        super().__init__("error.keyring_unavailable", detail=detail)
