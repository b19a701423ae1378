"""query: the SPARQL library in queries/*.rq, loaded by name and run with bound parameters.

A query's header comment declares its parameters (`# Parameters: ?country ?from=1900-01-01`).
Values are bound by a VALUES block built from rdflib terms (each serialised by rdflib, so a
value can never change the query's shape), placed at the top of the outermost WHERE group:
Oxigraph's own substitution only reaches projected variables, and a trailing VALUES clause
comes after GROUP BY, where grouped-away variables are gone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from diplograph.errors import QueryError
from diplograph.resources import data_dir
from diplograph.store import Store, syntax_error

INLINE = "<inline>"


@dataclass(frozen=True)
class Parameter:
    name: str
    default: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path | None
    text: str

    @property
    def source(self) -> str:
        """Where the text came from, for error messages."""
        return str(self.path) if self.path else INLINE

    @property
    def description(self) -> str:
        """The header comment: the question the query answers, its parameters and columns."""
        lines = []
        for line in self.text.splitlines():
            if not line.startswith("#"):
                break
            lines.append(line[2:] if line.startswith("# ") else line.lstrip("#"))
        return "\n".join(lines).strip()

    @property
    def summary(self) -> str:
        return self.description.splitlines()[0] if self.description else ""

    @property
    def parameters(self) -> list[Parameter]:
        m = re.search(r"^#\s*Parameters?:\s*(.*)$", self.text, re.M | re.I)
        if not m:
            return []
        return [Parameter(name, default or None)
                for name, default in re.findall(r"\?(\w+)(?:=(\S+))?", m.group(1))]

    @property
    def form(self) -> str:
        """SELECT, CONSTRUCT, DESCRIBE or ASK."""
        body = _strip_comments_and_strings(self.text)
        m = re.search(r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", body, re.I)
        return m.group(1).upper() if m else "SELECT"


def query_names() -> list[str]:
    return sorted(p.stem for p in data_dir("queries").glob("*.rq"))


def library() -> list[NamedQuery]:
    return [load_query(name) for name in query_names()]


def _looks_inline(text: str) -> bool:
    return bool(re.search(r"[{\s]", text.strip())) and not text.endswith(".rq")


def load_query(name_or_path: str) -> NamedQuery:
    """A query from the library by name, a .rq file, or an inline query string."""
    if _looks_inline(name_or_path):
        return NamedQuery(INLINE, None, name_or_path)
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return NamedQuery(path.stem, path, path.read_text(encoding="utf-8"))
    library_path = data_dir("queries") / f"{name_or_path}.rq"
    if library_path.is_file():
        return NamedQuery(name_or_path, library_path, library_path.read_text(encoding="utf-8"))
    if path.suffix == ".rq":
        raise QueryError(f"{path}: no such query file")
    raise QueryError(f"unknown query {name_or_path!r}; the library has: {', '.join(query_names())}")


def to_term(value: str | Identifier) -> Identifier:
    """A parameter value as an RDF term: an IRI, a date, an integer, or a plain string."""
    if isinstance(value, Identifier):
        return value
    text = str(value)
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if re.match(r"^(https?|urn|file):", text):
        return URIRef(text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return Literal(date.fromisoformat(text))
        except ValueError:
            raise QueryError(f"{text!r} is not a valid date (expected YYYY-MM-DD)") from None
    if re.fullmatch(r"-?\d+", text):
        return Literal(int(text))
    return Literal(text)


def resolve_parameters(query: NamedQuery, values: Mapping[str, str | Identifier] | None
                       ) -> dict[str, Identifier]:
    """The terms to bind: given values and declared defaults; unknown or missing ones are errors."""
    values = dict(values or {})
    declared = {p.name: p for p in query.parameters}
    unknown = [k for k in values if k not in declared]
    if unknown:
        valid = ", ".join(declared) if declared else "none"
        raise QueryError(f"{query.name}: unknown parameter {', '.join(unknown)}; "
                         f"this query takes: {valid}")
    bound: dict[str, Identifier] = {}
    for name, param in declared.items():
        if name in values:
            bound[name] = to_term(values[name])
        elif param.default is not None:
            bound[name] = to_term(param.default)
        else:
            raise QueryError(f"{query.name}: parameter {name!r} is required "
                             f"(give it with --param {name}=VALUE); this query takes: "
                             + ", ".join(declared))
    return bound


def bind(text: str, bound: Mapping[str, Identifier]) -> str:
    """`text` with `bound` bound: a VALUES block opening its outermost WHERE group, and each
    use of a bound variable inside that group replaced by its term.

    The VALUES block alone is correct everywhere, but Oxigraph joins it only after evaluating
    the patterns (a query about one official scans the whole graph); terms in the patterns let
    it use its indexes. A variable is left as it is where it names a column (a sub-select's
    projection, `AS ?x`) and in the solution modifiers (GROUP BY, ORDER BY): the VALUES block
    gives it its value there. When replacing would still make the query invalid, the VALUES
    block is used alone.
    """
    if not bound:
        return text
    names = " ".join(f"?{k}" for k in bound)
    terms = " ".join(term.n3() for term in bound.values())
    block = f"\n  VALUES ({names}) {{ ({terms}) }}\n"
    at = _where_brace(text)
    if at is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    values_only = text[:at + 1] + block + text[at + 1:]
    masked = _masked(text)
    close = _matching_brace(masked, at)
    pieces, last = [], at + 1
    for m in re.finditer(r"[?$](\w+)", masked[at + 1:close]):
        start, end = at + 1 + m.start(), at + 1 + m.end()
        if m.group(1) in bound and not _names_a_column(masked, start):
            pieces += [text[last:start], bound[m.group(1)].n3()]
            last = end
    substituted = text[:at + 1] + block + "".join(pieces) + text[last:]
    return substituted if syntax_error(substituted) is None else values_only


def check_syntax(query: NamedQuery) -> None:
    problem = syntax_error(query.text)
    if problem:
        line, column, message = problem
        raise QueryError(f"{query.source}:{line}:{column}: SPARQL syntax error: {message}")


def prepare(query: NamedQuery, values: Mapping[str, str | Identifier] | None = None) -> str:
    """The query text ready to run: syntax checked, parameters bound."""
    check_syntax(query)
    return bind(query.text, resolve_parameters(query, values))


def run_query(store: Store, query: NamedQuery,
              values: Mapping[str, str | Identifier] | None = None) -> Result:
    return store.query(prepare(query, values))


def rows(result: Result) -> list[dict[str, object]]:
    """SELECT results as dicts of Python values (None where unbound)."""
    names = [str(v) for v in result.vars or []]
    out = []
    for row in result:
        out.append({n: (None if v is None else v.toPython()) for n, v in zip(names, row)})
    return out


def parameter_names(query: NamedQuery) -> list[str]:
    """Parameters a query declares in its header (`# Parameters: ?country ...`)."""
    return [p.name for p in query.parameters]


# -- scanning SPARQL text without parsing it

_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'      # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'                 # short strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'                 # IRIs
    r"|#[^\n]*"                             # comments
)


def _masked(text: str) -> str:
    """`text` with strings, IRIs and comments blanked, keeping every offset."""
    return _TOKEN.sub(lambda m: " " * len(m.group(0)), text)


def _strip_comments_and_strings(text: str) -> str:
    return _masked(text)


def _matching_brace(masked: str, opening: int) -> int:
    """The offset of the brace closing the one at `opening` (the text's end if none does)."""
    depth = 0
    for i in range(opening, len(masked)):
        if masked[i] == "{":
            depth += 1
        elif masked[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return len(masked)


def _names_a_column(masked: str, at: int) -> bool:
    """Whether the variable at `at` is a projected name (`SELECT ?a ?b {`, `AS ?x`)."""
    before = masked[:at]
    if re.search(r"\bAS\s*$", before[-8:], re.I):
        return True
    select = max((m.end() for m in re.finditer(r"\bSELECT\b", before, re.I)), default=-1)
    return select > before.rfind("{")


def _where_brace(text: str) -> int | None:
    masked = _masked(text)
    m = re.search(r"\bWHERE\s*\{", masked, re.I)
    if m:
        return m.end() - 1
    # `SELECT * { ... }` may leave out WHERE; a CONSTRUCT's first brace is its template
    if re.search(r"\bCONSTRUCT\b", masked, re.I):
        return None
    brace = masked.find("{")
    return brace if brace >= 0 else None
