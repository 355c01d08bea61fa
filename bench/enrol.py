"""Saving one enrolment durably (artisan + outbox + audit in one transaction, fsync'd), on a
copy of a large replica so duplicate checks and indexes are at full size.

Target (BRIEF section 6): median <= 15 ms.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.common import Figure, copy_profile, demo_profile, latency_figures, record_distribution

FULL, QUICK = 500_000, 20_000


def run(quick: bool = False) -> list[Figure]:
    from app.workspace import open_workspace

    size = QUICK if quick else FULL
    count = 100 if quick else 400
    src = demo_profile(size)
    with tempfile.TemporaryDirectory(prefix="mihani-bench-") as tmp:
        home = copy_profile(src, Path(tmp) / "p")
        with open_workspace(home) as ws:
            commune = ws.geo.communes_in_region("07")[3].code
            activity = ws.nomenclature.activities[10].code
            times = []
            for i in range(count):
                record = {
                    "cin": f"ZZ{i:06d}",
                    "first_name_ar": "سعيد",
                    "last_name_ar": "الفاسي",
                    "first_name_lat": "Said",
                    "last_name_lat": "El Fassi",
                    "sex": "M",
                    "birth_date": f"19{60 + i % 30}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "phone": f"06{10000000 + i}",
                    "commune_code": commune,
                    "category": "experience",
                    "activity_code": activity,
                    "years_practice": 6,
                    "qualification_ref": f"A-{i}",
                    "consent_given": True,
                }
                # a namesake born the same day in the demo data: the agent acknowledged it
                report = ws.registry.check_duplicates(ws.registry.validate(record, "bench"))
                ack = [c.record["uid"] for c in report.candidates]
                t = time.perf_counter()
                ws.registry.enrol(record, "bench", acknowledged=ack)
                times.append((time.perf_counter() - t) * 1000)
            integrity = ws.store.integrity_check() if quick else "skipped"
    figures = [
        Figure("artisans in replica", size, "artisans"),
        Figure("enrolments timed", count, "enrolments"),
    ]
    figures += latency_figures("enrol (validate, duplicates, write, fsync)", times, None)
    record_distribution("one enrolment, durable", times, "ms", 15)
    median = sorted(times)[len(times) // 2]
    figures.append(Figure("enrol median", median, "ms", "<= 15 ms", median <= 15))
    if quick:
        figures.append(Figure("integrity_check ok", float(integrity == "ok"), "bool"))
    return figures
