"""Who publishes what: `发行双周报《X》`, `该组织的刊物《X》`, and the inverse `《X》是Y的机关报`, `由Y出版`."""

from __future__ import annotations

import re
from typing import Iterator

from extract.classify import Kind, is_strong_org_name, name_kind
from extract.context import Context, Ref, Triple, describe
from extract.extractors.common import Sentence, clause_start, clause_subject, gloss_after, sentences
from extract.extractors.names import literal
from extract.vocab import OKG, SKOS

_TITLE = re.compile(r"《([^《》]+)》")
_CUE = re.compile(r"出版|发行|刊物|机关报|党报|报纸|双周报|周报|日报|月刊|季刊|周刊|杂志|出版物|党媒|喉舌|创办|通讯")
_ATTRIBUTIVE = re.compile(r"(出版|发行|发表|撰写|翻译|写)的\s*$|(在|于)\s*$")
_ORGAN = re.compile(r"(?P<be>是|为|成为|作为)(?P<mid>[^。；]{0,40}?)(?:的)?(?P<kind>中央机关报|机关报|党报|喉舌|官方出版物|机关刊物|机关杂志|官方刊物)")
_BY = re.compile(r"由\s*$")
_BY_VERB = re.compile(r"^[^，。；]{0,12}?(出版|发行|创办|主办|编辑出版)")


def publishes(ctx: Context) -> Iterator[Triple]:
    """`okg:publishes` from titles in a publishing context, on the organisation the sentence is about."""
    for s in sentences(ctx):
        yield from _forward(ctx, s)
        yield from _organ_of(ctx, s)
        yield from _published_by(ctx, s)


def _forward(ctx: Context, s: Sentence) -> Iterator[Triple]:
    masked = _TITLE.sub(lambda m: "《" + "·" * len(m.group(1)) + "》", s.words)
    if not _CUE.search(masked) or _ORGAN.search(s.words):
        return
    publisher = _sentence_actor(ctx, s)
    if publisher is None:
        return
    for m in _TITLE.finditer(s.folded, s.start, s.end):
        if _ATTRIBUTIVE.search(s.folded[max(s.start, m.start() - 4):m.start()]):
            continue  # `1994年5月出版的《…》` is a one-off document, `在《…》上` a venue
        publication = _title_ref(ctx, s, m)
        if publication is None or publication == publisher:
            continue
        yield from _relate(publisher, publication, s, m.end())


def _organ_of(ctx: Context, s: Sentence) -> Iterator[Triple]:
    for m in _ORGAN.finditer(s.folded, s.start, s.end):
        publisher = _organ_owner(ctx, s, m)
        publication = _organ_publication(ctx, s, m.start())
        if publisher is None or publication is None or publisher == publication:
            continue
        yield from _relate(publisher, publication, s, None)


def _published_by(ctx: Context, s: Sentence) -> Iterator[Triple]:
    topic = ctx.topic(s.block)
    if topic != ctx.subject or Kind.PUBLICATION not in ctx.kinds:
        return
    for link in s.text.links_in(s.start, s.end):
        if _BY.search(s.folded[max(s.start, link.start - 2):link.start]) and _BY_VERB.match(s.folded, link.end, link.end + 20):
            if name_kind(link.target.name) not in (Kind.PLACE, Kind.PERSON):
                yield from _relate(ctx.link_ref(link), topic, s, None)


def _relate(publisher: Ref, publication: Ref, s: Sentence, gloss_at: int | None) -> Iterator[Triple]:
    yield from describe(publisher, Kind.ORGANISATION)
    yield from describe(publication, Kind.PUBLICATION)
    yield publisher.iri, OKG.publishes, publication.iri
    if gloss_at is not None:
        for gloss in gloss_after(s.text, gloss_at):
            yield publication.iri, SKOS.altLabel, literal(gloss)


def _title_ref(ctx: Context, s: Sentence, m: re.Match) -> Ref | None:
    name = s.text.text[m.start(1):m.end(1)].strip()
    if not name or len(name) > 40:
        return None
    link = s.text.link_at(m.start(1), m.end(1))
    return ctx.link_ref(link) if link is not None else ctx.name_ref(name)


def _sentence_actor(ctx: Context, s: Sentence) -> Ref | None:
    """The organisation a publishing sentence is about: the name or pronoun opening it, else the topic."""
    words = s.words
    lead = re.match(r"^\s*(?:[0-9]{4}年[^，。；]{0,10}[，,]\s*)?", words)
    at = s.start + (lead.end() if lead else 0)
    link = s.text.link_at(at, at + 1)
    if link is not None and link.start == at and name_kind(link.target.name) is Kind.ORGANISATION:
        return ctx.link_ref(link)
    topic = ctx.topic(s.block)
    if topic == ctx.subject and Kind.ORGANISATION not in ctx.kinds:
        return None  # a newspaper's or a person's article: "it" publishes nothing
    return topic


def _organ_owner(ctx: Context, s: Sentence, m: re.Match) -> Ref | None:
    """Y in `是Y的机关报`: the last link before the word, else an organisation's name."""
    mid_start, kind_start = m.start("mid"), m.start("kind")
    if m.group("be") == "作为" and re.search(r"自己|其", m.group("mid")):
        return _sentence_actor(ctx, s)
    links = [l for l in s.text.links_in(mid_start, kind_start)
             if name_kind(l.target.name) not in (Kind.PLACE, Kind.PERSON, Kind.IDEOLOGY)]
    if links:
        return ctx.link_ref(links[-1])
    words = re.sub(r"^(前|时任|当时的?)|(的)?(中央委员会|中央)?(的)?$", "", s.text.text[mid_start:kind_start].strip())
    words = re.sub(r"^[0-9]{4}年(至[0-9]{4}年)?间?", "", words).strip()
    if words and (is_strong_org_name(words) or ctx.name_ref(words).title is not None):
        return ctx.name_ref(words)
    return None


def _organ_publication(ctx: Context, s: Sentence, be_at: int) -> Ref | None:
    """X in `《X》是Y的机关报`: the title opening the clause, a pronoun's antecedent, or the topic."""
    start = clause_start(s.folded, be_at, s.start)
    if re.fullmatch(r"\s*《[^《》]+》\s*(?:[（(][^）)]*[）)])?\s*", s.folded[start:be_at]):
        return _title_ref(ctx, s, _TITLE.search(s.folded, start, be_at))
    ref = clause_subject(ctx, s, be_at)
    if ref is not None:
        return ref
    topic = ctx.topic(s.block)
    return topic if Kind.PUBLICATION in ctx.kinds or topic != ctx.subject else None
