"""The ontology and the shapes: they load (rdflib, owlready2 + HermiT), declare every term the
graph uses, document each in both languages, and say what the issue asks of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from diplograph.ontology import ontology_graph, ontology_path, shapes_graph
from diplograph.reason import java_executable, unsatisfiable_classes
from diplograph.vocabulary import DG, ORG, PROV, SCHEMA, SEM, TIME, WDT

TRIPLES_SOURCE = Path(__file__).resolve().parents[1] / "src" / "diplograph" / "triples.py"
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
         OWL.NamedIndividual)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology_graph()


def own_terms(g: Graph) -> set[URIRef]:
    return {s for kind in KINDS for s in g.subjects(RDF.type, kind)
            if isinstance(s, URIRef) and str(s).startswith(str(DG))}


def terms_written_by_triples() -> set[URIRef]:
    source = TRIPLES_SOURCE.read_text(encoding="utf-8")
    names = set(re.findall(r"\bDG\.([A-Za-z_]+)", source))
    if 'DG[f"precision_{' in source:
        names |= {"precision_day", "precision_month", "precision_year"}
    return {DG[n] for n in names}


def test_every_term_the_graph_uses_is_declared(onto):
    used = terms_written_by_triples()
    assert len(used) > 60
    missing = sorted(str(t) for t in used - own_terms(onto))
    assert not missing, f"written by triples.py but not declared in the ontology: {missing}"
    # classes are classes and properties are properties, not the other way round
    for term in used:
        local = str(term).rsplit("#", 1)[1]
        if local[0].isupper():
            assert (term, RDF.type, OWL.Class) in onto, term
        elif not local.startswith("precision_"):
            assert {(term, RDF.type, OWL.ObjectProperty), (term, RDF.type, OWL.DatatypeProperty)} \
                & set(onto.triples((term, RDF.type, None))), term


def test_every_term_has_labels_and_comments_in_english_and_chinese(onto):
    for term in own_terms(onto):
        for predicate in (RDFS.label, RDFS.comment):
            languages = {o.language for o in onto.objects(term, predicate) if isinstance(o, Literal)}
            assert {"en", "zh"} <= languages, f"{term} lacks {predicate} in {({'en', 'zh'} - languages)}"


def test_each_section_of_the_turtle_is_sorted():
    text = ontology_path().read_text(encoding="utf-8")
    sections = re.split(r"\n#-+\n# (.+)\n#-+\n", text)
    titled = dict(zip(sections[1::2], sections[2::2]))
    assert {"Classes", "Object properties", "Datatype properties", "Annotation properties",
            "Individuals"} <= set(titled)
    for title in ("Classes", "Object properties", "Datatype properties", "Annotation properties",
                  "Individuals"):
        names = re.findall(r"^dg:(\w+) a ", titled[title], flags=re.MULTILINE)
        assert names, title
        assert names == sorted(names, key=str.lower), f"{title} not sorted: {names}"


def test_classes_the_issue_asks_for(onto):
    sub = lambda a, b: (a, RDFS.subClassOf, b) in onto
    assert sub(DG.Official, DG.Person)
    for c in (DG.GovernmentBody, DG.Party, DG.Association, DG.Enterprise):
        assert sub(c, DG.Organization), c
    for c in (DG.Country, DG.Region, DG.Province, DG.City, DG.Venue):
        assert sub(c, DG.Place), c
    for c in (DG.Meeting, DG.Visit, DG.Expo, DG.Forum, DG.Conference, DG.SigningCeremony):
        assert sub(c, DG.Event), c
    assert sub(DG.Post, ORG.Post)
    assert sub(DG.MonetaryAmount, SCHEMA.MonetaryAmount)
    assert (DG.holdsPost, RDFS.subPropertyOf, ORG.holds) in onto
    assert (DG.postIn, RDFS.subPropertyOf, ORG.postIn) in onto
    for p in (DG.ledBy, DG.member, DG.origin, DG.destination, DG.size):
        assert (p, RDFS.domain, None) in onto, p


def test_property_characteristics(onto):
    assert (DG.leads, OWL.inverseOf, DG.ledBy) in onto
    assert (DG.signatory, OWL.inverseOf, DG.signs) in onto
    assert (DG.metWith, RDF.type, OWL.SymmetricProperty) in onto
    assert (DG.locatedIn, RDF.type, OWL.TransitiveProperty) in onto
    for p in (DG.spokeAt, DG.organizes, DG.signedAt):
        assert (p, RDFS.subPropertyOf, DG.participatesIn) in onto, p
    precisions = {DG.precision_day, DG.precision_month, DG.precision_year}
    assert set(onto.subjects(RDF.type, DG.DatePrecision)) == precisions
    assert (DG.datePrecision, RDFS.range, DG.DatePrecision) in onto
    assert (DG.DatePrecision, RDFS.subClassOf, TIME.TemporalUnit) in onto


def test_alignments_reach_every_vocabulary(onto):
    targets = {str(o) for p in (RDFS.subClassOf, RDFS.subPropertyOf, URIRef(
        "http://www.w3.org/2004/02/skos/core#closeMatch"), URIRef(
        "http://www.w3.org/2004/02/skos/core#exactMatch")) for s, o in onto.subject_objects(p)
        if str(s).startswith(str(DG))}
    for namespace in (ORG, PROV, SCHEMA, TIME, SEM):
        assert any(t.startswith(str(namespace)) for t in targets), namespace
    for prop in ("P39", "P710", "P17", "P585", "P1891", "P190"):
        assert str(WDT[prop]) in targets, prop


def test_event_classes_carry_cameo_and_plover_codes(onto):
    codes = {str(o) for s in onto.subjects(RDFS.subClassOf, DG.Event)
             for o in onto.objects(s, DG.cameoCode)}
    assert {"042", "043", "044", "057"} <= codes
    assert str(onto.value(DG.Visit, DG.ploverMode)) == "visit"
    assert {str(o) for o in onto.objects(DG.SigningCeremony, DG.cameoCode)} == {"057"}


def test_disjointness_where_the_world_is_disjoint(onto):
    from diplograph.docs import disjoint_classes

    disjoint = disjoint_classes(onto)
    assert DG.Place in disjoint[DG.Agent]  # so a Country is never a Person
    assert DG.Organization in disjoint[DG.Person]  # so an Official is never an Enterprise
    assert DG.GovernmentBody in disjoint[DG.Enterprise]
    assert DG.Region in disjoint[DG.Country]


def test_shapes_load_and_are_valid_shacl():
    import pyshacl

    shapes = shapes_graph()
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text
    names = {str(s).rsplit("#", 1)[1] for s in shapes.subjects(RDF.type, URIRef(
        "http://www.w3.org/ns/shacl#NodeShape"))}
    assert {"MeetingShape", "OfficialShape", "VisitShape", "MonetaryAmountShape",
            "FactProvenanceShape"} <= names


@pytest.mark.skipif(java_executable() is None, reason="HermiT needs Java")
def test_ontology_loads_in_owlready2_and_hermit_finds_every_class_satisfiable():
    import io

    import owlready2

    from diplograph.reason import reasoner_input

    world = owlready2.World()
    data = reasoner_input([ontology_graph()]).serialize(format="nt", encoding="utf-8")
    onto = world.get_ontology("https://w3id.org/diplograph/ontology").load(
        fileobj=io.BytesIO(data), format="ntriples")
    official = onto.search_one(iri=str(DG.Official))
    assert official is not None and onto.search_one(iri=str(DG.Person)) in official.is_a
    assert onto.search_one(iri=str(DG.locatedIn)).is_a.count(owlready2.TransitiveProperty) == 1
    assert unsatisfiable_classes(ontology_graph()) == []
    # and the check is not vacuous: a class that is both a person and a place can have no member
    broken = ontology_graph()
    broken.add((DG.PersonPlace, RDF.type, OWL.Class))
    broken.add((DG.PersonPlace, RDFS.subClassOf, DG.Person))
    broken.add((DG.PersonPlace, RDFS.subClassOf, DG.Place))
    assert unsatisfiable_classes(broken) == ["dg:PersonPlace"]
