"""Input files: which ones a build reads, in what order, under what name, and how one is read as an article."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pyoxigraph import RdfFormat

from extract.errors import BuildError
from extract.parse import NotAnArticle, parse_article
from extract.pipeline import digest

ARTICLE_SUFFIXES = (".md", ".txt")
RDF_SUFFIXES = {".nq": RdfFormat.N_QUADS, ".nt": RdfFormat.N_TRIPLES, ".ttl": RdfFormat.TURTLE,
                ".trig": RdfFormat.TRIG, ".jsonld": RdfFormat.JSON_LD}


@dataclass(frozen=True)
class Source:
    """An input file and its name relative to the folder it was found in (what provenance records)."""

    path: Path
    name: str


def discover(paths: Iterable[str | Path]) -> list[Source]:
    """Files to read: each file given, and every `*.md` / `*.txt` below each folder, in a stable order."""
    found: list[Source] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(_walk(path))
        elif path.is_file():
            found.append(Source(path, path.name if path.parent.name != "Page" else f"Page/{path.name}"))
        else:
            raise BuildError(f"input not found: {path} (give article files or folders of them)")
    return found


def _walk(folder: Path) -> list[Source]:
    """Every article or RDF file below `folder`, named from the folder's own name on (`Page/<title>.md` is
    how the dump names an article's title), in path order; os.walk, as Path.rglob costs 6x on 100,000 files."""
    suffixes = ARTICLE_SUFFIXES + tuple(RDF_SUFFIXES)
    root = str(folder)
    skip = len(root.rstrip(os.sep)) + 1
    prefix = (folder.name,) if folder.name else ()
    found = []
    for directory, _, names in os.walk(root):
        for name in names:
            full = os.path.join(directory, name)
            if os.path.splitext(name)[1].lower() in suffixes and os.path.isfile(full):
                found.append((prefix + tuple(full[skip:].split(os.sep)), full))
    found.sort()  # Path order: part by part
    return [Source(Path(full), "/".join(parts)) for parts, full in found]


def read_article(path: Path, name: str | None = None):
    """Parse one file, or raise NotAnArticle saying why it is not one."""
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise NotAnArticle("binary file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise NotAnArticle(f"not UTF-8 text (byte {e.start})") from None
    return parse_article(text.lstrip("\ufeff"), name or str(path)), digest(data)
