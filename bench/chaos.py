"""``python -m bench chaos [--minutes M | --quick]``: the reliability campaign.

Within a time budget (10 minutes by default, 2 with ``--quick``; also
``MIHANI_CHAOS_MINUTES``): SIGKILL of the laptop during enrolment, during sync (named crash
points and random moments) and during printing, SIGKILL of the server during push; the
fault-injecting proxy across long sync runs; five laptops of one region soaking one central
service; fuzzing of every parser that reads outside input. It writes ``docs/RELIABILITY.md``
(``--quick``: ``bench/results/RELIABILITY-quick.md``; ``MIHANI_CHAOS_REPORT`` to choose)
and its figures miss their target, so the command exits 1 (``STRICT``), when anything is
lost, doubled, fails an integrity check, or a fuzzed parser crashes.

The machinery is ``bench/chaoskit/`` (shared with the tests). ``MIHANI_CHAOS_PARTS``
(comma-separated names of ``PARTS``) runs some parts only; ``MIHANI_CHAOS_SEED`` changes
the seed.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from bench.chaoskit import Tally
from bench.common import Figure

STRICT = True  # bench/__main__: exit 1 when a figure misses its target
ROOT = Path(__file__).resolve().parent.parent
SEED = 20251215
# part name -> share of the budget (the shares of the parts run are scaled to the budget)
PARTS = {
    "enrol": 0.21,
    "sync": 0.22,
    "server": 0.07,
    "print": 0.10,
    "soak": 0.14,
    "proxy": 0.10,
    "fuzz": 0.08,
    "api": 0.08,
}
NEEDS_SERVICE = {"sync", "server", "soak", "proxy", "api"}
MIN_KILLS = 100  # kills that landed on a running process, in a full run (10 minutes or more)


def _part(name: str, svc, tmp: Path, deadline: float, seed: int) -> Tally:
    rng = random.Random(seed)
    if name == "enrol":
        from bench.chaoskit.enrol_kills import campaign

        return campaign(tmp, deadline, rng)
    if name == "sync":
        from bench.chaoskit.sync_kills import laptop_kills

        return laptop_kills(svc, tmp, deadline, rng)
    if name == "server":
        from bench.chaoskit.sync_kills import server_kills

        return server_kills(svc, tmp, deadline, rng)
    if name == "print":
        from bench.chaoskit.print_kills import campaign

        return campaign(tmp, deadline, rng)
    if name in ("soak", "proxy"):
        from bench.chaoskit.soak import FIVE_LAPTOPS, LONG_RUNS, soak

        return soak(svc, tmp, FIVE_LAPTOPS if name == "soak" else LONG_RUNS, deadline, seed)
    if name == "fuzz":
        from bench.chaoskit.fuzz_local import campaign

        return campaign(tmp, deadline, seed)
    from bench.chaoskit.fuzz_api import campaign

    return campaign(svc, deadline, seed)


def _keyring(tmp: Path) -> None:
    """Throwaway profiles keep their keys in a throwaway keyring file (never the user's)."""
    if "PYTHON_KEYRING_BACKEND" not in os.environ:
        os.environ["XDG_DATA_HOME"] = str(tmp / "keyring")
        os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"


def campaign(minutes: float, parts: list[str], seed: int) -> tuple[list[Tally], float]:
    from bench.chaoskit.service import central_service

    started = time.monotonic()
    end = started + minutes * 60
    tmp = Path(tempfile.mkdtemp(prefix="mihani-chaos-"))
    _keyring(tmp)
    tallies: list[Tally] = []
    with central_service(tmp / "central") if NEEDS_SERVICE & set(parts) else _nothing() as svc:
        for n, name in enumerate(parts):
            shares = sum(PARTS[p] for p in parts[n:])
            # each part's share of what is left, keeping 8 % of it for the end-of-part checks
            span = (end - time.monotonic()) * PARTS[name] / shares
            deadline = time.monotonic() + 0.92 * span
            print(f"   chaos: {name} for {span:.0f} s", flush=True)
            try:
                tally = _part(name, svc, tmp, deadline, seed + n)
            except Exception:  # a part that broke is a failure to report, not a lost run
                tally = Tally(name)
                tally.check(False, traceback.format_exc()[-1500:])
            tallies.append(tally)
            print(f"   chaos: {tally}", flush=True)
    bad = sum(t.bad for t in tallies)
    if bad:
        print(f"   chaos: {bad} failures; the campaign's files are kept in {tmp}", flush=True)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return tallies, time.monotonic() - started


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc) -> None:
        return None


def total_of(tallies: list[Tally]) -> Tally:
    from bench.chaoskit.report import COLUMNS

    total = Tally("total")
    for t in tallies:
        for f in (*COLUMNS, "seconds"):
            setattr(total, f, getattr(total, f) + getattr(t, f))
    return total


def run(quick: bool, minutes: float | None = None) -> list[Figure]:
    from bench.chaoskit.report import write

    env_minutes = os.environ.get("MIHANI_CHAOS_MINUTES")
    minutes = minutes or (float(env_minutes) if env_minutes else 2.0 if quick else 10.0)
    parts = [p for p in os.environ.get("MIHANI_CHAOS_PARTS", "").split(",") if p] or list(PARTS)
    seed = int(os.environ.get("MIHANI_CHAOS_SEED", SEED))
    tallies, seconds = campaign(minutes, parts, seed)
    total = total_of(tallies)
    kills = sum(t.trials for t in tallies if t.part.startswith("SIGKILL"))
    landed = sum(t.faults for t in tallies if t.part.startswith("SIGKILL"))
    default = "bench/results/RELIABILITY-quick.md" if quick else "docs/RELIABILITY.md"
    report = ROOT / os.environ.get("MIHANI_CHAOS_REPORT", default)
    command = "python -m bench chaos " + (f"--minutes {minutes:g}" if not quick else "--quick")
    kinds: dict[str, int] = {}
    for t in tallies:
        for k, v in t.fault_kinds.items():
            kinds[k] = kinds.get(k, 0) + v
    write(report, tallies, total, command=command, minutes=minutes, seed=seed,
          seconds=seconds, proxy_faults=kinds)  # fmt: skip
    print(f"   chaos: report written to {report}", file=sys.stderr)
    full = minutes >= 10 and set(parts) == set(PARTS)
    return [
        Figure("SIGKILL trials", kills, "trials"),
        Figure("SIGKILLs that landed", landed, "kills", f">= {MIN_KILLS}" if full else "",
               landed >= MIN_KILLS if full else None),
        Figure("faults injected", total.faults, "faults"),
        Figure("records written", total.written, "records"),
        Figure("lost", total.lost, "records", "0", total.lost == 0),
        Figure("doubled", total.doubled, "records", "0", total.doubled == 0),
        Figure("integrity checks", total.integrity_checks, "checks"),
        Figure("integrity checks failed", total.integrity_failed, "checks", "0",
               total.integrity_failed == 0),
        Figure("fuzz cases", total.fuzz_cases, "cases"),
        Figure("fuzz failures", total.fuzz_failures, "cases", "0", total.fuzz_failures == 0),
        Figure("duration", seconds / 60, "minutes", f"<= {minutes * 1.15:.1f}",
               seconds <= minutes * 60 * 1.15),
    ]  # fmt: skip
