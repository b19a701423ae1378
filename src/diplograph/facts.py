"""query -> facts: the graph's knowledge as JSON Lines records (../shared/eval/FACTS.md format).

Every record comes from a SPARQL query in queries/facts-*.rq, so the whole chain from text to
triples to query is what an evaluation measures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from diplograph.queries import load_query, rows, run_query
from diplograph.store import Store

FACT_TYPES = ("country", "official", "organization", "event", "meeting", "participation",
              "visit", "agreement")


def _split(value: object) -> list[str]:
    return [v for v in str(value or "").split("|") if v]


def _date(value: object) -> str | None:
    return None if value is None else str(value)[:10]


def _country(row: dict) -> dict:
    return {"type": "country", "code": row["code"]}


def _official(row: dict) -> dict:
    return {"type": "official", "name": row["name"], "country": row["country"],
            "titles": _split(row["titles"]), "aliases": _split(row["aliases"]),
            "iri": str(row["official"])}


def _organization(row: dict) -> dict:
    return {"type": "organization", "name": row["name"], "kind": row["kind"],
            "country": row["country"], "iri": str(row["organization"])}


def _event(row: dict) -> dict:
    return {"type": "event", "name": row["name"], "start": _date(row["start"]),
            "end": _date(row["end"]), "place": row["place"], "iri": str(row["event"])}


def _meeting(row: dict) -> dict:
    record = {"type": "meeting", "participants": _split(row["participants"]),
              "start": _date(row["start"]), "end": _date(row["end"]), "place": row["place"],
              "iri": str(row["meeting"])}
    if row["attendees"]:
        record["attendees"] = _split(row["attendees"])
    return record


def _participation(row: dict) -> dict:
    return {"type": "participation", "who": row["who"], "event": row["event"], "role": row["role"]}


def _visit(row: dict) -> dict:
    return {"type": "visit", "leader": row["leader"], "origin": row["origin"],
            "destination": _split(row["destinations"]), "start": _date(row["start"]),
            "end": _date(row["end"]), "size": row["size"], "iri": str(row["visit"])}


def _agreement(row: dict) -> dict:
    record: dict = {"type": "agreement", "count": row["count"], "iri": str(row["agreement"])}
    if row["at_least"]:
        record["count_at_least"] = True
    if row["value"] is not None:
        value = float(row["value"])
        record["value"] = value
        record["currency"] = row["currency"]
        if row["currency"] == "USD":
            record["value_usd"] = value
    if row["name"]:
        record["name"] = row["name"]
    return record


RECORD_MAKERS: dict[str, tuple[str, Callable[[dict], dict]]] = {
    "country": ("facts-countries", _country),
    "official": ("facts-officials", _official),
    "organization": ("facts-organizations", _organization),
    "event": ("facts-events", _event),
    "meeting": ("facts-meetings", _meeting),
    "participation": ("facts-participations", _participation),
    "visit": ("facts-visits", _visit),
    "agreement": ("facts-agreements", _agreement),
}


def iter_facts(store: Store, types: tuple[str, ...] = FACT_TYPES) -> Iterator[dict]:
    """Fact records of the given types, in FACTS.md order."""
    for fact_type in types:
        query_name, make = RECORD_MAKERS[fact_type]
        for row in rows(run_query(store, load_query(query_name))):
            yield make(row)
