"""Countries and regions the text names, as ISO codes (港澳 is HK and MO; 非洲 is no country)."""

from __future__ import annotations

import re

from diplograph.extract.context import DocumentContext
from diplograph.extract.lexicon import COUNTRY_ABBREVIATIONS, grouping_members

# 中俄两国, 中乍关系, 中蒙俄经济走廊: a pair of one-character country abbreviations
_PAIR = re.compile(r"(?<![\u4e00-\u9fff])([中俄美英法德日韩朝越柬泰缅蒙哈乌乍埃澳意葡荷比奥捷匈希肯坦赞墨])"
                   r"([俄美英法德日韩朝越柬泰缅蒙哈乌乍埃澳意葡荷比奥捷匈希肯坦赞墨中]{1,2})"
                   r"(?=两国|三国|关系|合作|友好|建交|经济走廊|地方|新时代|全面|双边|边境|博览会|友谊|人民|领导人)")


def find_countries(ctx: DocumentContext) -> None:
    found = ctx.extraction.countries
    for info in ctx.sentences:
        evidence = None
        for _, _, entry in info.places:
            codes: tuple[str, ...] = ()
            if entry.kind in ("country", "region", "supranational"):
                codes = (entry.code,)
            elif entry.kind == "area":
                codes = grouping_members(entry.code) if entry.code.startswith("x-") and len(
                    grouping_members(entry.code)) <= 3 else ()
            for code in codes:
                evidence = evidence or ctx.evidence(info, "countries.named", 0.9)
                found.setdefault(code, []).append(evidence)
        for m in _PAIR.finditer(info.text):
            for ch in m.group(1) + m.group(2):
                code = COUNTRY_ABBREVIATIONS.get(ch)
                if code:
                    found.setdefault(code, []).append(ctx.evidence(info, "countries.abbreviated_pair", 0.7))
