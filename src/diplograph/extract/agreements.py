"""Agreements: how many were signed, worth how much (currency kept), in which sectors."""

from __future__ import annotations

import re

from diplograph.extract.context import DocumentContext
from diplograph.extract.model import Agreement
from diplograph.extract.numbers import parse_amount, parse_number

_N = r"[0-9一二三四五六七八九十百两]+"
_DOC = r"(?:协议书|协议|合同|备忘录|意向书|合作文件|框架协议)"
_COUNTED = [
    re.compile(rf"签署(?:了)?[^，。；]{{0,24}}?{_DOC}(?:共计|共|计|达)?(?P<n>{_N})(?P<more>多)?(?:项|份|个)"),
    re.compile(rf"签署(?:了)?(?P<n>{_N})(?P<more>多)?(?:项|份|个)[^，。；]{{0,16}}?{_DOC}"),
    re.compile(rf"达成(?:了)?(?P<n>{_N})(?P<more>多)?(?:项|个)[^，。；]{{0,16}}?{_DOC}"),
    re.compile(rf"签约[^，。；]{{0,6}}?项目(?:共计|共|达|超过|逾|近|约)?(?P<n>{_N})(?P<more>多)?个"),
]
_SINGLE = re.compile(rf"签署(?:了)?(?:的)?(?P<name>[^，。；、]{{2,30}}?{_DOC})")
_SINGLE_SIGNED = re.compile(rf"签署的(?P<name>[^，。；、]{{2,20}}?{_DOC})")
_VALUE = re.compile(r"(?:涉及|意向|签约|合同|协议|投资|总)?(?:金额|总额|额)(?:达|为|约|共计|超过)?(?P<amount>[0-9.]+(?:亿|万)?(?:美元|欧元|日元|英镑|港元|人民币|元))")
_SECTORS = re.compile(r"在(?P<list>[^，。；在]{2,60}?)等(?:领域|方面|行业)")
_REPORTED_SPEECH = re.compile(r"表示|指出|说[，,：:]|强调|致辞时")
_NARRATIVE = re.compile(r"(?:会见后|会谈后|会晤后|座谈后|随后|当天|此前|此后|期间|会上|活动中|仪式上|据悉|"
                        r"双方还|在此期间|[0-9]+月|[0-9]+日|访问期间)")
_PLURAL = ("多项", "一批", "系列", "相关", "多个", "有关协议", "各项")


def find_agreements(ctx: DocumentContext) -> None:
    speech_paragraph = -1
    for info in ctx.sentences:
        text = info.text
        if _NARRATIVE.match(text):
            speech_paragraph = -1  # 会见后，双方签署了...: the report goes on after the speech
        in_speech = speech_paragraph == info.sentence.paragraph
        if _REPORTED_SPEECH.search(text):
            speech_paragraph = info.sentence.paragraph
        found = False
        for pattern in _COUNTED:
            m = pattern.search(text)
            if m:
                count = parse_number(m.group("n"))
                value = _VALUE.search(text)
                sectors = _SECTORS.search(text[:m.end()])
                ctx.extraction.agreements.append(_placed(ctx, info, Agreement(
                    count=count, count_is_minimum=bool(m.group("more")),
                    amount=parse_amount(value.group("amount")) if value else None,
                    sectors=[s for s in re.split(r"[、和及]", sectors.group("list")) if s] if sectors else [],
                    dates=info.date, evidence=ctx.evidence(info, "agreements.counted"))))
                found = True
                break
        if found:
            continue
        if in_speech or _REPORTED_SPEECH.search(text):
            continue  # 某某在致辞时表示，今天双方签署友城协议: a speech mentions a signing reported already
        m = _SINGLE.search(text) or _SINGLE_SIGNED.search(text)
        if m and not any(w in m.group("name") for w in _PLURAL) and "成交" not in text:
            signed = m.start()
            # 甲与乙签署...: those named before the verb in the clause sign it
            clause = max(text.rfind(c, 0, signed) for c in "，,；;") + 1
            signatories = list(dict.fromkeys(
                x.ref for x in info.mentions if clause <= x.start and x.end <= signed and x.ref.kind == "person"))
            ctx.extraction.agreements.append(_placed(ctx, info, Agreement(
                count=1, name=m.group("name").strip("《》“”"), dates=info.date,
                signatories=signatories, evidence=ctx.evidence(info, "agreements.named"))))


def _placed(ctx: DocumentContext, info, agreement: Agreement) -> Agreement:
    """Tie agreements to the event named in their sentence (or paragraph) and to the visit whose
    paragraph or trip they were signed on."""
    events = info.event_mentions or [m for other in ctx.sentences[:info.sentence.index]
                                     if other.sentence.paragraph == info.sentence.paragraph
                                     for m in other.event_mentions]
    if events:
        agreement.event = events[-1][2]
    for k, visit in enumerate(ctx.extraction.visits):
        ev = visit.evidence
        same_paragraph = ev is not None and any(
            o.sentence.start == ev.start and o.sentence.paragraph == info.sentence.paragraph
            for o in ctx.sentences[:info.sentence.index + 1])
        on_leg = info.leg_country is not None and info.leg_country in visit.destinations
        if same_paragraph or on_leg:
            agreement.visit = k
    return agreement
