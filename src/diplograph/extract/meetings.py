"""Meetings: who met whom (会见, 会谈, 座谈, 交流), when and where; who only sat in (参加会见)."""

from __future__ import annotations

import re

from diplograph.extract.context import DocumentContext, Mention, SentenceInfo
from diplograph.extract.lexicon import (
    PLACE_ABBREVIATIONS,
    TRANSLITERATION,
    common_words,
    gazetteer,
    place_name,
)
from diplograph.extract.model import Meeting, Ref

# verb -> kind. 会见 takes its guests as objects; the others take them after 与/和/同.
_TRANSITIVE = {"分别会见": "meeting", "会见": "meeting", "接见": "meeting", "会晤": "meeting",
               "拜会": "meeting", "看望": "meeting", "视频会见": "video", "视频会晤": "video"}
_WITH = {"会谈": "talks", "座谈": "discussion", "交流": "exchange", "会晤": "meeting",
         "会面": "meeting", "通话": "call", "通电话": "call", "视频连线": "video",
         "洽谈": "exchange"}
_VERB = re.compile("|".join(sorted(list(_TRANSITIVE) + list(_WITH), key=len, reverse=True)))
_ATTENDED = re.compile(r"(?:参加|陪同)(?:了)?(?:会见|会谈|座谈|会晤)")
_PLACE_BEFORE = re.compile(r"在(?P<place>[^，。,；在与和同的]{1,12}?)(?=分别|会见|会晤|会谈|同|与|和|举行|共同|亲切|集体)")
# 与/和/同 introducing the other side (not the 同 of 共同, 同时, 同日)
_LINK = re.compile(r"(?<![共一])(?:与|和|同(?![时日期意行样等]))")
_CLAUSE_END = re.compile(r"[，,；;。]|就|并|双方|$")


def _place_label(text: str) -> tuple[str | None, str | None]:
    text = text.strip()
    if text in PLACE_ABBREVIATIONS:  # 在京会见: Beijing
        text = PLACE_ABBREVIATIONS[text]
    places = gazetteer().find(text)
    if places and places[0][0] == 0:
        _, end, entry = places[0]
        return text[:end], entry.code
    return None, None


def _sentence_place(info: SentenceInfo, before: str) -> tuple[str | None, str | None]:
    """The place written before the verb (在哈尔滨会见, 在惠灵顿同...会谈), as written."""
    matches = list(_PLACE_BEFORE.finditer(before))
    if matches:
        written = matches[-1].group("place")
        label, code = _place_label(written)
        if label:
            return (label if len(written) == 1 else written), code
        if re.search(r"(?:堂|宫|馆|园|厅|中心|大厦|酒店|宾馆|会场)$", written):
            return written, None
        if 2 <= len(written) <= 5 and written not in common_words() and all(
                ch in TRANSLITERATION for ch in written):
            return written, None  # 在卢克索会见: a foreign city the gazetteer does not know
    return None, None


def find_meetings(ctx: DocumentContext) -> None:
    last_place: tuple[str | None, str | None] = (None, None)
    paragraph = -1
    for info in ctx.sentences:
        if info.sentence.paragraph != paragraph:
            paragraph = info.sentence.paragraph
        text = info.text
        attended = _ATTENDED.search(text)
        if attended and ctx.extraction.meetings:
            before = [m.ref for m in info.mentions if m.end <= attended.start() and m.ref.kind == "person"]
            last = ctx.extraction.meetings[-1]
            # those who sat in on 分别会见 sat in on each of its meetings
            for meeting in [m for m in ctx.extraction.meetings if m.evidence == last.evidence]:
                for ref in before:
                    if ref not in meeting.participants and ref not in meeting.attendees:
                        meeting.attendees.append(ref)
            continue
        objects_so_far: set[Ref] = set()
        for verb in _VERB.finditer(text):
            if text[verb.end():verb.end() + 1] in ("会", "活") or text[verb.start() - 1:verb.start()] == "的":
                continue  # 交流会 is an event; 的交流 is a noun
            kind = _TRANSITIVE.get(verb.group(0)) or _WITH[verb.group(0)]
            separately = verb.group(0) == "分别会见"
            clause_start = max(text.rfind(c, 0, verb.start()) for c in "。；;") + 1
            links = [m.start() for m in _LINK.finditer(text, clause_start, verb.start())]
            link = links[-1] if links else -1
            linked = link >= 0 and any(link < m.start and m.end <= verb.start() for m in info.mentions)
            if not linked and verb.group(0) in _TRANSITIVE:
                tail = text[verb.end():]
                stop = _CLAUSE_END.search(tail)
                limit = verb.end() + (stop.start() if stop else len(tail))
                # a list of guests may run past commas while names keep coming (A，B一行)
                limit = max(limit, _list_end(info, verb.end()))
                objects = [m for m in info.mentions if verb.end() <= m.start < limit]
                subject_zone = [m for m in info.mentions if clause_start <= m.start and m.end <= verb.start()]
            else:
                if link < 0:
                    continue
                separately = separately or "分别" in text[link:verb.start()]
                objects = [m for m in info.mentions if link < m.start and m.end <= verb.start()]
                subject_zone = [m for m in info.mentions if m.end <= link]
            subject = next((m for m in subject_zone if m.ref.kind == "person" and m.ref not in objects_so_far), None)
            if subject is None:
                subject = next((m for m in info.mentions if m.ref.kind == "person"
                                and m.end <= verb.start() and m.ref not in objects_so_far), None)
            if subject is None and objects and not subject_zone:
                fallback = ctx.paragraph_subject(info)
                subject = Mention(-1, -1, fallback) if fallback else None
            if subject is None or not objects:
                continue
            guests = [m.ref for m in objects if m.ref != subject.ref]
            guests = list(dict.fromkeys(guests))
            if not guests:
                continue
            objects_so_far.update(guests)
            place = _sentence_place(info, text[:verb.end()])
            if place[0] is None:
                place = _context_place(ctx, info, last_place)
            else:
                last_place = place
            evidence = ctx.evidence(info, f"meetings.{kind}" + ("_separately" if separately else ""))
            groups = [[g] for g in guests] if separately else [guests]
            for group in groups:
                ctx.extraction.meetings.append(Meeting(
                    [subject.ref, *group], dates=info.date, place=place[0], place_code=place[1],
                    kind=kind, evidence=evidence))
        for start, end, entry in info.places:
            if entry.kind != "area" and text[max(0, start - 1):start] == "在":
                last_place = (text[start:end], entry.code)
    merge_restatements(ctx)


def merge_restatements(ctx: DocumentContext) -> None:
    """A later summary (访问期间，A同B进行了交流) restates meetings already reported with a date."""
    kept: list[Meeting] = []
    for meeting in ctx.extraction.meetings:
        people = {r.key for r in meeting.participants}
        twin = next((k for k in kept if {r.key for r in k.participants} == people), None)
        if twin is not None and (meeting.dates is None or meeting.dates == twin.dates):
            for ref in meeting.attendees:
                if ref not in twin.attendees:
                    twin.attendees.append(ref)
            twin.place = twin.place or meeting.place
            continue
        if twin is not None and twin.dates is None:
            kept.remove(twin)
        kept.append(meeting)
    ctx.extraction.meetings = kept


def _list_end(info: SentenceInfo, start: int) -> int:
    """End of a run of mentions separated only by commas or 、 after `start`."""
    end = start
    for m in info.mentions:
        if m.start < start:
            continue
        if m.start - start > 200:
            break
        gap = info.text[end:m.start]
        if end != start and not re.fullmatch(r"[、，,和及与\s]*", gap):
            break
        end = m.end
    return end


def _context_place(ctx: DocumentContext, info: SentenceInfo,
                   last_place: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    if info.leg_country:
        return info.leg_place or place_name(info.leg_country), info.leg_country
    for visit in reversed(ctx.extraction.visits):
        if visit.evidence and visit.evidence.start == info.sentence.start and len(visit.destinations) == 1:
            return place_name(visit.destinations[0]), visit.destinations[0]
    if last_place[0] and ctx.sentences.index(info) > 0:
        prev = ctx.sentences[ctx.sentences.index(info) - 1]
        if prev.sentence.paragraph == info.sentence.paragraph:
            return last_place
    return None, None
