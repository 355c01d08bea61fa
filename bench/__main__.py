"""``python -m bench NAME [--json FILE] [--quick] [--minutes M]``: the one entry point of
every benchmark; ``python -m bench all`` runs them all and writes ``docs/BENCHMARKS.md``.

Each benchmark prints its figures and, with ``--json``, writes
``{"bench": NAME, "figures": [{"name", "value", "unit", "target", "met"}], "series": [...]}``
(``series``: the raw distributions and timelines the report plots). A benchmark module that
sets ``STRICT = True`` (the reliability campaign) makes the command exit 1 when one of its
figures misses its target.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import sys
from dataclasses import asdict
from pathlib import Path

NOT_BENCHES = {"common", "__main__", "__init__", "suite", "report"}


def available() -> dict[str, str]:
    """Every module of ``bench/`` with a ``run(quick)`` function is a benchmark of its name."""
    folder = Path(__file__).resolve().parent
    return {
        p.stem: f"bench.{p.stem}"
        for p in sorted(folder.glob("*.py"))
        if p.stem not in NOT_BENCHES and not p.stem.startswith(("_", "chaos_"))
    }


def run_one(name: str, quick: bool, minutes: float | None, json_path: Path | None) -> int:
    from bench.common import SERIES

    module = importlib.import_module(available()[name])
    kwargs = {}
    if minutes is not None and "minutes" in inspect.signature(module.run).parameters:
        kwargs["minutes"] = minutes
    figures = module.run(quick=quick, **kwargs)
    width = max(len(f.name) for f in figures)
    print(f"== bench {name}{' (quick)' if quick else ''}")
    for f in figures:
        mark = "ok " if f.met else "MISS" if f.met is not None else "   "
        target = f"  target {f.target}" if f.target else ""
        print(f"{mark} {f.name:<{width}}  {f.value:>10.3f} {f.unit}{target}")
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        body = {
            "bench": name,
            "quick": quick,
            "figures": [f.as_dict() for f in figures],
            "series": [asdict(s) for s in SERIES],
        }
        json_path.write_text(json.dumps(body, indent=1, ensure_ascii=False), encoding="utf-8")
    missed = [f.name for f in figures if f.met is False]
    if missed and getattr(module, "STRICT", False):
        print(f"FAILED: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("name", choices=[*sorted(available()), "all"])
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--quick", action="store_true", help="a reduced run, in seconds")
    parser.add_argument("--minutes", type=float, default=None, help="time budget (chaos)")
    parser.add_argument("--only", default="", help="all: these benchmarks only (a,b,...)")
    parser.add_argument("--out", type=Path, default=None, help="all: the report's folder")
    args = parser.parse_args(argv)
    if args.name == "all":
        from bench.suite import run_all

        only = [n for n in args.only.split(",") if n]
        return run_all(quick=args.quick, only=only, out=args.out)
    return run_one(args.name, args.quick, args.minutes, args.json)


if __name__ == "__main__":
    sys.exit(main())
