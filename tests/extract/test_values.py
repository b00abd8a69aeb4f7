"""Value parsers: Chinese numerals, years and edition headings, as tables."""

from __future__ import annotations

import pytest

from extract.values import chinese_number, parse_edition, years


@pytest.mark.parametrize("text, value", [
    ("十", 10), ("十四", 14), ("二十一", 21), ("一百零二", 102), ("两", 2), ("14", 14), ("１４", 14),
    ("一九九九", 1999), ("九", 9), ("十二", 12), ("三十", 30),
])
def test_chinese_number(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "第", "十x", "abc"])
def test_chinese_number_rejects(text):
    assert chinese_number(text) is None


@pytest.mark.parametrize("heading, ordinal, year, founding", [
    ("第十次会议（2011年）参加者", 10, 2011, False),
    ("第六次会议（1999年）参加者", 6, 1999, False),
    ("第十四屆（2005年）", 14, 2005, False),
    ("成立大会（2010年）", None, 2010, True),
    ("第3次代表大会", 3, None, False),
    ("第二十一届国际共产主义研讨会（2012年）", 21, 2012, False),
])
def test_parse_edition(heading, ordinal, year, founding):
    edition = parse_edition(heading)
    assert (edition.ordinal, edition.year, edition.founding) == (ordinal, year, founding)


@pytest.mark.parametrize("heading", ["历史", "成员", "第三次分裂", "参考资料", "第一次世界大战"])
def test_parse_edition_rejects_other_headings(heading):
    assert parse_edition(heading) is None


def test_years():
    assert years("1990年1月至1992年9月，每周出版一次") == [1990, 1992]
