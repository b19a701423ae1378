"""Named events: expos, forums, summits, fairs, ceremonies; their edition, dates, place, figures."""

from __future__ import annotations

import re

from diplograph.extract.context import DocumentContext, SentenceInfo
from diplograph.extract.lexicon import ends_with_any, ends_with_function_word, gazetteer, place_name
from diplograph.extract.model import Amount, DateSpan, Event
from diplograph.extract.numbers import parse_amount, parse_number
from diplograph.extract.text import is_subsequence

# suffix -> category; longer suffixes are tried first
EVENT_SUFFIXES = sorted({
    "博览会": "expo", "展览会": "expo", "交易会": "expo", "洽谈会": "expo", "展销会": "expo",
    "进口博览会": "expo", "机械展": "expo", "车展": "expo", "航展": "expo", "大集": "fair",
    "专场": "fair", "对接会": "conference", "交流会": "conference", "推介会": "conference",
    "说明会": "conference", "恳谈会": "conference", "研讨会": "conference", "签约会": "conference",
    "招商会": "conference", "发布会": "conference", "年会": "conference", "峰会": "summit",
    "论坛": "forum", "大会": "conference", "全会": "conference", "会议": "conference",
    "签署仪式": "ceremony", "签约仪式": "ceremony", "仪式": "ceremony", "文化节": "fair",
    "艺术节": "fair", "旅游节": "fair", "电影节": "fair", "运动会": "event", "大赛": "event",
}.items(), key=lambda kv: len(kv[0]), reverse=True)
# abbreviated fairs: 哈洽会, 广交会, 进博会, 服贸会
_ABBREVIATED = re.compile(r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[和及与等在的好了席加办届赴]))([\u4e00-\u9fff]{1,2}(?:洽|交|博|贸|投|消|服)会)(?!议|谈|见|长|员)")
_QUOTED_ACTIVITY = re.compile(r"“(?P<name>[^”]{2,20})”(?:系列|主题|专题)?活动")
_EDITION = re.compile(r"第([0-9一二三四五六七八九十百]+)届")
_LEFT_STOPS = sorted(("出席", "参加", "参会", "举办", "举行", "召开", "主办", "承办", "利用好", "利用",
                      "依托", "借助", "通过", "在", "的", "和", "及", "等", "由", "为", "是", "赴",
                      "于", "落实", "作为", "参展", "亮相", "走进", "期间", "之际", "开幕式", "闭幕式",
                      "来华", "成功", "筹备", "围绕", "助力", "推动", "全面启动", "启动",
                      "办好", "组织", "上", "与会", "首届", "本届", "此次", "这次", "历届", "联合",
                      "开展", "来", "前往", "到", "向", "就", "将", "把", "被", "贯彻", "深入", "学习",
                      "正", "参与", "见证", "宣传", "介绍", "出席了", "参加了"),
                     key=len, reverse=True)
_LEFT_STOP_SET = frozenset(_LEFT_STOPS)
_SUFFIX_CATEGORY = dict(EVENT_SUFFIXES)
_SUFFIX = re.compile("|".join(re.escape(suffix) for suffix, _ in EVENT_SUFFIXES))
_GENERIC = {"展会", "大会", "论坛", "峰会", "会议", "盛会", "仪式", "活动", "博览会", "推介会", "对接会",
            "交流会", "年会", "全会", "专场", "大集", "签约仪式", "开幕式"}
_GENERIC_PREFIXES = ("本届", "此次", "该", "这次", "各类", "系列", "有关", "相关", "重要", "一系列", "多场",
                     "各种", "一场", "两场", "多个", "多项", "国家级")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9（）()—\-–·“”\"、 ]")
_ONLINE = ("线上", "网上", "云端", "视频")


def _left_edge(text: str, end: int) -> int:
    """Walk left from the end of an event suffix to where the event's name starts."""
    j = end
    in_quote = False
    while j > 0:
        ch = text[j - 1]
        if ch == "”":
            in_quote = True
        elif ch == "“":
            in_quote = False
        elif not in_quote:
            if ch in "、 " or not _NAME_CHARS.match(ch):
                break
            stop = ends_with_any(_LEFT_STOP_SET, text, j)
            if (stop or ends_with_function_word(text, j)) and j < end - 1:
                break
        j -= 1
    return j


def core_name(name: str) -> str:
    """The form two mentions of one event share: no quotes, year, edition; 中国-非洲 -> 中非."""
    s = re.sub(r"[“”\"\s]", "", name)
    s = _EDITION.sub("", s)
    s = re.sub(r"(?:19|20)\d{2}年?", "", s)
    gaz = gazetteer()

    def abbreviate(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        if gaz.lookup(a) and gaz.lookup(b):
            return a[0] + b[0]
        return m.group(0)

    s = re.sub(r"([\u4e00-\u9fff]{2,5})[—\-–]([\u4e00-\u9fff]{2,5}?)(?=经贸|博览|合作|论坛|峰会|投资|商品|贸易|青年|文化|地方)", abbreviate, s)
    return s


def _edition(name: str) -> int | None:
    m = _EDITION.search(name)
    return parse_number(m.group(1)) if m else None


def _valid(name: str, suffix: str) -> bool:
    bare = re.sub(r"[“”\"\s]", "", name)
    bare_no_year = re.sub(r"(?:19|20)\d{2}年?", "", bare)
    if bare_no_year in _GENERIC or len(bare_no_year) <= len(suffix):
        return False
    if bare.startswith(_GENERIC_PREFIXES):
        return False
    if suffix == "仪式" and not re.search(r"签|揭牌|开幕|启动|颁奖|奠基|协议|授牌|落成", bare):
        return False
    if suffix == "会议" and not (bare.startswith("第") or "“" in name or gazetteer().find(bare)):
        return False
    return True


def find_event_names(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, category) of every event named in a sentence, nested ones dropped."""
    found: list[tuple[int, int, str, str]] = []
    for m in _SUFFIX.finditer(text):
        suffix = m.group(0)
        category = _SUFFIX_CATEGORY[suffix]
        end = m.end()
        if text[end:end + 1] in ("堂", "厅", "馆", "场", "所", "址", "室", "长", "员"):
            continue  # 大会堂 is a building, 会长 a post
        start = _left_edge(text, end)
        name = text[start:end].strip()
        lead = len(text[start:end]) - len(text[start:end].lstrip())
        if _valid(name, suffix):
            found.append((start + lead, end, name, category))
    for m in _ABBREVIATED.finditer(text):
        start = m.start(1)
        if m.end(1) - start == 4 and (text[start] in "了的和及与等在好席加办届赴"
                                      or ends_with_function_word(text, start + 1)):
            start += 1  # 出席了进博会, 据消博会: the abbreviation is 进博会, 消博会
        found.append((start, m.end(1), text[start:m.end(1)], "expo"))
    for m in _QUOTED_ACTIVITY.finditer(text):
        found.append((m.start("name") - 1, m.end("name") + 1, m.group("name"), "event"))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[tuple[int, int, str, str]] = []
    for f in found:
        if any(o[0] <= f[0] and f[1] <= o[1] for o in out):
            continue
        out = [o for o in out if not (f[0] <= o[0] and o[1] <= f[1])]
        out.append(f)
    return out


def _place_in(text: str) -> tuple[str | None, str | None]:
    """A place written as 在X举行 / X举行: (label, ISO code)."""
    text = text.strip()
    if not text or text.startswith(_ONLINE):
        return None, None
    places = gazetteer().find(text)
    if places and places[0][0] == 0:
        _, end, entry = places[0]
        return text[:end], entry.code
    return (text if len(text) <= 10 else None), None


def _same_event(ctx: DocumentContext, name: str) -> str | None:
    core = core_name(name)
    for key, event in ctx.extraction.events.items():
        other = core_name(key)
        short, long = sorted((core, other), key=len)
        if len(short) == 3 and short.endswith("会") and len(long) > 5 and is_subsequence(short, long):
            return key  # 进博会 is 中国国际进口博览会
        if core == other or (min(len(core), len(other)) >= 4 and (core in other or other in core)):
            return key
        if any(core_name(a) == core for a in event.aliases):
            return key
    return None


def find_events(ctx: DocumentContext) -> None:
    for info in ctx.sentences:
        text = info.text
        for start, end, name, category in find_event_names(text):
            key = _same_event(ctx, name)
            if key is None:
                ctx.extraction.events[name] = Event(name, category, edition=_edition(name),
                                                    evidence=[ctx.evidence(info, "events.suffix_name")])
                key = name
            event = ctx.extraction.events[key]
            if name != key:
                event.aliases.add(name)
                # the fuller name (with edition or quotes) names the event
                fuller = len(core_name(name)) > len(core_name(key)) or (_edition(name) and not event.edition)
                if fuller and name not in ctx.extraction.events:
                    ctx.extraction.events.pop(key)
                    event.aliases.add(key)
                    event.aliases.discard(name)
                    event.name = name
                    event.edition = event.edition or _edition(name)
                    ctx.extraction.events[name] = event
                    _rename_event(ctx, key, name)
                    key = name
            info.event_mentions.append((start, end, key))
            if event.place is None and info.leg_country:
                # 在德国，...举办“德国周”: an event of a trip's leg happens in that country
                event.place = info.leg_place or place_name(info.leg_country)
                event.place_code = info.leg_country
            _dates_and_place(info, text, start, end, event)
            _figures(info, text, event)


def _rename_event(ctx: DocumentContext, old: str, new: str) -> None:
    for info in ctx.sentences:
        info.event_mentions = [(s, e, new if k == old else k) for s, e, k in info.event_mentions]
    for p in ctx.extraction.participations:
        if p.event == old:
            p.event = new


_HELD_AFTER = re.compile(r"^(?:在(?P<place>[^，。,；]{1,16}?))?(?:隆重|盛大|正式|成功|圆满)?(?P<verb>举行|举办|召开|开幕|启幕|开展|闭幕|落幕)(?!式)")
_HELD_BEFORE = re.compile(r"在(?P<place>[^，。,；在]{1,16}?)(?:隆重|盛大|成功)?(?:举行|举办|召开)的$")


def _dates_and_place(info: SentenceInfo, text: str, start: int, end: int, event: Event) -> None:
    after = _HELD_AFTER.match(text[end:])
    before = _HELD_BEFORE.search(text[:start])
    held = after or before
    if not held:
        return
    closing = bool(after) and after.group("verb") in ("闭幕", "落幕")
    if info.date and closing and event.dates and event.dates.start <= info.date.end:
        event.dates = DateSpan(event.dates.start, info.date.end, event.dates.precision)
    elif info.date and event.dates is None:
        event.dates = info.date
    place = held.group("place")
    if place and event.place is None:
        label, code = _place_in(place)
        event.place, event.place_code = label, code


_PARTICIPATING = re.compile(r"参展(?:国家|国家和地区)(?:达|有|共)?(?P<n>[0-9一二三四五六七八九十百]+)个")
_DEAL = re.compile(r"(?:成交|交易|签约)(?:总)?(?:金额|额)(?:达|为|约|共计)?(?P<amount>[0-9.]+(?:亿|万)?(?:美元|元|人民币|欧元))")


def _figures(info: SentenceInfo, text: str, event: Event) -> None:
    m = _PARTICIPATING.search(text)
    if m and event.participating_countries is None:
        event.participating_countries = parse_number(m.group("n"))
    m = _DEAL.search(text)
    if m and event.deal_value is None:
        amount: Amount | None = parse_amount(m.group("amount"))
        event.deal_value = amount


def _is_municipality(code: str) -> bool:
    """北京, 上海, 天津, 重庆: provinces that are cities."""
    from diplograph.reference import load_reference

    province = load_reference().provinces.get(code)
    return province is not None and province.kind == "municipality"


def place_events_by_name(ctx: DocumentContext) -> None:
    """An event with no stated place takes a city named in its own name (长沙国际工程机械展)."""
    gaz = gazetteer()
    for event in ctx.extraction.events.values():
        if event.place is None and not re.search(r"[—\-–]", event.name):  # 广西—柬埔寨…: two sides
            for _, _, entry in gaz.find(event.name):
                if entry.kind in ("prefecture", "capital", "city", "county_city") or _is_municipality(entry.code):
                    event.place, event.place_code = entry.label, entry.code
                    break
