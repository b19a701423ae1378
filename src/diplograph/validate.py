"""store -> validation report: pySHACL checks the graph against ontology/shapes.ttl, and each
violation is traced back to the document and sentence behind the offending node."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SH

from diplograph.ontology import ontology_graph, shapes_graph
from diplograph.vocabulary import short
from diplograph.store import Store
from diplograph.vocabulary import DG, ONTOLOGY_GRAPH


@dataclass
class Violation:
    focus: str  # the node that breaks a shape, as a CURIE
    path: str  # the property concerned ("" when the whole node is at fault)
    message: str
    severity: str  # Violation, Warning or Info
    shape: str
    value: str = ""
    document: str = ""  # title of the document behind the node
    sentence: str = ""  # the evidence sentence behind the node

    def __str__(self) -> str:
        lines = [f"{self.severity}: {self.focus}" + (f" {self.path}" if self.path else "")
                 + f": {self.message}" + (f" (value {self.value})" if self.value else "")]
        if self.document:
            lines.append(f"  document: {self.document}")
        if self.sentence:
            lines.append(f"  sentence: {self.sentence}")
        return "\n".join(lines)


@dataclass
class ValidationReport:
    conforms: bool = True
    violations: list[Violation] = field(default_factory=list)
    focus_nodes: int = 0  # distinct nodes with at least one violation
    seconds: float = 0.0


def data_graph(store: Store) -> Graph:
    """Everything in the store except the ontology (which validation gets separately)."""
    data = Graph()
    for name in store.graph_names():
        if name != ONTOLOGY_GRAPH:
            data += store.graph(name)
    return data


class Provenance:
    """Finds the evidence behind a node: its own, or that of the fact pointing at it."""

    def __init__(self, graph: Graph):
        self.graph = graph

    def evidence_of(self, node) -> URIRef | None:
        if (node, RDF.type, DG.Evidence) in self.graph:
            return node
        own = sorted(self.graph.objects(node, DG.evidence))
        if own:
            return own[0]
        for subject in sorted(self.graph.subjects(None, node)):
            found = sorted(self.graph.objects(subject, DG.evidence))
            if found:
                return found[0]
        return None

    def document_of(self, node, evidence) -> str:
        for source in (evidence, node):
            if source is None:
                continue
            for doc in sorted(self.graph.objects(source, PROV.wasDerivedFrom)):
                title = self.graph.value(doc, DCTERMS.title)
                if title is not None:
                    return str(title)
                location = self.graph.value(doc, DG.sourceLocation)
                if location is not None:
                    return str(location)
        title = self.graph.value(node, DCTERMS.title)
        return str(title) if title is not None else ""

    def trace(self, node) -> tuple[str, str]:
        """(document title, sentence) behind `node`, empty strings when there is none."""
        evidence = self.evidence_of(node)
        sentence = self.graph.value(evidence, DG.sentence) if evidence is not None else None
        return self.document_of(node, evidence), str(sentence or "")


def node_shape(shapes: Graph, shape) -> str:
    """The named shape a result came from (property shapes are blank nodes inside one)."""
    parent = shapes.value(None, SH.property, shape) if isinstance(shape, BNode) else None
    return short(parent if parent is not None else shape)


def validate_graph(data: Graph, ontology: Graph | None = None,
                   shapes: Graph | None = None) -> ValidationReport:
    """Check `data` against the SHACL shapes, with the ontology's class hierarchy."""
    import pyshacl

    started = time.perf_counter()
    shapes = shapes if shapes is not None else shapes_graph()
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes,
        ont_graph=ontology if ontology is not None else ontology_graph(),
        inference="none", advanced=True, allow_warnings=True)
    provenance = Provenance(data)
    report = ValidationReport(conforms=bool(conforms))
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        messages = list(results.objects(result, SH.resultMessage))
        message = next((str(m) for m in messages if isinstance(m, Literal) and m.language == "en"),
                       str(messages[0]) if messages else "does not conform")
        document, sentence = provenance.trace(focus)
        report.violations.append(Violation(
            focus=short(focus), path=short(path) if path is not None else "", message=message,
            severity=short(results.value(result, SH.resultSeverity)).removeprefix("sh:"),
            shape=node_shape(shapes, results.value(result, SH.sourceShape)),
            value=short(value) if value is not None else "", document=document,
            sentence=sentence))
    report.violations.sort(key=lambda v: (v.document, v.focus, v.path, v.message))
    report.focus_nodes = len({v.focus for v in report.violations})
    report.seconds = time.perf_counter() - started
    return report


def validate(store: Store) -> ValidationReport:
    """Validate everything in the store (extracted, reference and inferred graphs)."""
    ontology = store.graph(ONTOLOGY_GRAPH) if ONTOLOGY_GRAPH in store.graph_names() else None
    return validate_graph(data_graph(store), ontology)
