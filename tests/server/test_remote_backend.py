"""`orgkg serve --backend URL`: the same API over a real `oxigraph serve`, answer for answer like the local store."""

from __future__ import annotations

import pytest
import requests
from pyoxigraph import RdfFormat, parse

from extract.remote import RemoteStore
from extract.store import open_store
from extract.target import load_into
from tests.conftest import oxigraph_server
from tests.server.conftest import TOKEN, free_port, live_server

OKG = "https://w3id.org/orgkg/ontology#"
MIM = "毛主义国际主义运动"
ROUTES = [  # path, parameters, Accept, how to compare the two bodies
    ("/sparql", {"query": f"SELECT ?o ?l WHERE {{ ?o a <{OKG}Organisation> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }} ORDER BY ?o ?l"},
     "application/sparql-results+json", "bytes"),
    ("/sparql", {"query": f"ASK {{ ?c a <{OKG}Conference> }}"}, "application/sparql-results+json", "bytes"),
    ("/sparql", {"query": "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"}, "text/csv", "bytes"),
    ("/sparql", {"query": f"CONSTRUCT {{ ?e <{OKG}editionOf> ?s }} WHERE {{ ?e <{OKG}editionOf> ?s }}"}, "text/turtle", "turtle"),
    ("/sparql", {"query": f"DESCRIBE <https://w3id.org/orgkg/resource/{MIM}>"}, "application/n-triples", "ntriples"),
    ("/sparql", {"query": "SELECT * WHERE { ?s ?p }"}, "application/sparql-results+json", "status"),
    (f"/resource/{MIM}", {}, "text/turtle", "turtle"),
    (f"/resource/{MIM}", {}, "text/html", "status"),
    (f"/graph/{MIM}.nq", {}, "*/*", "nquads"),
    ("/store", {"graph": f"https://w3id.org/orgkg/graph/{MIM}"}, "application/n-triples", "ntriples"),
    ("/store", {"graph": "https://w3id.org/orgkg/graph/none"}, "application/n-triples", "status"),
    ("/export.nq", {}, "*/*", "nquads"),
    ("/", {}, "text/html", "status"),
]


def _same(kind: str, a: requests.Response, b: requests.Response) -> bool:
    if kind == "status":
        return True
    if kind == "bytes":
        return a.content == b.content
    fmt = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "nquads": RdfFormat.N_QUADS}[kind]
    return set(parse(a.content, fmt)) == set(parse(b.content, fmt))


@pytest.fixture(scope="module")
def servers(seed_store, tmp_path_factory):
    """The seed store served locally and, loaded into oxigraph serve, through --backend."""
    work = tmp_path_factory.mktemp("remote")
    with oxigraph_server(work / "oxigraph") as oxigraph:
        load_into(open_store(seed_store), RemoteStore(oxigraph + "/query"))
        with live_server(seed_store) as local, \
                live_server(work / "unused", "--backend", oxigraph + "/query", "--update-token", TOKEN) as remote:
            yield local, remote, oxigraph


@pytest.mark.parametrize("path, params, accept, kind", ROUTES)
def test_a_remote_backend_answers_like_the_local_store(servers, path, params, accept, kind):
    local, remote, _ = servers
    a = requests.get(local + path, params=params, headers={"Accept": accept}, timeout=30)
    b = requests.get(remote + path, params=params, headers={"Accept": accept}, timeout=30)
    assert (b.status_code, b.headers["Content-Type"]) == (a.status_code, a.headers["Content-Type"])
    assert a.status_code in (200, 400, 404)
    assert _same(kind, a, b)


def test_writes_through_a_remote_backend_reach_the_remote_store(servers):
    _, remote, oxigraph = servers
    auth = {"Authorization": f"Bearer {TOKEN}"}
    insert = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> \"写\"@zh } }"
    assert requests.post(remote + "/sparql", data={"update": insert}, headers=auth, timeout=30).status_code == 204
    r = requests.put(remote + "/store", params={"graph": "http://example.org/h"}, headers={**auth, "Content-Type": "text/turtle"},
                     data="<http://example.org/t> <http://example.org/p> 2 .".encode(), timeout=30)
    assert r.status_code == 201
    answer = requests.get(oxigraph + "/query", params={"query": "SELECT ?g ?o WHERE { GRAPH ?g { ?s <http://example.org/p> ?o } } ORDER BY ?g"},
                          headers={"Accept": "text/csv"}, timeout=30).text.split()
    assert answer == ["g,o", "http://example.org/g,写", "http://example.org/h,2"]
    assert requests.post(remote + "/sparql", data={"update": insert}, timeout=30).status_code == 401  # still guarded


def test_an_unreachable_backend_is_a_bad_gateway_in_one_line(tmp_path):
    port = free_port()  # nothing listens there
    # ready when /health answers, with a 502: the server is up, its store is not
    with live_server(tmp_path / "unused", "--backend", f"http://127.0.0.1:{port}/query", ready=502) as url:
        r = requests.get(url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"},
                         headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert r.status_code == 502
        assert r.text.count("\n") == 1 and f"127.0.0.1:{port}" in r.text and "refused" in r.text.lower()
