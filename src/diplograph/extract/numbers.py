"""Numbers and money as Chinese news writes them: 55, 十二, 14.59亿美元, 113.9亿元."""

from __future__ import annotations

import re

from diplograph.extract.model import Amount

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000}
_MULTIPLIERS = {"亿": 100_000_000, "万": 10_000, "千": 1000, "百": 100}
_CURRENCIES = (("美元", "USD"), ("欧元", "EUR"), ("日元", "JPY"), ("英镑", "GBP"), ("卢布", "RUB"),
               ("港元", "HKD"), ("港币", "HKD"), ("人民币", "CNY"), ("元", "CNY"))


def parse_number(text: str) -> int | None:
    """An integer written in Arabic or Chinese numerals (55, 五十五, 十二, 两百)."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total = section = digit = 0
    seen = False
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
            seen = True
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if unit == 10_000:
                total += (section + digit) * unit
                section = 0
            else:
                section += (digit or 1) * unit
            digit = 0
            seen = True
        else:
            return None
    return total + section + digit if seen else None


def parse_amount(text: str) -> Amount | None:
    """14.59亿美元 -> Amount(1459000000, 'USD')."""
    m = re.match(r"([0-9]+(?:\.[0-9]+)?)\s*(亿|万|千|百)?\s*(?:万)?(.*)", text)
    if not m:
        return None
    value = float(m.group(1))
    if m.group(2):
        value *= _MULTIPLIERS[m.group(2)]
    rest = m.group(3)
    for word, code in _CURRENCIES:
        if rest.startswith(word):
            return Amount(round(value, 2), code)
    return None
