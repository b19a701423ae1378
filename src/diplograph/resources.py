"""Where the project's data folders are: inside an installed wheel, or at the top of a checkout."""

from __future__ import annotations

from pathlib import Path

# name -> path relative to the top of a checkout (the wheel mirrors it under diplograph/_data)
_FOLDERS = {
    "ontology": "ontology",
    "reference": "graph/reference",
    "queries": "queries",
    "notebooks": "notebooks",
    "examples": "examples",
}


def data_dir(name: str) -> Path:
    """The folder called `name` (one of ontology, reference, queries, notebooks, examples)."""
    try:
        relative = _FOLDERS[name]
    except KeyError:
        raise KeyError(f"unknown data folder {name!r}; expected one of {', '.join(_FOLDERS)}") from None
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / relative, here.parents[1] / relative):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"diplograph's {relative!r} folder is missing: looked in {here / '_data'} and {here.parents[1]}"
    )
