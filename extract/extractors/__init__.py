"""The ordered registry of extractors: each is `(Context) -> Iterator[Triple]`, one kind of fact."""

from __future__ import annotations

from typing import Callable, Iterator

from extract.context import Context, Triple
from extract.extractors.affiliation import attendances, enumerations, memberships
from extract.extractors.categories import categories
from extract.extractors.editions import heading_editions, prose_editions
from extract.extractors.lineage import founding_year, lineage
from extract.extractors.mentions import prose_organisations
from extract.extractors.names import abbreviations, alt_labels
from extract.extractors.publications import publishes
from extract.extractors.renames import former_names
from extract.extractors.subject import subject_type
from extract.extractors.listings import listed_organisations

Extractor = Callable[[Context], Iterator[Triple]]

EXTRACTORS: tuple[Extractor, ...] = (
    subject_type,
    categories,
    alt_labels,
    abbreviations,
    former_names,
    founding_year,
    lineage,
    heading_editions,
    listed_organisations,
    prose_editions,
    attendances,
    memberships,
    enumerations,
    publishes,
    prose_organisations,
)
