"""Mint every IRI of the graph, so identity is decided in one place.

Page-backed entities are named by their page title (script-folded, so variants are one page);
names without a page are scoped to the article that mentions them, so a generic name such as
共产党（马列） in one article is never merged with the same string in another.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from pyoxigraph import NamedNode

from extract.parse.model import Title
from extract.script import simplify

BASE = "https://w3id.org/orgkg/"
RESOURCE = BASE + "resource/"
GRAPH = BASE + "graph/"
ONTOLOGY = BASE + "ontology#"

# Characters an IRI path may not hold raw (RFC 3987 excludes these; `%` must be escaped to stay literal).
_UNSAFE = ' "<>\\^`{|}%#?\n\t'


def _segment(text: str) -> str:
    return "".join(quote(c, safe="") if c in _UNSAFE or ord(c) < 0x20 else c for c in text)


def _local(title: Title) -> str:
    return _segment(title.key)


def from_path(namespace: str, local: str) -> NamedNode:
    """The IRI a decoded URL path names under a namespace, escaped exactly as minted (`Notas Rojas` → `Notas%20Rojas`)."""
    return NamedNode(namespace + _segment(local))


def entity(title: Title) -> NamedNode:
    """The resource a Wikipedia page is about."""
    return NamedNode(RESOURCE + _local(title))


def unlinked(article: Title, name: str) -> NamedNode:
    """An entity named without a page, scoped to the article that names it."""
    return NamedNode(f"{RESOURCE}{_local(article)}/named/{_segment(simplify(name.strip()))}")


def edition(series: NamedNode, ordinal: int | None, year: int | None, label: str) -> NamedNode:
    """One edition of a conference series: by ordinal, else by year, else by its label."""
    if ordinal is not None:
        tail = str(ordinal)
    elif year is not None:
        tail = f"{year}年"
    else:
        tail = _segment(simplify(label))
    return NamedNode(f"{series.value}/edition/{tail}")


def name_record(owner: NamedNode, name: str) -> NamedNode:
    """A time-scoped name of an entity (a SKOS-XL label)."""
    digest = hashlib.sha1(simplify(name).encode()).hexdigest()[:12]
    return NamedNode(f"{owner.value}/name/{digest}")


def category(name: str) -> NamedNode:
    """A Wikipedia category as a SKOS concept, as DBpedia names them."""
    return NamedNode(RESOURCE + "Category:" + _segment(simplify(name.replace(" ", "_"))))


def graph(title: Title) -> NamedNode:
    """The named graph holding what one article says."""
    return NamedNode(GRAPH + _local(title))


def wikipedia_page(title: Title) -> NamedNode:
    """The page IRI in the form Wikidata sitelinks use: UTF-8 percent-encoded, underscores for spaces.

    MediaWiki's wfUrlencode leaves `;@$!*(),/~:` unescaped; so do we, so the strings match exactly.
    """
    return NamedNode("https://zh.wikipedia.org/wiki/" + quote(title.value, safe=";@$!*(),/~:_-."))
