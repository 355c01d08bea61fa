"""Who may move an artisan's status where: maker–checker for validation and rejection."""

from __future__ import annotations

from app.model.artisan import STATUSES

REVIEW = ("validated", "rejected", "suspended")


def refusal(role: str, username: str, record: dict, new: str) -> tuple[str, dict] | None:
    """The message id (and parameters) refusing this change, or ``None`` if allowed."""
    if new not in STATUSES:
        return "central.error.status_unknown", {"value": str(new)[:40]}
    current = record["status"]
    if current == "deleted":
        return "central.error.record_deleted", {}
    if new in REVIEW or current in REVIEW:
        if role not in ("supervisor", "operator"):
            return "central.error.supervisor_only", {}
        if new in ("validated", "rejected") and record.get("created_by") == username:
            return "central.error.maker_checker", {}
        if new == "validated" and not record.get("nia"):
            return "central.error.no_nia", {}
    return None
