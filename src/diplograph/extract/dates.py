"""Dates in the text (2025年6月12日, 6月12日至15日, 19日晚, 今年4月) resolved to ISO dates.

A date without a year takes the article's year: a year in its title first (year reviews are
published the next spring), else its publication date, stepping back a year for a date that would
fall well after publication.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from diplograph.extract.model import DateSpan

_DATE = re.compile(
    r"(?:(?P<y1>\d{4})年|(?P<rel>今年|去年|明年))?"
    r"(?:(?P<m1>\d{1,2})月)?(?P<d1>\d{1,2})日"
    r"(?:(?:晚|上午|下午|早|凌晨|中午|晚间|当天))?"
    r"(?:\s*(?:至|到|—|－|-|~|～)\s*(?:(?P<y2>\d{4})年)?(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日)?"
)
_MONTH = re.compile(r"(?:(?P<y>\d{4})年|(?P<rel>今年|去年|明年))(?P<m>\d{1,2})月(?!\d{1,2}日)(?:(?:至|到|-)(?P<m2>\d{1,2})月)?")
_MONTH_BARE = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?![\d份])(?:(?:至|到|-)(?P<m2>\d{1,2})月)?(?=[，,、]|份|中旬|上旬|下旬|底|初|间)")
_YEAR_IN_TITLE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年)?(?!\d)")


@dataclass(frozen=True)
class DateContext:
    """What an article says about 'when' for dates that leave it out."""

    year: int | None  # from the title, when it names one
    published: date | None  # full publication date, when known
    published_year: int | None
    published_month: int | None


def date_context(title: str | None, published: str | None) -> DateContext:
    year = None
    if title:
        years = _YEAR_IN_TITLE.findall(title)
        if years:
            year = int(years[0])
    pub = None
    pub_year = pub_month = None
    if published:
        m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published)
        if m:
            pub_year = int(m.group(1))
            pub_month = int(m.group(2)) if m.group(2) else None
            if m.group(2) and m.group(3):
                try:
                    pub = date(pub_year, pub_month, int(m.group(3)))
                except ValueError:
                    pub = None
    return DateContext(year, pub, pub_year, pub_month)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(ctx: DateContext, month: int, day: int, rel: str | None) -> int | None:
    base = ctx.year or ctx.published_year
    if rel and ctx.published_year:
        base = ctx.published_year + {"今年": 0, "去年": -1, "明年": 1}[rel]
        return base
    if base is None:
        return None
    if ctx.year is None and ctx.published is not None:
        candidate = _safe(base, month, day)
        # news reports what happened: a date far after publication belongs to the year before
        if candidate and candidate > ctx.published + timedelta(days=31):
            return base - 1
    return base


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    span: DateSpan


def find_dates(text: str, ctx: DateContext) -> list[DateMention]:
    """Every date or date range in `text` (a sentence), resolved against the article's context."""
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for m in _DATE.finditer(text):
        g = m.groupdict()
        d1 = int(g["d1"])
        m1 = int(g["m1"]) if g["m1"] else None
        if m1 is None:
            # a bare day (19日晚) is read only at the start of a clause, in the publication month
            if g["y1"] or g["rel"] or (m.start() > 0 and text[m.start() - 1] not in "，,。 \n（(、"):
                continue
            if ctx.published_month is None:
                continue
            m1 = ctx.published_month
            y1 = ctx.published_year
            if ctx.published and d1 > ctx.published.day + 1:
                m1 -= 1
                if m1 == 0:
                    m1, y1 = 12, (y1 or 1) - 1
        else:
            y1 = int(g["y1"]) if g["y1"] else _year_for(ctx, m1, d1, g["rel"])
        if y1 is None:
            continue
        first = _safe(y1, m1, d1)
        if first is None:
            continue
        last = first
        if g["d2"]:
            y2 = int(g["y2"]) if g["y2"] else y1
            m2 = int(g["m2"]) if g["m2"] else m1
            if not g["m2"] and int(g["d2"]) < d1:
                m2 = m1 + 1 if m1 < 12 else 1
                y2 = y1 if m1 < 12 else y1 + 1
            last = _safe(y2, m2, int(g["d2"])) or first
            if last < first and not g["y2"]:
                last = _safe(y2 + 1, m2, int(g["d2"])) or first  # 12月30日至1月2日
            if last < first:
                last = first
        out.append(DateMention(m.start(), m.end(), DateSpan(first.isoformat(), last.isoformat())))
        taken.append((m.start(), m.end()))
    for m in list(_MONTH.finditer(text)) + list(_MONTH_BARE.finditer(text)):
        if any(s <= m.start() < e for s, e in taken):
            continue
        g = m.groupdict()
        month = int(g["m"])
        if not 1 <= month <= 12:
            continue
        if g.get("y"):
            year = int(g["y"])
        else:
            year = _year_for(ctx, month, 1, g.get("rel"))
        if year is None:
            continue
        last_month = int(g["m2"]) if g.get("m2") and 1 <= int(g["m2"]) <= 12 else month
        first = date(year, month, 1)
        last = date(year, last_month, calendar.monthrange(year, last_month)[1])
        if last < first:
            continue
        out.append(DateMention(m.start(), m.end(), DateSpan(first.isoformat(), last.isoformat(), "month")))
    out.sort(key=lambda d: d.start)
    return out
