#!/usr/bin/env python3
"""Regenerate and check the curated reference tables in graph/reference/.

Commands:

    python scripts/make_reference.py countries    # countries.tsv from CLDR + country_aliases.tsv
    python scripts/make_reference.py check        # validate every table, print counts per kind
    python scripts/make_reference.py cldr-cities  # CLDR exemplar cities missing from cities.tsv
    python scripts/make_reference.py              # countries, then check

Only countries.tsv is generated. provinces.tsv, cities.tsv and groupings.tsv are edited by
hand; `check` validates them and `cldr-cities` lists CLDR time-zone exemplar cities that
cities.tsv does not have yet (to be reviewed, not pasted blindly).

Needs babel (CLDR data). Output is deterministic: rows sorted by the first column, UTF-8,
LF line endings, so running the script twice produces identical files.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REF = ROOT / "graph" / "reference"

COUNTRY_COLUMNS = ["code", "kind", "name_zh", "name_en", "aliases_zh", "aliases_en"]
PROVINCE_COLUMNS = ["code", "name_zh", "short_zh", "abbr_zh", "name_en", "kind"]
CITY_COLUMNS = ["name_zh", "full_zh", "name_en", "country", "province", "kind"]
GROUPING_COLUMNS = ["code", "members"]

COUNTRY_KINDS = {"country", "region", "supranational", "area"}
PROVINCE_KINDS = {"province", "municipality", "autonomous_region"}
CITY_KINDS = {"prefecture", "county_city", "capital", "city", "state"}

# Two-letter CLDR territory codes that are not ISO 3166-1 alpha-2 assignments:
# exceptional reservations (AC CP CQ DG EA IC TA), groupings (EU EZ QO UN),
# pseudo-locales (XA XB), Kosovo's user-assigned code (XK) and unknown (ZZ).
NOT_ISO = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}

# Strings that must never be a name or alias of any row in countries.tsv (see README "Traps").
FORBIDDEN_COUNTRY_ALIASES = {
    "中非": "in news usually China-Africa; the Central African Republic is 中非共和国 only",
    "中美": "China-US, not Central America (中美洲)",
    "刚果": "ambiguous between CD 刚果（金） and CG 刚果（布）",
    "马里兰": "Maryland (马里兰州), not Mali (马里)",
    "澳洲": "ambiguous between Australia and the continent; not used as an alias",
}

# CLDR time zones whose Chinese exemplar "city" we do not take into cities.tsv: islands,
# archipelagos, research and weather stations, whole territories or states, compound labels
# such as 北达科他州新塞勒姆, and small places whose Chinese name is mostly a personal name in
# news (斯坦利 for Stanley, 道森 for Dawson).
NON_CITY_ZONES = {
    "America/Antigua", "America/Argentina/ComodRivadavia", "America/Bahia", "America/Danmarkshavn",
    "America/Dawson", "America/Dominica", "America/Thule", "Atlantic/Stanley",
    "America/Grand_Turk", "America/Indiana/Knox", "America/Indiana/Marengo",
    "America/Indiana/Petersburg", "America/Indiana/Tell_City", "America/Indiana/Vevay",
    "America/Indiana/Vincennes", "America/Indiana/Winamac", "America/Kentucky/Monticello",
    "America/Miquelon", "America/North_Dakota/Beulah", "America/North_Dakota/Center",
    "America/North_Dakota/New_Salem", "America/Noronha", "America/St_Barthelemy",
    "America/St_Kitts", "America/St_Thomas", "America/St_Vincent", "America/Tortola",
    "America/Cayman", "Antarctica/Macquarie", "Asia/Kamchatka", "Asia/Oral", "Asia/Sakhalin",
    "Atlantic/Azores", "Atlantic/Canary", "Atlantic/Faroe", "Atlantic/Madeira",
    "Atlantic/South_Georgia", "Australia/Lindeman", "Australia/Lord_Howe", "Indian/Chagos",
    "Indian/Christmas", "Indian/Cocos", "Indian/Kerguelen", "Indian/Mahe", "Pacific/Bougainville",
    "Pacific/Chatham", "Pacific/Chuuk", "Pacific/Easter", "Pacific/Efate", "Pacific/Fakaofo",
    "Pacific/Galapagos", "Pacific/Gambier", "Pacific/Guadalcanal", "Pacific/Kanton",
    "Pacific/Kiritimati", "Pacific/Kosrae", "Pacific/Kwajalein", "Pacific/Marquesas",
    "Pacific/Midway", "Pacific/Norfolk", "Pacific/Pitcairn", "Pacific/Pohnpei",
    "Pacific/Rarotonga", "Pacific/Tahiti", "Pacific/Tongatapu", "Pacific/Wake",
    "Pacific/Wallis",
}
# Territories whose exemplar cities are not taken: unknown, Antarctic stations, and China,
# whose cities come from the administrative-division list instead.
NON_CITY_TERRITORIES = {"001", "AQ", "CN", "HK", "MO"}

FULLWIDTH_PARENS = str.maketrans({"（": "(", "）": ")"})
ASCII_PARENS = str.maketrans({"(": "（", ")": "）"})


class ReferenceError(Exception):
    """A reference table broke one of its rules."""


# ---------------------------------------------------------------------------
# TSV input and output


def read_tsv(path: Path, columns: list[str]) -> list[dict[str, str]]:
    """Read a TSV file whose header must equal `columns`; every row must have that many cells."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("\ufeff"):
        raise ReferenceError(f"{path.name}: expected no byte-order mark, found one")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise ReferenceError(f"{path.name}: expected a header row, found an empty file")
    header = lines[0].split("\t")
    if header != columns:
        raise ReferenceError(f"{path.name}: expected header {columns}, found {header}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if "\r" in line:
            raise ReferenceError(f"{path.name}:{number}: expected LF line endings, found CR")
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise ReferenceError(
                f"{path.name}:{number}: expected {len(columns)} cells, found {len(cells)}: {line!r}"
            )
        if any(cell != cell.strip() for cell in cells):
            raise ReferenceError(f"{path.name}:{number}: expected no leading/trailing spaces")
        rows.append(dict(zip(columns, cells)))
    return rows


def write_tsv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    """Write rows as UTF-8 TSV with LF line endings, in the order given."""
    out = ["\t".join(columns)]
    for row in rows:
        cells = [row[c] for c in columns]
        for cell in cells:
            if "\t" in cell or "\n" in cell:
                raise ReferenceError(f"{path.name}: cell contains a tab or newline: {cell!r}")
        out.append("\t".join(cells))
    path.write_text("\n".join(out) + "\n", encoding="utf-8", newline="\n")


def split_values(cell: str) -> list[str]:
    return [v for v in cell.split("|") if v] if cell else []


def join_values(values: list[str]) -> str:
    return "|".join(values)


# ---------------------------------------------------------------------------
# countries.tsv


def cldr_territories() -> tuple[dict[str, str], dict[str, str], str]:
    import babel
    from babel import Locale

    zh = dict(Locale.parse("zh").territories)
    en = dict(Locale.parse("en").territories)
    return zh, en, babel.__version__


def iso_codes(zh_territories: dict[str, str]) -> set[str]:
    """ISO 3166-1 alpha-2 codes as CLDR knows them (two upper-case letters, minus non-ISO ones)."""
    return {c for c in zh_territories if len(c) == 2 and c.isalpha() and c.isupper()} - NOT_ISO


def paren_variants(value: str) -> list[str]:
    """Both bracket forms of a name: 刚果（金） and 刚果(金)."""
    return [value, value.translate(FULLWIDTH_PARENS), value.translate(ASCII_PARENS)]


def merge_aliases(name: str, curated: list[str], cldr_name: str | None, chinese: bool) -> list[str]:
    """Curated aliases in their order, then the CLDR name if it was overridden.

    A curated value starting with '-' removes that string (used to keep CLDR's 中非 for
    Middle Africa out). Chinese names and aliases also get their other bracket form.
    """
    removed = {v[1:] for v in curated if v.startswith("-")}
    candidates = [v for v in curated if not v.startswith("-")]
    if cldr_name and cldr_name != name:
        candidates.append(cldr_name)
    result: list[str] = []
    for value in [name, *candidates]:
        for variant in paren_variants(value) if chinese else [value]:
            if variant != name and variant not in removed and variant not in result:
                result.append(variant)
    return result


def build_countries() -> list[dict[str, str]]:
    zh, en, _ = cldr_territories()
    curated = read_tsv(REF / "country_aliases.tsv", COUNTRY_COLUMNS)
    seen: set[str] = set()
    rows = []
    for row in curated:
        code = row["code"]
        if code in seen:
            raise ReferenceError(f"country_aliases.tsv: code {code} appears twice")
        seen.add(code)
        name_zh = row["name_zh"] or zh.get(code, "")
        name_en = row["name_en"] or en.get(code, "")
        if not name_zh or not name_en:
            raise ReferenceError(
                f"country_aliases.tsv: {code} has no CLDR name; expected name_zh and name_en"
            )
        aliases_zh = merge_aliases(name_zh, split_values(row["aliases_zh"]), zh.get(code), True)
        aliases_en = merge_aliases(name_en, split_values(row["aliases_en"]), en.get(code), False)
        rows.append(
            {
                "code": code,
                "kind": row["kind"],
                "name_zh": name_zh,
                "name_en": name_en,
                "aliases_zh": join_values(aliases_zh),
                "aliases_en": join_values(aliases_en),
            }
        )
    missing = sorted(iso_codes(zh) - seen)
    if missing:
        raise ReferenceError(
            f"country_aliases.tsv: expected a row for every ISO code, missing {missing}"
        )
    rows.sort(key=lambda r: r["code"])
    return rows


def write_countries() -> None:
    rows = build_countries()
    write_tsv(REF / "countries.tsv", COUNTRY_COLUMNS, rows)
    print(f"wrote {REF / 'countries.tsv'}: {len(rows)} rows")


# ---------------------------------------------------------------------------
# checks


def check_sorted(name: str, rows: list[dict[str, str]], column: str, errors: list[str]) -> None:
    keys = [r[column] for r in rows]
    if keys != sorted(keys):
        first = next(i for i in range(1, len(keys)) if keys[i] < keys[i - 1])
        errors.append(
            f"{name}: expected rows sorted by {column}; "
            f"row {first + 2} ({keys[first]!r}) is out of order"
        )


def check_countries(rows: list[dict[str, str]], errors: list[str]) -> dict[str, str]:
    """Validate countries.tsv; return a map from every name and alias to its code."""
    check_sorted("countries.tsv", rows, "code", errors)
    zh, _, _ = cldr_territories()
    codes = [r["code"] for r in rows]
    for code, n in Counter(codes).items():
        if n > 1:
            errors.append(f"countries.tsv: code {code} appears {n} times")
    missing = iso_codes(zh) - set(codes)
    if missing:
        errors.append(f"countries.tsv: missing ISO codes {sorted(missing)}")
    owner: dict[str, str] = {}
    for row in rows:
        code = row["code"]
        if row["kind"] not in COUNTRY_KINDS:
            errors.append(
                f"countries.tsv: {code} has kind {row['kind']!r}; "
                f"expected one of {sorted(COUNTRY_KINDS)}"
            )
        zh_values = [row["name_zh"], *split_values(row["aliases_zh"])]
        for value in zh_values:
            if len(value) < 2:
                errors.append(f"countries.tsv: {code} has single-character name or alias {value!r}")
            if value in FORBIDDEN_COUNTRY_ALIASES:
                reason = FORBIDDEN_COUNTRY_ALIASES[value]
                errors.append(f"countries.tsv: {code} lists {value!r}: {reason}")
            if value in owner and owner[value] != code:
                errors.append(f"countries.tsv: {value!r} is used by both {owner[value]} and {code}")
            owner[value] = code
        if len(split_values(row["aliases_zh"])) != len(set(split_values(row["aliases_zh"]))):
            errors.append(f"countries.tsv: {code} repeats an alias")
    if owner.get("南非") not in (None, "ZA"):
        errors.append("countries.tsv: 南非 must only name ZA (southern Africa is 南部非洲)")
    return owner


def check_provinces(rows: list[dict[str, str]], errors: list[str]) -> set[str]:
    check_sorted("provinces.tsv", rows, "code", errors)
    codes = [r["code"] for r in rows]
    for code, n in Counter(codes).items():
        if n > 1:
            errors.append(f"provinces.tsv: code {code} appears {n} times")
    for column in ("name_zh", "short_zh", "name_en"):
        for value, n in Counter(r[column] for r in rows).items():
            if n > 1:
                errors.append(f"provinces.tsv: {column} {value!r} appears {n} times")
    for row in rows:
        if not row["code"].startswith("CN-") or len(row["code"]) != 5:
            errors.append(f"provinces.tsv: expected a CN-XX code, found {row['code']!r}")
        if row["kind"] not in PROVINCE_KINDS:
            errors.append(f"provinces.tsv: {row['code']} has kind {row['kind']!r}")
        if not row["name_zh"].startswith(row["short_zh"]):
            errors.append(f"provinces.tsv: {row['code']} short_zh is not a prefix of name_zh")
        if any(len(a) != 1 for a in split_values(row["abbr_zh"])):
            errors.append(f"provinces.tsv: {row['code']} abbr_zh values must be one character each")
    if len(rows) != 31:
        errors.append(f"provinces.tsv: expected 31 mainland divisions, found {len(rows)}")
    return set(codes)


def check_cities(
    rows: list[dict[str, str]], provinces: set[str], countries: set[str], errors: list[str]
) -> None:
    check_sorted("cities.tsv", rows, "name_zh", errors)
    keys = Counter((r["name_zh"], r["country"], r["province"]) for r in rows)
    for key, n in keys.items():
        if n > 1:
            errors.append(f"cities.tsv: {key} appears {n} times")
    names = {r["name_zh"] for r in rows}
    for row in rows:
        label = f"cities.tsv: {row['name_zh']}"
        if row["kind"] not in CITY_KINDS:
            errors.append(f"{label} has kind {row['kind']!r}")
        if row["country"] not in countries:
            errors.append(f"{label} has unknown country {row['country']!r}")
        if row["country"] == "CN":
            if row["province"] not in provinces:
                errors.append(f"{label} has unknown province {row['province']!r}")
            if row["kind"] not in ("prefecture", "county_city"):
                errors.append(f"{label}: Chinese rows are prefecture or county_city")
        elif row["province"]:
            errors.append(f"{label}: province must be empty outside mainland China")
        if not row["name_zh"] or not row["full_zh"] or not row["name_en"]:
            errors.append(f"{label}: name_zh, full_zh and name_en are required")
        if len(row["name_zh"]) < 2:
            errors.append(f"{label}: single-character names are not allowed")
        # Outside China, full_zh is either name_zh plus a suffix (台北 / 台北市) or, for an
        # alternative name (海参崴, 加州), the name_zh of the row it stands for.
        full = row["full_zh"]
        if row["country"] != "CN" and not full.startswith(row["name_zh"]):
            target = [r for r in rows if r["name_zh"] == full and r["country"] == row["country"]]
            if not target:
                errors.append(
                    f"{label}: full_zh {full!r} is neither name_zh plus a suffix "
                    "nor another row's name_zh"
                )
            elif not target[0]["full_zh"].startswith(full):
                errors.append(f"{label}: alternative name points at another alternative {full!r}")
    if "中非" in names or "马里" in names:
        errors.append("cities.tsv: 中非 and 马里 are not city names")


M49_PARTS = {
    # M49 composite regions and the sub-regions they are made of.
    "002": ["015", "202"],
    "202": ["011", "014", "017", "018"],
    "019": ["419", "021"],
    "419": ["005", "013", "029"],
    "003": ["021", "013", "029"],
    "142": ["030", "034", "035", "143", "145"],
    "150": ["151", "154", "039", "155"],
    "009": ["053", "054", "057", "061"],
}


def check_groupings(
    rows: list[dict[str, str]], countries: dict[str, dict[str, str]], errors: list[str]
) -> None:
    check_sorted("groupings.tsv", rows, "code", errors)
    members: dict[str, list[str]] = {}
    for row in rows:
        code = row["code"]
        if code in members:
            errors.append(f"groupings.tsv: {code} appears twice")
        if code not in countries:
            errors.append(f"groupings.tsv: {code} is not a code in countries.tsv")
        elif countries[code]["kind"] not in ("area", "supranational"):
            errors.append(
                f"groupings.tsv: {code} is a {countries[code]['kind']}; "
                "expected an area or supranational row"
            )
        values = split_values(row["members"])
        if values != sorted(values) or len(values) != len(set(values)):
            errors.append(f"groupings.tsv: {code} members must be sorted and unique")
        for member in values:
            if member not in countries or countries[member]["kind"] not in ("country", "region"):
                errors.append(
                    f"groupings.tsv: {code} member {member!r} is not a country or region code"
                )
        members[code] = values
    for whole, parts in M49_PARTS.items():
        if whole in members and all(p in members for p in parts):
            union = sorted({m for p in parts for m in members[p]})
            if union != members[whole]:
                errors.append(f"groupings.tsv: {whole} should be the union of {parts}")
    leaves = ["015", "011", "014", "017", "018", "005", "013", "029", "021",
              "030", "034", "035", "143", "145", "151", "154", "039", "155",
              "053", "054", "057", "061"]
    placed = Counter(m for leaf in leaves for m in members.get(leaf, []))
    for member, n in placed.items():
        if n > 1:
            errors.append(f"groupings.tsv: {member} is in {n} M49 sub-regions")
    unplaced = sorted(
        c
        for c, r in countries.items()
        if r["kind"] in ("country", "region") and c not in placed and c != "AQ"
    )
    if unplaced:
        errors.append(f"groupings.tsv: not in any M49 sub-region: {unplaced}")
    eu = members.get("EU", [])
    if len(eu) != 27:
        errors.append(f"groupings.tsv: expected 27 EU members, found {len(eu)}")


def run_checks() -> int:
    errors: list[str] = []
    try:
        countries = read_tsv(REF / "countries.tsv", COUNTRY_COLUMNS)
        provinces = read_tsv(REF / "provinces.tsv", PROVINCE_COLUMNS)
        cities = read_tsv(REF / "cities.tsv", CITY_COLUMNS)
        groupings = read_tsv(REF / "groupings.tsv", GROUPING_COLUMNS)
        read_tsv(REF / "country_aliases.tsv", COUNTRY_COLUMNS)
    except ReferenceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if build_countries() != countries:
        errors.append(
            "countries.tsv is out of date: run `python scripts/make_reference.py countries`"
        )
    check_countries(countries, errors)
    province_codes = check_provinces(provinces, errors)
    by_code = {r["code"]: r for r in countries}
    check_cities(cities, province_codes, set(by_code), errors)
    check_groupings(groupings, by_code, errors)

    def kinds(rows: list[dict[str, str]]) -> dict[str, int]:
        return dict(sorted(Counter(r["kind"] for r in rows).items()))

    print("countries.tsv", len(countries), kinds(countries))
    print("provinces.tsv", len(provinces), kinds(provinces))
    chinese = kinds([r for r in cities if r["country"] == "CN"])
    foreign = kinds([r for r in cities if r["country"] != "CN"])
    print("cities.tsv", len(cities), "CN", chinese, "other", foreign)
    print("groupings.tsv", len(groupings))
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


# ---------------------------------------------------------------------------
# CLDR exemplar cities


def cldr_city_candidates() -> list[dict[str, str]]:
    """CLDR Chinese exemplar cities that cities.tsv lacks, as cities.tsv rows (kind city)."""
    from babel import Locale
    from babel.core import get_global

    zone_territory = get_global("zone_territories")
    zh_zones = Locale.parse("zh").time_zones
    en_zones = Locale.parse("en").time_zones
    countries = read_tsv(REF / "countries.tsv", COUNTRY_COLUMNS)
    country_names = set()
    for row in countries:
        country_names.add(row["name_zh"])
        country_names.update(split_values(row["aliases_zh"]))
    cities = read_tsv(REF / "cities.tsv", CITY_COLUMNS)
    known = {(r["name_zh"], r["country"]) for r in cities}
    known |= {(r["full_zh"], r["country"]) for r in cities}
    found: dict[tuple[str, str], dict[str, str]] = {}
    for zone in sorted(zone_territory):
        territory = zone_territory[zone]
        name = zh_zones.get(zone, {}).get("city")
        if not name or territory in NON_CITY_TERRITORIES or zone in NON_CITY_ZONES:
            continue
        if name in country_names or (name, territory) in known:
            continue
        name_en = en_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        found.setdefault(
            (name, territory),
            {"name_zh": name, "full_zh": name, "name_en": name_en, "country": territory,
             "province": "", "kind": "city"},
        )
    return [found[k] for k in sorted(found)]


def print_cldr_cities() -> None:
    rows = cldr_city_candidates()
    print("\t".join(CITY_COLUMNS))
    for row in rows:
        print("\t".join(row[c] for c in CITY_COLUMNS))
    print(f"{len(rows)} candidate rows", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "command", nargs="?", default="all", choices=["all", "countries", "check", "cldr-cities"]
    )
    args = parser.parse_args(argv)
    try:
        if args.command in ("all", "countries"):
            write_countries()
        if args.command == "cldr-cities":
            print_cldr_cities()
        if args.command in ("all", "check"):
            return run_checks()
    except ReferenceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
