"""A remote SPARQL 1.1 store behind the part of the `pyoxigraph.Store` API that orgkg uses.

Reads go through the SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/), writes through
SPARQL 1.1 Update and the Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/),
so the server can run over QLever, Virtuoso, GraphDB, Fuseki or `oxigraph serve` instead of a local
folder, and a build can be loaded into one. Answers are parsed by pyoxigraph as they stream in.
"""

from __future__ import annotations

import http.client
import io
import threading
from typing import IO, Iterable, Iterator
from urllib.parse import urlencode, urlsplit

from pyoxigraph import (DefaultGraph, NamedNode, Quad, QueryResultsFormat, RdfFormat, Triple, parse,
                        parse_query_results, serialize)

# the answer's form decides the format: results for SELECT and ASK, a graph for CONSTRUCT and DESCRIBE
_ACCEPT = "application/sparql-results+json, application/n-triples, text/turtle;q=0.9, application/sparql-results+xml;q=0.8"
_RESULT_TYPES = {"application/sparql-results+json": QueryResultsFormat.JSON,
                 "application/sparql-results+xml": QueryResultsFormat.XML}
_GRAPH_TYPES = {"application/n-triples": RdfFormat.N_TRIPLES, "text/turtle": RdfFormat.TURTLE}


class RemoteError(OSError):
    """The remote store could not be reached or refused a request (an OSError, as failed SERVICE calls are)."""


def _sibling(url: str, name: str) -> str | None:
    """`.../update` or `.../store` next to a `.../query` endpoint (the layout of oxigraph serve), else None."""
    return url[: -len("query")] + name if url.rstrip("/").endswith("/query") else None


class RemoteStore:
    """A SPARQL endpoint (and, for writes, its update and graph store endpoints) as a store."""

    def __init__(self, query_url: str, update_url: str | None = None, store_url: str | None = None,
                 timeout: float = 60.0) -> None:
        for url in (query_url, update_url, store_url):
            if url is not None and urlsplit(url).scheme not in ("http", "https"):
                raise ValueError(f"not an http(s) URL: {url}")
        self.query_url = query_url
        self.update_url = update_url or _sibling(query_url, "update")
        self.store_url = store_url or _sibling(query_url, "store")
        self.timeout = timeout
        self._local = threading.local()  # one keep-alive connection per thread and host

    # -- HTTP -------------------------------------------------------------------------------------
    def _connection(self, url: str) -> http.client.HTTPConnection:
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        pool = self._local.__dict__.setdefault("connections", {})
        if key not in pool:
            kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
            pool[key] = kind(parts.netloc, timeout=self.timeout)
        return pool[key]

    def request(self, method: str, url: str, params: dict | None = None, body: bytes | None = None,
                headers: dict | None = None) -> http.client.HTTPResponse:
        """One request; the response is returned unread when its status is 2xx, else raised as RemoteError."""
        parts = urlsplit(url)
        target = (parts.path or "/") + ("?" + parts.query if parts.query else "")
        if params:
            target += ("&" if parts.query else "?") + urlencode(params, doseq=True)
        for attempt in (1, 2):  # a kept-alive connection the server closed meanwhile is retried once
            connection = self._connection(url)
            try:
                connection.request(method, target, body=body, headers=headers or {})
                response = connection.getresponse()
                break
            except (http.client.HTTPException, OSError) as e:
                connection.close()
                if attempt == 2 or not isinstance(e, (http.client.RemoteDisconnected, BrokenPipeError,
                                                      ConnectionResetError)):
                    raise RemoteError(f"remote store {parts.netloc} unreachable: {e or type(e).__name__}") from None
        if response.status >= 300:
            message = " ".join(response.read(500).decode("utf-8", "replace").split())
            error = SyntaxError if response.status == 400 else RemoteError
            raise error(f"remote store {parts.netloc} answered HTTP {response.status}: {message or response.reason}")
        return response

    # -- reading ----------------------------------------------------------------------------------
    def query(self, text: str, prefixes: dict[str, str] | None = None, base_iri: str | None = None,
              use_default_graph_as_union: bool = False, default_graph: Iterable | None = None,
              named_graphs: Iterable | None = None):
        """SELECT and ASK answers as pyoxigraph results, CONSTRUCT and DESCRIBE as an iterator of triples."""
        prologue = "".join(f"PREFIX {p}: <{n}>\n" for p, n in (prefixes or {}).items())
        if base_iri:
            prologue = f"BASE <{base_iri}>\n" + prologue
        params: dict[str, list[str]] = {}
        if default_graph or named_graphs:
            params["default-graph-uri"] = [g.value for g in default_graph or ()]
            params["named-graph-uri"] = [g.value for g in named_graphs or ()]
        elif use_default_graph_as_union:
            params["union-default-graph"] = [""]  # Oxigraph's switch; other stores are configured so (README)
        response = self.request("POST", self.query_url, params, (prologue + text).encode("utf-8"), {
            "Content-Type": "application/sparql-query", "Accept": _ACCEPT})
        kind = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
        if kind in _GRAPH_TYPES:
            return parse(response, _GRAPH_TYPES[kind])
        if kind in _RESULT_TYPES:
            return parse_query_results(response, _RESULT_TYPES[kind])
        response.close()
        raise RemoteError(f"remote store {urlsplit(self.query_url).netloc} answered in {kind or 'no media type'}, "
                          "not SPARQL results or N-Triples")

    def named_graphs(self) -> Iterator[NamedNode]:
        for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"):
            if isinstance(row[0], NamedNode):
                yield row[0]

    def contains_named_graph(self, graph: NamedNode) -> bool:
        return bool(self.query(f"ASK {{ GRAPH <{graph.value}> {{ }} }}"))

    def quads_for_pattern(self, subject, predicate, object_, graph_name=None) -> Iterator[Quad]:
        """The quads of one graph (the only pattern the server asks a store for)."""
        if subject is not None or predicate is not None or object_ is not None or graph_name is None:
            raise NotImplementedError("a remote store lists whole graphs only")
        if isinstance(graph_name, DefaultGraph):
            where = "?s ?p ?o"
        else:
            where = f"GRAPH <{graph_name.value}> {{ ?s ?p ?o }}"
        for t in self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}"):
            yield Quad(t.subject, t.predicate, t.object, graph_name)

    def dump(self, output: IO[bytes], format: RdfFormat, prefixes: dict | None = None) -> None:
        """Every named graph's quads, streamed."""
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        serialize((Quad(r[0], r[1], r[2], r[3]) for r in rows), output, format, prefixes=prefixes)

    # -- writing ----------------------------------------------------------------------------------
    def _writable(self, url: str | None, what: str) -> str:
        if url is None:
            raise RemoteError(f"no {what} endpoint for the remote store {self.query_url}; configure one")
        return url

    def update(self, text: str, base_iri: str | None = None) -> None:
        prologue = f"BASE <{base_iri}>\n" if base_iri else ""
        self.request("POST", self._writable(self.update_url, "update"), None, (prologue + text).encode("utf-8"),
                     {"Content-Type": "application/sparql-update"}).read()

    def clear_graph(self, graph) -> None:
        self.update("CLEAR DEFAULT" if isinstance(graph, DefaultGraph) else f"CLEAR SILENT GRAPH <{graph.value}>")

    def remove_graph(self, graph: NamedNode) -> None:
        self.update(f"DROP SILENT GRAPH <{graph.value}>")

    def put_graph(self, graph, triples: Iterable[Triple]) -> None:
        """Replace one graph with the Graph Store Protocol (PUT, N-Triples)."""
        self._send_graph("PUT", graph, triples)

    def post_graph(self, graph, triples: Iterable[Triple]) -> None:
        """Add to one graph with the Graph Store Protocol (POST, N-Triples)."""
        self._send_graph("POST", graph, triples)

    def _send_graph(self, method: str, graph, triples: Iterable[Triple]) -> None:
        body = io.BytesIO()
        serialize(triples, body, RdfFormat.N_TRIPLES)
        params = {"default": ""} if isinstance(graph, DefaultGraph) else {"graph": graph.value}
        self.request(method, self._writable(self.store_url, "graph store"), params, body.getvalue(),
                     {"Content-Type": "application/n-triples"}).read()

    def delete_graph(self, graph: NamedNode) -> None:
        """Remove one graph with the Graph Store Protocol (DELETE); a graph already gone is fine."""
        try:
            self.request("DELETE", self._writable(self.store_url, "graph store"), {"graph": graph.value}).read()
        except RemoteError as e:
            if "HTTP 404" not in str(e):
                raise

    def extend(self, quads: Iterable[Quad]) -> None:
        by_graph: dict = {}
        for q in quads:
            by_graph.setdefault(q.graph_name, []).append(Triple(q.subject, q.predicate, q.object))
        for graph, triples in by_graph.items():
            self.post_graph(graph, triples)

    def flush(self) -> None:
        pass
