"""The desktop workstation (PySide6 Widgets). Start at ``ui.launcher.run``."""

from __future__ import annotations

import ctypes
import sys


def _shield_none() -> None:
    """PySide 6.12 drops a reference to ``None`` (and to ``True``/``False``) each time it
    converts one to or from a QVariant (a model's ``data()`` returning None, ``property()``
    of a missing name…), so a long session would free ``None`` and crash the interpreter
    ("none_dealloc"). Python 3.12 makes these immortal; on 3.11 give them (and the cached
    small ints) references they can never run out of."""
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False, *range(-5, 257)):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < 1 << 40:
            refcount.value += 1 << 40


_shield_none()
