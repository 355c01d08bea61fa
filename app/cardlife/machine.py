"""The card's life as a state machine: every state, every allowed move, declared once.

    requested → in_production → printed → received → handed_over
    (any state before superseded) → revoked        lost, stolen, damaged, error
    revoked → a new card (reissue)                 handed_over → a new card (renew)
    handed_over → superseded                       when its renewal is handed over

A move not in ``MOVES`` is refused with a message that says why, in the user's language.
"""

from __future__ import annotations

import datetime as dt

REQUESTED = "requested"
IN_PRODUCTION = "in_production"
PRINTED = "printed"
RECEIVED = "received"
HANDED_OVER = "handed_over"
REVOKED = "revoked"
SUPERSEDED = "superseded"

STATES = (REQUESTED, IN_PRODUCTION, PRINTED, RECEIVED, HANDED_OVER, REVOKED, SUPERSEDED)
PIPELINE = (REQUESTED, IN_PRODUCTION, PRINTED, RECEIVED)  # on its way to the artisan
LIVE = (*PIPELINE, HANDED_OVER)  # neither revoked nor superseded

# transition → (states it may start from, state it leads to)
MOVES: dict[str, tuple[tuple[str, ...], str]] = {
    "produce": ((REQUESTED,), IN_PRODUCTION),
    "print": ((IN_PRODUCTION,), PRINTED),
    "receive": ((PRINTED,), RECEIVED),
    "handover": ((RECEIVED,), HANDED_OVER),
    "revoke": (LIVE, REVOKED),
    "supersede": ((HANDED_OVER,), SUPERSEDED),
}

REVOKE_REASONS = ("lost", "stolen", "damaged", "error")
RENEWAL_WINDOW = dt.timedelta(days=90)  # a card may be renewed this long before it expires


def refusal(transition: str, state: str) -> tuple[str, dict]:
    """The message id (and parameters) that explains why ``transition`` is refused from
    ``state``: the specific cases first (a card never printed cannot be handed over)."""
    if transition == "handover" and state in (REQUESTED, IN_PRODUCTION):
        return "field.error.card_never_printed", {}
    if transition == "handover" and state == PRINTED:
        return "field.error.card_not_received", {}
    if transition == "handover" and state == HANDED_OVER:
        return "field.error.card_already_handed", {}
    if state in (REVOKED, SUPERSEDED):
        return "field.error.card_closed", {"state": state}
    return "field.error.card_transition", {"transition": transition, "state": state}
