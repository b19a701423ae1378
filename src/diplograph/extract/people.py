"""Officials: a chain of posts (省委副书记、省长) followed by a name, their organization and country;
then the short forms (the surname of a ·-name, 王大使) and bare mentions of the same people."""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplograph.extract.context import HOME_COUNTRY, DocumentContext, Mention, SentenceInfo
from diplograph.extract.lexicon import (
    AFFILIATION_STOPS,
    CHINESE_AFFILIATION_MARKERS,
    CHINESE_TITLE_MARKERS,
    FOREIGN_ONLY_TITLES,
    COMPOUND_SURNAMES,
    NAME_BOUNDARIES,
    NOT_NAMES,
    ORGANIZATION_KINDS,
    SURNAMES,
    TITLES,
    TRANSLITERATION,
    common_words,
    ends_with_any,
    gazetteer,
)
from diplograph.extract.model import Organization, Person, Post, Ref

_TITLE_INDEX: dict[str, list[str]] = {}
for _t in TITLES:
    _TITLE_INDEX.setdefault(_t[0], []).append(_t)
_HAN = re.compile(r"[\u3400-\u9fff]")
_DOTS = "·•‧・･∙⋅"
# a title glued to the front of these is not a post but part of another word (大使馆, 部长级)
_NOT_AFTER_TITLE = set("馆级们处会团府")
# org suffixes that a title starts with: 外交部长 is the 部长 of 外交部
_TITLE_ORG_HEADS = {"部长": "部", "副部长": "部", "局长": "局", "副局长": "局", "司长": "司",
                    "总司长": "总司", "副司长": "司", "厅长": "厅", "副厅长": "厅", "署长": "署",
                    "院长": "院", "副院长": "院", "校长": "校", "社长": "社", "台长": "台", "行长": "行"}
_ORG_GENERIC = {"市政府", "省政府", "政府", "县政府", "区政府", "有关部门", "相关部门", "该公司", "公司",
                "集团", "部", "外事办", "本", "我省", "我市"}


@dataclass
class TitleMatch:
    start: int
    end: int
    title: str


def is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


def find_titles(text: str) -> list[TitleMatch]:
    out = []
    i = 0
    while i < len(text):
        for title in _TITLE_INDEX.get(text[i], ()):
            if text.startswith(title, i):
                after = text[i + len(title): i + len(title) + 1]
                if after and after in _NOT_AFTER_TITLE:
                    continue
                out.append(TitleMatch(i, i + len(title), title))
                i += len(title) - 1
                break
        i += 1
    return out


_BOUNDARY = re.compile("|".join(map(re.escape, NAME_BOUNDARIES)))
_AFFILIATION_STOPS = frozenset(AFFILIATION_STOPS)


def _boundary_at(text: str, j: int) -> bool:
    return _BOUNDARY.match(text, j) is not None


def read_name(text: str, i: int) -> str | None:
    """The person's name starting at text[i] (after a title), or None if none is written there."""
    if _boundary_at(text, i):
        return None
    j = i
    while j < len(text) and j - i < 16:
        ch = text[j]
        if ch in _DOTS + "-－" and j > i and j + 1 < len(text) and is_han(text[j + 1]):
            j += 1  # 让-皮埃尔·莫罗: hyphens and dots join the parts of a foreign name
            continue
        if not is_han(ch):
            break
        if j - i >= 2 and _boundary_at(text, j):
            if not (text[j] in "和与及同在" and j + 1 < len(text) and (
                    _boundary_at(text, j + 1) or not is_han(text[j + 1]))):
                break
        j += 1
    candidate = text[i:j]
    candidate = re.sub(f"[{_DOTS}]", "·", candidate).replace("－", "-")
    if len(candidate) < 2 or candidate in NOT_NAMES or any(candidate.startswith(w) for w in NOT_NAMES):
        return None
    if "·" in candidate or "-" in candidate:
        parts = re.split("[·-]", candidate)
        return candidate if all(len(p) >= 1 for p in parts) else None
    if candidate[1] == "氏" and candidate[0] in SURNAMES:
        return candidate[:4]  # 黎氏秋香: Vietnamese names carry 氏 (or 文) after the surname
    foreign_run = 0
    while foreign_run < len(candidate) and candidate[foreign_run] in TRANSLITERATION:
        foreign_run += 1
    all_foreign = foreign_run == len(candidate)
    chinese_start = candidate[:2] in COMPOUND_SURNAMES or candidate[0] in SURNAMES
    if chinese_start and foreign_run >= 4:
        name = candidate[:foreign_run]  # 惠特拉姆: a transliteration that starts like a surname
    elif chinese_start and not (all_foreign and len(candidate) >= 4):
        limit = 4 if candidate[:2] in COMPOUND_SURNAMES else 3
        name = candidate[:limit]
        if len(name) == 3 and limit == 3 and _word_starts_at_third(text, i):
            name = name[:2]
    elif all_foreign or sum(ch in TRANSLITERATION for ch in candidate) >= len(candidate) - 1:
        name = candidate[:10]
    elif len(candidate) <= 5 and (j >= len(text) or not is_han(text[j]) or _boundary_at(text, j)):
        name = candidate  # 知事三日月大造一行: a name the text itself delimits
    else:
        return None
    return None if name in common_words() else name


def _word_starts_at_third(text: str, i: int) -> bool:
    """王宁详细介绍: the third character opens a word (详细) that the fourth does not continue a
    word from, so the name has two characters. (张国基座谈: 座谈 follows, the name keeps three.)"""
    words = common_words()
    third = text[i + 2:i + 4]
    fourth = text[i + 3:i + 5]
    return len(third) == 2 and third in words and not (len(fourth) == 2 and (
        fourth in words or _boundary_at(text, i + 3)))


def looks_chinese(name: str) -> bool:
    """A surname and one or two characters (three after a compound surname)."""
    if "·" in name or "-" in name:
        return False
    if name[:2] in COMPOUND_SURNAMES:
        return len(name) <= 4
    return name[0] in SURNAMES and len(name) <= 3 and name[1] != "氏"


def affiliation_start(text: str, i: int, known: set[str], floor: int = 0, title: str = "") -> int:
    """Where the organization or place written before position i begins (walking left, never past
    `floor`, the end of the previous name in the sentence). 与 and 和 end it, except inside the name
    of a body (经济与旅游部次长, 健康与食品安全总司长)."""
    j = i
    while j > floor and i - j < 24:
        ch = text[j - 1]
        if not (is_han(ch) or ch.isalnum() or ch in "()（）-—·"):
            break
        stop = ends_with_any(_AFFILIATION_STOPS, text, j)
        if stop and _place_ends_at(text, j):
            stop = None  # the 及 of 埃及 ends a country's name, not a phrase
        if stop:
            if stop in ("与", "和") and _joins_a_body_name(text, j, i, known, title):
                j -= 1
                continue
            break
        j -= 1
    return j


def _place_ends_at(text: str, j: int) -> bool:
    window = text[max(0, j - 8):j]
    return any(end == len(window) for _, end, _ in gazetteer().find(window))


def _joins_a_body_name(text: str, j: int, i: int, known: set[str], title: str) -> bool:
    before = text[:j - 1]
    if j - 1 == 0 or not is_han(before[-1]) or any(before.endswith(n) for n in known):
        return False
    if re.search(r"在[\u4e00-\u9fff]{1,8}$", before) and gazetteer().find(before[-8:]):
        return False  # 在沙迦与...: a place, then the other side
    body = text[j:i] + _TITLE_ORG_HEADS.get(title, "")
    return organization_kind(body) is not None or body.endswith(("事务", "安全", "发展", "合作"))


def organization_kind(name: str) -> str | None:
    for suffix, kind in ORGANIZATION_KINDS:
        if name.endswith(suffix):
            return kind
    return None


def country_of_text(text: str, local: dict[str, str] | None = None) -> str | None:
    """The country of the leftmost place named in `text` (a city gives its country); `local` adds
    the places the document itself has tied to a country (埃及卢克索省 -> 卢克索: EG)."""
    for _, _, entry in gazetteer().find(text):
        if entry.country:
            return entry.country
    found = [(text.find(name), code) for name, code in (local or {}).items() if name in text]
    return min(found)[1] if found else None


@dataclass
class TitledPerson:
    start: int
    end: int
    name: str
    posts: list[Post]
    country: str | None
    organizations: list[Organization]


def _post_and_org(affiliation: str, title: str) -> tuple[str, str | None, str]:
    """(title as printed, organization name, nationality text) for one link of a title chain."""
    nationality = affiliation
    printed = title
    if "驻" in affiliation:
        k = affiliation.index("驻")
        nationality = affiliation[:k]
        printed = affiliation[k:] + title
        affiliation = ""
    org = None
    head = _TITLE_ORG_HEADS.get(title)
    if head and affiliation:
        org = affiliation if affiliation.endswith(head) else affiliation + head
        printed = (affiliation + title) if len(affiliation) <= 4 and not country_of_text(affiliation) else title
    elif affiliation and organization_kind(affiliation):
        org = affiliation
        if not country_of_text(affiliation) and len(affiliation) <= 8:
            printed = affiliation + title
    elif affiliation and not country_of_text(affiliation) and len(affiliation) <= 8 and \
            any(m in affiliation for m in ("中共", "中央", "政治局", "国务院")):
        printed = affiliation + title
    if org and (org in _ORG_GENERIC or len(org) < 3 or re.fullmatch(
            r"(?:省|市|县|区|州|自治区|自治州)(?:人民)?(?:委员会|政府|党委|人大常委会|政协|人大)", org)):
        org = None  # 省人民委员会 names no body until the place is said
    return printed, org, nationality


def find_titled_people(info: SentenceInfo, known: set[str], ctx: DocumentContext) -> list[TitledPerson]:
    text = info.text
    titles = find_titles(text)
    out: list[TitledPerson] = []
    chain: list[tuple[str, TitleMatch]] = []  # (affiliation, title)
    chain_start = 0
    floor = 0
    for k, t in enumerate(titles):
        if t.start < floor:
            continue
        if chain:
            prev = chain[-1][1]
            gap = text[prev.end:t.start]
            if not gap.startswith(("、", "兼")) or any(c in gap for c in "，,。；;：:"):
                chain = []
        if not chain:
            chain_start = affiliation_start(text, t.start, known, floor, t.title)
            affiliation = text[chain_start:t.start]
        else:
            affiliation = text[chain[-1][1].end + 1:t.start]
        chain.append((affiliation, t))
        name = read_name(text, t.end)
        if name:
            out.append(_make_person(chain, chain_start, t.end, name, info, ctx))
            known.add(name)
            floor = t.end + len(name)
            chain = []
            continue
        nxt = titles[k + 1] if k + 1 < len(titles) else None
        if not (t.end < len(text) and text[t.end] in "、兼" and nxt and nxt.start - t.end < 24):
            chain = []
    return out


def _make_person(chain, chain_start: int, name_start: int, name: str, info: SentenceInfo,
                 ctx: DocumentContext) -> TitledPerson:
    posts: list[Post] = []
    orgs: list[Organization] = []
    country = None
    chinese_marked = False
    evidence = ctx.evidence(info, "officials.title_then_name")
    for affiliation, t in chain:
        printed, org_name, nationality = _post_and_org(affiliation, t.title)
        if country is None:
            country = country_of_text(nationality, ctx.local_places)
        if "驻" in affiliation and country is None:
            country = HOME_COUNTRY
        if any(m in affiliation for m in CHINESE_AFFILIATION_MARKERS) or \
                any(t.title.startswith(m) or m in printed for m in CHINESE_TITLE_MARKERS):
            chinese_marked = True
        posts.append(Post(printed, org_name, evidence))
        if org_name:
            orgs.append(Organization(org_name, organization_kind(org_name) or "other",
                                     country_of_text(org_name), evidence=[evidence]))
    foreign_post = any(t.title in FOREIGN_ONLY_TITLES for _, t in chain)
    unknown_affiliation = bool(chain[0][0]) and not chinese_marked and not re.match(
        r"^(?:省|市|县|区|州|自治区|自治州)", chain[0][0])
    foreign_context = bool(info.leg_country or info.foreign_countries())
    if country is None:
        if chinese_marked or (looks_chinese(name) and not foreign_post
                              and not (unknown_affiliation and foreign_context)):
            country = HOME_COUNTRY
        else:
            country = info.leg_country or next(iter(info.foreign_countries()), None)
            if country is None and looks_chinese(name):
                country = HOME_COUNTRY
    for org in orgs:
        if org.country is None:
            org.country = country
    return TitledPerson(chain_start, name_start + len(name), name, posts, country, orgs)


def add_person(ctx: DocumentContext, found: TitledPerson, info: SentenceInfo) -> None:
    people = ctx.extraction.people
    person = people.get(found.name)
    if person is None:
        person = Person(found.name, found.country)
        people[found.name] = person
    elif person.country is None:
        person.country = found.country
    known_titles = {p.title for p in person.posts}
    for post in found.posts:
        if post.title not in known_titles:
            person.posts.append(post)
            known_titles.add(post.title)
    person.evidence.append(ctx.evidence(info, "officials.title_then_name"))
    for org in found.organizations:
        existing = ctx.extraction.organizations.get(org.name)
        if existing is None:
            ctx.extraction.organizations[org.name] = org


def register_short_forms(ctx: DocumentContext) -> dict[str, str]:
    """Short forms that name a known person: the parts of a ·-name, 王大使 for the ambassador 王某某."""
    aliases: dict[str, str] = {}
    for name, person in ctx.extraction.people.items():
        if "·" in name:
            for part in name.split("·"):
                if len(part) >= 2:
                    aliases.setdefault(part, name)
                    person.aliases.add(part)
        elif looks_chinese(name):
            surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[0]
            for post in person.posts:
                for title in TITLES:
                    if post.title.endswith(title) and len(title) >= 2:
                        short = surname + title
                        aliases.setdefault(short, name)
                        break
    return {a: n for a, n in aliases.items() if a not in ctx.extraction.people}


# a name with no title, as the subject of a clause that meets, leads or visits (刘强分别会见...)
_UNTITLED_SUBJECT = re.compile(
    r"(?:^|[，,。；;：:]|图为)(?P<name>[\u4e00-\u9fff]{2,3}?)"
    r"(?=分别会见|会见|会晤|率领|率团|率[\u4e00-\u9fff]{0,8}代表团|在[\u4e00-\u9fff]{1,8}(?:会见|会晤|出席)"
    r"|等?(?:参加|陪同)(?:会见|会谈|会晤))")


def find_untitled_subjects(ctx: DocumentContext, info: SentenceInfo) -> None:
    for m in _UNTITLED_SUBJECT.finditer(info.text):
        name = m.group("name")
        if name in ctx.extraction.people or not looks_chinese(name) or name in NOT_NAMES:
            continue
        if any(mention.start <= m.start("name") < mention.end for mention in info.mentions):
            continue
        if gazetteer().lookup(name):
            continue
        evidence = ctx.evidence(info, "officials.untitled_subject", 0.6)
        ctx.extraction.people[name] = Person(name, HOME_COUNTRY, evidence=[evidence])


def merge_short_forms(ctx: DocumentContext, aliases: dict[str, str]) -> None:
    """阿尔巴尼斯, titled on its own, is 安东尼·阿尔巴尼斯 named in full elsewhere: one person."""
    people = ctx.extraction.people
    for name in list(people):
        full = next((f for f, p in people.items() if f != name and "·" in f and name in f.split("·")
                     and p.country in (None, people[name].country)), None)
        if full is None:
            continue
        short = people.pop(name)
        target = people[full]
        target.aliases.add(name)
        known = {p.title for p in target.posts}
        target.posts += [p for p in short.posts if p.title not in known]
        target.evidence += short.evidence
        for info in ctx.sentences:
            for m in info.mentions:
                if m.ref.kind == "person" and m.ref.key == name:
                    m.ref = Ref("person", full)


def find_people(ctx: DocumentContext) -> None:
    known: set[str] = set()
    for info in ctx.sentences:
        for found in find_titled_people(info, known, ctx):
            add_person(ctx, found, info)
            known.add(found.name)
            info.mentions.append(Mention(found.end - len(found.name), found.end, Ref("person", found.name)))
    for info in ctx.sentences:
        find_untitled_subjects(ctx, info)
    aliases = register_short_forms(ctx)
    merge_short_forms(ctx, aliases)
    aliases = {a: n for a, n in aliases.items() if n in ctx.extraction.people}
    for name, person in ctx.extraction.people.items():
        for alias in person.aliases:
            if alias not in ctx.extraction.people:
                aliases.setdefault(alias, name)
    names = {n: n for n in ctx.extraction.people} | aliases
    ordered = sorted(names, key=len, reverse=True)
    for info in ctx.sentences:
        taken = [(m.start, m.end) for m in info.mentions]
        for surface in ordered:
            start = 0
            while True:
                k = info.text.find(surface, start)
                if k < 0:
                    break
                start = k + 1
                if any(s < k + len(surface) and k < e for s, e in taken):
                    continue
                info.mentions.append(Mention(k, k + len(surface), Ref("person", names[surface])))
                taken.append((k, k + len(surface)))
        info.mentions.sort(key=lambda m: m.start)
        # a place name inside a person's name (e.g. a transliterated name that is also a prefecture) is not a place
        spans = [(m.start, m.end) for m in info.mentions]
        info.places = [p for p in info.places if not any(s <= p[0] < e for s, e in spans)]
