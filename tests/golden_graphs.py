"""The golden graph of one example document, and how to regenerate it after a deliberate change.

Regenerate: .venv/bin/python tests/golden_graphs.py   (then review `git diff tests/golden`)
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN_DOCUMENT = HERE.parent / "examples" / "2023-07-03_hunan_china_africa_expo.txt"
GOLDEN_GRAPH = HERE / "golden" / "2023-07-03_hunan_china_africa_expo.nt"


def document_graph_of_golden_document():
    """The named graph of the golden document, its source fixed so the IRIs do not depend on paths."""
    from diplograph.documents import read_document
    from diplograph.extract import extract
    from diplograph.triples import document_graph

    document = replace(read_document(GOLDEN_DOCUMENT), source="examples/" + GOLDEN_DOCUMENT.name)
    return document_graph(document, extract(document))


if __name__ == "__main__":
    graph = document_graph_of_golden_document()
    GOLDEN_GRAPH.write_text("".join(sorted(graph.serialize(format="nt").splitlines(keepends=True))), encoding="utf-8")
    print(f"wrote {GOLDEN_GRAPH} ({len(graph)} triples)", file=sys.stderr)
