"""Search as you type on a large replica: name prefixes in both scripts, exact lookups.

Targets (BRIEF section 6): p95 <= 20 ms for a name prefix in either script among 500,000
artisans; <= 2 ms for CIN, NIA and phone.
"""

from __future__ import annotations

import random
import time

from bench.common import Figure, demo_profile, latency_figures, record_distribution

FULL, QUICK = 500_000, 20_000
LATIN = [
    "mohamed",
    "fatima zahra",
    "el alaoui",
    "youssef bennani",
    "khadija",
    "hassan el",
    "ahmed",
    "aicha tazi",
    "said",
    "rachid",
    "zineb",
    "brahim ait",
    "malika",
]
ARABIC = [
    "محمد",
    "فاطمة الزهراء",
    "العلوي",
    "يوسف بناني",
    "خديجة",
    "حسن ال",
    "أحمد",
    "عائشة التازي",
    "سعيد",
    "رشيد",
    "زينب",
    "إبراهيم آيت",
    "مليكة",
]


def _typing(words: list[str]) -> list[str]:
    """Every prefix an agent types on the way to each name: 'm', 'mo', 'moh', ..."""
    return [w[:i] for w in words for i in range(1, len(w) + 1) if not w[:i].endswith(" ")]


def _time(fn, queries) -> list[float]:
    out = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - t) * 1000)
    return out


def run(quick: bool = False) -> list[Figure]:
    from app.registry.search import search
    from app.workspace import open_workspace

    size = QUICK if quick else FULL
    home = demo_profile(size)
    with open_workspace(home) as ws:
        conn = ws.store.read()
        rng = random.Random(5)
        sample = [
            dict(r)
            for r in conn.execute(
                "SELECT cin, nia, phone FROM artisan WHERE phone IS NOT NULL AND id % 97 = 0"
                " LIMIT 400"
            )
        ]
        rng.shuffle(sample)
        for q in _typing(LATIN[:3]):  # warm the page cache as a running app would be
            search(conn, q)
        latin = _time(lambda q: search(conn, q, limit=20), _typing(LATIN) * 3)
        arabic = _time(lambda q: search(conn, q, limit=20), _typing(ARABIC) * 3)
        cin = _time(lambda q: search(conn, q), [s["cin"] for s in sample])
        nia = _time(lambda q: search(conn, q), [s["nia"] for s in sample])
        phone = _time(lambda q: search(conn, q), ["0" + s["phone"][4:] for s in sample])
    record_distribution("name prefix, Latin", latin, "ms", 20)
    record_distribution("name prefix, Arabic", arabic, "ms", 20)
    for label, ms in (("CIN", cin), ("NIA", nia), ("phone", phone)):
        record_distribution(f"{label} lookup", ms, "ms", 2)
    figures = [Figure("artisans in replica", size, "artisans")]
    figures += latency_figures("name prefix, Latin", latin, 20)
    figures += latency_figures("name prefix, Arabic", arabic, 20)
    figures += latency_figures("CIN lookup", cin, 2)
    figures += latency_figures("NIA lookup", nia, 2)
    figures += latency_figures("phone lookup", phone, 2)
    return figures
