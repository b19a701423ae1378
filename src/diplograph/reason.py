"""store -> inferred graph: HermiT checks consistency, and what the ontology entails is materialised.

HermiT (through owlready2, on the machine's Java) decides consistency of the ontology and the data.
What OWL entails that queries need (superclasses, super-properties, inverses, symmetric and
transitive links, and dg:metWith from meeting principals) is then written by rules read from the
ontology's own axioms into the named graph INFERRED_GRAPH, which is replaced on every run and
never mixed with extracted data. Asking HermiT to realise every individual instead (owlready2's
sync_reasoner) took 23 s against 3 s for the consistency check on the 4-article sample, and
owlready2 does not write inferred inverse or symmetric links anyway.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from diplograph.errors import DiplographError
from diplograph.ontology import ontology_graph
from diplograph.store import Store
from diplograph.vocabulary import DG, INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH, short

# OWL 2's datatype map has no dates; HermiT refuses the whole input if one appears
UNSUPPORTED_DATATYPES = frozenset({XSD.date, XSD.gYear, XSD.gYearMonth, XSD.gMonth, XSD.gMonthDay,
                                   XSD.gDay, XSD.time, XSD.duration})
# numeric datatypes whose values also belong to a wider one (for the datatype-range diagnosis)
_INTEGER_TYPES = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
                  XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger,
                  XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte}
_WIDER = {XSD.decimal: _INTEGER_TYPES | {XSD.decimal}, XSD.integer: _INTEGER_TYPES,
          XSD.string: {XSD.string, None}}
_ANNOTATIONS = {RDFS.label, RDFS.comment, RDFS.isDefinedBy, RDFS.seeAlso, OWL.versionInfo}
_IGNORED_CLASSES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}
JAVA_MEMORY_MB = 2000
# namespaces the ontology and shapes use beyond the ones instance data is written with
class ReasonerError(DiplographError):
    """HermiT could not run for a reason other than an inconsistency (a Java error)."""


@dataclass
class Clash:
    """One reason the graph is inconsistent: the axiom broken and the individuals that break it."""

    axiom: str
    individuals: list[str]
    details: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join([self.axiom, *(f"  {line}" for line in self.details)])


@dataclass
class ReasoningReport:
    checked: bool = False  # False when HermiT could not run (no Java)
    consistent: bool | None = None
    note: str = ""  # why consistency was not checked, or what HermiT said
    clashes: list[Clash] = field(default_factory=list)
    inferred: int = 0
    counts: Counter = field(default_factory=Counter)  # inferred triples by rule
    seconds: float = 0.0


# ---- the axioms ----------------------------------------------------------------------------
class Axioms:
    """What the ontology says that the rules and the diagnosis need, read once from its triples."""

    def __init__(self, ontology: Graph):
        self.graph = ontology
        self.superclasses = self._closure(RDFS.subClassOf, OWL.equivalentClass)
        self.superproperties = self._closure(RDFS.subPropertyOf, OWL.equivalentProperty)
        # what is materialised stays within diplograph's own terms: the alignments to other
        # vocabularies are documented in the ontology for whoever exports the graph, and
        # materialising them would double the store for no query diplograph runs
        self.own_superclasses = {c: {s for s in supers if s.startswith(str(DG))}
                                 for c, supers in self.superclasses.items()}
        self.own_superproperties = {p: {s for s in supers if s.startswith(str(DG))}
                                    for p, supers in self.superproperties.items()}
        self.inverses: dict[URIRef, set[URIRef]] = defaultdict(set)
        for p, q in ontology.subject_objects(OWL.inverseOf):
            if isinstance(p, URIRef) and isinstance(q, URIRef):
                self.inverses[p].add(q)
                self.inverses[q].add(p)
        self.symmetric = set(ontology.subjects(RDF.type, OWL.SymmetricProperty))
        self.transitive = set(ontology.subjects(RDF.type, OWL.TransitiveProperty))
        self.irreflexive = set(ontology.subjects(RDF.type, OWL.IrreflexiveProperty))
        self.asymmetric = set(ontology.subjects(RDF.type, OWL.AsymmetricProperty))
        self.functional_data = (set(ontology.subjects(RDF.type, OWL.FunctionalProperty))
                                & set(ontology.subjects(RDF.type, OWL.DatatypeProperty)))
        self.domains = self._named(RDFS.domain)
        self.ranges = self._named(RDFS.range)
        self.disjoint = self._disjoint_pairs()

    def _closure(self, *predicates: URIRef) -> dict[URIRef, set[URIRef]]:
        direct: dict[URIRef, set[URIRef]] = defaultdict(set)
        for predicate in predicates:
            for a, b in self.graph.subject_objects(predicate):
                if isinstance(a, URIRef) and isinstance(b, URIRef) and a != b:
                    direct[a].add(b)
                    if predicate != RDFS.subClassOf and predicate != RDFS.subPropertyOf:
                        direct[b].add(a)
        closed: dict[URIRef, set[URIRef]] = {}
        for start in list(direct):
            seen, todo = set(), [start]
            while todo:
                for nxt in direct.get(todo.pop(), ()):
                    if nxt not in seen and nxt != start:
                        seen.add(nxt)
                        todo.append(nxt)
            closed[start] = seen - _IGNORED_CLASSES
        return closed

    def _named(self, predicate: URIRef) -> dict[URIRef, set[URIRef]]:
        found: dict[URIRef, set[URIRef]] = defaultdict(set)
        for p, c in self.graph.subject_objects(predicate):
            if isinstance(c, URIRef):
                found[p].add(c)
        return found

    def _disjoint_pairs(self) -> dict[frozenset, str]:
        pairs: dict[frozenset, str] = {}
        for a, b in self.graph.subject_objects(OWL.disjointWith):
            pairs[frozenset((a, b))] = f"{short(a)} owl:disjointWith {short(b)}"
        for axiom in self.graph.subjects(RDF.type, OWL.AllDisjointClasses):
            head = self.graph.value(axiom, OWL.members)
            members = list(Collection(self.graph, head)) if head is not None else []
            text = f"AllDisjointClasses({' '.join(short(m) for m in members)})"
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    pairs[frozenset((a, b))] = text
        return pairs

    def types_with(self, cls: URIRef) -> set[URIRef]:
        return {cls} | self.superclasses.get(cls, set())


# ---- materialisation ------------------------------------------------------------------------
def materialise(data: Iterable[tuple], axioms: Axioms) -> tuple[Graph, Counter]:
    """The triples in diplograph's terms that the axioms entail from `data` and `data` does not
    already hold, with counts by rule (type, subproperty, inverse, symmetric, transitive,
    metWith)."""
    asserted = set(data)
    inferred: dict[tuple, str] = {}

    def known(triple: tuple) -> bool:
        return triple in asserted or triple in inferred

    # dg:metWith: every pair of principals of one meeting (OWL cannot say this without also
    # making everyone meet themselves, so it is a rule, documented on dg:metWith)
    meetings = {s for s, p, o in asserted if p == RDF.type and o == DG.Meeting}
    principals: dict[object, set] = defaultdict(set)
    for s, p, o in asserted:
        if p == DG.participant and s in meetings:
            principals[s].add(o)
    for people in principals.values():
        for a in people:
            for b in people:
                if a != b and not known((a, DG.metWith, b)):
                    inferred[(a, DG.metWith, b)] = "metWith"

    new = set(asserted) | set(inferred)
    while new:
        # one set per rule, merged in a fixed order, so that a triple two rules derive is always
        # counted under the same rule whatever order the sets iterate in
        by_rule: dict[str, set] = {rule: set() for rule in
                                   ("type", "subproperty", "inverse", "symmetric", "transitive")}
        for s, p, o in new:
            if p == RDF.type:
                by_rule["type"].update((s, RDF.type, c) for c in axioms.own_superclasses.get(o, ()))
                continue
            by_rule["subproperty"].update((s, q, o) for q in axioms.own_superproperties.get(p, ()))
            if isinstance(o, Literal):
                continue
            by_rule["inverse"].update((o, q, s) for q in axioms.inverses.get(p, ()))
            if p in axioms.symmetric:
                by_rule["symmetric"].add((o, p, s))
        for p in axioms.transitive:
            links: dict[object, set] = defaultdict(set)
            for source in (asserted, inferred, by_rule["subproperty"], by_rule["inverse"],
                           by_rule["symmetric"]):
                for s, q, o in source:
                    if q == p:
                        links[s].add(o)
            for start in list(links):
                seen, todo = set(), list(links[start])
                while todo:
                    node = todo.pop()
                    if node in seen:
                        continue
                    seen.add(node)
                    todo.extend(links.get(node, ()))
                by_rule["transitive"].update((start, p, end) for end in seen - links[start]
                                             if end != start)
        derived: dict[tuple, str] = {}
        for rule, triples in by_rule.items():
            for triple in triples:
                derived.setdefault(triple, rule)
        new = set()
        for triple, rule in derived.items():
            if not known(triple):
                inferred[triple] = rule
                new.add(triple)
    graph = Graph(identifier=INFERRED_GRAPH)
    for triple in inferred:
        graph.add(triple)
    return graph, Counter(inferred.values())


# ---- consistency ----------------------------------------------------------------------------
def java_executable() -> str | None:
    import owlready2

    return shutil.which(owlready2.JAVA_EXE)


def reasoner_input(graphs: Iterable[Graph]) -> Graph:
    """One graph HermiT accepts: no literals (nor ranges) of datatypes outside OWL 2's datatype
    map, and no annotations (they carry no meaning for the reasoner and double its parsing time)."""
    copy = Graph()
    for graph in graphs:
        annotations = set(graph.subjects(RDF.type, OWL.AnnotationProperty)) | _ANNOTATIONS
        for s, p, o in graph:
            if p in annotations or o in UNSUPPORTED_DATATYPES:
                continue
            if isinstance(o, Literal) and o.datatype in UNSUPPORTED_DATATYPES:
                continue
            copy.add((s, p, o))
    return copy


def hermit_classpath() -> str:
    """The Java class path of the HermiT that owlready2 ships (its jar and the folder beside it)."""
    import owlready2

    folder = Path(owlready2.__file__).parent / "hermit"
    jar = folder / "HermiT.jar"
    if not jar.is_file():
        raise ReasonerError(f"HermiT is not where owlready2 keeps it ({jar}); reinstall owlready2")
    return os.pathsep.join([str(folder), str(jar)])


def run_hermit(graphs: Iterable[Graph], java: str) -> tuple[bool, str]:
    """(consistent, what HermiT said) for the union of `graphs`, by HermiT's consistency check."""
    classpath = hermit_classpath()
    with tempfile.TemporaryDirectory(prefix="diplograph-hermit-") as tmp:
        path = Path(tmp) / "input.nt"
        reasoner_input(graphs).serialize(path, format="nt", encoding="utf-8")
        command = [java, f"-Xmx{JAVA_MEMORY_MB}M", "-cp", classpath,
                   "org.semanticweb.HermiT.cli.CommandLine", "-k", path.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600,
                                  check=False)
        except OSError as e:
            raise ReasonerError(f"cannot start Java ({java}): {e}") from None
        except subprocess.TimeoutExpired:
            raise ReasonerError("HermiT took more than 10 minutes; giving up") from None
    output = (done.stdout + done.stderr).strip()
    if "InconsistentOntologyException" in output or "Inconsistent ontology" in output:
        return False, "HermiT: the ontology and the data are inconsistent"
    if done.returncode != 0 or "is satisfiable" not in done.stdout:
        lines = [line for line in output.splitlines() if line.strip() and "\tat " not in line]
        first = lines[0] if lines else f"exit status {done.returncode}"
        raise ReasonerError(f"HermiT failed: {first}")
    return True, "HermiT: consistent"


def unsatisfiable_classes(ontology: Graph) -> list[str]:
    """The ontology's classes that can have no member (a modelling error), found by HermiT
    through owlready2."""
    import io

    import owlready2

    world = owlready2.World()
    data = reasoner_input([ontology]).serialize(format="nt", encoding="utf-8")
    onto = world.get_ontology("https://w3id.org/diplograph/ontology").load(
        fileobj=io.BytesIO(data), format="ntriples")
    owlready2.sync_reasoner_hermit(onto, infer_property_values=False, debug=0)
    return sorted(short(URIRef(c.iri)) for c in world.inconsistent_classes()
                  if c is not owlready2.Nothing)


# ---- diagnosis ------------------------------------------------------------------------------
class Diagnosis:
    """Finds which axiom the data breaks, naming individuals, their document and sentence."""

    def __init__(self, graphs: dict[URIRef, Graph], axioms: Axioms):
        self.graphs = graphs
        self.axioms = axioms
        self.data = [(t, name) for name, g in graphs.items() if name != ONTOLOGY_GRAPH for t in g]

    def where(self, node) -> str:
        """Which document (title and sentence) or reference table a node comes from."""
        places = []
        for name, g in self.graphs.items():
            if name == ONTOLOGY_GRAPH or (node, None, None) not in g:
                continue
            if name == REFERENCE_GRAPH:
                places.append("the reference data")
                continue
            title = next((str(t) for t in g.objects(None, DCTERMS.title)), str(name))
            sentence = next((str(s) for e in sorted(g.objects(node, DG.evidence))
                             for s in g.objects(e, DG.sentence)), "")
            places.append(f"document '{title}'" + (f", sentence '{sentence}'" if sentence else ""))
        return "; ".join(places) or "no document"

    def label(self, node) -> str:
        for g in self.graphs.values():
            for lab in g.objects(node, RDFS.label):
                return f"{short(node)} ({lab})"
        return short(node)

    def typings(self) -> dict[object, dict[URIRef, str]]:
        """node -> class -> why the node has that class (assertion, domain or range)."""
        why: dict[object, dict[URIRef, str]] = defaultdict(dict)

        def give(node, cls, reason):
            for c in self.axioms.types_with(cls):
                why[node].setdefault(c, reason if c == cls else f"{reason}, and {short(cls)} "
                                                                 f"is a kind of {short(c)}")

        for (s, p, o), _ in self.data:
            if p == RDF.type and isinstance(o, URIRef):
                give(s, o, f"asserted a {short(o)}")
        for (s, p, o), _ in self.data:
            if p != RDF.type:
                for q in {p} | self.axioms.superproperties.get(p, set()):
                    for c in self.axioms.domains.get(q, ()):
                        give(s, c, f"subject of {short(p)} (domain {short(c)})")
                    if not isinstance(o, Literal):
                        for c in self.axioms.ranges.get(q, ()):
                            give(o, c, f"object of {short(p)} (range {short(c)})")
        return why

    def clashes(self) -> list[Clash]:
        found: list[Clash] = []
        for node, classes in self.typings().items():
            for pair, axiom in self.axioms.disjoint.items():
                a, b = sorted(pair)
                if a in classes and b in classes:
                    found.append(Clash(
                        f"{self.label(node)} is both {short(a)} and {short(b)}, "
                        f"which {axiom} forbids",
                        [str(node)],
                        [f"{short(a)}: {classes[a]}", f"{short(b)}: {classes[b]}",
                         f"from {self.where(node)}"]))
        values: dict[tuple, set] = defaultdict(set)
        for (s, p, o), _ in self.data:
            if p in self.axioms.irreflexive and s == o:
                found.append(Clash(f"{self.label(s)} {short(p)} itself, but {short(p)} is "
                                   "irreflexive", [str(s)], [f"from {self.where(s)}"]))
            if p in self.axioms.asymmetric and any((o, p, s) in g for g in self.graphs.values()):
                found.append(Clash(f"{self.label(s)} and {self.label(o)} are each other's "
                                   f"{short(p)}, but {short(p)} is asymmetric", [str(s), str(o)],
                                   [f"from {self.where(s)}"]))
            if p in self.axioms.functional_data and isinstance(o, Literal):
                values[(s, p)].add(o)
            if isinstance(o, Literal) and o.datatype not in UNSUPPORTED_DATATYPES:
                found.extend(self._datatype_clash(s, p, o))
        for (s, p), literals in values.items():
            if len({lit.value if lit.value is not None else str(lit) for lit in literals}) > 1:
                found.append(Clash(
                    f"{self.label(s)} has {len(literals)} values of {short(p)}, "
                    "which is functional", [str(s)],
                    [", ".join(sorted(short(v) for v in literals)), f"from {self.where(s)}"]))
        return found

    def _datatype_clash(self, s, p, o: Literal) -> list[Clash]:
        if getattr(o, "ill_typed", False):
            return [Clash(f"{self.label(s)} {short(p)} {o!r} is not a valid {short(o.datatype)}",
                          [str(s)], [f"from {self.where(s)}"])]
        for q in {p} | self.axioms.superproperties.get(p, set()):
            for rng in self.axioms.ranges.get(q, ()):
                if rng in _WIDER and (o.datatype if not o.language else RDF.langString) \
                        not in _WIDER[rng]:
                    return [Clash(f"{self.label(s)} {short(p)} {o.n3()}, but the range of "
                                  f"{short(q)} is {short(rng)}", [str(s)],
                                  [f"from {self.where(s)}"])]
        return []


# ---- the whole step -------------------------------------------------------------------------
def stored_graphs(store: Store) -> dict[URIRef, Graph]:
    """Every named graph of the store except the inferred one; the ontology from the project's
    Turtle if the store has none."""
    graphs = {name: store.graph(name) for name in store.graph_names() if name != INFERRED_GRAPH}
    if ONTOLOGY_GRAPH not in graphs:
        graphs[ONTOLOGY_GRAPH] = ontology_graph()
    return graphs


def reason_graphs(graphs: dict[URIRef, Graph]) -> tuple[Graph, ReasoningReport]:
    """Check consistency and compute the inferred graph for `graphs` (name -> graph)."""
    started = time.perf_counter()
    report = ReasoningReport()
    axioms = Axioms(graphs[ONTOLOGY_GRAPH])
    java = java_executable()
    if java is None:
        report.note = ("Java was not found, so HermiT could not check consistency (install a Java "
                       "runtime, e.g. Debian's default-jre-headless); the inferred graph was still "
                       "written from the ontology's axioms")
    else:
        try:
            report.consistent, report.note = run_hermit(graphs.values(), java)
            report.checked = True
        except ReasonerError as e:
            # a reasoner that cannot run must not stop a build; the report says why
            report.note = str(e)
        if report.checked and not report.consistent:
            report.clashes = Diagnosis(graphs, axioms).clashes()
    data = (t for name, g in graphs.items() if name != ONTOLOGY_GRAPH for t in g)
    inferred, report.counts = materialise(data, axioms)
    report.inferred = len(inferred)
    report.seconds = time.perf_counter() - started
    return inferred, report


def reason(store: Store) -> ReasoningReport:
    """Check the store's graph with HermiT and replace its inferred graph."""
    inferred, report = reason_graphs(stored_graphs(store))
    store.replace_graph(inferred)
    return report


