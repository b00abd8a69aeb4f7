"""Read HTML `<table>` blocks and pipe tables into header and rows of cells with their links."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from extract.parse.inline import parse_inline, split_text
from extract.parse.model import Cell, Text


class _TableReader(HTMLParser):
    """Collect rows of cells from one HTML table, rewriting `<a>` as Markdown links for the inline parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, bool]]] = []
        self.caption: list[str] | None = None
        self._cell: list[str] | None = None
        self._header = False
        self._in_caption = False
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._close_cell()
            self.rows.append([])
        elif tag in ("td", "th"):
            self._close_cell()
            if not self.rows:
                self.rows.append([])
            self._cell, self._header = [], tag == "th"
        elif tag == "caption":
            self._in_caption, self.caption = True, []
        elif tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._sink().append("[")
        elif tag == "br":
            self._sink().append("<br />")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._sink().append("<br />")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "tr", "table"):
            self._close_cell()
        elif tag == "caption":
            self._in_caption = False
        elif tag == "a" and self._href is not None:
            self._sink().append(f"]({self._href.replace(')', '%29').replace('(', '%28')})")
            self._href = None

    def handle_data(self, data: str) -> None:
        self._sink().append(data.replace("\\", "\\\\"))

    def _sink(self) -> list[str]:
        if self._in_caption and self.caption is not None:
            return self.caption
        return self._cell if self._cell is not None else []

    def _close_cell(self) -> None:
        if self._cell is not None and self.rows:
            self.rows[-1].append(("".join(self._cell), self._header))
        self._cell = None


def _cell(source: str, header: bool) -> Cell:
    return Cell(tuple(split_text(parse_inline(source))), header)


def read_html_table(html: str) -> tuple[tuple[Cell, ...], tuple[tuple[Cell, ...], ...], Text | None]:
    """Return (header, rows, caption) of an HTML table; the header is the first all-`<th>` row."""
    reader = _TableReader()
    reader.feed(html)
    reader.close()
    reader._close_cell()
    rows = [tuple(_cell(s, h) for s, h in row) for row in reader.rows if row]
    header: tuple[Cell, ...] = ()
    if rows and all(c.header for c in rows[0]):
        header, rows = rows[0], rows[1:]
    caption = parse_inline("".join(reader.caption)) if reader.caption else None
    return header, tuple(rows), caption


_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def is_pipe_rule(line: str) -> bool:
    """True for a pipe table's `| --- | --- |` separator line."""
    return bool(_RULE.match(line))


def read_pipe_table(lines: list[str]) -> tuple[tuple[Cell, ...], tuple[tuple[Cell, ...], ...]]:
    """Return (header, rows) of a pipe table whose second line is the separator rule."""

    def cells(line: str, header: bool) -> tuple[Cell, ...]:
        body = line.strip()
        body = body[1:] if body.startswith("|") else body
        body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
        return tuple(_cell(part.strip(), header) for part in _PIPE_SPLIT.split(body))

    header = cells(lines[0], True)
    rows = tuple(cells(line, False) for line in lines[2:] if line.strip() and not is_pipe_rule(line))
    return header, rows
