"""Run every extractor over one article and wrap the triples as quads in the article's named graph."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterable

from pyoxigraph import Literal, NamedNode, Quad

from extract import iris
from extract.context import Context
from extract.extractors import EXTRACTORS, Extractor
from extract.parse import Article, parse_article
from extract.vocab import DCT, FOAF, OKG, PROV, RDF

VERSION = "0.1.0"
AGENT = NamedNode(f"{iris.BASE}extractor/{VERSION}")


@dataclass(frozen=True)
class Extraction:
    """The quads one article yields, in a stable order, with its graph and the hash of its source."""

    article: Article
    graph: NamedNode
    quads: tuple[Quad, ...]
    digest: str


def extract(article: Article, source_digest: str, extractors: Iterable[Extractor] = EXTRACTORS) -> Extraction:
    """Apply the extractors in registry order; duplicates removed, order kept, provenance added."""
    ctx = Context(article)
    graph = iris.graph(article.title)
    seen: dict[tuple, None] = {}
    for extractor in extractors:
        for triple in extractor(ctx):
            seen.setdefault(triple, None)
    for triple in _provenance(ctx, graph, source_digest):
        seen.setdefault(triple, None)
    quads = tuple(Quad(s, p, o, graph) for s, p, o in seen)
    return Extraction(article, graph, quads, source_digest)


def extract_text(source: str, path: str = "<string>") -> Extraction:
    """Parse and extract one article given as text (tests, single files)."""
    return extract(parse_article(source, path), digest(source.encode("utf-8")))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _provenance(ctx: Context, graph: NamedNode, source_digest: str):
    """The graph describes itself: derived from the article's page, about its subject, from which bytes."""
    yield graph, RDF.type, PROV.Entity
    yield graph, PROV.wasDerivedFrom, iris.wikipedia_page(ctx.article.title)
    yield graph, PROV.wasAttributedTo, AGENT
    yield graph, FOAF.primaryTopic, ctx.subject.iri
    yield graph, DCT.source, Literal(ctx.article.source)
    yield graph, OKG.sourceDigest, Literal(source_digest)
