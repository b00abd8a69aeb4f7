"""Categories of the article as `dct:subject` links to SKOS concepts, as DBpedia models them."""

from __future__ import annotations

from typing import Iterator

from extract import iris
from extract.context import Context, Triple, zh
from extract.vocab import DCT, RDF, SKOS


def categories(ctx: Context) -> Iterator[Triple]:
    """`dct:subject` for each `[Category:…]` line, with the category as a labelled `skos:Concept`."""
    for name in ctx.article.categories:
        concept = iris.category(name)
        yield ctx.subject.iri, DCT.subject, concept
        yield concept, RDF.type, SKOS.Concept
        yield concept, SKOS.prefLabel, zh(name.replace("_", " "))
