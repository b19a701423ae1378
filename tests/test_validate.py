"""SHACL validation: the shapes pass on the sample corpus and on a graph known to be right, and
catch a deliberately broken graph, each violation traced to its document and sentence."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from diplograph.build import build
from diplograph.ontology import ontology_graph
from diplograph.reason import java_executable
from diplograph.store import open_store
from diplograph.validate import data_graph, validate, validate_graph
from diplograph.vocabulary import DG, ID
from conftest import ZH_CORPUS as CORPUS

# (rdflib's XSD namespace object upsets pytest's collection when held by a test module)
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")

KNOWN_GOOD = """
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix act: <https://w3id.org/diplograph/id/activity/> .
@prefix agreement: <https://w3id.org/diplograph/id/agreement/> .
@prefix cn: <https://w3id.org/diplograph/id/person/CN/> .
@prefix delegation: <https://w3id.org/diplograph/id/delegation/> .
@prefix doc: <https://w3id.org/diplograph/id/document/> .
@prefix ev: <https://w3id.org/diplograph/id/evidence/d/0-20/> .
@prefix meeting: <https://w3id.org/diplograph/id/meeting/> .
@prefix nz: <https://w3id.org/diplograph/id/person/NZ/> .
@prefix place: <https://w3id.org/diplograph/id/place/> .
@prefix usd: <https://w3id.org/diplograph/id/amount/USD/> .
@prefix visit: <https://w3id.org/diplograph/id/visit/> .

doc:d a dg:Document ; dcterms:title "湖南省领导会见新西兰客人" ;
    dg:contentHash "abc" ; dg:sourceLocation "corpus/d.txt"^^xsd:anyURI .
act:d a dg:ExtractionActivity ; dg:ruleSet "diplograph-rules" ; dg:ruleSetVersion "1" .
ev:m a dg:Evidence ; dg:sentence "1月2日，甲在长沙会见了新西兰客人乙。" ;
    dg:startOffset 0 ; dg:endOffset 20 ; dg:rule "meetings.met_with" ; dg:confidence 0.8 ;
    prov:wasDerivedFrom doc:d ; prov:wasGeneratedBy act:d .
place:NZ a dg:Country .
cn:甲 a dg:Official ; dg:name "甲" ; dg:evidence ev:m ; prov:wasDerivedFrom doc:d .
nz:乙 a dg:Official ; dg:name "乙" ; dg:evidence ev:m ; prov:wasDerivedFrom doc:d .
meeting:m a dg:Meeting ; dg:participant cn:甲, nz:乙 ;
    dg:startDate "2025-01-02"^^xsd:date ; dg:endDate "2025-01-02"^^xsd:date ;
    dg:datePrecision dg:precision_day ; dg:evidence ev:m ; prov:wasDerivedFrom doc:d .
delegation:v a dg:Delegation ; dg:ledBy nz:乙 .
visit:v a dg:Visit ; dg:delegation delegation:v ; dg:destination place:NZ ;
    dg:evidence ev:m ; prov:wasDerivedFrom doc:d .
agreement:a a dg:Agreement ; dg:agreementCount 3 ; dg:amount usd:1000 ;
    dg:evidence ev:m ; prov:wasDerivedFrom doc:d .
usd:1000 a dg:MonetaryAmount ; dg:value 1000.0 ; dg:currency "USD" .
"""


def known_good() -> Graph:
    return Graph().parse(data=KNOWN_GOOD, format="turtle")


def test_a_graph_known_to_be_right_conforms():
    report = validate_graph(known_good(), ontology_graph())
    assert report.conforms, "\n".join(str(v) for v in report.violations)


def test_a_deliberately_broken_graph_is_caught_with_document_and_sentence():
    g = known_good()
    meeting, official = ID["meeting/m"], ID["person/CN/甲"]
    amount, visit = ID["amount/USD/1000"], ID["visit/v"]
    g.remove((meeting, DG.participant, ID["person/NZ/乙"]))  # one participant left
    for p in (DG.startDate, DG.endDate, DG.datePrecision):  # no date, no reason given
        g.remove((meeting, p, None))
    g.remove((official, DG.name, None))
    g.remove((visit, DG.destination, None))
    g.set((amount, DG.value, Literal("-5", datatype=XSD_DECIMAL)))
    g.remove((amount, DG.currency, None))
    g.remove((ID["person/NZ/乙"], DG.evidence, None))
    report = validate_graph(g, ontology_graph())
    assert not report.conforms
    found = {(v.focus, v.path or "node") for v in report.violations}
    assert found == {
        ("id:meeting/m", "dg:participant"), ("id:meeting/m", "node"),
        ("id:person/CN/甲", "dg:name"), ("id:visit/v", "dg:destination"),
        ("id:amount/USD/1000", "dg:value"), ("id:amount/USD/1000", "dg:currency"),
        ("id:person/NZ/乙", "dg:evidence"),
    }, "\n".join(str(v) for v in report.violations)
    by_focus = {v.focus: v for v in report.violations}
    for focus in ("id:meeting/m", "id:person/CN/甲", "id:visit/v", "id:amount/USD/1000"):
        v = by_focus[focus]
        assert v.document == "湖南省领导会见新西兰客人", v
        assert v.sentence == "1月2日，甲在长沙会见了新西兰客人乙。", v
    # without evidence, the document still comes from prov:wasDerivedFrom
    assert by_focus["id:person/NZ/乙"].document == "湖南省领导会见新西兰客人"
    assert by_focus["id:person/NZ/乙"].shape == "dgsh:FactProvenanceShape"
    assert any(v.message == "a meeting needs at least two participants" for v in report.violations)


def test_a_stated_reason_stands_in_for_a_missing_date():
    g = known_good()
    meeting = ID["meeting/m"]
    for p in (DG.startDate, DG.endDate, DG.datePrecision):
        g.remove((meeting, p, None))
    assert not validate_graph(g, ontology_graph()).conforms
    g.add((meeting, DG.undatedReason, Literal("the article gives no date")))
    assert validate_graph(g, ontology_graph()).conforms


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent")
    out = tmp_path_factory.mktemp("corpus")
    summary = build([CORPUS], out)
    return out, summary


def test_the_sample_corpus_builds_consistent_and_conforms(corpus_store):
    _, summary = corpus_store
    assert summary.validation is not None and summary.reasoning is not None
    assert summary.validation.conforms, "\n".join(str(v) for v in summary.validation.violations)
    if java_executable() is not None:
        assert summary.reasoning.consistent is True
    assert summary.reasoning.counts["metWith"] > 0 and summary.reasoning.counts["transitive"] > 0


def test_the_sample_corpus_broken_on_purpose_is_caught(corpus_store):
    out, _ = corpus_store
    with open_store(out) as store:
        data = data_graph(store)
    meeting = min(data.subjects(RDF.type, DG.Meeting))
    participants = sorted(data.objects(meeting, DG.participant))
    for extra in participants[1:]:
        data.remove((meeting, DG.participant, extra))
    report = validate_graph(data, ontology_graph())
    hits = [v for v in report.violations if v.path == "dg:participant"]
    assert len(hits) == 1
    assert hits[0].document and hits[0].sentence  # a real title and sentence from the corpus


def test_validate_command_prints_conformance(corpus_store):
    out, _ = corpus_store
    done = subprocess.run([sys.executable, "-m", "diplograph", "validate", "--store", str(out)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "shapes  conforms" in done.stdout


def test_validate_on_a_store_reports_violations_from_the_store():
    store = open_store("memory")
    g = Graph(identifier=ID["graph/document/d"])
    for t in known_good():
        g.add(t)
    g.remove((ID["person/NZ/乙"], DG.name, None))
    store.replace_graph(g)
    store.replace_graph(ontology_graph())
    report = validate(store)
    assert [(v.focus, v.path) for v in report.violations] == [("id:person/NZ/乙", "dg:name")]
    assert report.violations[0].document == "湖南省领导会见新西兰客人"
