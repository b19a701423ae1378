"""The namespaces diplograph writes: its ontology, its instance IRIs, and the vocabularies it reuses."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

DG = Namespace("https://w3id.org/diplograph/ontology#")
ID = Namespace("https://w3id.org/diplograph/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

# the named graphs that are not documents
REFERENCE_GRAPH = ID["graph/reference"]
ONTOLOGY_GRAPH = ID["graph/ontology"]
INFERRED_GRAPH = ID["graph/inferred"]

PREFIXES = {
    "dg": DG, "id": ID, "org": ORG, "schema": SCHEMA, "time": TIME, "sem": SEM, "wdt": WDT,
    "prov": PROV, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "dcterms": DCTERMS, "skos": SKOS,
}


def bind_prefixes(graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
