"""How alike two full names are, across scripts.

Both names become phonetic word groups (:func:`app.text.phonetic.name_groups`), aligned by
a weighted edit distance: weak symbols (the word-initial vowel, w, y, h and the optional
ones: article, ع, long vowels, final ه, final -at) cost little to insert or drop, close
consonants (g/k, g/j, s/z) little to swap, and two consonants followed by clashing written
vowels (Bennani / Bennouna, Ahmed / Hamid) cost more. The score blends the whole-name
alignment with its worst-matched word group, so a name that differs in one whole word
(another family name) scores low even when the rest is the same. The second name's words
are tried in every rotation, so "first last" matches "last first".
"""

from __future__ import annotations

from functools import lru_cache

from app.text.normalize import normalize_name
from app.text.phonetic import name_groups

SIMILARITY_THRESHOLD = 0.8
"""similar_names' default: from this score on, two names are taken as spellings of one.

Chosen on the names dictionary: each entry's Arabic spelling against each of its Latin
spellings (1,092 pairs) scores at least 0.83, 99% of them at least 0.85; of 20,000 random
pairs of different full names (half with the same first name), 99.9% score below 0.75."""

_INS = {"a": 0.3, "w": 0.5, "y": 0.5, "h": 0.5, "L": 0.2, "H": 0.25, "T": 0.15}
_INS.update(D=0.25, E=0.1, I=0.1, U=0.1)
_CLOSE = {
    ("L", "l"): 0.0,
    ("H", "h"): 0.0,
    ("D", "h"): 0.0,
    ("D", "H"): 0.0,
    ("T", "t"): 0.0,
    ("E", "a"): 0.1,
    ("E", "w"): 0.1,
    ("E", "y"): 0.1,
    ("I", "y"): 0.1,
    ("U", "w"): 0.1,
    ("a", "w"): 0.2,
    ("a", "y"): 0.3,
    ("w", "y"): 0.5,
    ("g", "k"): 0.25,
    ("g", "j"): 0.5,
    ("g", "q"): 0.5,
    ("s", "z"): 0.5,
    ("h", "x"): 0.5,
}
_SUB = {**_CLOSE, **{(y, x): c for (x, y), c in _CLOSE.items()}}
VOWEL_CLASH = 0.75  # a written vowel against a different one: Bennani / Bennouna
NO_VOWEL_CLASH = 0.5  # a written vowel against none in Latin: Ahmed / Hamid
_EPS = 1e-9


def _ins(sym: str) -> float:
    return _INS.get(sym, 1.0)


def _unit_cost(x: str, y: str) -> float:
    """Cost of aligning unit x (symbol, vowel) with unit y."""
    cost = 0.0 if x[0] == y[0] else _SUB.get((x[0], y[0]), 1.0)
    if x[1] != y[1] and x[1] != "-" and y[1] != "-":
        cost += NO_VOWEL_CLASH if "0" in (x[1], y[1]) else VOWEL_CLASH
    return cost


_UNITS = [s + v for s in "abcdfghjklmnqrstwxyzLEHTIUD" for v in "aiu0-"]
_COST = {x: {y: _unit_cost(x, y) for y in _UNITS} for x in _UNITS}


def _units(groups: tuple[str, ...]) -> tuple[list[str], list[int], list[float]]:
    units, owner = [], []
    for k, g in enumerate(groups):
        for p in range(0, len(g), 2):
            units.append(g[p : p + 2])
            owner.append(k)
    return units, owner, [_ins(u[0]) for u in units]


def _score(ga: tuple[str, ...], gb: tuple[str, ...]) -> float:
    """Similarity of two group sequences in this order (no rotation)."""
    ua, oa, ins_a = _units(ga)
    ub, ob, ins_b = _units(gb)
    n, m = len(ua), len(ub)
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for j in range(m):
        d[0][j + 1] = d[0][j] + ins_b[j]
    for i in range(n):
        row, prev, cost, dx = d[i + 1], d[i], _COST[ua[i]], ins_a[i]
        row[0] = prev[0] + dx
        for j in range(m):
            best = prev[j] + cost[ub[j]]
            if prev[j + 1] + dx < best:
                best = prev[j + 1] + dx
            if row[j] + ins_b[j] < best:
                best = row[j] + ins_b[j]
            row[j + 1] = best
    cost_a = [0.0] * len(ga)
    cost_b = [0.0] * len(gb)
    i, j = n, m
    while i or j:
        here = d[i][j]
        if i and j:
            sub = _COST[ua[i - 1]][ub[j - 1]]
            if abs(here - d[i - 1][j - 1] - sub) < _EPS:
                cost_a[oa[i - 1]] += sub
                cost_b[ob[j - 1]] += sub
                i, j = i - 1, j - 1
                continue
        if i and abs(here - d[i - 1][j] - ins_a[i - 1]) < _EPS:
            cost_a[oa[i - 1]] += ins_a[i - 1]
            i -= 1
        else:
            cost_b[ob[j - 1]] += ins_b[j - 1]
            j -= 1
    mass_a = [sum(_ins(s) for s in g[::2]) for g in ga]
    mass_b = [sum(_ins(s) for s in g[::2]) for g in gb]
    overall = 1.0 - d[n][m] / max(sum(mass_a), sum(mass_b))
    words = [
        1.0 - cost / mass
        for cost, mass in zip(cost_a + cost_b, mass_a + mass_b, strict=True)
        if mass >= 1.0
    ]
    worst = min(words, default=overall)
    return min(1.0, max(0.0, (overall + max(0.0, worst)) / 2))


@lru_cache(maxsize=8192)
def _similarity(ga: tuple[str, ...], gb: tuple[str, ...]) -> float:
    if "".join(ga) == "".join(gb):
        return 1.0
    return max(_score(ga, gb[r:] + gb[:r]) for r in range(len(gb)))


def name_similarity(a: str, b: str) -> float:
    """How alike two full names are, in [0, 1], whatever their scripts and word order.

    1.0 means the same phonetic spelling ("Mohammed El Alaoui" and "محمد العلوي");
    see :data:`SIMILARITY_THRESHOLD` for where "the same person's name" begins.
    """
    ga, gb = name_groups(a), name_groups(b)
    if not ga or not gb:
        return 1.0 if not ga and not gb and normalize_name(a) == normalize_name(b) else 0.0
    if ga > gb:  # one order for both calls: symmetric by construction
        ga, gb = gb, ga
    return _similarity(ga, gb)


def similar_names(a: str, b: str, threshold: float = SIMILARITY_THRESHOLD) -> bool:
    """True when two full names, in any scripts, are spellings of the same name."""
    ga, gb = name_groups(a), name_groups(b)
    if ga and gb and _upper_bound(ga, gb) < threshold:
        return False  # most pairs stop here, before any alignment
    return name_similarity(a, b) >= threshold


# Symbols that align cheaply with each other share a class; the edit distance is at least
# what it costs to even out the class counts (a swap across classes costs 1 for two).
_CLASS = {**dict.fromkeys("awyEIU", "V"), **dict.fromkeys("hHDx", "h"), "L": "l", "T": "t"}
_CLASS.update({**dict.fromkeys("gkjq", "k"), "z": "s"})
_CLASS_COST = {"V": 0.1, "h": 0.25, "l": 0.2, "t": 0.15}


@lru_cache(maxsize=16384)
def _profile(groups: tuple[str, ...]) -> tuple[dict[str, int], float, bool]:
    counts: dict[str, int] = {}
    for sym in "".join(groups)[::2]:
        c = _CLASS.get(sym, sym)
        counts[c] = counts.get(c, 0) + 1
    masses = [sum(_ins(s) for s in g[::2]) for g in groups]
    return counts, sum(masses), min(masses) >= 1.0


def _upper_bound(ga: tuple[str, ...], gb: tuple[str, ...]) -> float:
    """A score no rotation of these groups can exceed."""
    (ca, ma, heavy_a), (cb, mb, heavy_b) = _profile(ga), _profile(gb)
    low = sum(
        abs(ca.get(c, 0) - cb.get(c, 0)) * _CLASS_COST.get(c, 0.5) for c in ca.keys() | cb.keys()
    )
    # the worst word scores at most the mean of all words (when every word counts)
    worst = 1.0 - low / (ma + mb) if heavy_a and heavy_b else 1.0
    return (1.0 - low / max(ma, mb) + worst) / 2
