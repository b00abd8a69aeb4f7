"""Split an article's Markdown into headings, paragraphs, list items, tables, categories and references."""

from __future__ import annotations

import re
from pathlib import PurePath

from extract.parse.inline import parse_inline
from extract.parse.model import Article, Block, ListItem, Paragraph, Table, Text, Title
from extract.parse.tables import is_pipe_rule, read_html_table, read_pipe_table


class NotAnArticle(ValueError):
    """The input is not an article in the dump's format; the message says why."""


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*+]|\d+\.)\s+(.*)$")
_CATEGORY = re.compile(r"\[(?:Category|分类|分類):([^\]]+)\]\((?:[^)\\]|\\.)*\)")
_SUBJECT = re.compile(r"(《)?\*\*(.+?)\*\*")
_PAGE_FILE = re.compile(r"(?:^|/)Page/(?P<title>[^/]+)\.(?:md|txt)$")
_LEFTOVER = re.compile(r"^\s*(\{\{-\}\}|__[A-Z]+__|(\|-\s*)+|:\*.*|<!--.*-->|</?div[^>]*>|</?references>|\s)*$")


def page_title_from_path(path: str) -> Title | None:
    """The page title a dump path `…/Page/<title>.md` names, or None."""
    m = _PAGE_FILE.search(PurePath(path).as_posix())
    return Title.parse(m.group("title")) if m else None


def parse_article(source: str, path: str = "<string>") -> Article:
    """Parse one article; raise NotAnArticle for input that is empty, HTML or has no subject."""
    if not source.strip():
        raise NotAnArticle("empty file")
    head = source.lstrip()[:200].lower()
    if head.startswith(("<!doctype", "<html", "<?xml")):
        raise NotAnArticle("HTML or XML, not a Markdown article")
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks, categories, references = _blocks(lines)
    subject, quoted = _subject(blocks)
    title = page_title_from_path(path) or (Title.parse(subject) if subject else None)
    if title is None:
        raise NotAnArticle("no subject: no bold name in the lead and no Page/<title> file name")
    if subject is None:
        subject = title.name
    return Article(path, title, subject, quoted, tuple(blocks), tuple(categories), tuple(references))


def _subject(blocks: list[Block]) -> tuple[str | None, bool]:
    """The first bold name of the lead (`**X**`, or `《**X**》` for a publication)."""
    for block in blocks:
        if block.section:
            break
        if isinstance(block, Paragraph) and block.content.bold:
            start, end = block.content.bold[0]
            name = block.content.text[start:end].strip().strip("《》").strip()
            quoted = block.content.text[max(0, start - 1):start] == "《"
            if name:
                return name, quoted
    return None, False


def _blocks(lines: list[str]) -> tuple[list[Block], list[str], list[str]]:
    blocks: list[Block] = []
    categories: list[str] = []
    references: list[str] = []
    section: tuple[str, ...] = ()
    levels: tuple[int, ...] = ()
    para: list[str] = []
    seen_category = False
    i = 0

    def flush() -> None:
        if para:
            text = "\n".join(para)
            para.clear()
            if not _LEFTOVER.match(text):
                content = parse_inline(text)
                if content:
                    blocks.append(Paragraph(section, content))

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if _CATEGORY.search(line) and not _CATEGORY.sub("", line).strip():
            flush()
            categories.extend(Title.parse(c).value if Title.parse(c) else c for c in _CATEGORY.findall(line))
            seen_category = True
        elif m := _HEADING.match(line):
            flush()
            level = len(m.group(1))
            keep = [k for k, lv in enumerate(levels) if lv < level]
            levels = tuple(levels[k] for k in keep) + (level,)
            section = tuple(section[k] for k in keep) + (parse_inline(m.group(2)).text,)
        elif stripped.startswith("```"):
            flush()
            i += 1
            while i < len(lines) and not lines[i].strip().startswith("```"):
                i += 1
        elif stripped.startswith(">"):
            flush()  # conversion banners and quotations carry no facts of the article
        elif stripped.lower().startswith("<table"):
            flush()
            chunk = [line]
            depth = stripped.lower().count("<table") - stripped.lower().count("</table")
            while depth > 0 and i + 1 < len(lines):
                i += 1
                chunk.append(lines[i])
                depth += lines[i].lower().count("<table") - lines[i].lower().count("</table")
            header, rows, caption = read_html_table("\n".join(chunk))
            blocks.append(Table(section, header, rows, caption, _preceding(blocks, section)))
        elif stripped.startswith("|") and i + 1 < len(lines) and is_pipe_rule(lines[i + 1]):
            flush()
            chunk = [line]
            while i + 1 < len(lines) and lines[i + 1].strip().startswith("|"):
                i += 1
                chunk.append(lines[i])
            header, rows = read_pipe_table(chunk)
            blocks.append(Table(section, header, rows, None, _preceding(blocks, section)))
        elif (m := _BULLET.match(line)) and not para:
            depth = len(m.group(1).expandtabs()) // 2
            item = [m.group(2)]
            while i + 1 < len(lines) and lines[i + 1].startswith("    ") and not _BULLET.match(lines[i + 1]):
                i += 1
                item.append(lines[i])
            content = parse_inline("\n".join(item))
            if seen_category and re.match(r"\s*\d+\.", line):
                if content:
                    references.append(content.text)
            elif content:
                blocks.append(ListItem(section, content, depth))
        elif not stripped:
            flush()
        elif seen_category and re.match(r"\s*\d+\.\s*$", line):
            pass  # an empty footnote
        else:
            para.append(line)
        i += 1
    flush()
    return blocks, categories, references


def _preceding(blocks: list[Block], section: tuple[str, ...]) -> Text | None:
    """The paragraph right before a table in the same section, which often introduces it."""
    if blocks and isinstance(blocks[-1], Paragraph) and blocks[-1].section == section:
        return blocks[-1].content
    return None
