"""Render the printed documents to docs/screenshots/print-*.png, from a throw-away profile.

    .venv/bin/python scripts/screenshots_print.py

Needs pdftoppm (poppler-utils). Uses a keyring file of its own in a temporary folder, never
the user's keyring, and a fixed date so the images change only when the layout does.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
NOW = dt.datetime(2025, 12, 15, 9, 30, tzinfo=dt.UTC)

PEOPLE = [
    {"first_name_ar": "فاطمة الزهراء", "last_name_ar": "العلوي", "first_name_lat": "Fatima Zahra",
     "last_name_lat": "El Alaoui", "sex": "F", "category": "maalem", "years_practice": 24,
     "activity_code": "P04.001", "commune_code": "07.351.01.0"},
    {"first_name_ar": "عبد الرحمان", "last_name_ar": "أيت بن حدو", "first_name_lat": "Abderrahmane",
     "last_name_lat": "Aït Ben Haddou", "sex": "M", "category": "experience", "years_practice": 9,
     "activity_code": "P06.007", "commune_code": "07.211.09.45"},
    {"first_name_ar": "خديجة", "last_name_ar": "بناني", "first_name_lat": "Khadija",
     "last_name_lat": "Bennani", "sex": "F", "category": "cooperative",
     "org_name": "Coopérative Al Amal de tissage et de broderie", "org_reg_number": "C-07-118",
     "activity_code": "P01.001", "commune_code": "07.351.01.0"},
]  # fmt: skip


def portrait(seed: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    w, h = 480, 640
    img = Image.new("RGB", (w, h), (196, 206, 222))
    draw = ImageDraw.Draw(img)
    skin = (rng.randint(160, 215), rng.randint(120, 165), rng.randint(90, 125))
    draw.ellipse((w * 0.3, h * 0.15, w * 0.7, h * 0.55), fill=skin)
    draw.ellipse((w * 0.08, h * 0.6, w * 0.92, h * 1.3), fill=(rng.randint(30, 110),) * 3)
    out = io.BytesIO()
    img.filter(ImageFilter.GaussianBlur(1)).save(out, format="JPEG", quality=88)
    return out.getvalue()


def png(pdf: bytes, name: str, dpi: int, page: int = 1) -> Path:
    tool = shutil.which("pdftoppm")
    if tool is None:
        sys.exit("pdftoppm is missing: install poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        args = [tool, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile"]
        subprocess.run([*args, str(src), str(OUT / name)], check=True)  # noqa: S603
    return OUT / f"{name}.png"


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="mihani-screens-"))
    os.environ["XDG_DATA_HOME"] = str(tmp / "keyring")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    from app.workspace import init_profile
    from printing import documents
    from printing.model import collect

    try:
        clock = iter(NOW - dt.timedelta(minutes=30) + dt.timedelta(seconds=i) for i in range(10**6))
        with init_profile(tmp / "profile", "07", "agent1", clock=lambda: next(clock)) as ws:
            keys = []
            for i, person in enumerate(PEOPLE):
                rec = {
                    "cin": f"EE{445566 + i}",
                    "birth_date": f"198{i}-0{i + 3}-1{i}",
                    "consent_given": True,
                    "qualification_ref": f"ATT-07-2025-01{i}",
                    "photo_sha256": ws.registry.add_photo(portrait(i), "agent1"),
                    **person,
                }
                if person["category"] == "cooperative":
                    rec.pop("qualification_ref")
                keys.append(ws.registry.enrol(rec, "agent1").reference)
            views = collect(ws, keys, now=NOW)
        OUT.mkdir(parents=True, exist_ok=True)
        proof = documents.proofs(views[:1])
        shots = [
            png(proof, "print-proof-front", 300, 1),
            png(proof, "print-proof-back", 300, 2),
            png(documents.badges(views[1:2]), "print-badge", 150),
            png(documents.receipts(views[:1]), "print-receipt-a5", 110),
            png(documents.receipts(views[2:3], fmt="roll80"), "print-receipt-roll", 150),
            png(documents.proofs(views * 3, imposed=True), "print-sheet-a4", 90),
        ]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for shot in shots:
        print(shot.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
