"""Organizations named outside a title: enterprises visited or listed, organizers, bodies met."""

from __future__ import annotations

import re

from diplograph.extract.context import HOME_COUNTRY, DocumentContext, Mention, SentenceInfo
from diplograph.extract.model import Organization, Ref
from diplograph.extract.lexicon import ends_with_function_word, gazetteer
from diplograph.extract.people import country_of_text, is_han, organization_kind
from diplograph.extract.text import is_subsequence

_NAME = r"[\u4e00-\u9fffA-Za-z0-9（）()·]"
# 访问甲乙集团、丙丁汽车、戊己电气等知名企业
_ENTERPRISE_LIST = re.compile(
    rf"(?:访问|参观|考察|走访|调研|拜访)(?:了)?(?P<list>{_NAME}{{2,12}}(?:、{_NAME}{{2,12}})+)"
    r"等(?:知名|重点|龙头|大型|一批|多家|世界500强)?(?:企业|公司|集团)")
# 在某某重工智慧产业城参观
_SITE_VISIT = re.compile(
    r"在(?P<name>[\u4e00-\u9fff]{2,8}?)(?:智慧产业城|产业城|产业园|工业园|科技园|生产基地|研发中心|总部|展厅|工厂|基地)"
    r"(?:参观|考察|调研|视察)")
# 试驾某某重工XY100型
_BRAND_PRODUCT = re.compile(r"(?:试驾|试乘|试用|采购|购买)(?P<name>[\u4e00-\u9fff]{2,6})[A-Z]{1,4}\d{2,}")
# 与某某集团高层交流
_MET_ORGANIZATION = re.compile(
    rf"(?:与|同|和)(?P<name>{_NAME}{{2,16}}?(?:集团|公司|商会|协会|银行))(?:高层|负责人|高管|代表|管理层)?"
    r"(?:交流|会谈|座谈|洽谈|会面|对接)")
# 由A、B、C联合主办的
_ORGANIZERS = re.compile(
    rf"由(?P<list>{_NAME}{{2,20}}(?:、{_NAME}{{2,20}})*)(?:联合|共同)?(?:主办|承办|举办|协办)")
# 参观了天齐锂业在奎纳纳的氢氧化锂工厂 / 来到中山大学
_VISITED_SITE = re.compile(
    r"(?:参观|考察|走访|调研|来到|到访)了?(?P<name>[\u4e00-\u9fffA-Za-z]{2,10}?)(?:在[\u4e00-\u9fff]{2,8}的)?"
    r"[\u4e00-\u9fff]{0,8}(?:工厂|生产基地|基地|总部|园区|研发中心|项目现场)")
_INSTITUTION = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,10}?(?:大学|学院|研究院|研究所|医院))")
# 空中客车公司与中国航空器材集团签署
_ENTERPRISE_SUFFIX = re.compile(r"(?P<name>[\u4e00-\u9fffA-Za-z]{2,14}?(?:股份有限公司|有限公司|集团公司|公司|集团))(?![\u4e00-\u9fff]{0,1}(?:总部|董事长|总裁|高层))")
# 某地贸发局、某某推广署在湘举办推介会 / 邀请某地贸发局、某某推广署来湘
_GOVERNMENT_BODIES = re.compile(
    rf"(?P<name>{_NAME}{{2,14}}?(?:贸发局|推广署|管理局|商务局|外事局|投资局|旅游局|贸易署|投资署|"
    r"人民政府|外事办公室|外事办|委员会|商会|协会|联合会|促进会|电视台|分会|总会|合作区|产业园))")
_BRANCH = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:分会|办事处|代表处|分公司)")
_LEFT_STOPS = ("应", "邀请", "联合", "由", "与", "和", "同", "及", "在", "走进", "代表", "对", "向", "为", "的",
               "是", "参加", "出席", "举办", "通过", "借助", "依托", "利用", "会见", "、", "了", "来到",
               "到访", "参观", "考察", "期间", "，", "随同", "帮助", "支持", "推动", "组织", "一批", "多家")
_GENERIC_ORGANIZATIONS = {"有限公司", "股份有限公司", "公司", "集团", "该公司", "省人民委员会", "自治区党委",
                          "省委", "市委", "省政府", "市政府", "人民政府", "省人民政府", "市人民政府", "中国公司", "外国公司", "企业", "跨国公司", "母公司",
                          "子公司", "分公司", "大学", "学院", "医院", "研究院"}
_CENTRAL_BODIES = ("外交部", "商务部", "国务院", "全国人大", "全国政协", "国家发展改革委", "中联部",
                   "文化和旅游部", "教育部", "科技部", "财政部", "农业农村部", "工业和信息化部")


_CENTRAL_BODY = re.compile("(?:" + "|".join(map(re.escape, _CENTRAL_BODIES)) + r")(?![长\u4e00-\u9fff]{0,2}(?:服务中心|机关|中秋))")


def _trim_left(name: str) -> str:
    """Drop words before the organization's own name (邀请某地贸发局 -> 某地贸发局), never cutting
    inside a place name (埃及 holds 及)."""
    for stop in _LEFT_STOPS:
        k = name.rfind(stop)
        places = [(s, e) for s, e, _ in gazetteer().find(name)]
        if k >= 0 and k + len(stop) < len(name) - 1 and not any(s <= k < e for s, e in places):
            name = name[k + len(stop):]
    places = [(s, e) for s, e, _ in gazetteer().find(name)]
    for j in range(len(name) - 2, 0, -1):
        if ends_with_function_word(name, j) and not any(s < j <= e for s, e in places):
            return name[j:]
    return name


def add_organization(ctx: DocumentContext, info: SentenceInfo, name: str, kind: str | None,
                     rule: str, start: int, country: str | None = None) -> None:
    name = name.strip("“”\"")
    if len(name) < 2 or name in _GENERIC_ORGANIZATIONS or re.match(r"^(?:该|本|各|多|一|两|几|这|那|其)", name):
        return
    orgs = ctx.extraction.organizations
    key = _same_organization(ctx, name) or name
    if key not in orgs:
        if country is None:
            country = country_of_text(name, ctx.local_places) or _context_country(info) or HOME_COUNTRY
        orgs[key] = Organization(key, kind or organization_kind(name) or "other", country,
                                 evidence=[ctx.evidence(info, rule)])
    elif name != key:
        orgs[key].aliases.add(name)
    if not any(m.start == start for m in info.mentions):
        info.mentions.append(Mention(start, start + len(name), Ref("organization", key)))
        info.mentions.sort(key=lambda m: m.start)


def _context_country(info: SentenceInfo) -> str | None:
    foreign = info.foreign_countries()
    return info.leg_country or (foreign[0] if foreign else None)


def organization_key(name: str) -> str:
    """The form every way of writing one organization shares: 某某集团 and 某某 -> 某某;
    某某市人民政府 and 某某市政府 -> 某某市政府."""
    return _core(name)


def _core(name: str) -> str:
    name = re.sub(r"人民政府$", "政府", name)
    name = re.sub(r"外事办公室$", "外事办", name)
    return re.sub(r"(股份有限公司|有限公司|集团公司|集团|公司)$", "", name)


def _without_country(name: str) -> str:
    """阿联酋沙迦工商会 -> 沙迦工商会: news adds the country before a foreign body's name."""
    places = gazetteer().find(name)
    if places and places[0][0] == 0 and places[0][2].kind in ("country", "region") and places[0][1] < len(name) - 2:
        return name[places[0][1]:]
    return name


def _same_organization(ctx: DocumentContext, name: str) -> str | None:
    """An organization already known under another form of this name (某某 / 某某集团)."""
    core = _core(_without_country(name))
    for key in ctx.extraction.organizations:
        other = _core(_without_country(key))
        if core == other:
            return key
        short, long = sorted((core, other), key=len)
        if len(short) >= 6 and is_subsequence(short, long) and len(short) >= 0.8 * len(long):
            return key
    return None


def find_organizations(ctx: DocumentContext) -> None:
    for info in ctx.sentences:
        text = info.text
        for m in _ORGANIZERS.finditer(text):
            offset = m.start("list")
            for item in m.group("list").split("、"):
                item_offset = offset
                offset += len(item) + 1
                item = re.sub(r"(?:联合|共同)$", "", item)
                # 商务部和湖南省人民政府: two organizers joined by 和 when both read as bodies
                parts = re.split(r"[和与及]", item)
                if len(parts) < 2 or not all(organization_kind(p) for p in parts):
                    parts = [item]
                for part in parts:
                    kind = organization_kind(part) or ("government" if any(
                        b in part for b in _CENTRAL_BODIES) else None)
                    add_organization(ctx, info, part, kind, "organizations.organizer_list",
                                     item_offset + item.find(part))
        for m in _ENTERPRISE_LIST.finditer(text):
            offset = m.start("list")
            for part in m.group("list").split("、"):
                add_organization(ctx, info, part, "enterprise", "organizations.enterprise_list", offset)
                offset += len(part) + 1
        for pattern, kind, rule in ((_SITE_VISIT, "enterprise", "organizations.site_visit"),
                                    (_VISITED_SITE, "enterprise", "organizations.visited_site"),
                                    (_INSTITUTION, "other", "organizations.institution"),
                                    (_ENTERPRISE_SUFFIX, "enterprise", "organizations.enterprise_suffix"),
                                    (_BRAND_PRODUCT, "enterprise", "organizations.brand_product"),
                                    (_MET_ORGANIZATION, None, "organizations.met_organization")):
            for m in pattern.finditer(text):
                name = _trim_left(m.group("name"))
                add_organization(ctx, info, name, kind, rule, m.start("name") + len(m.group("name")) - len(name))
        for m in _GOVERNMENT_BODIES.finditer(text):
            name = _trim_left(m.group("name"))
            branch = _BRANCH.match(text, m.end())
            if branch:  # 中国韩国商会吉林分会: the branch is the organization named
                name += branch.group(0)
            if len(name) >= 4 and not any(name in o for o in ctx.extraction.organizations):
                add_organization(ctx, info, name, None, "organizations.body_suffix",
                                 m.start("name") + len(m.group("name")) - len(name))
        for m in _CENTRAL_BODY.finditer(text):
            if any(s.start <= m.start() < s.end for s in info.mentions):
                continue
            if m.start() > 0 and is_han(text[m.start() - 1]) and not ends_with_function_word(text, m.start()):
                continue  # 柬埔寨商务部 is not China's ministry
            add_organization(ctx, info, m.group(0), "government", "organizations.central_body",
                             m.start(), HOME_COUNTRY)
