"""extract -> graph: the one module that mints IRIs and RDF terms.

Each document becomes one named graph holding its facts and their PROV-O provenance. IRIs depend
only on what the text says (names, codes, dates), never on run order, so building twice adds nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from diplograph import __version__
from diplograph.documents import Document
from diplograph.extract import RULESET, RULESET_VERSION
from diplograph.extract.organizations import organization_key
from diplograph.extract.model import (
    Agreement,
    Amount,
    DateSpan,
    Event,
    Evidence,
    Extraction,
    Meeting,
    Organization,
    Participation,
    Person,
    Ref,
    Visit,
)
from diplograph.reference import Reference, load_reference
from diplograph.vocabulary import DG, ID, REFERENCE_GRAPH, SCHEMA, bind_prefixes

# characters an IRI may not hold (RFC 3987) plus the ones that would split a path segment
_UNSAFE = re.compile(r"[\x00-\x20<>\"{}|\\^`/?#%\[\]@!$&'()*+,;=\x7f-\x9f\ud800-\udfff\ufff0-\uffff]")

ORG_CLASSES = {
    "enterprise": DG.Enterprise,
    "government": DG.GovernmentBody,
    "party": DG.Party,
    "association": DG.Association,
    "media": DG.MediaOrganization,
    "other": DG.Organization,
}
EVENT_CLASSES = {
    "expo": DG.Expo,
    "fair": DG.Expo,
    "forum": DG.Forum,
    "conference": DG.Conference,
    "summit": DG.Conference,
    "ceremony": DG.SigningCeremony,
}
ROLE_PROPERTIES = {
    "attended": DG.participatesIn,
    "spoke": DG.spokeAt,
    "organized": DG.organizes,
    "signed": DG.signedAt,
}
MEETING_KINDS = {"meeting", "talks", "discussion", "exchange", "call"}


# ---- IRIs ----------------------------------------------------------------------------------
def iri_segment(text: str) -> str:
    """A path segment of an IRI for any text: readable where it can be, percent-encoded elsewhere."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = re.sub(r"[·•‧・･∙⋅]", "·", text)
    text = re.sub(r"\s+", "_", text)

    def encode(m: re.Match) -> str:
        return "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8", "surrogatepass"))

    return _UNSAFE.sub(encode, text) or "_"


def digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def document_key(document: Document) -> str:
    return digest(document.source)


def document_iri(document: Document) -> URIRef:
    return ID[f"document/{document_key(document)}"]


def document_graph_iri(document: Document) -> URIRef:
    return ID[f"graph/document/{document_key(document)}"]


def place_iri(code: str) -> URIRef:
    return ID[f"place/{iri_segment(code)}"]


def place_label_iri(label: str, country: str | None) -> URIRef:
    return ID[f"place/{iri_segment(country or 'XX')}/{iri_segment(label)}"]


def person_iri(person: Person) -> URIRef:
    return ID[f"person/{iri_segment(person.country or 'XX')}/{iri_segment(person.name)}"]


def organization_iri(org: Organization) -> URIRef:
    return ID[f"organization/{iri_segment(org.country or 'XX')}/{iri_segment(organization_key(org.name))}"]


def event_iri(event: Event) -> URIRef:
    return ID[f"event/{iri_segment(event.name)}"]


# ---- literals ------------------------------------------------------------------------------
def date_literal(iso: str) -> Literal:
    return Literal(iso, datatype=XSD.date)


def publication_literal(published: str) -> Literal:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        return Literal(published, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", published):
        return Literal(published, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", published):
        return Literal(published, datatype=XSD.gYear)
    return Literal(published)


class DocumentGraphBuilder:
    """Accumulates the triples of one document's named graph."""

    def __init__(self, document: Document, extraction: Extraction, reference: Reference):
        self.document = document
        self.extraction = extraction
        self.reference = reference
        self.graph = Graph(identifier=document_graph_iri(document))
        bind_prefixes(self.graph)
        self.doc = document_iri(document)
        self.key = document_key(document)
        self.activity = ID[f"activity/{self.key}/{iri_segment(RULESET_VERSION)}"]

    def add(self, s, p, o) -> None:
        if o is not None:
            self.graph.add((s, p, o))

    # -- the document and how it was read
    def add_document(self) -> None:
        d, g = self.doc, self
        g.add(d, RDF.type, DG.Document)
        g.add(d, RDF.type, PROV.Entity)
        g.add(d, DG.contentHash, Literal(self.document.content_hash))
        g.add(d, DG.sourceLocation, Literal(self.document.source, datatype=XSD.anyURI))
        if self.document.title:
            g.add(d, DCTERMS.title, Literal(self.document.title))
        if self.document.published:
            g.add(d, DG.publicationDate, publication_literal(self.document.published))
        if self.document.source_url:
            g.add(d, PROV.hadPrimarySource, URIRef(self.document.source_url))
        a = self.activity
        g.add(a, RDF.type, DG.ExtractionActivity)
        g.add(a, PROV.used, d)
        g.add(a, DG.ruleSet, Literal(RULESET))
        g.add(a, DG.ruleSetVersion, Literal(RULESET_VERSION))
        g.add(a, PROV.wasAssociatedWith, ID[f"software/diplograph/{iri_segment(__version__)}"])

    def add_evidence(self, subject: URIRef, evidence: Evidence | None) -> None:
        if evidence is None:
            return
        e = ID[f"evidence/{self.key}/{evidence.start}-{evidence.end}/{iri_segment(evidence.rule)}"]
        self.add(subject, DG.evidence, e)
        self.add(subject, PROV.wasDerivedFrom, self.doc)
        if (e, RDF.type, DG.Evidence) in self.graph:
            return
        self.add(e, RDF.type, DG.Evidence)
        self.add(e, PROV.wasDerivedFrom, self.doc)
        self.add(e, PROV.wasGeneratedBy, self.activity)
        self.add(e, DG.sentence, Literal(evidence.sentence))
        self.add(e, DG.startOffset, Literal(evidence.start))
        self.add(e, DG.endOffset, Literal(evidence.end))
        self.add(e, DG.rule, Literal(evidence.rule))
        self.add(e, DG.confidence, Literal(round(evidence.confidence, 3), datatype=XSD.decimal))

    def add_dates(self, subject: URIRef, dates: DateSpan | None) -> None:
        if dates is None:
            return
        self.add(subject, DG.startDate, date_literal(dates.start))
        self.add(subject, DG.endDate, date_literal(dates.end))
        self.add(subject, DG.datePrecision, DG[f"precision_{dates.precision}"])

    def place(self, label: str | None, code: str | None) -> URIRef | None:
        """A place node: the reference node of a country or province, else one named by its label."""
        if code and label is None:
            return place_iri(code)
        if label is None:
            return None
        if code and self._is_reference_code(code) and self._names_reference(label, code):
            return place_iri(code)
        node = place_label_iri(label, self._country_of(code))
        self.add(node, RDF.type, DG.Place)
        self.add(node, RDFS.label, Literal(label, lang="zh"))
        if code and self._is_reference_code(code):
            self.add(node, DG.locatedIn, place_iri(code))
        return node

    def _is_reference_code(self, code: str) -> bool:
        return code in self.reference.countries or code in self.reference.provinces

    def _names_reference(self, label: str, code: str) -> bool:
        if code in self.reference.provinces:
            p = self.reference.provinces[code]
            return label in (p.name_zh, p.short_zh)
        c = self.reference.countries[code]
        return label == c.name_zh or label in c.aliases_zh

    @staticmethod
    def _country_of(code: str | None) -> str | None:
        if code and code.startswith("CN-"):
            return "CN"
        return code

    # -- entities
    def person(self, ref: Ref) -> URIRef:
        return person_iri(self.extraction.people[ref.key])

    def organization(self, ref: Ref) -> URIRef:
        return organization_iri(self.extraction.organizations[ref.key])

    def agent(self, ref: Ref) -> URIRef:
        return self.person(ref) if ref.kind == "person" else self.organization(ref)

    def add_country_mentions(self) -> None:
        for code, evidence in self.extraction.countries.items():
            self.add(self.doc, DG.mentionsPlace, place_iri(code))
            for e in evidence[:1]:
                self.add_evidence(place_iri(code), e)

    def add_person(self, person: Person) -> None:
        p = person_iri(person)
        self.add(p, RDF.type, DG.Official)
        self.add(p, RDFS.label, Literal(person.name, lang="zh"))
        self.add(p, DG.name, Literal(person.name))
        for alias in sorted(person.aliases - {person.name}):
            self.add(p, DG.alias, Literal(alias))
        if person.country:
            self.add(p, DG.country, place_iri(person.country))
        for post in person.posts:
            org = self.extraction.organizations.get(post.organization or "")
            post_node = ID[f"post/{iri_segment(person.country or 'XX')}/{iri_segment(person.name)}/"
                           f"{iri_segment(post.title)}"]
            self.add(post_node, RDF.type, DG.Post)
            self.add(post_node, DG.title, Literal(post.title, lang="zh"))
            self.add(post_node, DG.heldBy, p)
            self.add(p, DG.holdsPost, post_node)
            if org is not None:
                self.add(post_node, DG.postIn, organization_iri(org))
            self.add_evidence(post_node, post.evidence)
        for e in person.evidence[:1]:
            self.add_evidence(p, e)

    def add_organization(self, org: Organization) -> None:
        o = organization_iri(org)
        self.add(o, RDF.type, ORG_CLASSES.get(org.kind, DG.Organization))
        self.add(o, RDFS.label, Literal(org.name, lang="zh"))
        self.add(o, DG.name, Literal(org.name))
        self.add(o, DG.organizationKind, Literal(org.kind))
        for alias in sorted(org.aliases - {org.name}):
            self.add(o, DG.alias, Literal(alias))
        if org.country:
            self.add(o, DG.country, place_iri(org.country))
        for e in org.evidence[:1]:
            self.add_evidence(o, e)

    def add_amount(self, subject: URIRef, prop: URIRef, amount: Amount | None) -> None:
        if amount is None:
            return
        node = ID[f"amount/{iri_segment(amount.currency)}/{amount.value:.0f}"]
        self.add(subject, prop, node)
        self.add(node, RDF.type, DG.MonetaryAmount)
        self.add(node, DG.value, Literal(f"{amount.value:.0f}", datatype=XSD.decimal))
        self.add(node, DG.currency, Literal(amount.currency))

    def add_event(self, event: Event) -> None:
        ev = event_iri(event)
        self.add(ev, RDF.type, EVENT_CLASSES.get(event.category, DG.Event))
        self.add(ev, RDFS.label, Literal(event.name, lang="zh"))
        self.add(ev, DG.name, Literal(event.name))
        for alias in sorted(event.aliases - {event.name}):
            self.add(ev, DG.alias, Literal(alias))
        if event.edition:
            self.add(ev, DG.edition, Literal(event.edition))
        self.add_dates(ev, event.dates)
        if event.place:
            self.add(ev, DG.placeLabel, Literal(event.place))
            self.add(ev, DG.location, self.place(event.place, event.place_code))
        if event.participating_countries:
            self.add(ev, DG.participatingCountryCount, Literal(event.participating_countries))
        self.add_amount(ev, DG.dealValue, event.deal_value)
        for e in event.evidence[:1]:
            self.add_evidence(ev, e)

    # -- relations
    def add_meeting(self, meeting: Meeting) -> None:
        agents = sorted(str(self.agent(r)) for r in meeting.participants)
        when = meeting.dates.start if meeting.dates else ""
        m = ID[f"meeting/{digest(*agents, when)}"]
        self.add(m, RDF.type, DG.Meeting)
        self.add(m, DG.meetingKind, Literal(meeting.kind))
        for r in meeting.participants:
            self.add(m, DG.participant, self.agent(r))
        for r in meeting.attendees:
            self.add(m, DG.attendee, self.agent(r))
        self.add_dates(m, meeting.dates)
        if meeting.place:
            self.add(m, DG.placeLabel, Literal(meeting.place))
            self.add(m, DG.location, self.place(meeting.place, meeting.place_code))
        self.add_evidence(m, meeting.evidence)

    def add_participation(self, participation: Participation) -> None:
        who = self.agent(participation.who)
        event = self.extraction.events[participation.event]
        ev = event_iri(event)
        node = ID[f"participation/{digest(who, ev, participation.role)}"]
        self.add(node, RDF.type, DG.Participation)
        self.add(node, DG.agent, who)
        self.add(node, DG.event, ev)
        self.add(node, DG.role, Literal(participation.role))
        self.add(who, ROLE_PROPERTIES.get(participation.role, DG.participatesIn), ev)
        self.add_evidence(node, participation.evidence)

    def add_visit(self, visit: Visit, parent: URIRef | None = None) -> URIRef:
        leader = self.agent(visit.leader)
        when = visit.dates.start if visit.dates else ""
        v = ID[f"visit/{digest(leader, *sorted(visit.destinations), when)}"]
        self.add(v, RDF.type, DG.Visit)
        delegation = ID[f"delegation/{digest(leader, *sorted(visit.destinations), when)}"]
        self.add(delegation, RDF.type, DG.Delegation)
        self.add(delegation, DG.ledBy, leader)
        self.add(leader, DG.leads, delegation)
        if visit.delegation:
            self.add(delegation, RDFS.label, Literal(visit.delegation, lang="zh"))
        if visit.size:
            self.add(delegation, DG.size, Literal(visit.size))
        self.add(v, DG.delegation, delegation)
        if visit.origin:
            self.add(v, DG.origin, place_iri(visit.origin))
            self.add(delegation, DG.origin, place_iri(visit.origin))
        for code in visit.destinations:
            self.add(v, DG.destination, place_iri(code))
        self.add_dates(v, visit.dates)
        if parent is not None:
            self.add(parent, DG.hasLeg, v)
        self.add_evidence(v, visit.evidence)
        for leg in visit.legs:
            self.add_visit(leg, parent=v)
        return v

    def add_agreement(self, agreement: Agreement, visit_iris: list[URIRef]) -> None:
        ev = agreement.evidence
        a = ID[f"agreement/{self.key}/{digest(agreement.count, agreement.name, ev.start if ev else '')}"]
        self.add(a, RDF.type, DG.Agreement)
        if agreement.name:
            self.add(a, RDFS.label, Literal(agreement.name, lang="zh"))
        if agreement.count is not None:
            self.add(a, DG.agreementCount, Literal(agreement.count))
            self.add(a, DG.countIsMinimum, Literal(agreement.count_is_minimum))
        self.add_amount(a, DG.amount, agreement.amount)
        for sector in agreement.sectors:
            self.add(a, DG.sector, Literal(sector, lang="zh"))
        for r in agreement.signatories:
            self.add(a, DG.signatory, self.agent(r))
        if agreement.event and agreement.event in self.extraction.events:
            self.add(a, DG.signedAt, event_iri(self.extraction.events[agreement.event]))
        if agreement.visit is not None and agreement.visit < len(visit_iris):
            self.add(a, DG.partOfVisit, visit_iris[agreement.visit])
        self.add_dates(a, agreement.dates)
        self.add_evidence(a, agreement.evidence)

    def build(self) -> Graph:
        self.add_document()
        self.add_country_mentions()
        for person in self.extraction.people.values():
            self.add_person(person)
        for org in self.extraction.organizations.values():
            self.add_organization(org)
        for event in self.extraction.events.values():
            self.add_event(event)
        for meeting in self.extraction.meetings:
            self.add_meeting(meeting)
        for participation in self.extraction.participations:
            self.add_participation(participation)
        visit_iris = [self.add_visit(v) for v in self.extraction.visits]
        for agreement in self.extraction.agreements:
            self.add_agreement(agreement, visit_iris)
        return self.graph


def document_graph(document: Document, extraction: Extraction,
                   reference: Reference | None = None) -> Graph:
    """The named graph of one document: its facts, their evidence, and the document itself."""
    return DocumentGraphBuilder(document, extraction, reference or load_reference()).build()


def reference_graph(reference: Reference | None = None) -> Graph:
    """Countries, regions, provinces and cities as places with ISO codes and zh/en labels."""
    ref = reference or load_reference()
    g = Graph(identifier=REFERENCE_GRAPH)
    bind_prefixes(g)
    kinds = {"country": DG.Country, "region": DG.Region, "supranational": DG.Region, "area": DG.Region}
    for c in ref.countries.values():
        node = place_iri(c.code)
        g.add((node, RDF.type, kinds.get(c.kind, DG.Place)))
        g.add((node, DG.isoCode, Literal(c.code)))
        g.add((node, RDFS.label, Literal(c.name_zh, lang="zh")))
        g.add((node, RDFS.label, Literal(c.name_en, lang="en")))
        for alias in c.aliases_zh:
            g.add((node, DG.alias, Literal(alias, lang="zh")))
        for alias in c.aliases_en:
            g.add((node, DG.alias, Literal(alias, lang="en")))
        if c.kind == "region" and c.code in ("HK", "MO", "TW"):
            g.add((node, DG.locatedIn, place_iri("CN")))
    for code, members in ref.groupings.items():
        for member in members:
            g.add((place_iri(member), DG.memberOf, place_iri(code)))
    for p in ref.provinces.values():
        node = place_iri(p.code)
        g.add((node, RDF.type, DG.Province))
        g.add((node, DG.isoCode, Literal(p.code)))
        g.add((node, RDFS.label, Literal(p.name_zh, lang="zh")))
        g.add((node, RDFS.label, Literal(p.name_en, lang="en")))
        g.add((node, DG.alias, Literal(p.short_zh, lang="zh")))
        g.add((node, DG.locatedIn, place_iri("CN")))
    for city in ref.cities:
        node = place_label_iri(city.name_zh, city.country)
        g.add((node, RDF.type, DG.City))
        g.add((node, RDFS.label, Literal(city.name_zh, lang="zh")))
        if city.name_en:
            g.add((node, RDFS.label, Literal(city.name_en, lang="en")))
        if city.full_zh and city.full_zh != city.name_zh:
            g.add((node, DG.alias, Literal(city.full_zh, lang="zh")))
        g.add((node, DG.locatedIn, place_iri(city.province or city.country)))
    return g
