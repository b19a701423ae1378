"""Benchmark: HermiT's consistency check, the rule materialisation and SHACL validation as the
graph grows. The sample corpus is built once, then its document graphs are copied N times under
fresh IRIs (places stay shared, as in a real corpus). Prints a table.

    .venv/bin/python bench/reasoning.py [--corpus DIR] [--copies 1 4 16]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from rdflib import Graph, URIRef

from diplograph.build import build
from diplograph.reason import Axioms, java_executable, materialise, run_hermit, stored_graphs
from diplograph.settings import Settings
from diplograph.store import open_store
from diplograph.validate import validate_graph
from diplograph.vocabulary import ID, ONTOLOGY_GRAPH, REFERENCE_GRAPH

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "zh"


def copied(graph: Graph, k: int) -> Graph:
    def rename(term):
        text = str(term)
        if isinstance(term, URIRef) and text.startswith(str(ID)) and "/place/" not in text:
            return URIRef(f"{text}~{k}")
        return term

    out = Graph(identifier=rename(graph.identifier))
    for s, p, o in graph:
        out.add((rename(s), p, rename(o)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 4, 16])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        build([args.corpus], tmp, Settings(reason=False, validate=False, quiet=True))
        with open_store(tmp) as store:
            base = stored_graphs(store)
    documents = [g for name, g in base.items() if name not in (ONTOLOGY_GRAPH, REFERENCE_GRAPH)]
    java = java_executable()
    axioms = Axioms(base[ONTOLOGY_GRAPH])
    print(f"{'copies':>6} {'triples':>8} {'HermiT -k s':>11} {'rules s':>8} {'inferred':>9} "
          f"{'SHACL s':>8} {'violations':>10}")
    for n in args.copies:
        graphs = {ONTOLOGY_GRAPH: base[ONTOLOGY_GRAPH], REFERENCE_GRAPH: base[REFERENCE_GRAPH]}
        for k in range(n):
            for g in documents:
                c = copied(g, k)
                graphs[c.identifier] = c
        triples = sum(len(g) for g in graphs.values())
        started = time.perf_counter()
        hermit = "no Java"
        if java:
            consistent, _ = run_hermit(graphs.values(), java)
            hermit = f"{time.perf_counter() - started:.1f}" + ("" if consistent else " (!)")
        started = time.perf_counter()
        data = [t for name, g in graphs.items() if name != ONTOLOGY_GRAPH for t in g]
        inferred, _ = materialise(data, axioms)
        rules = time.perf_counter() - started
        union = Graph()
        for name, g in graphs.items():
            if name != ONTOLOGY_GRAPH:
                union += g
        union += inferred
        report = validate_graph(union, base[ONTOLOGY_GRAPH])
        print(f"{n:>6} {triples:>8} {hermit:>11} {rules:>8.2f} {len(inferred):>9} "
              f"{report.seconds:>8.1f} {len(report.violations):>10}")


if __name__ == "__main__":
    main()
