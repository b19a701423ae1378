"""Reasoning: each inference shown on a small graph, inconsistencies reported readably, the
inferred graph kept apart and replaced, and a missing Java handled."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from diplograph import reason as reasoning
from diplograph.ontology import ontology_graph
from diplograph.reason import java_executable, reason, reason_graphs
from diplograph.store import open_store
from diplograph.vocabulary import DG, ID, INFERRED_GRAPH, ONTOLOGY_GRAPH

XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
needs_java = pytest.mark.skipif(java_executable() is None, reason="HermiT needs Java")
DOC_GRAPH = ID["graph/document/test"]
DOC = ID["document/test"]


def document(*triples, title="省外办新闻：测试", sentence="甲在长沙会见了乙。") -> Graph:
    """A document graph holding `triples`, each subject with evidence, like triples.py writes."""
    g = Graph(identifier=DOC_GRAPH)
    g.add((DOC, RDF.type, DG.Document))
    g.add((DOC, DCTERMS.title, Literal(title)))
    g.add((DOC, DG.publicationDate, Literal("2025-01-02", datatype=XSD_DATE)))
    evidence = ID["evidence/test/0-9/meetings.met_with"]
    g.add((evidence, RDF.type, DG.Evidence))
    g.add((evidence, DG.sentence, Literal(sentence)))
    g.add((evidence, PROV.wasDerivedFrom, DOC))
    for t in triples:
        g.add(t)
        if t[1] == RDF.type:
            g.add((t[0], DG.evidence, evidence))
    return g


def graphs(*named: Graph) -> dict[URIRef, Graph]:
    found = {ONTOLOGY_GRAPH: ontology_graph()}
    for g in named:
        found[g.identifier] = g
    return found


def inferred_from(*named: Graph) -> Graph:
    inferred, report = reason_graphs(graphs(*named))
    assert report.inferred == len(inferred)
    return inferred


A, B, C = ID["person/CN/甲"], ID["person/NZ/乙"], ID["person/NZ/丙"]


def test_met_with_is_materialised_both_ways_from_a_meeting():
    m = ID["meeting/1"]
    g = document((A, RDF.type, DG.Official), (B, RDF.type, DG.Official), (C, RDF.type, DG.Official),
                 (m, RDF.type, DG.Meeting), (m, DG.participant, A), (m, DG.participant, B),
                 (m, DG.attendee, C), (m, DG.startDate, Literal("2025-01-02", datatype=XSD_DATE)))
    inferred = inferred_from(g)
    assert (A, DG.metWith, B) in inferred and (B, DG.metWith, A) in inferred
    # who only sat in did not meet anyone, and nobody meets themselves
    assert not set(inferred.triples((C, DG.metWith, None)))
    assert (A, DG.metWith, A) not in inferred
    # principals and attendees take part in the meeting (participant, attendee < hasParticipant,
    # the inverse of participatesIn)
    assert (A, DG.participatesIn, m) in inferred and (C, DG.participatesIn, m) in inferred
    assert (m, RDF.type, DG.Event) in inferred


def test_led_by_is_materialised_from_leads():
    d = ID["delegation/1"]
    g = document((A, RDF.type, DG.Official), (d, RDF.type, DG.Delegation), (A, DG.leads, d))
    inferred = inferred_from(g)
    assert (d, DG.ledBy, A) in inferred
    assert (A, DG.leads, d) not in inferred  # asserted triples are never repeated


def test_a_citys_country_through_located_in():
    city, province, country = ID["place/CN/长沙"], ID["place/CN-HN"], ID["place/CN"]
    ref = Graph(identifier=ID["graph/reference"])
    ref.add((country, RDF.type, DG.Country))
    ref.add((province, RDF.type, DG.Province))
    ref.add((city, RDF.type, DG.City))
    ref.add((province, DG.locatedIn, country))
    ref.add((city, DG.locatedIn, province))
    inferred = inferred_from(ref)
    assert (city, DG.locatedIn, country) in inferred
    assert (city, RDF.type, DG.Place) in inferred


def test_superclasses_and_super_properties_stay_within_diplographs_terms():
    event = ID["event/博览会"]
    g = document((A, RDF.type, DG.Official), (event, RDF.type, DG.Expo), (A, DG.spokeAt, event))
    inferred = inferred_from(g)
    assert {(A, RDF.type, DG.Person), (A, RDF.type, DG.Agent), (event, RDF.type, DG.Event),
            (A, DG.participatesIn, event), (event, DG.hasParticipant, A)} <= set(inferred)
    assert all(str(o).startswith(str(DG)) for _, p, o in inferred if p == RDF.type)


@needs_java
def test_the_sample_like_graph_is_consistent():
    m = ID["meeting/1"]
    g = document((A, RDF.type, DG.Official), (B, RDF.type, DG.Official),
                 (m, RDF.type, DG.Meeting), (m, DG.participant, A), (m, DG.participant, B))
    _, report = reason_graphs(graphs(g))
    assert report.checked and report.consistent and not report.clashes


@needs_java
def test_an_inconsistency_names_the_individual_its_document_sentence_and_axiom():
    nz = ID["place/NZ"]
    g = document((nz, RDF.type, DG.Country), (nz, RDF.type, DG.Official),
                 title="新西兰总理访华", sentence="新西兰会见了长沙市长。")
    _, report = reason_graphs(graphs(g))
    assert report.checked and report.consistent is False
    text = "\n".join(str(c) for c in report.clashes)
    assert "id:place/NZ" in text
    assert "dg:Agent and dg:Place" in text and "AllDisjointClasses(" in text
    assert "新西兰总理访华" in text and "新西兰会见了长沙市长。" in text
    assert "Exception" not in text and "at org." not in text


@needs_java
def test_an_official_that_is_also_an_enterprise_is_caught_through_a_domain():
    company = ID["organization/CN/某集团"]
    post = ID["post/CN/某集团/董事长"]
    g = document((company, RDF.type, DG.Enterprise), (post, RDF.type, DG.Post),
                 (company, DG.holdsPost, post))
    _, report = reason_graphs(graphs(g))
    assert report.consistent is False
    text = "\n".join(str(c) for c in report.clashes)
    assert "dg:Organization and dg:Person" in text
    assert "subject of dg:holdsPost (domain dg:Person)" in text


def test_without_java_a_clear_message_and_the_inferred_graph_still_written(monkeypatch):
    monkeypatch.setattr(reasoning, "java_executable", lambda: None)
    d = ID["delegation/1"]
    g = document((A, RDF.type, DG.Official), (d, RDF.type, DG.Delegation), (A, DG.leads, d))
    inferred, report = reason_graphs(graphs(g))
    assert not report.checked and report.consistent is None
    assert "Java was not found" in report.note
    assert (d, DG.ledBy, A) in inferred


def test_reason_replaces_the_inferred_graph_in_the_store():
    store = open_store("memory")
    d = ID["delegation/1"]
    store.replace_graph(ontology_graph())
    store.replace_graph(document((A, RDF.type, DG.Official), (d, RDF.type, DG.Delegation),
                                 (A, DG.leads, d)))
    stale = Graph(identifier=INFERRED_GRAPH)
    stale.add((B, DG.metWith, C))
    store.replace_graph(stale)
    reason(store)
    inferred = store.graph(INFERRED_GRAPH)
    assert (d, DG.ledBy, A) in inferred
    assert (B, DG.metWith, C) not in inferred  # the old inferred graph is gone, not merged
    first = len(inferred)
    reason(store)  # inferred triples are never fed back as if they were asserted
    assert len(store.graph(INFERRED_GRAPH)) == first
    assert (d, DG.ledBy, A) not in store.graph(DOC_GRAPH)
    # labels are not inferred
    assert not set(inferred.triples((None, RDFS.label, None)))


def test_build_with_no_reason_drops_the_inferred_graph_and_says_so(tmp_path):
    from diplograph.build import build
    from diplograph.cli.build import format_summary
    from diplograph.resources import data_dir
    from diplograph.settings import Settings

    examples = sorted(data_dir("examples").glob("*.txt"))[:1]
    build(examples, tmp_path, Settings(validate=False, quiet=True))
    with open_store(tmp_path) as store:
        assert INFERRED_GRAPH in store.graph_names()
    summary = build(examples, tmp_path, Settings(reason=False, validate=False, quiet=True))
    with open_store(tmp_path) as store:
        assert INFERRED_GRAPH not in store.graph_names()
    assert summary.reasoning is None
    assert re.search(r"^reasoning +skipped \(--no-reason\)$", format_summary(summary), re.M)
