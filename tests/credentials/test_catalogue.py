"""Every message the credentials library can say exists in French and Arabic."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

from app.credentials import Status
from app.i18n import RESOURCES

SOURCE = Path(__file__).resolve().parents[2] / "app" / "credentials"
CATALOGUES = {
    lang: json.loads((RESOURCES / "i18n" / f"{lang}.credentials.json").read_text("utf-8"))
    for lang in ("fr", "ar")
}


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_same_ids_in_both_languages() -> None:
    assert set(CATALOGUES["fr"]) == set(CATALOGUES["ar"])
    for msgid, template in CATALOGUES["fr"].items():
        assert _placeholders(template) == _placeholders(CATALOGUES["ar"][msgid]), msgid
        assert msgid.startswith("credentials.")


def test_every_id_used_in_the_code_is_translated() -> None:
    used: set[str] = set()
    for path in SOURCE.glob("*.py"):
        used |= set(
            re.findall(r'"(credentials\.(?:reason|error|status)\.[a-z_]+)"', path.read_text())
        )
        used |= {
            f"credentials.error.{which}_list_{suffix}"
            for which in ("trust", "revocation")
            for suffix in ("not_root", "not_newer")
        }
    used |= {f"credentials.status.{s}" for s in Status}
    used |= {f"credentials.reason.{s}" for s in (Status.VALID_FINAL, Status.VALID_PROVISIONAL)}
    missing = used - set(CATALOGUES["fr"])
    assert not missing
