"""Parse the values facts are made of: Chinese numerals, years, and conference-edition headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.script import simplify

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = r"(?:[0-9０-９]+|[零〇一二两三四五六七八九十百千]+)"


def chinese_number(text: str) -> int | None:
    """Value of an Arabic or Chinese numeral (`14`, `十四`, `二十一`, `一百零二`); None if it is not one."""
    text = simplify(text.strip()).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(c not in _DIGITS and c not in _UNITS for c in text):
        return None
    if all(c in _DIGITS for c in text) and len(text) > 1:
        return int("".join(str(_DIGITS[c]) for c in text))  # 一九九九 read digit by digit
    total, digit = 0, None
    for c in text:
        if c in _DIGITS:
            digit = _DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _UNITS[c]
            digit = None
    return total + (digit or 0)


_YEAR = re.compile(r"(?<![0-9])(1[5-9][0-9]{2}|20[0-9]{2})\s*年")


def years(text: str) -> list[int]:
    """Every `YYYY年` in the text, in order."""
    return [int(y) for y in _YEAR.findall(text)]


@dataclass(frozen=True)
class Edition:
    """A conference edition named by a heading or caption."""

    label: str  # the heading with words like 参加者 removed, as written
    ordinal: int | None
    year: int | None
    founding: bool = False


_EDITION_WORDS = r"(?:代表大会|代表会议|全体会议|国际会议|会议|大会|研讨会|论坛|峰会|年会|届|次|期)"
_EDITION = re.compile(
    r"第\s*(?P<n>" + NUMERAL + r")\s*(?P<unit>届|次|回)\s*(?P<kind>" + _EDITION_WORDS + r")?"
    r"|(?P<founding>成立大会|创立大会|成立会议|建党大会)"
)
_TRAILING = re.compile(r"(的)?(参加者|参会者|与会者|出席者|参会政党和组织|参会政党|参会组织|参加组织|参加政党|与会政党|"
                       r"出席政党|名单|列表)$")


def parse_edition(heading: str) -> Edition | None:
    """`第十次会议（2011年）参加者` → Edition(ordinal=10, year=2011); None if the text names no edition."""
    folded = simplify(heading)
    m = _EDITION.search(folded)
    if not m:
        return None
    ordinal = chinese_number(m.group("n")) if m.group("n") else None
    if m.group("n") and ordinal is None:
        return None
    if m.group("unit") == "次" and not m.group("kind"):
        return None  # 第三次 alone is "the third time", not an edition
    found = years(folded[m.start():]) or years(folded)
    label = _TRAILING.sub("", heading.strip()).strip()
    return Edition(label or heading.strip(), ordinal, found[0] if found else None, bool(m.group("founding")))
