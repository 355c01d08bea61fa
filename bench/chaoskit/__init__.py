"""The reliability campaign's machinery (``python -m bench chaos``), shared with the tests:
the central service and laptops (``site``), the fault-injecting proxy (``proxy``), children
that are killed (``enrol_child``, ``sync_child``), the SIGKILL trials (``enrol_kills``,
``sync_kills``, ``print_kills``), the five-laptop soak (``soak``), the fuzzers (``fuzz_*``)
and the report (``report``). Each part returns a ``Tally``."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class Tally:
    """What one part of the campaign did and found. ``lost``, ``doubled``,
    ``integrity_failed`` and ``fuzz_failures`` must all stay 0."""

    part: str
    trials: int = 0
    faults: int = 0  # kills that landed, faults the proxy injected, corrupted inputs...
    written: int = 0  # records acknowledged (enrolments, edits, PDFs, restores)
    lost: int = 0
    doubled: int = 0
    integrity_checks: int = 0
    integrity_failed: int = 0
    conflicts: int = 0  # clashes the server kept for a person to settle
    fuzz_cases: int = 0
    fuzz_failures: int = 0
    seconds: float = 0.0
    details: list[str] = field(default_factory=list)  # the first failures, for the report
    breakdown: dict[str, int] = field(default_factory=dict)  # e.g. fuzz cases per parser
    fault_kinds: dict[str, int] = field(default_factory=dict)  # the proxy's, by kind
    started: float = field(default_factory=time.monotonic, repr=False)

    def failed(self, what: str) -> None:
        if len(self.details) < 20:
            self.details.append(what)

    def check(self, ok: bool, what: str) -> bool:
        """One integrity check: counted, and remembered when it fails."""
        self.integrity_checks += 1
        if not ok:
            self.integrity_failed += 1
            self.failed(what)
        return ok

    def done(self) -> Tally:
        self.seconds = time.monotonic() - self.started
        return self

    @property
    def bad(self) -> int:
        return self.lost + self.doubled + self.integrity_failed + self.fuzz_failures


def left(deadline: float) -> float:
    return deadline - time.monotonic()


def serialise_keyring() -> None:
    """Laptops run as threads of one process here, and the throwaway keyring is one file
    that the file backend rewrites whole on each change: two threads writing at once would
    lose one's entry (a real laptop has its own OS keyring). One lock around the backend's
    calls, once per process."""
    import threading

    import keyring

    backend = keyring.get_keyring()
    if getattr(backend, "_chaos_serialised", False):
        return
    lock = threading.RLock()

    def locked(fn):
        def call(*args, **kw):
            with lock:
                return fn(*args, **kw)

        return call

    for name in ("get_password", "set_password", "delete_password", "get_credential"):
        if hasattr(backend, name):
            setattr(backend, name, locked(getattr(backend, name)))
    backend._chaos_serialised = True
