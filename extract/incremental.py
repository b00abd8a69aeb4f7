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

STAMPS = """SELECT ?g ?source ?digest ?agent WHERE { GRAPH ?g {
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
    for row in current.query(STAMPS):
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


RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
TRACK_UP_TO = 0.05  # share of the inputs changed above which a rebuild validates everything instead


class Changes:
    """Nodes whose shape validation a rebuild can change, from the triples it removed and added.

    A triple removed and added again (most of a re-extracted article) changes nothing. Of the rest:
    their subjects, the objects of inverse-path triples, and, where a node's types really changed in
    the union of graphs, every node pointing at it (its sh:class checks read those types).
    """

    def __init__(self, inverse: set[str]) -> None:
        self.inverse = inverse
        self.removed: set[tuple] = set()
        self.added: set[tuple] = set()
        self.new_graphs: set = set()

    def note(self, quad, added: bool = False) -> None:
        (self.added if added else self.removed).add((quad.subject, quad.predicate, quad.object))
        if added:
            self.new_graphs.add(quad.graph_name)

    def watch(self, quads):
        """Pass new quads through, noting each."""
        for quad in quads:
            self.note(quad, added=True)
            yield quad

    def focus(self, store: Store) -> set[str]:
        """The nodes to validate again, read from the rebuilt store."""
        nodes: set[str] = set()
        for triple in self.removed ^ self.added:
            subject, predicate, value = triple
            if isinstance(subject, NamedNode):
                nodes.add(subject.value)
            if predicate.value in self.inverse and isinstance(value, NamedNode):
                nodes.add(value.value)
            if predicate == RDF_TYPE and self._type_changed(store, triple):
                nodes.update(q.subject.value for q in store.quads_for_pattern(None, None, subject)
                             if isinstance(q.subject, NamedNode))
        return nodes

    def _type_changed(self, store: Store, triple: tuple) -> bool:
        """Whether a type triple removed (or added) is now absent from (or was absent before in) every graph."""
        graphs = {q.graph_name for q in store.quads_for_pattern(*triple)}
        if triple in self.removed:
            return not graphs  # no graph asserts it any more
        return not (graphs - self.new_graphs)  # no kept graph asserted it before
