"""English news: officials with their posts, meetings, signings and countries from English text.

Thinner than the Chinese rules: the genre's English items (city and province government sites) are
short and regular: "On November 15, NAME, TITLE of PLACE, met with NAME, TITLE ..., and ...".
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from diplograph.extract.context import HOME_COUNTRY
from diplograph.extract.dates import date_context
from diplograph.extract.model import DateSpan, Evidence, Extraction, Meeting, Person, Post, Ref, Agreement
from diplograph.reference import load_reference

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_DATE = re.compile(r"\b(?:(?P<m1>[A-Z][a-z]+) (?P<d1>\d{1,2})(?:, (?P<y1>\d{4}))?|(?P<d2>\d{1,2}) (?P<m2>[A-Z][a-z]+)(?: (?P<y2>\d{4}))?)\b")
_TITLE_WORDS = (r"(?:Vice |Deputy |Executive Vice |Acting |Former |Executive )?(?:Mayor|Minister|Ambassador|Governor|"
                r"President|Premier|Prime Minister|Counselor|Counsellor|Consul General|Consul|Chairman|"
                r"Chairwoman|Chairperson|Party Secretary|Secretary-General|Secretary General|Secretary|Director-General|"
                r"Director|Senator|Chief Executive|CEO|Head|Speaker|King|Queen|Crown Prince|Commissioner)")
_NAME = r"(?P<name>(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?\s){1,3}[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)"
# NAME, TITLE of ... (the genre's appositive)
_APPOSITIVE = re.compile(_NAME + r",\s(?=(?P<title>" + _TITLE_WORDS + r"(?:\s(?:of|for|to|in)\s[^.;]+)?))")
# where a title written after a name ends: at the next person, or at the verb of the sentence
_TITLE_END = re.compile(r",\s(?:and\s)?" + _NAME.replace("?P<name>", "?:") + r",\s" + _TITLE_WORDS
                        + r"|,?\s(?:participated|attended|met|held|signed|and (?:her|his|their) delegation)\b|[.;]")
# TITLE NAME (Mayor Ye Bangrui)
_TITLE_FIRST = re.compile(r"\b(?P<title>" + _TITLE_WORDS + r")\s" + _NAME + r"\b")
_MET = re.compile(r"\b(?:met with|met|held talks with|talked with|had talks with)\b")
_SAT_IN = re.compile(r"\b(?:participated in|attended|were present at|was present at)\s(?:the\s)?(?:meeting|talks)")
_SIGNED = re.compile(r"\bsigned\s(?:a|an|the)\s(?P<name>(?:memorandum|agreement|letter of intent|MoU|protocol)[^.;]*?)"
                     r"(?=\s(?:and|,)\s|[.;])")


@lru_cache(maxsize=1)
def _english_places() -> list[tuple[str, str]]:
    """(English name, country code), longest first: countries, their formal names, cities."""
    ref = load_reference()
    names: dict[str, str] = {}
    for c in ref.countries.values():
        if c.is_iso_country:
            for n in (c.name_en, *c.aliases_en):
                names.setdefault(n, c.code)
    for city in ref.cities:
        if city.name_en and city.kind not in ("state",):
            names.setdefault(city.name_en, city.country)
    names.setdefault("China", HOME_COUNTRY)
    return sorted(names.items(), key=lambda kv: len(kv[0]), reverse=True)


def _places_in(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for name, code in _english_places():
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            found.append((m.start(), code))
            taken.append((m.start(), m.end()))
    return sorted(found)


def _sentences(text: str):
    start = 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z])|\n+", text):
        chunk = text[start:m.start()]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            yield chunk.strip(), start + lead
        start = m.end()
    if text[start:].strip():
        chunk = text[start:]
        yield chunk.strip(), start + len(chunk) - len(chunk.lstrip())


def _date(sentence: str, title: str | None, published: str | None) -> DateSpan | None:
    ctx = date_context(title, published)
    for m in _DATE.finditer(sentence):
        month_name = (m.group("m1") or m.group("m2") or "").lower()
        if month_name not in _MONTHS:
            continue
        month, day = _MONTHS[month_name], int(m.group("d1") or m.group("d2"))
        year = int(m.group("y1") or m.group("y2") or ctx.year or ctx.published_year or 0)
        if not year:
            return None
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if ctx.published and not (m.group("y1") or m.group("y2")) and d > ctx.published + timedelta(days=31):
            d = d.replace(year=year - 1)
        return DateSpan(d.isoformat(), d.isoformat())
    return None


def is_english(text: str) -> bool:
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return latin > 200 and han < latin / 20


def extract_english(text: str, title: str | None, published: str | None) -> Extraction:
    x = Extraction()
    current: DateSpan | None = None
    for sentence, start in _sentences(text):
        evidence = Evidence(sentence, start, start + len(sentence), "english.officials")
        current = _date(sentence, title, published) or current
        mentions: list[tuple[int, str]] = []
        for m in list(_APPOSITIVE.finditer(sentence)) + list(_TITLE_FIRST.finditer(sentence)):
            name, title_text = m.group("name").strip(), m.group("title").strip()
            end = _TITLE_END.search(title_text)
            title_text = title_text[:end.start()] if end else title_text
            if any(p == m.start("name") for p, _ in mentions):
                continue
            places = _places_in(title_text)
            to = title_text.find(" to ")
            nationality = [c for p, c in places if to < 0 or p < to]
            country = nationality[0] if nationality else (HOME_COUNTRY if to >= 0 else None)
            person = x.people.setdefault(name, Person(name, country))
            person.country = person.country or country
            if title_text not in person.titles:
                person.posts.append(Post(title_text, None, evidence))
            person.evidence.append(evidence)
            mentions.append((m.start("name"), name))
        for name in x.people:  # bare mentions of people named before
            for m in re.finditer(r"\b" + re.escape(name) + r"\b", sentence):
                if not any(p == m.start() for p, _ in mentions):
                    mentions.append((m.start(), name))
        mentions.sort()
        for code in {c for _, c in _places_in(sentence)}:
            x.countries.setdefault(code, []).append(Evidence(sentence, start, start + len(sentence), "english.countries"))
        met = _MET.search(sentence)
        if met:
            before = [n for p, n in mentions if p < met.start()]
            after = [n for p, n in mentions if p > met.end()]
            if before and after:
                x.meetings.append(Meeting([Ref("person", before[0]), *(Ref("person", n) for n in after[:1])],
                                          dates=current, evidence=Evidence(sentence, start, start + len(sentence),
                                                                           "english.met_with")))
        sat = _SAT_IN.search(sentence)
        if sat and x.meetings:
            meeting = x.meetings[-1]
            for _, name in mentions:
                ref = Ref("person", name)
                if ref not in meeting.participants and ref not in meeting.attendees:
                    meeting.attendees.append(ref)
        signed = _SIGNED.search(sentence)
        if signed:
            x.agreements.append(Agreement(count=1, name=signed.group("name"), dates=current,
                                          evidence=Evidence(sentence, start, start + len(sentence), "english.signed")))
    for person in x.people.values():
        if person.country:
            x.countries.setdefault(person.country, [])
    return x
