"""Visits and delegations: who led which delegation from where to where, when, how many people,
and the legs of a multi-country trip (在德国，... 在比利时，...)."""

from __future__ import annotations

import re

from diplograph.extract.context import HOME_COUNTRY, DocumentContext, SentenceInfo
from diplograph.extract.lexicon import PLACE_ABBREVIATIONS, gazetteer, province_abbreviations
from diplograph.extract.model import Ref, Visit
from diplograph.extract.numbers import parse_number

_DELEGATION = r"(?P<delegation>[\u4e00-\u9fff]{0,16}?(?:代表团|考察团|访问团|经贸团|工商团|商务团|团组|政府代表团))"
_LED = re.compile(r"(?:率领|率|带领)(?:" + _DELEGATION + r"|团)")
_HEADED = re.compile(r"以(?P<leader_zone>[^，。；]{2,60}?)为团长的" + _DELEGATION)
_PARTY = re.compile(r"一行(?:(?P<n>[0-9一二三四五六七八九十百]+)人)?")
_SIZE = re.compile(r"(?:一行|代表团|考察团)(?P<n>[0-9一二三四五六七八九十百]+)人|(?P<m>[0-9]+)人(?:代表团|考察团)")
_ABOVE = re.compile(r"(?:上述|以上)(?P<n>[0-9一二三四五六七八九十两]+)(?:国|个国家)")
_GOING = re.compile(r"(?:访问了?|出访|赴|前往|到访|抵达|来到|来|到|在|对)(?P<place>[\u4e00-\u9fff]{1,12})")
# 马克龙于4月5日至7日对中国进行国事访问 / 阿尔巴尼斯于11月4日至7日访华
_PAID_VISIT = re.compile(
    r"(?:对|赴|到|来|前往|抵达)(?P<place>[\u4e00-\u9fff]{1,8}?)(?:进行|开展)了?"
    r"(?:国事|正式|友好|工作|官方|正式友好|友好工作)?(?:访问|考察)"
    r"|(?P<china>访华|来华访问|来华进行[\u4e00-\u9fff]{0,4}访问)")
# 阮文忠一行于5月17日至20日在滇访问
_PARTY_VISIT = re.compile(
    r"一行(?:[0-9一二三四五六七八九十]+人)?(?:于[^，。；]{2,16}?)?(?:在|来|赴|到|抵)(?P<place>[\u4e00-\u9fff]{1,8}?)"
    r"(?:进行)?(?:友好|正式|工作)?(?:访问|考察)")
# 代表团一行14人，由...组成: the size of the delegation of the visit before
_DELEGATION_SIZE = re.compile(r"^(?:代表团|考察团|访问团)(?:一行|共|由)(?P<n>[0-9一二三四五六七八九十百]+)人")
_LEG = re.compile(r"^在(?P<place>[\u4e00-\u9fff]{2,10})(?:期间)?[，,]")


def mark_legs(ctx: DocumentContext) -> None:
    """A sentence opening with 在德国， (or 在万象，) tells where it and the rest of its paragraph
    happen, until another such opening."""
    gaz = gazetteer()
    current: tuple[str, str] | None = None
    paragraph = -1
    for info in ctx.sentences:
        if info.sentence.paragraph != paragraph:
            paragraph = info.sentence.paragraph
            current = None
        m = _LEG.match(info.text)
        if m:
            entry = gaz.lookup(m.group("place"))
            if entry and entry.country and entry.country != HOME_COUNTRY and entry.kind != "area":
                current = (entry.country, m.group("place"))
        info.leg_country = current[0] if current else None
        info.leg_place = current[1] if current else None


def _place_code(text: str) -> str | None:
    """The ISO code of a place written at the start of `text` (阿联酋, 湖南, 湘)."""
    places = gazetteer().find(text)
    if places and places[0][0] == 0:
        entry = places[0][2]
        if entry.kind == "area":
            return None
        return entry.code if entry.code else None
    abbr = province_abbreviations()
    if text[:1] in abbr and (len(text) == 1 or text[1] in "访考开举，。参交"):
        return abbr[text[0]]
    full = PLACE_ABBREVIATIONS.get(text[:1])
    if full and (len(text) == 1 or text[1] in "访考开举，。参交期"):
        entry = gazetteer().lookup(full)
        return entry.code if entry else None
    if text.startswith("华"):
        return HOME_COUNTRY
    return None


def _destinations(text: str, info: SentenceInfo) -> list[str]:
    m = _ABOVE.search(text)
    if m:
        n = parse_number(m.group("n")) or 0
        foreign = list(dict.fromkeys(info.foreign_countries()))
        return foreign[-n:] if n else foreign
    for g in _GOING.finditer(text):
        codes = _place_list(g.group("place") + text[g.end():])
        if codes:
            return codes
    return []


def _place_list(text: str) -> list[str]:
    """新西兰、澳大利亚、马来西亚三国 -> [NZ, AU, MY]; a single place -> [its code]."""
    codes: list[str] = []
    rest = text.lstrip("了")
    while True:
        code = _place_code(rest)
        if not code:
            break
        codes.append(code)
        places = gazetteer().find(rest)
        length = places[0][1] if places and places[0][0] == 0 else 1
        rest = rest[length:]
        sep = re.match(r"[、和及与]", rest)
        if not sep:
            break
        rest = rest[sep.end():]
    return list(dict.fromkeys(codes))


def _origin(delegation: str, leader_country: str | None, ctx: DocumentContext) -> str | None:
    places = gazetteer().find(delegation)
    if places:
        entry = places[0][2]
        return entry.code or entry.country or None
    if leader_country == HOME_COUNTRY:
        if delegation.startswith(("省", "市")) and ctx.home_province:
            return ctx.home_province
        return ctx.home_province or HOME_COUNTRY
    return leader_country


def _size(text: str) -> int | None:
    m = _SIZE.search(text)
    if not m:
        return None
    return parse_number(m.group("n") or m.group("m"))


def find_visits(ctx: DocumentContext) -> None:
    people = ctx.extraction.people
    for info in ctx.sentences:
        text = info.text
        for m in _LED.finditer(text):
            if re.search(r"(?:将|拟|计划|准备|愿)$", text[:m.start()]):
                continue  # 将率团参加...: a plan, not a visit
            leader = next((x for x in reversed(info.mentions) if x.end <= m.start() and x.ref.kind == "person"), None)
            if leader is None:
                continue
            rest = text[m.end():]
            stop = re.search(r"[。；]", rest)
            destinations = _destinations(rest[:stop.start()] if stop else rest, info)
            if not destinations:
                destinations = _destinations(text[leader.end:m.start()], info)
            if not destinations and re.match(r"(?:来访|来华|访华)", rest):
                # 率团来访: to where the article is written from
                destinations = [ctx.home_province or HOME_COUNTRY] if not rest.startswith(("来华", "访华")) \
                    else [HOME_COUNTRY]
            if not destinations:
                continue
            person = people.get(leader.ref.key)
            delegation = m.group("delegation") or ""
            origin = _origin(delegation, person.country if person else None, ctx)
            destinations = [d for d in destinations if d != origin]
            if destinations and not _known(ctx, leader.ref, destinations):
                _add(ctx, info, leader.ref, origin, destinations, delegation or None, _size(text),
                     "visits.led_delegation")
        for m in _HEADED.finditer(text):
            zone_start = m.start("leader_zone")
            leader = next((x for x in reversed(info.mentions)
                           if zone_start <= x.start and x.end <= m.end("leader_zone") and x.ref.kind == "person"), None)
            if leader is None:
                continue
            rest = text[m.end():]
            destinations = _destinations(rest, info)
            if not destinations:
                continue
            person = people.get(leader.ref.key)
            origin = _origin(m.group("delegation"), person.country if person else None, ctx)
            _add(ctx, info, leader.ref, origin, destinations, m.group("delegation"), _size(text), "visits.headed_delegation")
        for m in _PAID_VISIT.finditer(text):
            if re.match(r"[0-9一二三四五六七八九十百]+周年", text[m.end():]):
                continue  # 首次访华50周年: an anniversary, not a visit
            leader = next((x for x in info.mentions if x.end <= m.start() and x.ref.kind == "person"), None)
            if leader is None:
                continue
            destinations = [HOME_COUNTRY] if m.group("china") else _place_list(m.group("place"))
            person = people.get(leader.ref.key)
            if not destinations or person is None:
                continue
            origin = person.country if person.country != HOME_COUNTRY else (ctx.home_province or HOME_COUNTRY)
            destinations = [d for d in destinations if d != origin and d != person.country]
            if destinations and not _known(ctx, leader.ref, destinations):
                _add(ctx, info, leader.ref, origin, destinations, None, _size(text), "visits.paid_visit")
        for m in _PARTY_VISIT.finditer(text):
            leader = next((x for x in reversed(info.mentions) if x.end == m.start() and x.ref.kind == "person"), None)
            person = people.get(leader.ref.key) if leader else None
            if person is None:
                continue
            destinations = _place_list(m.group("place"))
            origin = person.country if person.country != HOME_COUNTRY else (ctx.home_province or HOME_COUNTRY)
            destinations = [d for d in destinations if d not in (origin, person.country)]
            if destinations and not _known(ctx, leader.ref, destinations):
                _add(ctx, info, leader.ref, origin, destinations, None, _size(text), "visits.party_visit")
        size = _DELEGATION_SIZE.search(text)
        if size and ctx.extraction.visits and ctx.extraction.visits[-1].size is None:
            ctx.extraction.visits[-1].size = parse_number(size.group("n"))
    _add_legs(ctx)


def _known(ctx: DocumentContext, leader: Ref, destinations: list[str]) -> bool:
    return any(v.leader == leader and set(destinations) <= set(v.destinations) for v in ctx.extraction.visits)


def _add(ctx: DocumentContext, info: SentenceInfo, leader: Ref, origin: str | None,
         destinations: list[str], delegation: str | None, size: int | None, rule: str) -> None:
    ctx.extraction.visits.append(Visit(leader, destinations, origin, info.date, size, delegation,
                                       evidence=ctx.evidence(info, rule)))


def _add_legs(ctx: DocumentContext) -> None:
    """A trip to several countries gets one leg per country a paragraph says it went to."""
    for visit in ctx.extraction.visits:
        if len(visit.destinations) < 2:
            continue
        seen = set()
        for info in ctx.sentences:
            code = info.leg_country
            if code in visit.destinations and code not in seen:
                seen.add(code)
                visit.legs.append(Visit(visit.leader, [code], visit.origin, None, None, visit.delegation,
                                        evidence=ctx.evidence(info, "visits.trip_leg")))
