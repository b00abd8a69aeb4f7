"""Founding years and lineage: `成立于1979年`, `分裂自X`, `由X和Y合并而成`, `并入X`, `“X”…是它的前身`."""

from __future__ import annotations

import re
from typing import Iterator

from extract.classify import Kind, name_kind
from extract.context import Context, PRONOUN, Ref, Triple, describe, link_tail
from extract.extractors.common import (Sentence, clause_start, clause_subject, clause_subjects, gloss_after, gyear,
                                      sentences)
from extract.extractors.names import literal
from extract.parse import Link, ListItem
from extract.script import simplify
from extract.vocab import OKG, SKOS

_HISTORY = re.compile(r"名称|名字|更名|易名|改名|沿革")
_DATE = r"(?P<year>1[5-9][0-9]{2}|20[0-9]{2})\s*年(?:\s*[0-9]{1,2}\s*月)?(?:\s*[0-9]{1,2}\s*日)?"
_FOUNDED_AT = re.compile(r"(成立|创建|创立|建立|组建|创刊|创办|建党)\s*(于|於)\s*" + _DATE)
_FOUNDED_BY_DATE = re.compile(_DATE + r"(?:初|末|底)?\s*(?:于[^，。；]{1,10})?\s*(创建|成立|创刊|创办|创立)(?![^，。；]*的)")
_FOUNDED_IN_CLAUSE = re.compile(_DATE + r"[^。；]{0,40}?(建立|成立|创建|组建)(了)?\s*(该党|该组织|此党|本党)")
_FOUNDED_BY_PARTY = re.compile(_DATE + r"[，,]\s*(该党|该组织)[^。；]{0,30}?(建立|成立|创建|组建)")
_FOUNDED_WHO = re.compile(_DATE + r"[，,]\s*(?P<who>[^，。；在于]{1,30}?)\s*(?:在|于)[^，。；]{1,12}?(?:成立|创建|建立)(?![^，。；]*的)")
_SPLIT_OUT = re.compile(r"是\s*" + _DATE + r"[^。；]{0,30}?(分裂出来|脱离出来|成立|建立)的(组织|政党|党|团体)")
_SPLIT_IN = re.compile(r"(?:^|(?<=[。；;，,]))\s*" + _DATE + r"\s*(分裂自|从[^，。；]{1,30}分裂出来)")
_FIRST_ISSUE = re.compile(_DATE + r"[^，。；]{0,10}首次(发行|出版|出刊)")
_CATEGORY_YEAR = re.compile(r"^(1[5-9][0-9]{2}|20[0-9]{2})年(建立|成立|创建|創建|建立)的(政党|政黨|組織|组织|出版物|报纸|報紙|政治組織)")
_SPLIT = re.compile(r"分裂自|从|脱离了?")
_MERGED_FROM = re.compile(r"由(?P<names>[^。；]{2,80}?)(?:两党|等)?合并(?:而成|组成|成立)")
_MERGED_INTO = re.compile(r"并入了?|合并为|合并，组成(?:新政党)?|合并成")
_PREDECESSOR = re.compile(r"[“「](?P<name>[^”」]{1,40})[”」][^。；]{0,40}?是(它|其|该党|该组织)的前身|前身(是|为)\s*(?=\S)")


def founding_year(ctx: Context) -> Iterator[Triple]:
    """`okg:foundingYear` of whoever a founding clause is about; the category says it when the text does not."""
    found: dict[str, tuple[Ref, int]] = {}
    for s in sentences(ctx):
        for ref, year in _founding_facts(ctx, s):
            found.setdefault(ref.iri.value, (ref, year))
    if ctx.subject.iri.value not in found and ctx.kinds & {Kind.ORGANISATION, Kind.PUBLICATION}:
        for category in ctx.article.categories:
            m = _CATEGORY_YEAR.match(simplify(category).replace("_", ""))
            if m:
                found[ctx.subject.iri.value] = (ctx.subject, int(m.group(1)))
                break
    for ref, year in found.values():
        if ref == ctx.subject and not ctx.kinds & {Kind.ORGANISATION, Kind.PUBLICATION, Kind.CONFERENCE}:
            continue  # a person's birth or a program's release is not a founding
        yield ref.iri, OKG.foundingYear, gyear(year)


def _founding_facts(ctx: Context, s: Sentence) -> Iterator[tuple[Ref, int]]:
    folded = s.folded
    for m in _FOUNDED_AT.finditer(folded, s.start, s.end):
        if folded[m.end():m.end() + 1] == "的":
            continue  # `创刊于1909年的同名报纸`: another paper's founding
        ref = _founded(ctx, s, m.start())
        if ref is not None:
            yield ref, int(m.group("year"))
    for m in _FOUNDED_WHO.finditer(folded, s.start, s.end):
        who = m.group("who").strip()
        quoted = re.fullmatch(r"[“「][^”」]+[”」]", who)
        history = isinstance(s.block, ListItem) and any(_HISTORY.search(h) for h in s.block.section[-1:])
        ref = ctx.topic(s.block) if quoted and history else (
            None if quoted else ctx.resolve(s.text, m.start("who"), m.end("who"), s.block))
        if ref is not None:
            yield ref, int(m.group("year"))
    for pattern in (_FOUNDED_BY_DATE, _FOUNDED_IN_CLAUSE, _FOUNDED_BY_PARTY, _SPLIT_OUT, _SPLIT_IN, _FIRST_ISSUE):
        for m in pattern.finditer(folded, s.start, s.end):
            ref = _founded(ctx, s, m.start()) if pattern is _FOUNDED_BY_DATE else ctx.topic(s.block)
            if ref is not None:
                yield ref, int(m.group("year"))


def _founded(ctx: Context, s: Sentence, at: int) -> Ref | None:
    """Whom a founding clause is about: a link or known name opening it, a pronoun, or the topic."""
    start = clause_start(s.folded, at, s.start)
    words = s.folded[start:at].strip()
    if re.search(r"[“「《]", words):
        # a quoted earlier name: in a name-history list it is the topic under that name
        history = isinstance(s.block, ListItem) and any(_HISTORY.search(h) for h in s.block.section[-1:])
        return ctx.topic(s.block) if history else None
    return clause_subject(ctx, s, at) or (ctx.topic(s.block) if not words or PRONOUN.search(words) or
                                          re.fullmatch(r"[0-9年月日初末底于在\s]*", words) else None)


def lineage(ctx: Context) -> Iterator[Triple]:
    """`okg:splitFrom`, `okg:predecessor` and `okg:successor` between organisations."""
    for s in sentences(ctx):
        topic_ok = ctx.topic(s.block) != ctx.subject or Kind.ORGANISATION in ctx.kinds
        for m in _SPLIT.finditer(s.folded, s.start, s.end):
            link = _next_link(s, m.end())
            actor = clause_subject(ctx, s, m.start()) or (ctx.topic(s.block) if topic_ok else None)
            if link is None or actor is None:
                continue
            if m.group().startswith("脱") and not re.search(r"(创建|组建|成立)了?(此党|该党|该组织)|另行组建", s.words):
                continue  # the founders leaving X is read by `_founders_left`
            tail = link_tail(s.text, link)
            if m.group() == "从" and not re.match(r"中?分裂出来", s.folded[tail:tail + 5]):
                continue
            yield from _relation(actor, OKG.splitFrom, ctx.link_ref(link))
        yield from _founders_left(ctx, s, topic_ok)
        for m in _MERGED_FROM.finditer(s.folded, s.start, s.end):
            actor = clause_subject(ctx, s, m.start()) or (ctx.topic(s.block) if topic_ok else None)
            for link in s.text.links_in(m.start("names"), m.end("names")):
                if actor is not None:
                    yield from _relation(actor, OKG.predecessor, ctx.link_ref(link))
        for m in _MERGED_INTO.finditer(s.folded, s.start, s.end):
            link = _next_link(s, m.end())
            actors = clause_subjects(ctx, s, m.start()) or ([ctx.topic(s.block)] if topic_ok else [])
            if link is not None and link.start - m.end() <= 2:
                for actor in actors:
                    yield from _relation(actor, OKG.successor, ctx.link_ref(link))
        for m in _PREDECESSOR.finditer(s.folded, s.start, s.end):
            yield from _predecessor(ctx, s, m, topic_ok)


def _founders_left(ctx: Context, s: Sentence, topic_ok: bool) -> Iterator[Triple]:
    """`[X]的一些成员脱党另行组建该党` / `由一个…脱离[X]的团体创建`: the party split from X."""
    if not topic_ok:
        return
    for link in s.text.links_in(s.start, s.end):
        tail = link_tail(s.text, link)
        after = s.folded[tail:min(s.end, tail + 60)]  # windows, not the rest of the sentence: linear on huge lines
        before = s.folded[max(s.start, link.start - 30):link.start]
        if (re.match(r"的(一些|部分|一批)?(成员|党员|人士|派别)(脱党|脱离)[^。；]{0,12}(组建|建立|创建|成立)了?(该党|此党|该组织)", after)
                or re.match(r"内部的[^。；]{0,10}(派|派别|成员|党员)[^。；]{0,4}(建立|创建|成立|组建)了?(该党|此党|该组织)", after)
                or (re.search(r"由[^。；]{0,12}脱离$", before)
                    and re.match(r"的(团体|派别|成员|人士)(所)?(创建|建立|组建|成立)", after))):
            yield from _relation(ctx.topic(s.block), OKG.splitFrom, ctx.link_ref(link))
        elif re.search(r"分裂出[^。；]{0,12}(形成|成立|组成)了?$", before):
            # `X分裂出4个小党，形成了[Y]等`: Y split from the paragraph's party
            yield from _relation(ctx.link_ref(link), OKG.splitFrom, ctx.topic(s.block))


def _predecessor(ctx: Context, s: Sentence, m: re.Match, topic_ok: bool) -> Iterator[Triple]:
    actor = ctx.topic(s.block) if topic_ok else None
    if actor is None:
        return
    if m.group("name"):
        name, end = s.text.text[m.start("name"):m.end("name")], m.end("name") + 1
        earlier = ctx.name_ref(name)
    else:
        if any(a == m.end() for a, _ in s.text.bold):
            return  # a bold name is the subject's own former name (see renames)
        link = _next_link(s, m.end())
        if link is None or link.start != m.end():
            return
        after = s.folded[link.end:link.end + 1]
        if after and after not in "，。；,":
            return  # `前身为X于1908年创办的同名报纸`: X is not the predecessor itself
        earlier, end = ctx.link_ref(link), link.end
    if earlier == actor or name_kind(earlier.name) in (Kind.PLACE, Kind.PERSON, Kind.IDEOLOGY):
        return
    yield from _relation(actor, OKG.predecessor, earlier)
    for gloss in gloss_after(s.text, end):
        yield earlier.iri, SKOS.altLabel, literal(gloss)


def _next_link(s: Sentence, at: int) -> Link | None:
    following = s.text.links_in(at, min(s.end, at + 4))
    return following[0] if following else None


def _relation(actor: Ref, relation, other: Ref) -> Iterator[Triple]:
    if actor == other or name_kind(other.name) in (Kind.PLACE, Kind.PERSON, Kind.IDEOLOGY, Kind.EVENT):
        return
    yield from describe(actor, Kind.ORGANISATION)
    yield from describe(other, Kind.ORGANISATION)
    yield actor.iri, relation, other.iri
