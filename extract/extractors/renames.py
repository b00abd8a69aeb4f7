"""Former names (`okg:formerlyNamed`) and time-scoped name records of whoever was renamed."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterator

from extract import iris
from extract.context import Context, Ref, Triple, fold
from extract.extractors.common import Sentence, gloss_after, gyear, name_after, clause_subject, sentences
from extract.extractors.names import literal
from extract.parse import ListItem, Paragraph
from extract.values import years
from extract.vocab import OKG, RDF, SKOS, SKOSXL

_RENAME = re.compile(r"(更名为|改名为|易名为|重组为|改组为|改称为|改称|更名|改名)\s*")
_SWAP = re.compile(r"将(?:其|党名|名称|名字|组织名称|党的名称)?\s*[“「]([^”」]+)[”」]\s*改为\s*[“「]([^”」]+)[”」]")
_FORMER = re.compile(r"(?<!维持)(?<!保留)(?<!恢复)(原名|原称|前称|旧称|曾用名|曾名|初名|当时取名为|也取名为|取名为|那时它的名字是|当时它的名字是|"
                     r"当时的名字是|最初名为|起初名为|最初称为|当时被称为|当时称为|当时名为|原本名为|时取的全名|当时的全名)(为|是|叫)?\s*")
_BOLD_PREDECESSOR = re.compile(r"前身(是|为)\s*$")
_HISTORY_HEADING = re.compile(r"名称|名字|更名|易名|改名|沿革")
_HISTORY_INTRO = re.compile(r"易其名|更名|改名|曾用名|曾使用.*名")


@dataclass
class _Names:
    """What the article says about one entity's names."""

    ref: Ref
    current: set[str]
    is_subject: bool
    spans: dict[str, list[int | None]] = field(default_factory=dict)  # name -> [from, until]
    order: list[str] = field(default_factory=list)
    former: set[str] = field(default_factory=set)
    later: set[str] = field(default_factory=set)
    glosses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def note(self, name: str, start: int | None = None, until: int | None = None) -> None:
        name = name.strip(" *“”「」")
        if not name:
            return
        if name not in self.spans:
            self.spans[name] = [None, None]
            self.order.append(name)
        span = self.spans[name]
        if start is not None and (span[0] is None or start < span[0]):
            span[0] = start
        if until is not None and (span[1] is None or until > span[1]):
            span[1] = until


def former_names(ctx: Context) -> Iterator[Triple]:
    """`okg:formerlyNamed` from 原名/前称/更名为/改称/重组为/那时它的名字是… and name-history lists."""
    entities: dict[str, _Names] = {}

    def names_of(ref: Ref) -> _Names:
        if ref.iri.value not in entities:
            subject = ref == ctx.subject
            current = {fold(ctx.subject.name), fold(ctx.article.title.name)} if subject else {fold(ref.name)}
            entities[ref.iri.value] = _Names(ref, current, subject)
        return entities[ref.iri.value]

    for s in sentences(ctx):
        _read_sentence(ctx, s, names_of)
    for block in ctx.article.paragraphs():
        if isinstance(block, ListItem) and _history_list(ctx, block):
            _read_history_item(ctx, block, names_of)
    for names in entities.values():
        yield from _emit(names)


def _year_before(s: Sentence, at: int) -> int | None:
    """The last year the paragraph names before `at`: `1991年…。9月21日…更名为` happened in 1991."""
    found = years(s.folded[max(0, at - 400):at])  # the last year named shortly before
    return found[-1] if found else None


def _read_sentence(ctx: Context, s: Sentence, names_of) -> None:
    text, folded = s.text, s.folded
    for m in _SWAP.finditer(folded, s.start, s.end):
        owner = clause_subject(ctx, s, m.start()) or ctx.topic(s.block)
        year = _year_before(s, m.start())
        entry = names_of(owner)
        entry.note(text.text[m.start(1):m.end(1)], until=year)
        entry.former.add(text.text[m.start(1):m.end(1)])
        entry.note(text.text[m.start(2):m.end(2)], start=year)
    for m in _RENAME.finditer(folded, s.start, s.end):
        if _SWAP.search(folded, max(s.start, m.start() - 40), m.end() + 2):
            continue
        got = name_after(text, m.end())
        if got is None:
            continue
        new, _ = got
        year = _year_before(s, m.start())
        old = _quoted_before(s, m.start())
        # `“A”…改称“B”` names the topic by its old name; `X更名为Y` names X, whose old name is X
        owner = None if old else clause_subject(ctx, s, m.start())
        if owner is None or owner == ctx.topic(s.block):
            owner = ctx.topic(s.block)
        else:
            old = owner.name
        entry = names_of(owner)
        if old:
            entry.note(old, until=year)
            entry.former.add(old)
        entry.note(new, start=year)
        entry.later.add(new)
    for m in _FORMER.finditer(folded, s.start, s.end):
        got = name_after(text, m.end())
        if got is None:
            continue
        name, end = got
        owner = clause_subject(ctx, s, m.start()) or ctx.topic(s.block)
        entry = names_of(owner)
        start = years(folded[s.start:m.start()])  # `成立于1924年，原名X`: X from 1924
        entry.note(name, start=start[-1] if start else None)
        entry.former.add(name)
        entry.glosses[name].extend(gloss_after(text, end))
    for a, b in s.text.bold:
        if s.start <= a < s.end and _BOLD_PREDECESSOR.search(folded[max(s.start, a - 6):a]):
            # Bold marks a name of the subject itself (Wikipedia's convention), so this is a former name.
            entry = names_of(ctx.topic(s.block))
            name = text.text[a:b].strip()
            entry.note(name)
            entry.former.add(name)
            entry.glosses[name].extend(gloss_after(text, b))


def _quoted_before(s: Sentence, at: int) -> str | None:
    """The last quoted name before `at` in the sentence: `“湾区革命联盟”召开…，改称…` names the old name."""
    found = None
    floor = max(s.start, at - 200)
    for m in re.finditer(r"[“「]([^”」]{1,40})[”」]", s.folded[floor:at]):
        found = s.text.text[floor + m.start(1):floor + m.end(1)]
    return found


def _history_list(ctx: Context, item: ListItem) -> bool:
    if any(_HISTORY_HEADING.search(h) for h in item.section[-1:]):
        return True
    blocks = ctx.article.blocks
    i = blocks.index(item)
    while i > 0 and isinstance(blocks[i - 1], ListItem) and blocks[i - 1].section == item.section:
        i -= 1
    intro = blocks[i - 1] if i > 0 else None
    return isinstance(intro, Paragraph) and bool(_HISTORY_INTRO.search(intro.content.text[-40:]))


def _read_history_item(ctx: Context, item: ListItem, names_of) -> None:
    """A name-history item without a rename verb: `1968年，“湾区革命联盟”在…成立`, `（《工人真理报》）`."""
    text = item.content.text
    if _RENAME.search(text) or _SWAP.search(text):
        return  # the sentence reader took it
    entry = names_of(ctx.topic(item))
    found = years(text)
    for m in re.finditer(r"[“「《]([^”」》]{1,40})[”」》]", text):
        entry.note(m.group(1), start=found[0] if found else None)


def _emit(names: _Names) -> Iterator[Triple]:
    owner = names.ref.iri
    dated = sorted((s[0], n) for n, s in names.spans.items() if s[0] is not None)
    for i, (start, name) in enumerate(dated):
        span = names.spans[name]
        if span[1] is None and i + 1 < len(dated) and fold(name) not in names.current:
            span[1] = dated[i + 1][0]
    for name in names.order:
        known = fold(name) in names.current
        if names.is_subject:
            former = not known  # the article says what the subject is called now
        else:
            # a page title can be out of date: what the text says was renamed is a former name
            former = name in names.former or (name not in names.later and not known)
        if former:
            yield owner, OKG.formerlyNamed, literal(name)
            for gloss in names.glosses.get(name, []):
                yield owner, OKG.formerlyNamed, literal(gloss)
        elif not known:
            yield owner, SKOS.altLabel, literal(name)
        start, until = names.spans[name]
        if start is None and until is None:
            continue
        record = iris.name_record(owner, name)
        yield owner, OKG.hasName, record
        yield record, RDF.type, OKG.NameRecord
        yield record, SKOSXL.literalForm, literal(name)
        yield record, OKG.nameStatus, OKG.FormerName if former else OKG.CurrentName
        if start is not None:
            yield record, OKG.validFrom, gyear(start)
        if until is not None and former:
            yield record, OKG.validUntil, gyear(until)
