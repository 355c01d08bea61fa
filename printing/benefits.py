"""The partner benefits: the core's one loader (``app.benefits``), re-exported for printing."""

from app.benefits import Benefit, Benefits, load_benefits

__all__ = ["Benefit", "Benefits", "load_benefits"]
