"""query: the SPARQL library in queries/*.rq, loaded by name and run with bound parameters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib.query import Result

from diplograph.errors import QueryError
from diplograph.resources import data_dir
from diplograph.store import Store


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    text: str

    @property
    def description(self) -> str:
        """The header comment: the question the query answers, its parameters and columns."""
        lines = []
        for line in self.text.splitlines():
            if not line.startswith("#"):
                break
            lines.append(line.lstrip("#").rstrip()[1:] if line.startswith("# ") else line.lstrip("#"))
        return "\n".join(lines).strip()

    @property
    def summary(self) -> str:
        return self.description.splitlines()[0] if self.description else ""


def query_names() -> list[str]:
    return sorted(p.stem for p in data_dir("queries").glob("*.rq"))


def load_query(name_or_path: str) -> NamedQuery:
    """A query from the library by name, or from a .rq file."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return NamedQuery(path.stem, path, path.read_text(encoding="utf-8"))
    library = data_dir("queries") / f"{name_or_path}.rq"
    if library.is_file():
        return NamedQuery(name_or_path, library, library.read_text(encoding="utf-8"))
    if path.suffix == ".rq":
        raise QueryError(f"{path}: no such query file")
    raise QueryError(f"unknown query {name_or_path!r}; the library has: {', '.join(query_names())}")


def run_query(store: Store, query: NamedQuery, bindings: dict | None = None) -> Result:
    try:
        return store.query(query.text, bindings)
    except SyntaxError as e:  # pyoxigraph reports parse errors as SyntaxError
        raise QueryError(f"{query.path}: {e}") from None


def rows(result: Result) -> list[dict[str, object]]:
    """SELECT results as dicts of Python values (None where unbound)."""
    names = [str(v) for v in result.vars or []]
    out = []
    for row in result:
        out.append({n: (None if v is None else v.toPython()) for n, v in zip(names, row)})
    return out


def parameter_names(query: NamedQuery) -> list[str]:
    """Parameters a query declares in its header (`# Parameters: ?country ...`)."""
    m = re.search(r"^#\s*Parameters?:\s*(.*)$", query.text, re.M | re.I)
    if not m:
        return []
    return re.findall(r"\?(\w+)", m.group(1))
