"""The state one document's rules share: its sentences, their dates and places, the mentions found."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diplograph.extract.dates import DateContext, DateMention, date_context, find_dates
from diplograph.extract.lexicon import PlaceEntry, gazetteer
from diplograph.extract.model import DateSpan, Evidence, Extraction, Ref
from diplograph.extract.text import Sentence, split_sentences

HOME_COUNTRY = "CN"  # the genre is Chinese news: an unqualified 驻X大使 or 省长 is Chinese


@dataclass
class Mention:
    start: int  # offsets within the sentence
    end: int
    ref: Ref


@dataclass
class SentenceInfo:
    sentence: Sentence
    dates: list[DateMention]
    places: list[tuple[int, int, PlaceEntry]]
    mentions: list[Mention] = field(default_factory=list)
    event_mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, event key)
    # the date that applies to the sentence: its own first date, else the one carried from before
    date: DateSpan | None = None
    leg_country: str | None = None  # 在德国，... : the country a paragraph of a trip is about
    leg_place: str | None = None  # that place as written (德国, 万象)

    @property
    def text(self) -> str:
        return self.sentence.text

    def foreign_countries(self) -> list[str]:
        return [p.country for _, _, p in self.places
                if p.country and p.country != HOME_COUNTRY and p.kind in ("country", "region", "supranational")]


@dataclass
class DocumentContext:
    text: str
    dates: DateContext
    sentences: list[SentenceInfo]
    extraction: Extraction = field(default_factory=Extraction)
    home_province: str | None = None
    # places the document ties to a country itself (埃及卢克索省): name -> ISO code
    local_places: dict[str, str] = field(default_factory=dict)
    original: str | None = None  # the text as written, when the rules read a converted copy

    def paragraph_subject(self, info: SentenceInfo) -> Ref | None:
        """Who a sentence without a subject is about: the first person its paragraph names before it."""
        for other in self.sentences[:self.sentences.index(info)]:
            if other.sentence.paragraph == info.sentence.paragraph:
                for m in other.mentions:
                    if m.ref.kind == "person":
                        return m.ref
        return None

    def evidence(self, info: SentenceInfo, rule: str, confidence: float = 0.8) -> Evidence:
        s = info.sentence
        written = self.original[s.start:s.end] if self.original is not None else s.text
        return Evidence(written, s.start, s.end, rule, confidence)


def build_context(text: str, title: str | None, published: str | None,
                  original: str | None = None) -> DocumentContext:
    ctx = date_context(title, published)
    gaz = gazetteer()
    infos = []
    carried: DateSpan | None = None
    last_day: DateSpan | None = None  # 当天 and 同日 point back to a single day, not to a range
    for sentence in split_sentences(text):
        dates = find_dates(sentence.text, ctx)
        info = SentenceInfo(sentence, dates, gaz.find(sentence.text))
        if dates:
            carried = dates[0].span
            days = [d.span for d in dates if d.span.start == d.span.end]
            last_day = days[-1] if days else last_day
            info.date = carried
        elif last_day and any(w in sentence.text for w in ("当天", "当日", "同日", "同一天")):
            info.date = carried = last_day
        else:
            info.date = carried
        infos.append(info)
    return DocumentContext(text, ctx, infos, local_places=local_places(infos),
                           original=original if original != text else None)


_SUBDIVISION = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,6}?)(?P<suffix>边疆区|边区|省|州|市|郡|府|县|道)")


def local_places(infos: list[SentenceInfo]) -> dict[str, str]:
    """Subdivisions written right after a foreign country's name (日本长野县, 埃及卢克索省) belong
    to that country wherever the document names them again."""
    gaz = gazetteer()
    out: dict[str, str] = {}
    for info in infos:
        for _, end, entry in info.places:
            if entry.kind not in ("country", "region") or entry.country == HOME_COUNTRY:
                continue
            m = _SUBDIVISION.match(info.text, end)
            if m and not gaz.lookup(m.group("name")):
                out[m.group("name")] = entry.country
                out[m.group("name") + m.group("suffix")] = entry.country
    return out
