"""Conference editions named by headings, captions and prose (`第十次会议（2011年）`, `第十四屆`, `成立大会`)."""

from __future__ import annotations

import re
from typing import Iterator

from pyoxigraph import NamedNode

from extract import iris
from extract.classify import Kind
from extract.context import Context, Ref, Triple, zh
from extract.extractors.common import clause_start, gyear, integer, sentences
from extract.values import NUMERAL, Edition, chinese_number, parse_edition, years
from extract.vocab import OKG, RDF, RDFS

_PROSE_EDITION = re.compile(r"第\s*(?P<n>" + NUMERAL + r")\s*(?:次|届)\s*(?:全国|全体|党)?"
                            r"(?P<kind>代表大会|代表会议|党代会|党代表会|党代表大会|会议|大会|研讨会|论坛|峰会|年会)")


def holds_editions(ctx: Context) -> bool:
    """Only a conference series or an organisation holds numbered conferences."""
    return bool(ctx.kinds & {Kind.CONFERENCE, Kind.ORGANISATION})


def section_edition(section: tuple[str, ...], caption_text: str | None = None) -> Edition | None:
    """The edition a listing is about: its caption and the nearest heading naming one, completing each other."""
    caption = parse_edition(caption_text) if caption_text is not None else None
    heading = next((found for h in reversed(section) if (found := parse_edition(h))), None)
    if caption is None or heading is None:
        return caption or heading
    if caption.ordinal is not None and heading.ordinal is not None and caption.ordinal != heading.ordinal:
        return caption  # the caption names another edition than the section
    return Edition(heading.label if caption.year is None else caption.label,
                   caption.ordinal if caption.ordinal is not None else heading.ordinal,
                   caption.year if caption.year is not None else heading.year,
                   caption.founding or heading.founding)


def edition_node(ctx: Context, series: Ref, edition: Edition) -> tuple[NamedNode, list[Triple]]:
    """The IRI of an edition and the triples that describe it."""
    node = iris.edition(series.iri, edition.ordinal, edition.year, edition.label)
    label = edition.label if edition.label.startswith(series.name) else f"{series.name} {edition.label}"
    triples: list[Triple] = [(node, RDF.type, OKG.Conference), (node, OKG.editionOf, series.iri),
                             (node, RDFS.label, zh(label))]
    if edition.ordinal is not None:
        triples.append((node, OKG.ordinal, integer(edition.ordinal)))
    if edition.year is not None:
        triples.append((node, OKG.year, gyear(edition.year)))
    if edition.founding:
        triples.append((node, RDF.type, OKG.FoundingConference))
    return node, triples


def heading_editions(ctx: Context) -> Iterator[Triple]:
    """An edition for every heading or caption that names one, held by the subject."""
    if not holds_editions(ctx):
        return
    seen: set[str] = set()
    editions = [parse_edition(h) for h in sorted({h for b in ctx.article.blocks for h in b.section})]
    editions += [section_edition(t.section, t.caption.text if t.caption else None) for t in ctx.article.tables()]
    for edition in editions:
        if edition is None:
            continue
        node, triples = edition_node(ctx, ctx.subject, edition)
        if node.value not in seen:
            seen.add(node.value)
            yield from triples


def prose_editions(ctx: Context) -> Iterator[Triple]:
    """`党的第一次代表大会在2005年…举行`: an edition of the congress of whoever the sentence is about."""
    for s in sentences(ctx):
        for m in _PROSE_EDITION.finditer(s.folded, s.start, s.end):
            ordinal = chinese_number(m.group("n"))
            found = s.years
            if ordinal is None or not found:
                continue
            holder = _holder(ctx, s, m.start())
            if holder is None:
                continue
            label = s.text.text[m.start():m.end()]
            edition = Edition(label, ordinal, found[0])
            yield from edition_node(ctx, holder, edition)[1]


def _holder(ctx: Context, s, at: int) -> Ref | None:
    """`俄国社会民主工党第六次代表会议` names its holder; `党的第一次…` means the paragraph's party."""
    link = s.text.link_at(max(s.start, at - 1), at)
    if link is not None and link.end == at:
        return ctx.link_ref(link)
    start = clause_start(s.folded, at, s.start)
    before = s.folded[start:at]
    if before.strip() and not re.fullmatch(r"\s*(在|于)?\s*([0-9]{4}年[^，]*)?\s*(党的|该党|该组织的?|其|本党)?\s*", before):
        return None  # another body's congress, not named by a link
    topic = ctx.topic(s.block)
    return topic if (topic != ctx.subject or holds_editions(ctx)) else None
