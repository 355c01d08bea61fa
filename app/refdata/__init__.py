"""Reference data: the nomenclature of handicraft activities and Morocco's administrative
divisions. Both are read-only, loaded once, and never import Qt."""

from app.refdata.errors import InvalidNomenclature, UnknownCode
from app.refdata.geo import Commune, Geo, Province, Region, load_geo, region_code
from app.refdata.nomenclature import (
    Activity,
    Branch,
    Category,
    Nomenclature,
    install_nomenclature,
    load_nomenclature,
)
from app.refdata.text import fold

__all__ = [
    "Activity",
    "Branch",
    "Category",
    "Commune",
    "Geo",
    "InvalidNomenclature",
    "Nomenclature",
    "Province",
    "Region",
    "UnknownCode",
    "fold",
    "install_nomenclature",
    "load_geo",
    "load_nomenclature",
    "region_code",
]
