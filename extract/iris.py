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

# RFC 3987 ipath characters: iunreserved (ASCII letters, digits, -._~ and the ucschar ranges),
# sub-delims, ":", "@" and "/". Everything else (`[`, `]`, `%`, spaces, controls, private-use and
# non-characters) is percent-encoded as UTF-8 (https://www.rfc-editor.org/rfc/rfc3987#section-2.2).
_ASCII_KEEP = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/")
_UCSCHAR = ((0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF)) + tuple(
    (plane, plane + 0xFFFD) for plane in range(0x10000, 0xE0001, 0x10000))


def _allowed(c: str) -> bool:
    if c in _ASCII_KEEP:
        return True
    code = ord(c)
    return code >= 0xA0 and any(lo <= code <= hi for lo, hi in _UCSCHAR)


def _segment(text: str) -> str:
    return "".join(c if _allowed(c) else quote(c, safe="", errors="surrogatepass") for c in text)


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
