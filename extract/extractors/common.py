"""Helpers the prose extractors share: sentences with folded text, names after cue words, clause subjects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator

from pyoxigraph import Literal

from extract.context import Context, Ref
from extract.parse import Block, ListItem, Paragraph, Text
from extract.script import simplify
from extract.values import years
from extract.vocab import XSD

# Sections that cite or point elsewhere: their links are not facts of the article.
_APPARATUS = re.compile(r"参考|參考|外部链接|外部連結|外部鏈接|参见|參見|延伸阅读|延伸閱讀|注释|註釋|来源|來源|"
                        r"文献|文獻|脚注|腳注|资料|資料|相关条目|相關條目|书目|書目")
_OPEN = {"“": "”", "「": "」", "『": "』", "《": "》", '"': '"', "‘": "’"}
# A plain name runs to punctuation; ASCII brackets inside it stay balanced (`CPI(ML)ND`), and a
# full-width bracket of Chinese words is part of it (`共产党（马列）`) while `（English）` is a gloss.
_PLAIN_NAME = re.compile(r"(?:[^，,。；;、：:）)」”\n（(\s]|(?<![\u4e00-\u9fff])\s(?![\u4e00-\u9fff])|\([^()]*\)|（[^（）A-Za-z]*）)+")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a prose block, with its text folded to simplified script at the same offsets."""

    block: Block
    text: Text
    start: int
    end: int
    folded: str  # folded text of the whole block

    @cached_property
    def words(self) -> str:
        return self.folded[self.start:self.end]

    @cached_property
    def years(self) -> list[int]:
        """Every `YYYY年` of the sentence, in order (computed once: extractors ask per match)."""
        return years(self.words)


def prose(ctx: Context) -> Iterator[Paragraph | ListItem]:
    """Paragraphs and list items outside citation sections."""
    for block in ctx.article.paragraphs():
        if not any(_APPARATUS.search(h) for h in block.section):
            yield block


def sentences(ctx: Context) -> list[Sentence]:
    """Every sentence of the article's prose, split once per article and shared by the extractors."""
    cached = ctx.cache.get("sentences")
    if cached is None:
        cached = ctx.cache["sentences"] = list(_split(ctx))
    return cached


def _split(ctx: Context) -> Iterator[Sentence]:
    for block in prose(ctx):
        text = block.content
        folded = simplify(text.text)
        start = 0
        for end in sentence_ends(folded):
            if end > start:
                yield Sentence(block, text, start, end, folded)
            start = end
        if start < len(folded):
            yield Sentence(block, text, start, len(folded), folded)


_MARKS = re.compile(r"[《“「》”」。！？；!?;]")


def sentence_ends(text: str) -> Iterator[int]:
    """Ends of sentences: after 。！？； outside 《…》 and “…” (a title may hold a `！`)."""
    depth = 0
    for m in _MARKS.finditer(text):
        c = m.group()
        if c in "《“「":
            depth += 1
        elif c in "》”」":
            depth = max(0, depth - 1)
        elif depth == 0:
            yield m.end()


def name_after(text: Text, pos: int) -> tuple[str, int] | None:
    """The name written at `pos`: a bold run, a quoted or 《》 title, or plain words up to punctuation."""
    raw = text.text
    while pos < len(raw) and raw[pos] in " *":
        pos += 1
    if pos >= len(raw):
        return None
    for a, b in text.bold:
        if a == pos:
            return raw[a:b].strip(), b
    close = _OPEN.get(raw[pos])
    if close:
        end = raw.find(close, pos + 1, pos + 120)  # a name is short; an unclosed quote must not scan the text
        if end > pos + 1:
            return raw[pos + 1:end].strip(), end + 1
        return None
    m = _PLAIN_NAME.match(raw, pos)
    if not m:
        return None
    name = m.group().strip()
    return (name, m.end()) if 0 < len(name) <= 40 else None


def gloss_after(text: Text, pos: int) -> list[str]:
    """Names in a bracket right after `pos`: `（MIM Notes）`, `（RADical ACADemics，RADACADS）`."""
    inner = bracketed(text.text, pos)
    if inner is None:
        return []
    parts = re.split(r"[，；;]\s*", inner)
    out = []
    for part in parts:
        part = re.sub(r"^(英文|英语|英語|原文|原名|又称|又稱)\s*[:：]?\s*", "", part.strip())
        if part and re.search(r"[A-Za-z\u0400-\u04ff\u0370-\u03ff]", part):
            out.append(part)
    return out


def bracketed(text: str, pos: int) -> str | None:
    """The content of a bracket opening at `pos` (after spaces), nested brackets kept; None if none opens there."""
    i = pos
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] not in "（(":
        return None
    depth = 0
    for j in range(i, len(text)):
        if text[j] in "（(":
            depth += 1
        elif text[j] in "）)":
            depth -= 1
            if depth == 0:
                return text[i + 1:j]
    return None


CLAUSE_REACH = 300  # no clause of prose is longer; the bound keeps a comma-less 10 MB line linear


def clause_start(folded: str, pos: int, floor: int = 0) -> int:
    """Start of the clause holding `pos`: after the last comma or stop before it that is not inside brackets."""
    depth = 0
    floor = max(floor, pos - CLAUSE_REACH)
    for i in range(pos - 1, floor - 1, -1):
        c = folded[i]
        if c in "）)":
            depth += 1
        elif c in "（(":
            depth = max(0, depth - 1)
        elif depth == 0 and c in "，,。；;：:":
            return i + 1
    return floor


def clause_subject(ctx: Context, s: Sentence, verb_at: int) -> Ref | None:
    """Who does the verb at `verb_at`: the name opening its clause, a pronoun's antecedent, or None."""
    start = clause_start(s.folded, verb_at, s.start)
    words = s.folded[start:verb_at]
    # drop time and place adverbials: 1992年1月19日，/ 在1984年 / 同时 / 又 / 决定
    lead = re.match(r"^\s*(在|于)?\s*([0-9]{4}年)?([0-9]{1,2}月)?([0-9]{1,2}日)?(初|末|底|中)?\s*(同时|随后|后来|最终)?\s*", words)
    offset = start + (lead.end() if lead else 0)
    tail = re.search(r"(又|再|也|还|即|正式|决定|宣布|开始|曾|已|遂|将)+\s*$", s.folded[offset:verb_at])
    end = offset + tail.start() if tail else verb_at
    if end <= offset:
        return None
    return ctx.resolve(s.text, offset, end, s.block)


def clause_subjects(ctx: Context, s: Sentence, verb_at: int) -> list[Ref]:
    """Like `clause_subject`, but `该党和[红色选举联盟]合并为…` names two: each conjunct is resolved."""
    start = clause_start(s.folded, verb_at, s.start)
    words = s.folded[start:verb_at]
    if not re.search(r"和|与|及|、", words):
        one = clause_subject(ctx, s, verb_at)
        return [one] if one else []
    refs = []
    lead = re.match(r"^\s*(在|于)?\s*([0-9]{4}年)?([0-9]{1,2}月)?([0-9]{1,2}日)?[，,]?\s*", words)
    pos = start + (lead.end() if lead else 0)
    for m in re.finditer(r"[^和与及、]+", s.folded[pos:verb_at]):
        a, b = pos + m.start(), pos + m.end()
        ref = ctx.resolve(s.text, a, b, s.block)
        if ref is not None:
            refs.append(ref)
    return refs


def gyear(year: int) -> Literal:
    return Literal(f"{year:04d}", datatype=XSD.gYear)


def integer(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)
