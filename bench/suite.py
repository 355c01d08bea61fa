"""``python -m bench all``: every benchmark, each in a process of its own (so one's
servers, threads and caches never weigh on the next), then the report (``bench.report``).

The full run writes ``docs/BENCHMARKS.md`` with its plots and raw figures in
``docs/benchmarks/``; ``--quick`` writes to ``bench/.cache/report-quick`` unless ``--out``
says otherwise, so a quick run never replaces the measured report.
"""

from __future__ import annotations

import glob
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.__main__ import available

ROOT = Path(__file__).resolve().parent.parent
# Quick and cheap first; the reliability campaign has its own command and report.
ORDER = ["verify", "enrol", "search", "ui", "startup", "print", "central", "pull", "push"]
EXCLUDED = {"chaos"}


def run_all(quick: bool, only: list[str], out: Path | None) -> int:
    names = [n for n in ORDER if n in available()]
    names += sorted(set(available()) - set(names) - EXCLUDED)
    if only:
        unknown = set(only) - set(names)
        if unknown:
            print(f"unknown benchmarks: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        names = [n for n in names if n in only]
    out = out or (ROOT / "bench" / ".cache" / "report-quick" if quick else ROOT / "docs")
    raw = out / "benchmarks"
    raw.mkdir(parents=True, exist_ok=True)
    machine = describe_machine()
    started = time.perf_counter()
    results = []
    for name in names:
        results.append(_run(name, quick, raw / f"{name}.json"))
    machine["load average at the end"] = _loadavg()
    machine["whole run"] = f"{(time.perf_counter() - started) / 60:.1f} min"
    from bench.report import write_report

    report = write_report(results, machine, out, quick)
    print(f"\nreport: {report}")
    failed = [r["bench"] for r in results if r.get("error")]
    for r in results:
        for f in r["figures"]:
            if f["met"] is False:
                print(f"MISS {r['bench']}: {f['name']}")
    if failed:
        print(f"benchmarks that failed to run: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def _run(name: str, quick: bool, json_path: Path) -> dict:
    cmd = [sys.executable, "-m", "bench", name, "--json", str(json_path)]
    if quick:
        cmd.append("--quick")
    print(f"\n>> {' '.join(cmd[1:4])}{' --quick' if quick else ''}", flush=True)
    json_path.unlink(missing_ok=True)
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # fmt: skip
    seconds = time.perf_counter() - started
    print(proc.stdout, end="", flush=True)
    if proc.returncode != 0 or not json_path.exists():
        tail = "\n".join(proc.stdout.strip().splitlines()[-12:])
        return {"bench": name, "figures": [], "series": [], "seconds": seconds,
                "error": f"exit {proc.returncode}\n{tail}"}  # fmt: skip
    result = json.loads(json_path.read_text(encoding="utf-8"))
    result["seconds"] = seconds
    return result


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _first(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip() if ":" in line else line.split("=", 1)[1]
    except OSError:
        pass
    return "unknown"


def _command(*cmd: str) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _postgres_version() -> str:
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    return _command(binaries[-1], "--version") if binaries else "not found"


def _sqlcipher_version() -> str:
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    try:
        return conn.execute("PRAGMA cipher_version").fetchone()[0]
    finally:
        conn.close()


def describe_machine() -> dict[str, str]:
    mem_kb = _first("/proc/meminfo", "MemTotal").split()[0]
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _command("git", "-C", str(ROOT), "describe", "--always", "--dirty"),
        "CPU": _first("/proc/cpuinfo", "model name"),
        "cores": str(os.cpu_count()),
        "memory": f"{int(mem_kb) / 1024 / 1024:.0f} GiB" if mem_kb.isdigit() else "unknown",
        "system": _first("/etc/os-release", "PRETTY_NAME").strip('"')
        + f", kernel {platform.release()}",
        "Python": platform.python_version(),
        "SQLCipher": _sqlcipher_version(),
        "PostgreSQL": _postgres_version(),
        "load average at the start": _loadavg(),
    }
