"""The immutable article model: what the extractors see of an article, with no Markdown left in it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import unquote

from extract.script import simplify

# A disambiguation suffix as MediaWiki titles carry it: `劳动党_(塞尔维亚)`, `苏联共产党 (2001年)`.
_DISAMBIGUATION = re.compile(r"[ _]+\([^()]*\)$")
_NON_ARTICLE_NAMESPACES = ("file:", "image:", "文件:", "图像:", "圖像:", "檔案:", "category:", "分类:",
                           "分類:", "template:", "help:", "wikipedia:", "portal:", "special:", "user:")


@dataclass(frozen=True)
class Title:
    """A Wikipedia page title, normalised the way MediaWiki stores it (underscores, first letter upper)."""

    value: str

    @classmethod
    def parse(cls, raw: str) -> "Title | None":
        """Return the title a link target names, or None for files, categories and other wikis."""
        text = unquote(raw.replace("\\", "")).split("#", 1)[0].strip()
        if text.startswith(":") or not text:
            return None  # interwiki (`:en:…`) or a bare anchor
        if text.lower().startswith(_NON_ARTICLE_NAMESPACES):
            return None
        text = re.sub(r"[\s_]+", "_", text).strip("_")
        if not text:
            return None
        return cls(text[0].upper() + text[1:])

    @property
    def name(self) -> str:
        """The name as written: spaces for underscores, without the disambiguation suffix."""
        return self.strip_disambiguation(self.value.replace("_", " "))

    @staticmethod
    def strip_disambiguation(name: str) -> str:
        """`苏联共产党 (2001年)` → `苏联共产党`; a name that is all bracket stays as it is."""
        return _DISAMBIGUATION.sub("", name).strip() or name.strip()

    @property
    def key(self) -> str:
        """Script-insensitive identity: simplified characters, so 真理報 and 真理报 are one page."""
        return simplify(self.value)


@dataclass(frozen=True)
class Link:
    """A wikilink inside a text: its span in the plain text, the page it names and its visible label."""

    start: int
    end: int
    target: Title
    label: str


@dataclass(frozen=True)
class Text:
    """Plain text of an inline run, with the spans of its wikilinks and bold parts."""

    text: str
    links: tuple[Link, ...] = ()
    bold: tuple[tuple[int, int], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.text.strip())

    @cached_property
    def _starts(self) -> tuple[int, ...]:
        return tuple(link.start for link in self.links)

    def links_in(self, start: int, end: int) -> tuple[Link, ...]:
        """The links that start in [start, end), found by bisection (links are in text order)."""
        return self.links[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def bold_texts(self) -> list[str]:
        """The bold parts, stripped, in order."""
        return [self.text[a:b].strip() for a, b in self.bold if self.text[a:b].strip()]

    def link_at(self, start: int, end: int) -> Link | None:
        """The link overlapping [start, end), if any."""
        i = bisect_right(self._starts, start) - 1  # the last link starting at or before `start`
        for link in self.links[max(0, i):max(0, i) + 2]:
            if link.start < end and start < link.end:
                return link
        following = self.links_in(start, end)
        return following[0] if following else None


@dataclass(frozen=True)
class Cell:
    """One table cell; a cell can hold several entries separated by line breaks."""

    parts: tuple[Text, ...]
    header: bool = False

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.parts).strip()


@dataclass(frozen=True)
class Block:
    """A paragraph, list item or table, and the heading path it sits under (empty: the lead)."""

    section: tuple[str, ...]


@dataclass(frozen=True)
class Paragraph(Block):
    content: Text = field(default_factory=Text)


@dataclass(frozen=True)
class ListItem(Block):
    content: Text = field(default_factory=Text)
    depth: int = 0


@dataclass(frozen=True)
class Table(Block):
    header: tuple[Cell, ...] = ()
    rows: tuple[tuple[Cell, ...], ...] = ()
    caption: Text | None = None
    preceding: Text | None = None  # the paragraph just before the table, often its introduction


@dataclass(frozen=True)
class Article:
    """One parsed article: title, subject as written, blocks in order, categories and references."""

    source: str
    title: Title
    subject: str | None
    subject_in_quotes: bool  # `《**X**》`: the subject is a publication title
    blocks: tuple[Block, ...]
    categories: tuple[str, ...]
    references: tuple[str, ...]

    @property
    def lead(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if not b.section)

    def paragraphs(self) -> list[Paragraph | ListItem]:
        return [b for b in self.blocks if isinstance(b, (Paragraph, ListItem))]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]
