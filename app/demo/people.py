"""Realistic demo artisans, deterministic by seed: Moroccan names whose Arabic and Latin
spellings agree, CINs and mobile numbers that validate, communes weighted by their 2024
population, categories, activities and ages. Pure generation, no database.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from itertools import accumulate

import phonenumbers

from app.model.artisan import INDIVIDUAL
from app.nia import make_nia
from app.text.names import load_names

# Bump when the generator's output changes: cached benchmark profiles are keyed on it.
GENERATOR_VERSION = 3  # 3: profiles made with the name index v2 (m005)

# CIN letter prefixes issued in each region (indicative).
CIN_PREFIXES = {
    "01": ["K", "KA", "KB", "L", "LA", "R"],
    "02": ["F", "FA", "FB", "S", "SA", "U"],
    "03": ["C", "CB", "CD", "D", "DA", "Z"],
    "04": ["A", "AB", "AD", "AE", "G", "GA"],
    "05": ["I", "IA", "IB", "M", "Q"],
    "06": ["B", "BE", "BH", "BJ", "BK", "BL", "W"],
    "07": ["E", "EE", "EB", "H", "HA", "N"],
    "08": ["P", "PA", "PB", "V", "UA"],
    "09": ["J", "JA", "JB", "JC", "JE", "JH"],
    "10": ["JF", "JK", "JM"],
    "11": ["SH", "JY"],
    "12": ["SJ", "VA"],
}
CATEGORY_WEIGHTS = (
    ("experience", 55),
    ("diploma", 15),
    ("maalem", 20),
    ("cooperative", 6),
    ("enterprise", 4),
)
COOP_WORDS = ("Coopérative", "Atelier", "Dar", "Union")


def _mobile_prefixes() -> list[str]:
    """The three-digit mobile prefixes (6xx, 7xx) that phonenumbers holds valid."""
    out = []
    for prefix in (f"{lead}{n:02d}" for lead in "67" for n in range(100)):
        samples = (f"+212{prefix}000000", f"+212{prefix}999999", f"+212{prefix}512345")
        if all(phonenumbers.is_valid_number(phonenumbers.parse(x)) for x in samples):
            out.append(prefix)
    return out


MOBILE_PREFIXES = _mobile_prefixes()


class _Weighted:
    def __init__(self, items: list, weights: list[float]) -> None:
        self.items, self.cum = items, list(accumulate(weights))

    def pick(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cum, k=1)[0]


def _qualification_ref(rng: random.Random, category: str) -> str | None:
    if category not in ("diploma", "experience", "maalem"):
        return None
    return f"{'D' if category == 'diploma' else 'A'}-{rng.randrange(10**6):06d}"


class PeopleFactory:
    def __init__(self, region_code: str, geo, nomenclature, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.region = region_code
        self.today = today
        names = load_names()
        self.first = {
            sex: _Weighted(lst, [e.get("w", 1) for e in lst])
            for sex, lst in names["first_names"].items()
        }
        fam = names["family_names"]
        self.family = _Weighted(fam, [e.get("w", 1) for e in fam])
        communes = geo.communes_in_region(region_code)
        self.communes = _Weighted(communes, [c.population or 1 for c in communes])
        self.activities = list(nomenclature.activities)
        self.categories = _Weighted(
            [c for c, _ in CATEGORY_WEIGHTS], [w for _, w in CATEGORY_WEIGHTS]
        )
        self.prefixes = CIN_PREFIXES.get(region_code, ["X"])
        self.nomenclature_version = nomenclature.version
        self.persons: list[int] = []  # serials of individual artisans, for supervisors

    def cin(self, i: int) -> str:
        prefix = self.prefixes[i % len(self.prefixes)]
        number = ((i // len(self.prefixes)) * 7919 + 104_729) % 1_000_000
        return f"{prefix}{number:06d}"

    def phone(self) -> str | None:
        rng = self.rng
        if rng.random() < 0.25:
            return None
        return f"+212{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**6):06d}"

    def artisan(self, i: int, now_iso: str, agent: str) -> dict:
        rng = self.rng
        sex = "F" if rng.random() < 0.42 else "M"
        first, family = self.first[sex].pick(rng), self.family.pick(rng)
        category = self.categories.pick(rng)
        age = min(78, max(18, int(rng.gauss(42, 12))))
        birth = self.today - dt.timedelta(days=age * 365 + rng.randrange(365))
        years = {
            "maalem": rng.randint(10, max(10, age - 12)),
            "experience": rng.randint(3, max(3, age - 14)),
        }.get(category, rng.randint(0, max(0, age - 18)))
        commune = self.communes.pick(rng)
        activity = rng.choice(self.activities)
        rec = {
            "uid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "nia": make_nia(self.region, i + 1),
            "provisional_ref": None,
            "cin": self.cin(i),
            "first_name_ar": first["ar"],
            "last_name_ar": family["ar"],
            "first_name_lat": first["lat"],
            "last_name_lat": family["lat"],
            "sex": sex,
            "birth_date": birth.isoformat(),
            "birth_place": self.communes.pick(rng).fr,
            "phone": self.phone(),
            "email": None,
            "address": None,
            "region_code": self.region,
            "province_code": commune.province,
            "commune_code": commune.code,
            "category": category,
            "branch_code": activity.branch,
            "activity_code": activity.code,
            "years_practice": years,
            "qualification_kind": {"diploma": "diploma"}.get(
                category, "attestation" if category in ("experience", "maalem") else None
            ),
            "qualification_ref": _qualification_ref(rng, category),
            "workplace": None,
            "amo_number": None,
            "photo_sha256": None,
            "consent_given": 1,
            "consent_at": now_iso,
            "consent_agent": agent,
            "org_name": None,
            "org_reg_number": None,
            "org_supervisor_nia": None,
            "status": "validated" if rng.random() < 0.85 else "pending",
            "version": 1,
            "nomenclature_version": self.nomenclature_version,
            "created_at": now_iso,
            "created_by": agent,
            "updated_at": now_iso,
            "updated_by": agent,
        }
        if category in ("cooperative", "enterprise"):
            rec["org_name"] = f"{rng.choice(COOP_WORDS)} {family['lat']} {activity.fr[:30]}"
            rec["org_reg_number"] = f"{self.region}-{category[0].upper()}-{i + 1:07d}"
        if category == "enterprise":  # production supervised by a registered artisan
            rec["org_supervisor_nia"] = (
                make_nia(self.region, rng.choice(self.persons)) if self.persons else None
            )
            if rec["org_supervisor_nia"] is None:  # no artisan yet to supervise it
                rec["category"] = "cooperative"
        elif category in INDIVIDUAL:
            self.persons.append(i + 1)
        if rng.random() < 0.3:
            rec["amo_number"] = f"{rng.randrange(10**9):09d}"
        return rec
