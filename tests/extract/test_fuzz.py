"""Property-based tests: random and mutated articles give an extraction or the project's own error, quickly."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.parse import NotAnArticle
from extract.pipeline import extract_text
from extract.sources import read_article
from tests.conftest import ARTICLES, ICMLPO, MIM

SEED_TEXTS = [MIM.read_text(encoding="utf-8"), ICMLPO.read_text(encoding="utf-8"),
              (ARTICLES / "Page" / "北方勞動者黨.md").read_text(encoding="utf-8"),
              (ARTICLES / "Page" / "国际工人研讨会.md").read_text(encoding="utf-8")]
# pieces of the dialect, so random text hits the parser's branches rather than plain prose
PIECES = ["**", "《", "》", "[", "](", ")", "](../Page/", ".md \"wikilink\")", "](https://zh.wikipedia.org/wiki/",
          "\\[1\\]", "\\(", "\\)", "<table>", "</table>", "<tr>", "<td>", "</td>", "<th>", "<br />", "<a href=\"x\">",
          "</a>", "| ", " |", "| --- |", "\n", "\n\n", "## ", "  - ", "1.  ", "> ", "```", "（", "）", "“", "”",
          "，", "。", "；", "第十次会议（2011年）", "成立于1999年", "原名", "更名为", "是", "的成员", "出席了", "机关报",
          "[Category:X](https://zh.wikipedia.org/wiki/Category:X \"wikilink\")", "{{-}}", "__NOTOC__", "|-", "\x00",
          "\x1b", "\u200b", "\ufeff", "党", "組織", "会议", "报"]
LIMIT_SECONDS = 2.0


def check(text: str) -> None:
    started = time.monotonic()
    try:
        extraction = extract_text(text, "Page/x.md")
        assert extraction.quads  # an article always yields its subject and provenance
    except NotAnArticle:
        pass
    assert time.monotonic() - started < LIMIT_SECONDS


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=80).map("".join))
def test_random_dialect_soup(text):
    check(text)


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 400)))
        op = draw(st.sampled_from(["cut", "delete", "insert", "duplicate", "control"]))
        if op == "cut":
            text = text[:i]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.sampled_from(PIECES)) * draw(st.integers(1, 50)) + text[i:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i] + draw(st.sampled_from(["\x00", "\x07", "\r", "\x1b[31m", "\u2028", "\ud7ff"])) + text[i:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_articles(text):
    check(text)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_are_read_or_refused_with_a_reason(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "x.md"
    path.write_bytes(data)
    try:
        read_article(path)
    except NotAnArticle as e:
        assert str(e)


PATHOLOGICAL = [
    "**甲党**是一个政党。" + "甲" * 10_000_000,                                   # a 10 MB line of one character
    "**甲党**是一个政党。" + "该党出席了[X会议](../Page/X会议.md \"wikilink\")，" * 100_000,  # 10 MB of matches, no full stop
    "**甲党**" + "[" * 200_000 + "](" * 200_000,                                   # unbalanced links
    "**甲党**" + "（" * 300_000 + "）" * 10,                                       # deep brackets
    "**甲党**\n" + "<table><tr><td>" * 20_000,                                     # cut, nested tables
    "**甲党**\n" + "  - " + "  " * 5000 + "x\n" * 1000,                           # deep list
    "**甲党**是" + "“" * 100_000 + "更名为" * 10_000,                              # quotes that never close
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=[f"pathological-{i}" for i in range(len(PATHOLOGICAL))])
def test_pathological_inputs_are_bounded(text):
    started = time.monotonic()
    try:
        extract_text(text, "Page/x.md")
    except NotAnArticle:
        pass
    assert time.monotonic() - started < 20
