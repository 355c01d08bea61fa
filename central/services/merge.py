"""Per-field three-way merge: the client's patch, the values it started from, the server's.

For each field of the patch: the server still holds the client's base → the client's value
applies; the server already holds the client's value → nothing to do; else both changed
it differently → the server keeps its value and a conflict is kept for a person. Never
last-writer-wins in silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def same(a: Any, b: Any) -> bool:
    """Equal as the register means it: empty is empty, 1 is true, 22 is "22"."""
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, bool) or isinstance(b, bool):
        return a in (0, 1) and b in (0, 1) and bool(a) == bool(b)
    numbers = (int, float)
    if {type(a), type(b)} <= {*numbers, str} and type(a) is not type(b):
        return str(a).strip() == str(b).strip()
    return a == b


@dataclass
class Merge:
    apply: dict[str, Any] = field(default_factory=dict)  # fields taking the client's value
    unchanged: list[str] = field(default_factory=list)  # the server already had it
    conflicts: list[tuple[str, Any, Any, Any]] = field(default_factory=list)  # f, base, srv, loc


def three_way(server: dict, base: dict, patch: dict) -> Merge:
    out = Merge()
    for name, local in patch.items():
        current = server.get(name)
        if same(current, local):
            out.unchanged.append(name)
        elif same(current, base.get(name)):
            out.apply[name] = local
        else:
            out.conflicts.append((name, base.get(name), current, local))
    return out
