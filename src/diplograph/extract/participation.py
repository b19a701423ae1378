"""Participation in events: attended (出席, 参加, 参会), spoke (致辞), organized (主办), signed."""

from __future__ import annotations

import re

from diplograph.extract.context import DocumentContext, SentenceInfo
from diplograph.extract.model import Participation, Ref

_ATTEND = re.compile(r"(?:出席|参加|参会|与会|出席了|参加了|应邀出席)")
_SPOKE = re.compile(r"上?(?:致辞|发表(?:主旨)?演讲|发表讲话|作主旨演讲|讲话)")
_ORGANIZED = re.compile(r"(?:主办|承办|举办|举行)")
_SIGNED = re.compile(r"签署|签订|签约")


def _add(ctx: DocumentContext, info: SentenceInfo, who: Ref, event: str, role: str, rule: str) -> None:
    held = ctx.extraction.events.get(event)
    if held is not None and held.dates is None and info.date is not None and role != "organized":
        held.dates = info.date
    for p in ctx.extraction.participations:
        if p.who == who and p.event == event:
            if role in ("spoke", "organized", "signed") and p.role == "attended":
                p.role = role
            return
    ctx.extraction.participations.append(Participation(who, event, role, ctx.evidence(info, rule)))


def find_participation(ctx: DocumentContext) -> None:
    last_event: str | None = None
    for info in ctx.sentences:
        text = info.text
        events = info.event_mentions
        people = [m for m in info.mentions if m.ref.kind == "person"]
        for start, end, key in events:
            after = text[end:end + 12]
            before = text[max(0, start - 14):start]
            # 由A、B、C联合主办的EVENT
            if re.search(r"(?:主办|承办|举办)的[“\"]?$", text[:start].rstrip()[-8:] + "") or before.endswith(("主办的", "承办的")):
                for m in info.mentions:
                    if m.end <= start and m.ref.kind == "organization":
                        _add(ctx, info, m.ref, key, "organized", "participation.organized_by")
            # 在EVENT上致辞
            if _SPOKE.match(after):
                subject = next((m for m in people if m.end <= start), None)
                if subject:
                    _add(ctx, info, subject.ref, key, "spoke", "participation.spoke_at")
            # 出席EVENT(开幕式)的 TITLE NAME : the person after 的
            if _ATTEND.search(before[-4:]):
                rel = re.match(r"(?:开幕式|闭幕式|开幕|相关活动|活动)?的", after)
                if rel:
                    guest = next((m for m in people if m.start >= end), None)
                    if guest:
                        _add(ctx, info, guest.ref, key, "attended", "participation.attending_guest")
                else:
                    subject = next((m for m in people if m.end <= start), None)
                    if subject:
                        _add(ctx, info, subject.ref, key, "attended", "participation.attended")
            # 举办“德国周”系列活动
            if re.search(r"(?:举办|举行|开展)了?[“\"]?$", text[:start + 1][-6:]) and not before.endswith("的"):
                subject = next((m.ref for m in people if m.end <= start), None) or ctx.paragraph_subject(info)
                if subject:
                    _add(ctx, info, subject, key, "organized", "participation.held")
        if events:
            last_event = events[-1][2]
        # EVENT在湖南举行，X一行参会 / X、Y等出席。 (the event of this or the previous sentence)
        m = (re.search(r"(?:参会|与会|出席(?:仪式|活动)?|参加(?:仪式|活动))[。！]?$", text)
             or re.search(r"一行参会|等出席", text)
             or re.search(r"(?:出席|参加)了?(?:开幕式|闭幕式|开幕活动|闭幕活动|主论坛|开幕大会)", text))
        target = events[0][2] if events else last_event
        if m and target:
            for p in people:
                if p.end <= m.start():
                    _add(ctx, info, p.ref, target, "attended", "participation.present")
        # the signatories of a ceremony sign at it
        after_event = events[0][1] if events else 0
        s = _SIGNED.search(text, after_event)
        if s and target and ctx.extraction.events.get(target) and ctx.extraction.events[target].category == "ceremony":
            for p in people:
                if p.end <= s.start():
                    _add(ctx, info, p.ref, target, "signed", "participation.signed_at")
