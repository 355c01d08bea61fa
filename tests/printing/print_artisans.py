"""Artisans for the printing tests: one ordinary record and 32 edge cases, and photos."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

BASE = {
    "cin": "EE123456",
    "first_name_ar": "فاطمة الزهراء", "last_name_ar": "العلوي",
    "first_name_lat": "Fatima Zahra", "last_name_lat": "El Alaoui",
    "sex": "F", "birth_date": "1985-04-12", "birth_place": "Marrakech",
    "phone": "0612345678", "commune_code": "07.351.01.0", "category": "experience",
    "activity_code": "P01.001", "years_practice": 12,
    "qualification_ref": "ATT-2025-0042", "consent_given": True,
}  # fmt: skip

LONG_AR = "عبد الرحمان بن محمد بن عبد الله بن إبراهيم بن يوسف الإدريسي"  # 60 characters
LONG_LAT = "Abderrahmane Mohamed Abdellah Ibrahim Youssef Ben Abdelkader"  # 60 characters
# 120 characters, the most a name may have
COOP = (
    "Coopérative artisanale féminine Al Amal pour le tissage des tapis, la broderie et la "
    "poterie traditionnelles de Tamesloht"
)[:120]

# (changes to BASE, why the case is hard)
EDGE: list[tuple[dict, str]] = [
    ({"first_name_lat": LONG_LAT[:60], "last_name_lat": "El Idrissi"}, "long Latin given names"),
    (
        {"last_name_lat": "Ben Abdelkader El Idrissi El Hassani Ait Ouaarab Ouled Sidi"},
        "long Latin family name",
    ),
    ({"first_name_lat": LONG_LAT[:60], "last_name_lat": LONG_LAT[:60]}, "both Latin names at 60"),
    ({"first_name_ar": LONG_AR[:60], "last_name_ar": "الإدريسي"}, "long Arabic given names"),
    (
        {"last_name_ar": "بن عبد القادر الإدريسي الحسني آيت واعراب أولاد سيدي"},
        "long Arabic family name",
    ),
    ({"first_name_ar": LONG_AR[:60], "last_name_ar": LONG_AR[:60]}, "both Arabic names at 60"),
    (
        {
            "first_name_ar": LONG_AR[:60],
            "last_name_ar": LONG_AR[:60],
            "first_name_lat": LONG_LAT,
            "last_name_lat": LONG_LAT,
        },
        "all four names at 60",
    ),
    ({"first_name_lat": "Fatima-Zahra", "last_name_lat": "Ben-Larbi"}, "hyphens"),
    (
        {"first_name_lat": "Jean-Marie-Khalid-Amine", "last_name_lat": "Aït-Ben-Haddou"},
        "many hyphens",
    ),
    ({"last_name_lat": "D'Ouarzazate"}, "apostrophe"),
    ({"first_name_lat": "M'hamed", "last_name_lat": "Aït Ou'Zeggour"}, "two apostrophes"),
    ({"first_name_ar": "مُحَمَّد", "last_name_ar": "العَلَوِيّ"}, "tashkeel"),
    ({"first_name_ar": "عَبْدُ الرَّحْمٰنِ", "last_name_ar": "بْنُ يُوسُفَ الإِدْرِيسِيُّ"}, "heavy tashkeel"),
    ({"first_name_ar": "محمـــد", "last_name_ar": "العـلـوي"}, "tatweel"),
    ({"first_name_ar": "آمنة", "last_name_ar": "بن-عيسى"}, "Arabic hyphen"),
    ({"first_name_lat": "A", "last_name_lat": "B"}, "one-letter names"),
    ({"first_name_ar": "ع", "last_name_ar": "ب"}, "one-letter Arabic names"),
    ({"cin": "A1"}, "one-letter CIN"),
    ({"cin": "Z9"}, "shortest CIN"),
    ({"first_name_lat": "Éléonore Ç.", "last_name_lat": "Ñúñez-Öztürk"}, "diacritics"),
    (
        {
            "category": "cooperative",
            "org_name": COOP,
            "org_reg_number": "COOP-07-2019-000123",
            "years_practice": None,
            "qualification_ref": None,
        },
        "cooperative's long name",
    ),
    (
        {
            "category": "cooperative",
            "org_name": "تعاونية الأمل النسوية للنسيج التقليدي وصناعة الزرابي "
            "والطرز بجهة مراكش آسفي",
            "org_reg_number": "C-12",
            "years_practice": None,
            "qualification_ref": None,
        },
        "Arabic cooperative name",
    ),
    (
        {
            "category": "cooperative",
            "org_name": "Coop",
            "org_reg_number": "C-1",
            "years_practice": None,
            "qualification_ref": None,
        },
        "short cooperative name",
    ),
    ({"category": "maalem", "years_practice": 25}, "maâlem"),
    ({"category": "diploma", "years_practice": None}, "by diploma"),
    ({"commune_code": "07.211.09.45"}, "long commune name"),
    ({"activity_code": "P06.007"}, "long activity name"),
    ({"activity_code": "P03.005"}, "long Arabic activity name"),
    (
        {"first_name_lat": "Mohamed Amine Mohamed Amine", "last_name_lat": "Mohamed"},
        "repeated words",
    ),
    ({"first_name_lat": "X" * 60, "last_name_lat": "Y" * 60}, "unbreakable Latin names"),
    ({"first_name_ar": "ش" * 60, "last_name_ar": "ك" * 60}, "unbreakable Arabic names"),
    ({"first_name_lat": "W" * 30, "last_name_lat": "MMMMMMMMMMMMMMMMMMMM"}, "widest letters"),
    (
        {
            "sex": "M",
            "first_name_ar": "يوسف",
            "last_name_ar": "أوعراب",
            "first_name_lat": "Youssef",
            "last_name_lat": "Ouaarab",
        },
        "short names, a man",
    ),
]


def photo(seed: int, size: tuple[int, int] = (480, 640)) -> bytes:
    """A portrait-like JPEG: a background gradient, a head and shoulders, some texture."""
    rng = random.Random(seed)
    w, h = size
    img = Image.new("RGB", size, (rng.randint(150, 220), rng.randint(150, 220), 230))
    draw = ImageDraw.Draw(img)
    for y in range(0, h, 8):
        shade = int(40 * y / h)
        draw.rectangle((0, y, w, y + 8), fill=(180 - shade, 190 - shade, 210 - shade))
    skin = (rng.randint(150, 220), rng.randint(110, 170), rng.randint(80, 130))
    draw.ellipse((w * 0.3, h * 0.15, w * 0.7, h * 0.55), fill=skin)
    draw.ellipse((w * 0.08, h * 0.6, w * 0.92, h * 1.3), fill=(rng.randint(20, 120),) * 3)
    for _ in range(400):
        x, y = rng.randrange(w), rng.randrange(h)
        draw.point((x, y), fill=(rng.randrange(256),) * 3)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=85)
    return out.getvalue()


def enrol_all(ws, agent: str = "agent1") -> list[dict]:
    """Enrol BASE and every EDGE case (each with its own CIN, birth date and photo)."""
    done = []
    cases = [({}, "ordinary"), *EDGE]
    for i, (changes, why) in enumerate(cases):
        rec = {**BASE, **changes}
        rec = {k: v for k, v in rec.items() if v is not None}
        if "cin" not in changes:
            rec["cin"] = f"EE{100000 + i}"
        rec["birth_date"] = f"19{60 + i % 35}-{1 + i % 12:02d}-{1 + i % 27:02d}"
        if i % 4 != 3:  # some without a photo: the silhouette
            rec["photo_sha256"] = ws.registry.add_photo(photo(i), agent)
        result = ws.registry.enrol(rec, agent, acknowledged=_ack(ws, rec))
        done.append({"why": why, "key": result.reference, "record": result.record})
    return done


def _ack(ws, rec: dict) -> list[str]:
    report = ws.registry.check_duplicates(ws.registry.validate(rec, "agent1"))
    return [c.record["uid"] for c in report.candidates]
