"""The curated reference tables (graph/reference/*.tsv): countries, regions, provinces, cities.

Read by extraction (as gazetteers) and by `triples` (as the reference named graph); no RDF here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from diplograph.resources import data_dir


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, EU, an M49 number or an x- slug for areas
    kind: str  # country, region, supranational, area
    name_en: str
    name_zh: str
    aliases_zh: tuple[str, ...]
    aliases_en: tuple[str, ...]

    @property
    def is_iso_country(self) -> bool:
        """An ISO 3166-1 code (countries and regions such as HK), or the EU, which news treats as one."""
        return self.kind in ("country", "region", "supranational")


@dataclass(frozen=True)
class Province:
    code: str  # ISO 3166-2:CN
    name_zh: str
    short_zh: str
    abbr_zh: str
    name_en: str
    kind: str


@dataclass(frozen=True)
class City:
    name_zh: str
    full_zh: str
    name_en: str
    country: str
    province: str  # ISO 3166-2 code for Chinese cities, empty abroad
    kind: str


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for n, row in enumerate(rows, 2):
        if None in row or any(v is None for v in row.values()):
            raise ValueError(f"{path}:{n}: wrong number of columns")
    return rows


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


@dataclass(frozen=True)
class Reference:
    countries: dict[str, Country]
    provinces: dict[str, Province]
    cities: tuple[City, ...]
    groupings: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def load_reference() -> Reference:
    folder = data_dir("reference")
    countries = {
        r["code"]: Country(r["code"], r["kind"], r["name_en"], r["name_zh"],
                           _split(r["aliases_zh"]), _split(r["aliases_en"]))
        for r in _rows(folder / "countries.tsv")
    }
    provinces = {
        r["code"]: Province(r["code"], r["name_zh"], r["short_zh"], r["abbr_zh"], r["name_en"], r["kind"])
        for r in _rows(folder / "provinces.tsv")
    }
    cities = tuple(
        City(r["name_zh"], r["full_zh"], r["name_en"], r["country"], r["province"], r["kind"])
        for r in _rows(folder / "cities.tsv")
    )
    groupings_path = folder / "groupings.tsv"
    groupings = ({r["code"]: _split(r["members"]) for r in _rows(groupings_path)}
                 if groupings_path.exists() else {})
    return Reference(countries, provinces, cities, groupings)
