"""`orgkg build --target URL`: load a build into a remote SPARQL store through the Graph Store Protocol.

Graph by graph (https://www.w3.org/TR/sparql11-http-rdf-update/#http-put): an article graph whose
source digest and extractor match the remote copy is not sent again, so loading a rebuild sends what
changed; orgkg graphs the build no longer has are deleted; graphs outside orgkg's namespace are left.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from pyoxigraph import NamedNode, Store, Triple

from extract.incremental import STAMPS
from extract.iris import GRAPH as GRAPH_BASE
from extract.remote import RemoteStore
from extract.store import ONTOLOGY_GRAPH



@dataclass
class LoadReport:
    sent: int = 0
    unchanged: int = 0
    deleted: int = 0
    quads: int = 0
    seconds: float = 0.0


def _stamps(store) -> dict[str, tuple[str, str]]:
    return {row["g"].value: (row["digest"].value, row["agent"].value) for row in store.query(STAMPS)}


def _ours(graph: str) -> bool:
    return graph.startswith(GRAPH_BASE) or graph == ONTOLOGY_GRAPH.value


def load_into(local: Store, remote: RemoteStore, progress: Callable[..., None] | None = None) -> LoadReport:
    """Make the remote store's orgkg graphs those of `local`."""
    started = time.monotonic()
    report = LoadReport()
    theirs, mine = _stamps(remote), _stamps(local)
    graphs = sorted(g.value for g in local.named_graphs())
    for i, graph in enumerate(graphs, 1):
        if graph in mine and theirs.get(graph) == mine[graph]:
            report.unchanged += 1
        else:
            node = NamedNode(graph)
            triples = [Triple(q.subject, q.predicate, q.object) for q in local.quads_for_pattern(None, None, None, node)]
            remote.put_graph(node, triples)
            report.sent += 1
            report.quads += len(triples)
        if progress is not None:
            progress(i, len(graphs), "graphs loaded")
    kept = set(graphs)
    for graph in sorted(g.value for g in remote.named_graphs()):
        if _ours(graph) and graph not in kept:
            remote.delete_graph(NamedNode(graph))
            report.deleted += 1
    report.seconds = time.monotonic() - started
    return report
