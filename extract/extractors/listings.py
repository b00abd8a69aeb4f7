"""Organisations listed in tables and bullet lists, and what the listing says of them: attendance, membership."""

from __future__ import annotations

import re
from typing import Iterator

from pyoxigraph import NamedNode

from extract.classify import Kind, name_kind
from extract.context import Context, Ref, Triple, describe, fold
from extract.extractors.common import _APPARATUS
from extract.extractors.names import literal
from extract.extractors.editions import edition_node, holds_editions, section_edition
from extract.parse import Cell, Link, ListItem, Table, Title
from extract.script import simplify
from extract.vocab import OKG, RDF, SKOS

# Heading or caption words, most specific first, and the relation a listed organisation has to the subject.
_ROLES = (
    (re.compile(r"前观察员|前觀察員"), OKG.formerObserverOf),
    (re.compile(r"前成员|前成員|前会员|前會員|前成员党|退出"), OKG.formerMemberOf),
    (re.compile(r"观察员|觀察員"), OKG.observerOf),
    (re.compile(r"伙伴|夥伴|合作"), OKG.partnerOf),
    (re.compile(r"参加者|參加者|参会|參會|出席|与会|與會|参加|參加|代表团"), OKG.attended),
    (re.compile(r"成员|成員|会员|會員|加盟|支部"), OKG.memberOf),
)
_ORG_HEADER = re.compile(r"政党|政黨|组织|組織|团体|團體|成员|成員|参加者|參加者|出席|与会|與會|会员|會員|党$|黨$|机构|機構")
_PLACE_HEADER = re.compile(r"国家|國家|地区|地區|大洲|洲|国$|國$|区域|區域")
_PLACEHOLDER = re.compile(r"^(来自|來自).+的|^(其他|其它|若干|一些|多个|多個|部分)|等$|^未知|^不详|^不詳|^待定")
_NOTE = re.compile(r"[（(][^（）()]*(被开除|开除|停止活动|停止|取代|观察员|觀察員|成员资格|年|暂停|退出|解散|合并)[^（）()]*[）)]\s*$")
_NOT_A_NAME = re.compile(r"^[\s\W\d０-９年月日%.,，、（）()|\-–—]*$")


def listed_organisations(ctx: Context) -> Iterator[Triple]:
    """Every organisation a table or a list under a heading names, typed, and related to what the listing is about."""
    for section, caption, header, entries in _listings(ctx):
        if any(_APPARATUS.search(h) for h in section):
            continue
        relation, target, extra = _relation(ctx, section, caption)
        if relation is None and not any(_ORG_HEADER.search(c) for c in header):
            continue  # a table of votes, versions or letters, not of organisations
        yield from extra
        for ref, listed_as in entries:
            yield from describe(ref, Kind.ORGANISATION)
            listed_as = _NOTE.sub("", Title.strip_disambiguation(listed_as)).strip() if listed_as else None
            if listed_as and fold(listed_as) != fold(ref.name):
                yield ref.iri, SKOS.altLabel, literal(listed_as)
            if relation is not None and target is not None and ref.iri != target:
                yield ref.iri, relation, target


def _listings(ctx: Context) -> Iterator[tuple[tuple[str, ...], str | None, list[str], Iterator]]:
    """Each table, and each run of list items under one heading, with its header words and entries."""
    run: list[ListItem] = []
    for block in ctx.article.blocks + (None,):
        if isinstance(block, ListItem) and (not run or block.section == run[0].section):
            run.append(block)
            continue
        if run and run[0].section:
            # a bullet list under a heading is a one-column table whose header is the heading
            yield run[0].section, None, [run[0].section[-1]], _list_entries(ctx, run)
        run = [block] if isinstance(block, ListItem) else []
        if isinstance(block, Table):
            caption = block.caption.text if block.caption is not None else None
            yield block.section, caption, [c.text for c in block.header], _organisations(ctx, block)


def _list_entries(ctx: Context, items: list[ListItem]) -> Iterator[tuple[Ref, str | None]]:
    for item in items:
        text = item.content
        if text.links:
            for link in text.links:
                ref = _entry_ref(ctx, link, link.label, strict=False)
                if ref is not None:
                    yield ref, link.label
        elif len(text.text) <= 30 and not re.search(r"[，。；：:,]", text.text):
            name = _NOTE.sub("", text.text).strip()
            ref = _entry_ref(ctx, None, name, strict=True)
            if ref is not None and name_kind(name) in (Kind.ORGANISATION, Kind.CONFERENCE):
                yield ref, name


def _relation(ctx: Context, section: tuple[str, ...], caption: str | None
              ) -> tuple[NamedNode | None, NamedNode | None, list[Triple]]:
    """What being listed here means, and the node it relates the listed organisations to."""
    context = [caption] if caption is not None else []
    context += list(reversed(section))
    relation = None
    for text in context:
        relation = next((rel for pattern, rel in _ROLES if pattern.search(text)), None)
        if relation is not None:
            break
    edition = section_edition(section, caption)
    if edition is not None and relation in (None, OKG.attended):
        if not holds_editions(ctx):
            return None, None, []
        node, triples = edition_node(ctx, ctx.subject, edition)
        return OKG.attended, node, triples
    if relation is None or not holds_editions(ctx):
        return None, None, []
    if relation == OKG.attended:
        return relation, ctx.subject.iri, [(ctx.subject.iri, RDF.type, OKG.ConferenceSeries)]
    # whatever has members, observers or partners is a body, even a conference that has them
    return relation, ctx.subject.iri, [(ctx.subject.iri, RDF.type, OKG.Organisation)]


def _columns(table: Table) -> tuple[set[int], set[int]]:
    """Indexes of the columns the header calls organisations, and of those it calls places."""
    orgs = {i for i, c in enumerate(table.header) if _ORG_HEADER.search(c.text)}
    places = {i for i, c in enumerate(table.header) if _PLACE_HEADER.search(c.text) and i not in orgs}
    return orgs, places


def _entries(cell: Cell) -> Iterator[tuple[Link | None, str]]:
    """Each name in a cell: one per link, or one per `、`-separated unlinked name."""
    for part in cell.parts:
        if part.links:
            for link in part.links:
                yield link, link.label
        else:
            for name in re.split(r"[、，,；;]", _NOTE.sub("", part.text)):
                if name.strip():
                    yield None, name.strip()


def _is_name(text: str) -> bool:
    return not _NOT_A_NAME.match(text) and not _PLACEHOLDER.search(simplify(text.strip()))


def _organisations(ctx: Context, table: Table) -> Iterator[tuple[Ref, str | None]]:
    orgs, places = _columns(table)
    named = lambda cell: any(_is_name(n) for _, n in _entries(cell))  # noqa: E731
    rows_with_names = [row for row in table.rows if any(named(c) for c in row)]
    # Stripped flag templates shift cells left: when the organisation column is mostly empty, read them all.
    in_place = bool(orgs) and sum(any(named(row[i]) for i in orgs if i < len(row))
                                  for row in rows_with_names) * 2 >= len(rows_with_names)
    for row in table.rows:
        org_cells = [i for i in orgs if i < len(row) and named(row[i])] if in_place else []
        columns = org_cells or [i for i in range(len(row)) if not (in_place and i in places and org_cells)]
        for i in columns:
            for link, name in _entries(row[i]):
                ref = _entry_ref(ctx, link, name, strict=not org_cells)
                if ref is not None:
                    yield ref, name


def _entry_ref(ctx: Context, link: Link | None, name: str, strict: bool) -> Ref | None:
    """The organisation an entry names, or None for places, placeholders and non-names."""
    if not _is_name(name):
        return None
    if link is not None:
        # the table says these are organisations; only a place or a person overrules it
        if name_kind(link.target.name) in (Kind.PLACE, Kind.PERSON):
            return None
        return ctx.link_ref(link)
    if name_kind(name) in (Kind.PLACE, Kind.PERSON):
        return None
    if strict and name_kind(name) not in (Kind.ORGANISATION, Kind.CONFERENCE) and len(name) <= 4:
        return None  # a short unlinked word outside the organisation column is more likely a place
    # an unlinked row is its own entity: a same-looking label elsewhere in the table may be another party
    return ctx.name_ref(name, by_links=False)
