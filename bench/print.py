"""Card proofs: 1,000 into one PDF, one alone, and the bytes a card costs with its photo.

Measured end to end through ``printing.jobs.make_pdf``: records and photos read from the
encrypted store, claims signed by the laptop's (demo) key, Arabic shaped, QR codes drawn as
vectors, PDF compressed. Every artisan has a photo of its own (a synthetic 3:4 portrait,
480 x 640, about 23 KB), so no image is shared between cards; like the photos the
enrolment screen stores, they go into the PDF as they are. A second run resamples every
photo (as for a photo from elsewhere: another shape, larger, rotated) to time that path.

Targets (BRIEF section 6): >= 100 cards/s; one card <= 100 ms; <= 60 KB per card. The CPU
time per card is printed too: wall-clock rates mean little on a machine busy elsewhere.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
import statistics
import time

from bench.common import CACHE, Figure, percentile, record_distribution, use_bench_keyring

FULL, QUICK = 1000, 100
RESAMPLED = 300  # cards of the run whose photos are all resampled


def _portrait(seed: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    w, h = 480, 640
    img = Image.new("RGB", (w, h), (rng.randint(150, 220), rng.randint(150, 220), 225))
    draw = ImageDraw.Draw(img)
    for y in range(0, h, 6):
        draw.rectangle((0, y, w, y + 6), fill=(200 - y // 12, 205 - y // 12, 215 - y // 14))
    skin = (rng.randint(150, 220), rng.randint(110, 170), rng.randint(80, 130))
    draw.ellipse((w * 0.3, h * 0.15, w * 0.7, h * 0.55), fill=skin)
    draw.ellipse((w * 0.08, h * 0.6, w * 0.92, h * 1.3), fill=(rng.randint(20, 120),) * 3)
    for _ in range(1500):
        draw.point((rng.randrange(w), rng.randrange(h)), fill=(rng.randrange(256),) * 3)
    out = io.BytesIO()
    img.filter(ImageFilter.GaussianBlur(0.8)).save(out, format="JPEG", quality=88)
    return out.getvalue()


def _profile(size: int):
    """A profile of ``size`` demo artisans, each with its own photo (cached)."""
    from app.demo.fill import fill_demo
    from app.errors import UserFacingError
    from app.workspace import init_profile, open_workspace

    use_bench_keyring()
    home = CACHE / f"print-profile-{size}"
    if not (home / ".complete").exists():
        shutil.rmtree(home, ignore_errors=True)
        with init_profile(home, "07", "bench", demo=True) as ws:
            fill_demo(ws, size + size // 5, seed=5)
            conn = ws.store.read()
            rows = conn.execute("SELECT uid, version FROM artisan ORDER BY id").fetchall()
            done = 0
            for i, (uid, version) in enumerate(rows):
                if done == size:
                    break
                digest = ws.registry.add_photo(_portrait(i), "bench")
                try:
                    ws.registry.update(uid, {"photo_sha256": digest}, "bench", version)
                    done += 1
                except UserFacingError:  # a demo record the validator refuses: not printed
                    continue
        (home / ".complete").write_text("ok\n")
    ws = open_workspace(home)
    conn = ws.store.read()
    query = "SELECT uid FROM artisan WHERE photo_sha256 IS NOT NULL ORDER BY id LIMIT ?"
    return ws, [r[0] for r in conn.execute(query, (size,))]


def run(quick: bool = False) -> list[Figure]:
    from app.issuer import demo_issuer
    from printing import photo
    from printing.jobs import make_pdf

    size = QUICK if quick else FULL
    ws, keys = _profile(size)
    with ws:
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        issuer = demo_issuer(ws, now)
        make_pdf(ws, "proof", keys[:2], issuer=issuer, now=now)  # warm: fonts, caches
        singles = []
        for key in keys[-20:]:
            t = time.perf_counter()
            make_pdf(ws, "proof", [key], issuer=issuer, now=now)
            singles.append((time.perf_counter() - t) * 1000)
        t, cpu = time.perf_counter(), time.process_time()
        pdf = make_pdf(ws, "proof", keys, issuer=issuer, now=now)
        batch, cpu = time.perf_counter() - t, time.process_time() - cpu
        t = time.perf_counter()
        sheet = make_pdf(ws, "proof", keys, imposed=True, issuer=issuer, now=now)
        sheet_time = time.perf_counter() - t
        some = keys[:RESAMPLED]
        saved, photo.AS_IS_BYTES = photo.AS_IS_BYTES, 0  # no photo goes in as it is
        try:
            t = time.perf_counter()
            make_pdf(ws, "proof", some, issuer=issuer, now=now)
            resampled = len(some) / (time.perf_counter() - t)
        finally:
            photo.AS_IS_BYTES = saved
    rate = len(keys) / batch
    per_card = len(pdf) / len(keys) / 1000
    one = statistics.median(singles)
    record_distribution("one proof", singles, "ms", 100)
    return [
        Figure("cards in the batch", len(keys), "cards"),
        Figure("batch, one PDF (front + back)", batch, "s"),
        Figure("cards per second", rate, "cards/s", ">= 100", rate >= 100),
        Figure("CPU time per card (both threads)", cpu / len(keys) * 1000, "ms"),
        Figure("one proof, median", one, "ms", "<= 100 ms", one <= 100),
        Figure("one proof, p95", percentile(singles, 95), "ms"),
        Figure("bytes per card with photo", per_card, "KB", "<= 60 KB", per_card <= 60),
        Figure("A4 sheets, cards per second", len(keys) / sheet_time, "cards/s"),
        Figure("A4 sheets, bytes per card", len(sheet) / len(keys) / 1000, "KB"),
        Figure("every photo resampled, cards per second", resampled, "cards/s"),
    ]
