"""``python -m bench NAME [--json FILE] [--quick]``: the one entry point of every benchmark.

Each benchmark prints its figures and, with ``--json``, writes
``{"bench": NAME, "figures": [{"name", "value", "unit", "target", "met"}]}``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

NOT_BENCHES = {"common", "__main__", "__init__"}


def available() -> dict[str, str]:
    """Every module of ``bench/`` with a ``run(quick)`` function is a benchmark of its name."""
    folder = Path(__file__).resolve().parent
    return {
        p.stem: f"bench.{p.stem}"
        for p in sorted(folder.glob("*.py"))
        if p.stem not in NOT_BENCHES and not p.stem.startswith("_")
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    benches = available()
    parser.add_argument("name", choices=sorted(benches))
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--quick", action="store_true", help="a reduced run, in seconds")
    args = parser.parse_args(argv)
    module = importlib.import_module(benches[args.name])
    figures = module.run(quick=args.quick)
    width = max(len(f.name) for f in figures)
    print(f"== bench {args.name}{' (quick)' if args.quick else ''}")
    for f in figures:
        mark = "ok " if f.met else "MISS" if f.met is not None else "   "
        target = f"  target {f.target}" if f.target else ""
        print(f"{mark} {f.name:<{width}}  {f.value:>10.3f} {f.unit}{target}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "bench": args.name,
                    "quick": args.quick,
                    "figures": [f.as_dict() for f in figures],
                },
                indent=2,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
