"""What every extractor needs of an article, worked out once: the subject, its kinds, who a sentence is about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

from pyoxigraph import Literal, NamedNode

from extract import iris
from extract.classify import Kind, head_kind, is_strong_org_name, name_kind
from extract.parse import Article, Block, Link, ListItem, Paragraph, Text, Title
from extract.script import simplify
from extract.vocab import FOAF, OKG, RDF, RDFS

Triple = tuple[NamedNode, NamedNode, NamedNode | Literal]

CLASS = {Kind.ORGANISATION: OKG.Organisation, Kind.CONFERENCE: OKG.ConferenceSeries,
         Kind.PUBLICATION: OKG.Publication}
# Words that point back at the entity a paragraph is about.
PRONOUN = re.compile(r"^(该|本|此|這|这)(党|黨|组织|組織|团体|會議|会议|报|報|刊|论坛|联盟|运动)$|^(它|其|党|黨)$")
_BRACKETS = re.compile(r"（[^（）]*）|\([^()]*\)")


@dataclass(frozen=True)
class Ref:
    """An entity a fact is about: its IRI, its name as written, and its page if it has one."""

    iri: NamedNode
    name: str
    title: Title | None = None


def zh(text: str) -> Literal:
    return Literal(text.strip(), language="zh")


def fold(text: str) -> str:
    """Comparison key for names: simplified script, no spaces, full-width brackets."""
    return simplify(text).replace(" ", "").replace("(", "（").replace(")", "）").strip("“”\"'「」《》")


def describe(ref: Ref, kind: Kind | None = None) -> Iterator[Triple]:
    """Type, label and Wikipedia page of an entity a fact mentions."""
    if kind in CLASS:
        yield ref.iri, RDF.type, CLASS[kind]
    yield ref.iri, RDFS.label, zh(ref.name)
    if ref.title is not None:
        yield ref.iri, FOAF.isPrimaryTopicOf, iris.wikipedia_page(ref.title)


def sentences(text: Text) -> Iterator[tuple[int, int]]:
    """Spans of the sentences of a text, cut at 。！？；."""
    start = 0
    for m in re.finditer(r"[。！？；!?;]", text.text):
        if m.end() > start:
            yield start, m.end()
        start = m.end()
    if start < len(text.text):
        yield start, len(text.text)


def link_tail(text: Text, link: Link) -> int:
    """Where a link's page name ends in the text: labels swallow what follows (`[X分裂出来](…X.md)`)."""
    name = simplify(link.target.name).replace(" ", "")
    label = simplify(text.text[link.start:link.end])
    if label.replace(" ", "").startswith(name) and len(label) > len(name):
        i, seen = link.start, 0
        while i < link.end and seen < len(name):
            if text.text[i] != " ":
                seen += 1
            i += 1
        return i
    return link.end


@dataclass
class Context:
    """An article with its subject minted and the lookups the extractors share."""

    article: Article
    _topics: dict[int, Ref] = field(default_factory=dict)
    cache: dict[str, object] = field(default_factory=dict)  # work the extractors share, done once

    @cached_property
    def subject(self) -> Ref:
        return Ref(iris.entity(self.article.title), self.article.subject or self.article.title.name,
                   self.article.title)

    @cached_property
    def kinds(self) -> frozenset[Kind]:
        """What the subject is: organisation, conference series, publication, or none of these."""
        kinds: set[Kind] = set()
        definition = self.definition
        if self.article.subject_in_quotes:
            kinds.add(Kind.PUBLICATION)
        elif definition is not None:
            kind = head_kind(definition)
            if kind in CLASS:
                kinds.add(kind)
        else:
            kind = name_kind(self.subject.name)
            if kind in CLASS:
                kinds.add(kind)
        if Kind.CONFERENCE in kinds and re.search(r"该组织|這個組織|该组织", self.folded_lead):
            kinds.add(Kind.ORGANISATION)  # a conference the article also treats as a body
        if Kind.ORGANISATION in kinds and name_kind(self.subject.name) is Kind.CONFERENCE:
            kinds.add(Kind.CONFERENCE)  # a body named after the conferences it holds
        return frozenset(kinds)

    @cached_property
    def folded_lead(self) -> str:
        return simplify(" ".join(b.content.text for b in self.article.lead if isinstance(b, Paragraph)))

    @cached_property
    def definition(self) -> str | None:
        """The predicate of the lead's definition `X（…）是……`, brackets removed; None if there is none."""
        for block in self.article.lead:
            if not isinstance(block, Paragraph):
                continue
            text = simplify(_BRACKETS.sub("", _BRACKETS.sub("", block.content.text)))
            first = re.split(r"[。！？]", text, maxsplit=1)[0]
            for m in re.finditer(r"(?<!前身)(?<!原名)(?<!名字)(?<!主席)(?<!书记)(?<!领导人)(?<!口号)是(?:指|为)?", first):
                rest = re.split(r"[，,；;：:]", first[m.end():], maxsplit=1)[0]
                if rest.strip():
                    return rest
            if re.search(r"为.{0,30}(一支|一种|之一)", first):
                return first
            return None
        return None

    @cached_property
    def subject_names(self) -> set[str]:
        names = {fold(self.subject.name), fold(self.article.title.name)}
        for block in self.article.lead:
            if isinstance(block, Paragraph):
                names.update(fold(n) for n in block.content.bold_texts())
        return {n for n in names if n}

    @cached_property
    def _link_index(self) -> dict[str, Title]:
        index: dict[str, Title] = {}
        for block in self.article.paragraphs():
            for link in block.content.links:
                index.setdefault(fold(link.target.name), link.target)
        for table in self.article.tables():
            for row in table.rows:
                for cell in row:
                    for part in cell.parts:
                        for link in part.links:
                            index.setdefault(fold(link.target.name), link.target)
        return index

    def link_ref(self, link: Link) -> Ref:
        if link.target.key == self.article.title.key:
            return self.subject
        return Ref(iris.entity(link.target), link.target.name, link.target)

    def name_ref(self, name: str, by_links: bool = True) -> Ref:
        """An entity named without a link here: the subject, a page linked elsewhere in the article, or a scoped name."""
        key = fold(name)
        if key in self.subject_names:
            return self.subject
        if by_links and key in self._link_index:
            return self.link_ref(Link(0, 0, self._link_index[key], name))
        return Ref(iris.unlinked(self.article.title, name), name.strip())

    def resolve(self, text: Text, start: int, end: int, block: Block) -> Ref | None:
        """The entity the words text[start:end] name: a pronoun's antecedent, a link, or a known name."""
        words = text.text[start:end].strip(" ，,、“”\"")
        if not words:
            return None
        if PRONOUN.search(simplify(words)):
            return self.topic(block)
        while start < end and text.text[start] in " ，,、“”\"":
            start += 1
        link = text.link_at(start, start + 1)
        if link is not None:
            # the words must be the link (a label may run on), not a clause that merely contains one
            rest = text.text[link_tail(text, link):end].strip() if link.start >= start - 1 else words
            return self.link_ref(link) if len(rest) <= 2 else None
        for candidate in (words, _BRACKETS.sub("", words)):  # `歐洲左翼黨（，缩写为PEL）` is the subject
            if fold(candidate) in self.subject_names or fold(candidate) in self._link_index:
                return self.name_ref(candidate)
        if is_strong_org_name(words) and not re.search(r"[，,：:]", words):
            return self.name_ref(words)
        return None

    def topic(self, block: Block) -> Ref:
        """The entity a paragraph is about: one named first with a verb of its own, else the subject."""
        key = id(block)
        if key not in self._topics:
            self._topics[key] = self._find_topic(block)
        return self._topics[key]

    def _find_topic(self, block: Block) -> Ref:
        if not isinstance(block, (Paragraph, ListItem)):
            return self.subject
        text = block.content
        lead = re.match(r"^(?:[0-9]{4}年[^，,。]{0,12}[，,]\s*)?", text.text)
        start = lead.end() if lead else 0
        for link in text.links:
            if link.start == start and link.target.key != self.article.title.key:
                # a label may have swallowed the verb: `[土耳其共产党/马列成立于](…)1972年`
                cut = link_tail(text, link)
                after = simplify(text.text[cut:cut + 6])
                if (name_kind(link.target.name) is Kind.ORGANISATION
                        and re.match(r"(成立|创建|创立|建立|是|于|曾|在|的前身|宣布|决定|召开)", after)):
                    return self.link_ref(link)
        quoted = re.match(r"^《([^》]+)》(是|为|于|创刊)", text.text[start:])
        if quoted and fold(quoted.group(1)) not in self.subject_names:
            link = text.link_at(start + 1, start + 1 + len(quoted.group(1)))
            return self.link_ref(link) if link else self.name_ref(quoted.group(1))
        if re.match(r"(该|此|这)(党|组织|团体)|它|其", simplify(text.text[start:start + 3])):
            # `该党…` continues the paragraph before it in the same section
            blocks = self.article.blocks
            i = blocks.index(block)
            if i > 0 and isinstance(blocks[i - 1], (Paragraph, ListItem)) and blocks[i - 1].section == block.section:
                return self.topic(blocks[i - 1])
        return self.subject
