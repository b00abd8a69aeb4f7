"""Turn one run of pandoc Markdown (or a table cell's HTML) into plain text with link and bold spans."""

from __future__ import annotations

import re

from extract.parse.model import Link, Text, Title

# Labels and targets are bounded: a stray `[` must not scan to the end of a 10 MB line (quadratic).
_WIKI = r"(?:\.\./Page/(?P<page>(?:\\.|[^)\s\\]){1,1000}?)\.md|https?://zh\.wikipedia\.org/wiki/(?P<wiki>(?:\\.|[^)\s\\]){1,1000}))"
_TOKEN = re.compile(
    r"(?P<link>\[(?P<label>(?:\\.|[^\]\\]){0,500})\]\((?:" + _WIKI + r"|(?P<url>(?:\\.|[^)\s\\]){0,2000}))"
    r"(?:\s+\"[^\"]*\")?\))"
    r"|(?P<note>\\\[\d+\\\]|\[\d+\])"          # footnote markers: \[1\] in prose, [4] in tables
    r"|(?P<escape>\\(?P<char>.))"
    r"|(?P<bold>\*\*)"
    r"|(?P<tag><!--.*?-->|</?[a-zA-Z][^<>]*>)"
    r"|(?P<junk>\{\{-\}\}|__[A-Z]+__|''+|\|-)",
    re.S,
)
_SPACES = re.compile(r"[ \t\u3000]+")


def parse_inline(source: str) -> Text:
    """Parse one inline run; labels stay in the text, link targets and bold become spans."""
    out: list[str] = []
    length = 0
    links: list[Link] = []
    bold: list[tuple[int, int]] = []
    bold_start: int | None = None
    pos = 0

    def emit(s: str) -> None:
        nonlocal length
        if s:
            out.append(s)
            length += len(s)

    for m in _TOKEN.finditer(source):
        emit(_plain(source[pos:m.start()]))
        pos = m.end()
        if m.group("link"):
            label = _plain(_unescape(m.group("label")))
            raw = m.group("page") or m.group("wiki")
            title = Title.parse(raw) if raw else None
            if raw and title is None:
                continue  # an image or a category: neither its label nor its target is text
            start = length
            emit(label)
            if title is not None and label.strip():
                links.append(Link(start, length, title, label.strip()))
        elif m.group("escape"):
            emit(m.group("char"))
        elif m.group("bold"):
            if bold_start is None:
                bold_start = length
            else:
                if length > bold_start:
                    bold.append((bold_start, length))
                bold_start = None
        elif m.group("tag") and re.match(r"<br\s*/?>", m.group("tag"), re.I):
            emit("\n")
        # footnote markers, other tags and wiki leftovers vanish
    emit(_plain(source[pos:]))
    text = "".join(out)
    return _trim(Text(text, tuple(links), tuple(bold)))


def _unescape(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s)


def _plain(s: str) -> str:
    # pandoc wraps lines only where the source had a space, so a line break is a space
    return _SPACES.sub(" ", s.replace("\r", "").replace("\n", " ")).replace("*", "")


def _trim(t: Text) -> Text:
    """Strip outer white space, shifting spans to match."""
    lead = len(t.text) - len(t.text.lstrip())
    text = t.text.strip()
    if not lead and text == t.text:
        return t
    n = len(text)

    def clip(a: int, b: int) -> tuple[int, int]:
        return max(0, min(n, a - lead)), max(0, min(n, b - lead))

    links = tuple(Link(*clip(l.start, l.end), l.target, l.label) for l in t.links)
    bold = tuple(clip(a, b) for a, b in t.bold)
    return Text(text, tuple(l for l in links if l.end > l.start), tuple(s for s in bold if s[1] > s[0]))


def split_text(t: Text, separator: str = "\n") -> list[Text]:
    """Split a Text at a separator (a table cell's line breaks), keeping each part's spans."""
    parts: list[Text] = []
    start = 0
    while True:
        end = t.text.find(separator, start)
        stop = len(t.text) if end < 0 else end
        links = tuple(Link(l.start - start, l.end - start, l.target, l.label)
                      for l in t.links if l.start >= start and l.end <= stop)
        bold = tuple((a - start, b - start) for a, b in t.bold if a >= start and b <= stop)
        part = _trim(Text(t.text[start:stop], links, bold))
        if part:
            parts.append(part)
        if end < 0:
            return parts
        start = end + len(separator)
