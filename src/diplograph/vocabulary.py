"""The namespaces diplograph writes: its ontology, its instance IRIs, and the vocabularies it reuses."""

from __future__ import annotations

from rdflib import Literal, Namespace, URIRef
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


# prefixes for messages only: vocabularies that appear in reference data, shapes and reports
_MESSAGE_PREFIXES = {"wd": "http://www.wikidata.org/entity/", "vann": "http://purl.org/vocab/vann/",
                     "dgsh": "https://w3id.org/diplograph/shapes#",
                     "sh": "http://www.w3.org/ns/shacl#"}


def short(term: object) -> str:
    """A term as a CURIE when one of diplograph's prefixes fits, else <iri> or the literal."""
    if isinstance(term, URIRef):
        text = str(term)
        best = ""
        for prefix, namespace in [*PREFIXES.items(), *_MESSAGE_PREFIXES.items()]:
            ns = str(namespace)
            if text.startswith(ns) and len(ns) > len(best):
                best, name = ns, prefix
        return f"{name}:{text[len(best):]}" if best else f"<{text}>"
    if isinstance(term, Literal):
        return repr(str(term))
    return str(term)
