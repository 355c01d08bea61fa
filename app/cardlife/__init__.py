"""The artisan professional card from request to the artisan's hands, and after:
``machine`` declares the states and moves, ``service.CardLife`` writes them."""

from app.cardlife.machine import LIVE, MOVES, PIPELINE, REVOKE_REASONS, STATES
from app.cardlife.service import CardLife

__all__ = ["LIVE", "MOVES", "PIPELINE", "REVOKE_REASONS", "STATES", "CardLife"]
