"""ontology -> HTML page: the terms of ontology/diplograph.ttl documented in English and Chinese.

The page is one self-contained file (inline CSS, no scripts, nothing fetched), so it opens offline.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from diplograph.ontology import ontology_graph
from diplograph.vocabulary import short
from diplograph.vocabulary import DG

ONTOLOGY_IRI = URIRef("https://w3id.org/diplograph/ontology")
SECTIONS = [
    ("classes", "Classes 类", OWL.Class),
    ("object-properties", "Object properties 对象属性", OWL.ObjectProperty),
    ("datatype-properties", "Datatype properties 数据属性", OWL.DatatypeProperty),
    ("annotation-properties", "Annotation properties 注释属性", OWL.AnnotationProperty),
    ("individuals", "Individuals 个体", OWL.NamedIndividual),
]
CHARACTERISTICS = [OWL.FunctionalProperty, OWL.TransitiveProperty, OWL.SymmetricProperty,
                   OWL.AsymmetricProperty, OWL.IrreflexiveProperty]
# predicates that relate a dg: term to another vocabulary, in the order the page lists them
ALIGNMENT_PREDICATES = [RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass,
                        OWL.equivalentProperty, SKOS.exactMatch, SKOS.closeMatch]
CODES = [(DG.cameoCode, "CAMEO"), (DG.ploverEventType, "PLOVER event type"),
         (DG.ploverMode, "PLOVER mode")]
CSS = """
body { font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; line-height: 1.5; }
h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 2px solid #ccd; margin-top: 2.5rem; }
section.term { border-top: 1px solid #e4e4ea; padding: 0.6rem 0; }
section.term h3 { margin: 0.2rem 0; font-family: monospace; font-size: 1.1rem; }
.labels { color: #444; } .zh { color: #333; }
table { border-collapse: collapse; margin: 0.3rem 0; }
th { text-align: left; font-weight: normal; color: #666; padding-right: 1rem; vertical-align: top; }
td { font-family: monospace; } nav a { margin-right: 1rem; }
table.alignments td, table.alignments th { border: 1px solid #dde; padding: 0.2rem 0.5rem; }
"""


@dataclass
class Term:
    iri: URIRef
    kind: URIRef
    labels: dict[str, str] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    rows: list[tuple[str, list[str]]] = field(default_factory=list)  # (heading, values as HTML)

    @property
    def name(self) -> str:
        return short(self.iri)

    @property
    def anchor(self) -> str:
        return str(self.iri).rsplit("#", 1)[-1]


def _lang_texts(graph: Graph, node, predicate) -> dict[str, str]:
    return {lit.language or "": str(lit) for lit in graph.objects(node, predicate)
            if isinstance(lit, Literal)}


def _ref(graph: Graph, node) -> str:
    """A term as HTML: a link within the page for dg: terms, a class expression spelled out."""
    if isinstance(node, BNode):
        for op, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and "), (OWL.oneOf, ", ")):
            members = graph.value(node, op)
            if members is not None:
                inner = word.join(_ref(graph, m) for m in Collection(graph, members))
                return f"one of {{{inner}}}" if op == OWL.oneOf else f"({inner})"
        return "(anonymous)"
    if isinstance(node, Literal):
        return html.escape(str(node))
    text = html.escape(short(node))
    if str(node).startswith(str(DG)):
        return f'<a href="#{html.escape(str(node).rsplit("#", 1)[-1])}">{text}</a>'
    return f'<a href="{html.escape(str(node))}" title="{html.escape(str(node))}">{text}</a>'


def describe(graph: Graph, iri: URIRef, kind: URIRef,
             disjoint: dict[URIRef, set] | None = None) -> Term:
    term = Term(iri, kind, _lang_texts(graph, iri, RDFS.label),
                _lang_texts(graph, iri, RDFS.comment))

    def row(heading: str, values) -> None:
        values = sorted(values, key=lambda v: short(v) if not isinstance(v, BNode) else "~")
        if values:
            term.rows.append((heading, [_ref(graph, v) for v in values]))

    row("subclass of", graph.objects(iri, RDFS.subClassOf))
    row("equivalent to", graph.objects(iri, OWL.equivalentClass))
    row("subproperty of", graph.objects(iri, RDFS.subPropertyOf))
    row("inverse of",
        set(graph.objects(iri, OWL.inverseOf)) | set(graph.subjects(OWL.inverseOf, iri)))
    row("domain", graph.objects(iri, RDFS.domain))
    row("range", graph.objects(iri, RDFS.range))
    row("characteristics", [c for c in CHARACTERISTICS if (iri, RDF.type, c) in graph])
    row("subclasses", graph.subjects(RDFS.subClassOf, iri))
    row("subproperties", graph.subjects(RDFS.subPropertyOf, iri))
    if disjoint is None:
        disjoint = disjoint_classes(graph)
    row("disjoint with", disjoint.get(iri, set()))
    row("instance of", [t for t in graph.objects(iri, RDF.type) if t != kind])
    row("exact match", graph.objects(iri, SKOS.exactMatch))
    row("close match", graph.objects(iri, SKOS.closeMatch))
    for predicate, heading in CODES:
        row(heading, graph.objects(iri, predicate))
    return term


def disjoint_classes(graph: Graph) -> dict[URIRef, set]:
    """class -> the classes declared disjoint with it, pairwise or in an AllDisjointClasses."""
    found: dict[URIRef, set] = {}
    for a, b in graph.subject_objects(OWL.disjointWith):
        found.setdefault(a, set()).add(b)
        found.setdefault(b, set()).add(a)
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        head = graph.value(axiom, OWL.members)
        members = list(Collection(graph, head)) if head is not None else []
        for m in members:
            found.setdefault(m, set()).update(set(members) - {m})
    return found


def ontology_terms(graph: Graph) -> dict[str, list[Term]]:
    """The dg: terms of the ontology by section, each sorted by name."""
    terms: dict[str, list[Term]] = {}
    disjoint = disjoint_classes(graph)
    for key, _, kind in SECTIONS:
        iris = sorted(i for i in graph.subjects(RDF.type, kind)
                      if isinstance(i, URIRef) and str(i).startswith(str(DG)))
        terms[key] = [describe(graph, i, kind, disjoint) for i in iris]
    return terms


def alignments(graph: Graph) -> list[tuple[str, str, str]]:
    """(dg term, relation, external term) for every link from a dg: term to another vocabulary."""
    found = []
    for predicate in ALIGNMENT_PREDICATES:
        for s, o in graph.subject_objects(predicate):
            if (isinstance(s, URIRef) and isinstance(o, URIRef) and str(s).startswith(str(DG))
                    and not str(o).startswith(str(DG))):
                found.append((short(s), short(predicate), short(o)))
    return sorted(found)


def render_term(term: Term) -> str:
    out = [f'<section class="term" id="{html.escape(term.anchor)}">',
           f"<h3>{html.escape(term.name)}</h3>",
           (f'<div class="labels"><span lang="en">{html.escape(term.labels.get("en", ""))}</span>'
            f' · <span lang="zh" class="zh">{html.escape(term.labels.get("zh", ""))}</span></div>'),
           f'<p lang="en">{html.escape(term.comments.get("en", ""))}</p>',
           f'<p lang="zh" class="zh">{html.escape(term.comments.get("zh", ""))}</p>']
    if term.rows:
        out.append("<table>")
        for heading, values in term.rows:
            out.append(f"<tr><th>{html.escape(heading)}</th><td>{', '.join(values)}</td></tr>")
        out.append("</table>")
    out.append("</section>")
    return "\n".join(out)


def render_page(graph: Graph) -> str:
    """The documentation page of the ontology in `graph`, as one HTML string."""
    title = _lang_texts(graph, ONTOLOGY_IRI, RDFS.label)
    comment = _lang_texts(graph, ONTOLOGY_IRI, RDFS.comment)
    version = graph.value(ONTOLOGY_IRI, OWL.versionInfo)
    terms = ontology_terms(graph)
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{html.escape(title.get('en', 'diplograph ontology'))}</title>",
             f"<style>{CSS}</style></head><body>",
             (f"<h1>{html.escape(title.get('en', ''))} · "
              f"<span lang=\"zh\">{html.escape(title.get('zh', ''))}</span></h1>"),
             (f"<p>IRI <code>{html.escape(str(ONTOLOGY_IRI))}</code>, prefix <code>dg:</code> "
              f"<code>{html.escape(str(DG))}</code>, version {html.escape(str(version or ''))}</p>"),
             f'<p lang="en">{html.escape(comment.get("en", ""))}</p>',
             f'<p lang="zh">{html.escape(comment.get("zh", ""))}</p>', "<nav>"]
    for key, heading, _ in SECTIONS:
        parts.append(f'<a href="#{key}">{html.escape(heading)} ({len(terms[key])})</a>')
    parts.append('<a href="#alignments">Alignments 对齐</a></nav>')
    for key, heading, _ in SECTIONS:
        parts.append(f'<h2 id="{key}">{html.escape(heading)}</h2>')
        parts.extend(render_term(t) for t in terms[key])
    parts.append('<h2 id="alignments">Alignments 对齐</h2>')
    parts.append("<p>How diplograph's terms relate to W3C ORG, PROV-O, schema.org, OWL-Time, SEM "
                 "and Wikidata.</p>")
    parts.append('<table class="alignments"><tr><th>term</th><th>relation</th>'
                 "<th>external term</th></tr>")
    for s, p, o in alignments(graph):
        parts.append(f"<tr><td>{html.escape(s)}</td><td>{html.escape(p)}</td>"
                     f"<td>{html.escape(o)}</td></tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts) + "\n"


def write_docs(path: str | Path, graph: Graph | None = None) -> Path:
    """Write the ontology's documentation page to `path` (UTF-8) and return the path."""
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        path = path / "ontology.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_page(graph if graph is not None else ontology_graph()), encoding="utf-8")
    return path
