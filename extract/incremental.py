"""Incremental rebuilds: keep the graphs of unchanged articles, re-extract changed ones, drop the rest.

Every article graph records its source file (`dct:source`), the SHA-256 of its bytes (`okg:sourceDigest`)
and the extractor that made it (`prov:wasAttributedTo`). A rebuild starts from a hard-linked checkpoint
of the current store (`Store.backup`), removes the graphs whose file changed, disappeared or was read by
another extractor version, and extracts only those files; the result equals a full build (tested).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Store

from extract.pipeline import AGENT, digest

_QUERY = """SELECT ?g ?source ?digest ?agent WHERE { GRAPH ?g {
  ?g <http://purl.org/dc/terms/source> ?source ;
     <https://w3id.org/orgkg/ontology#sourceDigest> ?digest ;
     <http://www.w3.org/ns/prov#wasAttributedTo> ?agent } }"""


@dataclass
class Plan:
    """Which inputs to extract again and which graphs to drop from the checkpoint."""

    extract: list = field(default_factory=list)  # Sources to (re-)extract
    drop: list[NamedNode] = field(default_factory=list)
    kept: int = 0
    kept_pages: dict[str, str] = field(default_factory=dict)  # graph IRI -> source name, for duplicate checks


def plan(current: Store, sources: list) -> Plan:
    """Compare the inputs with the graphs of the current store."""
    graphs: dict[str, tuple[NamedNode, str, str]] = {}
    for row in current.query(_QUERY):
        graphs[row["source"].value] = (row["g"], row["digest"].value, row["agent"].value)
    result = Plan()
    for source in sources:
        known = graphs.get(source.name)
        if known and known[2] == AGENT.value and known[1] == digest(Path(source.path).read_bytes()):
            result.kept += 1
            result.kept_pages[known[0].value] = source.name
        else:
            result.extract.append(source)
    # everything else goes: graphs of changed or deleted files, RDF loaded by an earlier build, the ontology
    # graph, and what SPARQL updates wrote, so that the result equals a full build of the same inputs
    result.drop = [g for g in current.named_graphs() if g.value not in result.kept_pages]
    return result


def checkpoint(current_dir: Path, staging: Path) -> None:
    """A hard-linked copy of the current store to start from (RocksDB files are immutable)."""
    Store.read_only(str(current_dir)).backup(str(staging))
