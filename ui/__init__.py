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


def _core_first() -> None:
    """Import the application's core (no Qt in it) before PySide6 is loaded: PySide 6 reads
    the source of every module imported after it (its ``__feature__`` import hook), which
    cost a quarter of a second at start-up for the core and its libraries."""
    if "PySide6" in sys.modules:
        return
    import importlib

    for name in CORE_MODULES:
        importlib.import_module(name)


CORE_MODULES = (
    "app.workspace", "app.agents", "app.registry.search", "app.registry.browse",
    "app.exports.service", "app.cardlife.service", "app.reports.build", "app.conflicts",
    "app.caravan", "app.activity_log", "app.benefits", "app.credentials", "keyring",
)  # fmt: skip

_core_first()
