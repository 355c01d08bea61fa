"""What every benchmark shares: figures, percentiles, and cached demo profiles."""

from __future__ import annotations

import fcntl
import os
import shutil
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def latency_figures(
    label: str, ms: list[float], p95_target: float | None, p50_target: float | None = None
) -> list[Figure]:
    p50, p95 = percentile(ms, 50), percentile(ms, 95)
    return [
        Figure(
            f"{label} p50",
            p50,
            "ms",
            f"<= {p50_target} ms" if p50_target else "",
            None if p50_target is None else p50 <= p50_target,
        ),
        Figure(
            f"{label} p95",
            p95,
            "ms",
            f"<= {p95_target} ms" if p95_target else "",
            None if p95_target is None else p95 <= p95_target,
        ),
        Figure(f"{label} p99", percentile(ms, 99), "ms"),
        Figure(f"{label} mean", statistics.fmean(ms), "ms"),
    ]


def use_bench_keyring() -> None:
    """Benchmarks keep their profiles' keys in a keyring file of their own, never the user's."""
    os.environ["XDG_DATA_HOME"] = str(CACHE / "keyring")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"


def demo_profile(size: int, seed: int = 1, region: str = "07") -> Path:
    """A demo profile of ``size`` artisans, generated once and cached by size and seed."""
    use_bench_keyring()
    from app.demo.fill import fill_demo
    from app.demo.people import GENERATOR_VERSION
    from app.workspace import init_profile

    home = CACHE / f"profile-{region}-{size}-{seed}-g{GENERATOR_VERSION}"
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / f"{home.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two benchmarks never build the same profile at once
        if (home / ".complete").exists():
            return home
        shutil.rmtree(home, ignore_errors=True)
        started = time.perf_counter()
        with init_profile(home, region, "bench", demo=True) as ws:
            fill_demo(ws, size, seed)
            ws.store.writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        seconds = time.perf_counter() - started
        (home / ".complete").write_text(f"{seconds:.1f}\n")
        print(f"   (generated {size} artisans in {seconds:.1f} s)")
        return home


def copy_profile(src: Path, dst: Path) -> Path:
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst)
    return dst


@dataclass
class Series:
    """Raw measurements behind a figure, for the report's plots: ``values`` (a distribution)
    or ``points`` ((x, y) pairs of a timeline)."""

    name: str
    unit: str
    values: list[float] | None = None
    points: list[tuple[float, float]] | None = None
    xlabel: str = ""
    target: float | None = None  # drawn as a reference line
    target_label: str = ""  # what that line is, when it is not a target


SERIES: list[Series] = []


def record_distribution(
    name: str, values: list[float], unit: str = "ms", target: float | None = None
) -> None:
    SERIES.append(Series(name, unit, values=[round(v, 4) for v in values], target=target))


def record_timeline(
    name: str, points: list[tuple[float, float]], unit: str, xlabel: str = "seconds",
    target: float | None = None, target_label: str = "",
) -> None:  # fmt: skip
    """``target``: a rate (unit per x) drawn as a line from the origin."""
    pts = [(round(x, 3), y) for x, y in points]
    SERIES.append(Series(name, unit, points=pts, xlabel=xlabel, target=target,
                         target_label=target_label))  # fmt: skip


class Sampler:
    """Samples ``read()`` every ``every`` seconds on a thread of its own: (seconds, value)."""

    def __init__(self, read, every: float = 0.1) -> None:
        import threading

        self.read, self.every, self.points = read, every, []
        self.stop_event = threading.Event()
        self.started = time.perf_counter()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while not self.stop_event.is_set():
            self.points.append((time.perf_counter() - self.started, self.read()))
            self.stop_event.wait(self.every)

    def stop(self) -> list[tuple[float, float]]:
        self.stop_event.set()
        self.thread.join()
        self.points.append((time.perf_counter() - self.started, self.read()))
        return self.points
