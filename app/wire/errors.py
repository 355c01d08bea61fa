"""The one error of the wire layer: a payload the other side sent is not what the protocol says.

A ``WireError`` is a ``UserFacingError``: a message id (``wire.error.*``, in the
``central`` catalogues) and parameters, including the ``field`` path it is about.
"""

from __future__ import annotations

from app.errors import UserFacingError


class WireError(UserFacingError):
    """A payload is malformed; ``field`` says where (``mutations[3].patch``)."""

    def __init__(self, msgid: str, field: str = "", **params: object) -> None:
        super().__init__(msgid, field=field or "-", **params)
        self.field = field
