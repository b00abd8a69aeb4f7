"""The article's subject: what it is (organisation, conference series, publication or none), its name and page."""

from __future__ import annotations

from typing import Iterator

from extract.context import CLASS, Context, Triple, describe
from extract.vocab import RDF


def subject_type(ctx: Context) -> Iterator[Triple]:
    """Type the subject by its lead definition; a person, a place or a program gets no class of ours."""
    yield from describe(ctx.subject)
    for kind in sorted(ctx.kinds, key=lambda k: k.value):
        yield ctx.subject.iri, RDF.type, CLASS[kind]
