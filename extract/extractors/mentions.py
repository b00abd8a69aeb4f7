"""Organisations named in prose by a link whose page name says it is one (`…党`, `…组织`, `…联盟`)."""

from __future__ import annotations

from typing import Iterator

from extract.classify import Kind, is_strong_org_name
from extract.context import Context, Triple, describe
from extract.extractors.common import prose
from extract.script import simplify


def prose_organisations(ctx: Context) -> Iterator[Triple]:
    """Type linked organisations of the prose; the head noun of the lead's definition names a class, not a body."""
    definition_heads = set()
    if ctx.definition:
        definition_heads = {ctx.definition.strip()[-6:]}
    for block in prose(ctx):
        for link in block.content.links:
            name = link.target.name
            if not is_strong_org_name(name) or link.target.key == ctx.article.title.key:
                continue
            if not block.section and any(simplify(name).endswith(h) or h.endswith(simplify(name))
                                          for h in definition_heads):
                continue
            yield from describe(ctx.link_ref(link), Kind.ORGANISATION)
