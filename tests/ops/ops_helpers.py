"""What the tests of field operations share (a uniquely named module: ``from conftest import``
would find another folder's conftest when the whole suite runs)."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from app.backups import Kdf
from app.registry.duplicates import DuplicateWarning

FIXED_NOW = dt.datetime(2025, 12, 15, 9, 30, tzinfo=dt.UTC)
CHEAP_KDF = Kdf(time_cost=1, memory_kib=1024, parallelism=1)  # tests only; real: 64 MiB
PASSPHRASE = "souk-el-had agadir 2025"  # noqa: S105 (a test passphrase)


class StepClock:
    def __init__(self) -> None:
        self.now = FIXED_NOW

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(milliseconds=1)
        return self.now


def jpeg(seed: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 50), (seed * 61 % 256, 90, 250 - seed * 37 % 200)).save(buf, "JPEG")
    return buf.getvalue()


def enrol_some(ws, count: int = 4, start: int = 0) -> list[str]:
    """Enrolments through the registry: each with its outbox row, audit entry and photo."""
    communes = ws.geo.communes_in_region("07")
    activities = ws.nomenclature.activities
    uids = []
    for i in range(start, start + count):
        record = {
            "cin": f"EE9{i:05d}",
            "first_name_ar": "فاطمة الزهراء", "last_name_ar": f"العلوي{'ي' * i}",
            "first_name_lat": "Fatima Zahra", "last_name_lat": f"Alaoui{'x' * i}",
            "sex": "F", "birth_date": f"198{i}-04-12", "birth_place": "Marrakech",
            "phone": f"06123456{i:02d}", "commune_code": communes[i].code,
            "category": "experience", "activity_code": activities[i].code,
            "years_practice": 5 + i, "qualification_ref": f"ATT-{i}", "consent_given": True,
            "photo_sha256": ws.registry.add_photo(jpeg(i), "agent1"),
        }  # fmt: skip
        try:
            done = ws.registry.enrol(record, "agent1")
        except DuplicateWarning as exc:  # a demo artisan that looks alike: another person
            seen = [c.record["uid"] for c in exc.candidates]
            done = ws.registry.enrol(record, "agent1", acknowledged=seen)
        uids.append(done.uid)
    return uids
