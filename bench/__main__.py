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

BENCHES = {"search": "bench.search", "enrol": "bench.enrol"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("name", choices=sorted(BENCHES))
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--quick", action="store_true", help="a reduced run, in seconds")
    args = parser.parse_args(argv)
    module = importlib.import_module(BENCHES[args.name])
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
