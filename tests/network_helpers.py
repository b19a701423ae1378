"""Stores for the network tests: the bundled examples, and a document whose names are attacks."""

from __future__ import annotations

from pathlib import Path

from diplograph.documents import Document
from diplograph.extract.model import (
    DateSpan,
    Event,
    Evidence,
    Extraction,
    Meeting,
    Organization,
    Participation,
    Person,
    Post,
    Ref,
    Visit,
)
from diplograph.ontology import ontology_graph
from diplograph.store import open_store
from diplograph.triples import document_graph, reference_graph

# each would run script if it reached the page as markup or as a link
SCRIPT_NAME = '<script>alert("script")</script>'
IMG_NAME = '<img src=x onerror="alert(\'img\')">'
LINK_NAME = "javascript:alert('link')"
SVG_NAME = '"><svg onload=alert("svg")>'
HOSTILE_NAMES = (SCRIPT_NAME, IMG_NAME, LINK_NAME, SVG_NAME)


def hostile_document() -> tuple[Document, Extraction]:
    """A document in which every name, the title, the place, the sentence and the source attack."""
    sentence = f"{SCRIPT_NAME}会见了{IMG_NAME},{LINK_NAME}出席{SVG_NAME}。"
    ev = Evidence(sentence=sentence, start=0, end=len(sentence), rule="test.hostile")
    people = {
        SCRIPT_NAME: Person(SCRIPT_NAME, "CN", posts=[Post("<b>省长</b>", SVG_NAME, ev)],
                            evidence=[ev]),
        IMG_NAME: Person(IMG_NAME, "DE", evidence=[ev]),
        LINK_NAME: Person(LINK_NAME, "FR", evidence=[ev]),
    }
    organizations = {SVG_NAME: Organization(SVG_NAME, "government", "CN", evidence=[ev])}
    day = DateSpan("2024-05-01", "2024-05-01")
    events = {IMG_NAME + "博览会": Event(IMG_NAME + "博览会", "expo", dates=day, place=SCRIPT_NAME,
                                       place_code="CN-HN", evidence=[ev])}
    extraction = Extraction(
        people=people, organizations=organizations, events=events,
        meetings=[Meeting([Ref("person", SCRIPT_NAME), Ref("person", IMG_NAME)], dates=day,
                          place=IMG_NAME, evidence=ev)],
        participations=[Participation(Ref("person", LINK_NAME), IMG_NAME + "博览会", "attended", ev)],
        visits=[Visit(Ref("person", SCRIPT_NAME), ["DE"], origin="CN-HN", dates=day,
                      delegation=SCRIPT_NAME + "代表团", evidence=ev)],
    )
    document = Document(source=LINK_NAME, text=sentence, title=SCRIPT_NAME + IMG_NAME,
                        published="2024-05-02", source_url=None, content_hash="hostile")
    return document, extraction


def make_hostile_store(folder: Path) -> Path:
    with open_store(folder, create=True) as store:
        store.replace_graph(reference_graph())
        store.replace_graph(ontology_graph())
        store.replace_graph(document_graph(*hostile_document()))
    return folder


def make_examples_store(folder: Path) -> Path:
    from diplograph.build import build
    from diplograph.resources import data_dir

    build([data_dir("examples")], folder)
    return folder
