"""The plain records extraction produces: entities and relations, each with the evidence behind it.

Nothing here knows RDF; `diplograph.triples` turns these records into a graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the sentence, its offsets in the document text, the rule that fired."""

    sentence: str
    start: int  # offset of the sentence's first character in Document.text
    end: int  # offset just past its last character
    rule: str  # "<step>.<rule>", e.g. "meetings.met_with"
    confidence: float = 0.8


@dataclass(frozen=True)
class DateSpan:
    """A date or a range, in ISO form, with how precise the text was."""

    start: str
    end: str
    precision: str = "day"  # day, month or year

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"date range ends before it starts: {self.start}..{self.end}")


@dataclass(frozen=True)
class Ref:
    """A reference from a relation to an entity of the same extraction."""

    kind: str  # "person" or "organization"
    key: str  # the entity's name (its key in Extraction.people / .organizations)


@dataclass
class Post:
    title: str  # as printed, e.g. 省委副书记, 驻哈尔滨总领事
    organization: str | None = None  # name of the organization the post is in, when the text says
    evidence: Evidence | None = None


@dataclass
class Person:
    name: str
    country: str | None = None  # ISO 3166-1 alpha-2 (or EU)
    aliases: set[str] = field(default_factory=set)
    posts: list[Post] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def titles(self) -> list[str]:
        return list(dict.fromkeys(p.title for p in self.posts))


@dataclass
class Organization:
    name: str
    kind: str = "other"  # enterprise, government, party, association, media, other
    country: str | None = None
    aliases: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Amount:
    value: float
    currency: str  # ISO 4217: USD, CNY, EUR ...


@dataclass
class Event:
    name: str
    category: str = "event"  # expo, forum, conference, summit, ceremony, fair, activity, event
    aliases: set[str] = field(default_factory=set)
    edition: int | None = None
    dates: DateSpan | None = None
    place: str | None = None  # as written (长沙, 迪拜)
    place_code: str | None = None  # ISO code of the country or province when known
    participating_countries: int | None = None
    deal_value: Amount | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Meeting:
    participants: list[Ref]
    attendees: list[Ref] = field(default_factory=list)
    dates: DateSpan | None = None
    place: str | None = None
    place_code: str | None = None
    kind: str = "meeting"  # meeting (会见), talks (会谈), discussion (座谈), exchange (交流)
    evidence: Evidence | None = None


@dataclass
class Participation:
    who: Ref
    event: str  # Event.name
    role: str = "attended"  # attended, spoke, organized, signed
    evidence: Evidence | None = None


@dataclass
class Visit:
    leader: Ref
    destinations: list[str]  # ISO codes of countries or provinces (CN-HN)
    origin: str | None = None
    dates: DateSpan | None = None
    size: int | None = None
    delegation: str | None = None  # the delegation's name as written (湖南省代表团)
    legs: list[Visit] = field(default_factory=list)
    evidence: Evidence | None = None


@dataclass
class Agreement:
    count: int | None = None
    count_is_minimum: bool = False  # "10多个": at least 10
    amount: Amount | None = None
    name: str | None = None
    sectors: list[str] = field(default_factory=list)
    signatories: list[Ref] = field(default_factory=list)
    event: str | None = None  # Event.name it was signed at
    visit: int | None = None  # index into Extraction.visits of the trip it came from
    dates: DateSpan | None = None
    evidence: Evidence | None = None


@dataclass
class Extraction:
    """Everything read from one document."""

    countries: dict[str, list[Evidence]] = field(default_factory=dict)  # code -> where mentioned
    places: dict[str, str] = field(default_factory=dict)  # label as written -> ISO code
    people: dict[str, Person] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    meetings: list[Meeting] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "countries": len(self.countries),
            "officials": len(self.people),
            "organizations": len(self.organizations),
            "events": len(self.events),
            "meetings": len(self.meetings),
            "participations": len(self.participations),
            "visits": len(self.visits),
            "agreements": len(self.agreements),
        }
