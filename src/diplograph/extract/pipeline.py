"""The extraction steps, in order, over one document. Each step reads and extends the context."""

from __future__ import annotations

from collections import Counter

from diplograph.extract.agreements import find_agreements
from diplograph.extract.context import DocumentContext, build_context
from diplograph.extract.countries import find_countries
from diplograph.extract.english import extract_english, is_english
from diplograph.extract.events import find_events, place_events_by_name
from diplograph.extract.lexicon import gazetteer
from diplograph.extract.meetings import find_meetings
from diplograph.extract.model import Extraction
from diplograph.extract.organizations import find_organizations
from diplograph.extract.participation import find_participation
from diplograph.extract.people import find_people
from diplograph.extract.visits import find_visits, mark_legs


def guess_home_province(ctx: DocumentContext, title: str | None) -> str | None:
    """The province the article is about: the one its title or body names most."""
    counts: Counter[str] = Counter()
    for _, _, entry in gazetteer().find(title or ""):
        if entry.code.startswith("CN-"):
            counts[entry.code] += 3
    for info in ctx.sentences:
        for _, _, entry in info.places:
            if entry.code.startswith("CN-"):
                counts[entry.code] += 1
    return counts.most_common(1)[0][0] if counts else None


STEPS = (
    ("legs", mark_legs),
    ("officials", find_people),
    ("organizations", find_organizations),
    ("events", find_events),
    ("visits", find_visits),
    ("meetings", find_meetings),
    ("participation", find_participation),
    ("agreements", find_agreements),
    ("event_places", place_events_by_name),
    ("countries", find_countries),
)


def extract_document(document) -> Extraction:
    text = document.text or ""
    if is_english(text):
        return extract_english(text, document.title, document.published)
    # rules read the Simplified form; evidence quotes the article as written (same offsets)
    ctx = build_context(document.match_text or text, document.match_title, document.published,
                        original=text)
    ctx.home_province = guess_home_province(ctx, document.match_title)
    for _, step in STEPS:
        step(ctx)
    return ctx.extraction
