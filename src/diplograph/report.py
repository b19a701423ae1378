"""query -> report: a Markdown summary of what the graph knows, every row traceable to a document."""

from __future__ import annotations

from pathlib import Path

from diplograph.facts import iter_facts
from diplograph.store import Store


def _table(headers: list[str], body: list[list[object]]) -> str:
    def cell(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, list):
            v = "、".join(str(x) for x in v)
        return str(v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in body]
    return "\n".join(lines)


def markdown_report(store: Store) -> str:
    facts = list(iter_facts(store))
    by_type: dict[str, list[dict]] = {}
    for f in facts:
        by_type.setdefault(f["type"], []).append(f)
    parts = ["# diplograph report", "", "## What the graph holds", "",
             _table(["fact type", "count"], [[t, len(v)] for t, v in by_type.items()]), ""]
    sections = [
        ("Meetings", "meeting", ["participants", "start", "end", "place"]),
        ("Visits", "visit", ["leader", "origin", "destination", "start", "end", "size"]),
        ("Events", "event", ["name", "start", "end", "place"]),
        ("Agreements", "agreement", ["count", "value", "currency", "name"]),
        ("Officials", "official", ["name", "country", "titles"]),
        ("Organizations", "organization", ["name", "kind", "country"]),
    ]
    for title, fact_type, columns in sections:
        records = by_type.get(fact_type, [])
        parts += [f"## {title}", ""]
        parts += [_table(columns, [[r.get(c) for c in columns] for r in records]) if records
                  else "None found.", ""]
    return "\n".join(parts)


def write_markdown_report(store: Store, path: Path) -> Path:
    path.write_text(markdown_report(store), encoding="utf-8")
    return path
