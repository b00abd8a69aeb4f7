"""The endpoint's routes in-process (Flask test client over a real on-disk store)."""

from __future__ import annotations

import io
import json

import pytest
import rdflib
from pyoxigraph import RdfFormat

from extract.queries import export
from extract.store import open_store
from server import create_app
from tests.server.conftest import TOKEN

ATTENDEES_8 = """PREFIX okg: <https://w3id.org/orgkg/ontology#>
SELECT ?o WHERE { ?e okg:ordinal 8 . ?o okg:attended ?e }"""
MIM = "/resource/%E6%AF%9B%E4%B8%BB%E4%B9%89%E5%9B%BD%E9%99%85%E4%B8%BB%E4%B9%89%E8%BF%90%E5%8A%A8"
MIM_GRAPH = "https://w3id.org/orgkg/graph/毛主义国际主义运动"


@pytest.mark.parametrize("method, path, headers, status, content_type", [
    ("GET", "/sparql?query=ASK%7B%7D", {}, 200, "application/sparql-results+json"),
    ("GET", "/sparql?query=ASK%7B%7D&format=xml", {}, 200, "application/sparql-results+xml"),
    ("GET", "/sparql?query=SELECT%20*%20%7B%7D", {"Accept": "text/csv"}, 200, "text/csv"),
    ("GET", "/sparql?query=CONSTRUCT%20WHERE%20%7B%3Fs%20a%20%3Fo%7D", {"Accept": "application/ld+json"}, 200,
     "application/ld+json"),
    ("GET", "/sparql?query=DESCRIBE%20%3Fs%20WHERE%20%7B%3Fs%20a%20%3Fo%7D%20LIMIT%201", {"Accept": "application/n-quads"},
     200, "application/n-quads"),
    ("GET", "/sparql?query=CONSTRUCT%20WHERE%20%7B%3Fs%20a%20%3Fo%7D&format=trig", {}, 200, "application/trig"),
    ("GET", "/sparql?query=CONSTRUCT%20WHERE%20%7B%3Fs%20a%20%3Fo%7D", {"Accept": "application/rdf+xml"}, 200,
     "application/rdf+xml"),
    ("GET", "/sparql", {"Accept": "text/turtle"}, 200, "text/turtle"),
    ("GET", "/sparql?query=SELECT%20*%20%7B", {}, 400, "text/plain"),
    ("GET", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D", {}, 400, "text/plain"),
    ("GET", "/sparql?query=ASK%7B%7D", {"Accept": "image/png"}, 406, "text/plain"),
    ("PUT", "/sparql", {}, 405, "text/plain"),
    ("GET", "/sparql?update=CLEAR%20ALL", {}, 405, "text/plain"),
    ("GET", MIM, {"Accept": "text/html"}, 200, "text/html"),
    ("GET", MIM, {"Accept": "text/turtle"}, 200, "text/turtle"),
    ("GET", MIM + "?format=jsonld", {}, 200, "application/ld+json"),
    ("GET", "/resource/%E4%B8%8D%E5%AD%98%E5%9C%A8", {}, 404, "text/plain"),
    ("GET", "/resource/../../etc/passwd", {}, 404, "text/plain"),
    ("GET", "/graph/%E6%AF%9B%E4%B8%BB%E4%B9%89%E5%9B%BD%E9%99%85%E4%B8%BB%E4%B9%89%E8%BF%90%E5%8A%A8.nq", {}, 200,
     "application/n-quads"),
    ("GET", "/graph/nope", {}, 404, "text/plain"),
    ("GET", "/export", {}, 200, "text/turtle"),
    ("GET", "/export.nq", {}, 200, "application/n-quads"),
    ("GET", "/export", {"Accept": "application/trig"}, 200, "application/trig"),
    ("GET", "/.well-known/void", {}, 200, "text/turtle"),
    ("GET", "/store?default", {}, 200, "text/turtle"),
    ("GET", "/store?graph=http://example.org/nope", {}, 404, "text/plain"),
    ("GET", "/store", {}, 400, "text/plain"),
    ("GET", "/store?graph=not%20an%20iri", {}, 400, "text/plain"),
    ("GET", "/sparql?query=ASK%7B%7D&default-graph-uri=relative", {}, 400, "text/plain"),
    ("GET", "/health", {}, 200, "application/json"),
    ("GET", "/", {}, 200, "text/html"),
    ("GET", "/queries", {}, 200, "application/json"),
    ("OPTIONS", "/sparql", {"Origin": "http://other.example", "Access-Control-Request-Method": "POST"}, 204, None),
])
def test_routes(client, method, path, headers, status, content_type):
    response = client.open(path, method=method, headers=headers)
    assert response.status_code == status, response.data[:200]
    if content_type:
        assert response.mimetype == content_type
    if status >= 400:
        assert len(response.data.decode().strip().splitlines()) == 1  # one clear line, no traceback


def test_select_answers_the_8th_conference(client):
    response = client.post("/sparql", data={"query": ATTENDEES_8}, headers={"Accept": "application/sparql-results+json"})
    assert len(response.get_json()["results"]["bindings"]) == 29


def test_protocol_dataset_limits_what_a_query_sees(client):
    url = "/sparql?default-graph-uri=" + MIM_GRAPH
    response = client.post(url, data=ATTENDEES_8, content_type="application/sparql-query")
    assert response.get_json()["results"]["bindings"] == []


@pytest.mark.parametrize("body, ctype, status", [
    ("query=ASK%7B%7D", "text/plain", 415),
    ("ASK {}", "application/sparql-query; charset=UTF-16", 415),
    (b"\xff\xfe", "application/sparql-query", 400),
])
def test_bad_bodies(client, body, ctype, status):
    assert client.post("/sparql", data=body, content_type=ctype).status_code == status


def test_updates_are_refused_without_a_configured_token(client):
    response = client.post("/sparql", data="CLEAR ALL", content_type="application/sparql-update")
    assert response.status_code == 403 and b"--update-token" in response.data


@pytest.mark.parametrize("authorization, status", [
    (None, 401), ("Basic dXNlcjpwYXNz", 401), ("Bearer wrong", 403), (f"Bearer {TOKEN}", 204),
])
def test_update_needs_the_bearer_token(writer, authorization, status):
    headers = {"Authorization": authorization} if authorization else {}
    response = writer.post("/sparql", data="INSERT DATA { GRAPH <http://example.org/g> { <http://a> <http://b> 1 } }",
                           content_type="application/sparql-update", headers=headers)
    assert response.status_code == status
    if status == 401:
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    seen = writer.get("/sparql?query=ASK%7B%3Chttp%3A%2F%2Fa%3E%20%3Fp%20%3Fo%7D").get_json()["boolean"]
    assert seen is (status == 204)
    assert TOKEN.encode() not in response.data


def test_graph_store_writes(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    graph = "/store?graph=http://example.org/new"
    assert writer.put(graph, data="<http://a> <http://b> <http://c> .", content_type="text/turtle").status_code == 401
    assert writer.put(graph, data="<http://a> <http://b> <http://c> .", content_type="text/turtle",
                      headers=auth).status_code == 201
    assert writer.post(graph, data="<http://a> <http://b> <http://d> .", content_type="application/n-triples",
                       headers=auth).status_code == 204
    assert writer.put(graph, data="this is not turtle", content_type="text/turtle", headers=auth).status_code == 400
    body = writer.get(graph, headers={"Accept": "application/n-triples"}).data.decode()
    assert sorted(body.strip().splitlines()) == ["<http://a> <http://b> <http://c> .", "<http://a> <http://b> <http://d> ."]
    assert writer.put(graph, data="{}", content_type="application/pdf", headers=auth).status_code == 415
    assert writer.delete(graph, headers=auth).status_code == 204
    assert writer.get(graph).status_code == 404
    assert writer.delete(graph, headers=auth).status_code == 404


def test_resource_page_lists_conferences_and_escapes_labels(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    evil = '<https://w3id.org/orgkg/resource/X> <http://www.w3.org/2000/01/rdf-schema#label> "<script>alert(1)</script>"@zh .'
    assert writer.put("/store?graph=http://example.org/evil", data=evil, content_type="text/turtle",
                      headers=auth).status_code == 201
    page = writer.get("/resource/X", headers={"Accept": "text/html"})
    assert b"<script>alert(1)</script>" not in page.data and b"&lt;script&gt;alert(1)&lt;/script&gt;" in page.data
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    party = writer.get("/resource/%E5%BE%B7%E5%9B%BD%E9%A9%AC%E5%88%97%E4%B8%BB%E4%B9%89%E5%85%9A").data.decode()
    assert party.count("/resource/马列主义政党和组织国际会议/edition/") == 5  # it attended all five editions


def test_resource_turtle_has_outgoing_and_incoming_triples(client):
    g = rdflib.Graph().parse(data=client.get(MIM, headers={"Accept": "text/turtle"}).data.decode(), format="turtle")
    mim = rdflib.URIRef("https://w3id.org/orgkg/resource/毛主义国际主义运动")
    okg = rdflib.Namespace("https://w3id.org/orgkg/ontology#")
    assert len(list(g.objects(mim, okg.publishes))) == 4
    assert (None, rdflib.FOAF.primaryTopic, mim) in g


def test_export_matches_the_cli_export(client, seed_store):
    served = rdflib.Graph().parse(data=client.get("/export").data.decode(), format="turtle")
    out = io.BytesIO()
    export(open_store(seed_store), out, RdfFormat.TURTLE)
    assert set(served) == set(rdflib.Graph().parse(data=out.getvalue().decode(), format="turtle"))


def test_void_and_service_description(client):
    void = rdflib.Graph().parse(data=client.get("/.well-known/void").data.decode(), format="turtle")
    v = rdflib.Namespace("http://rdfs.org/ns/void#")
    assert int(next(void.objects(None, v.triples))) > 300
    assert rdflib.URIRef("https://creativecommons.org/licenses/by-sa/4.0/") in set(void.objects(None, rdflib.DCTERMS.license))
    classes = {str(c) for c in void.objects(None, v["class"])}
    assert "https://w3id.org/orgkg/ontology#Organisation" in classes
    sd = client.get("/sparql", headers={"Accept": "text/turtle"}).data.decode()
    assert "<http://localhost/sparql>" in sd


def test_cors_and_security_headers(client):
    response = client.get("/sparql?query=ASK%7B%7D", headers={"Origin": "http://other.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_size_limits(seed_store):
    small = create_app({"store": str(seed_store), "max_body": 1000, "max_query_string": 200}).test_client()
    assert small.post("/sparql", data="ASK {}" + " " * 2000, content_type="application/sparql-query").status_code == 413
    assert small.get("/sparql?query=" + "ASK%7B%7D" + "%20" * 300).status_code == 414


def test_named_queries_are_offered(client):
    names = {q["name"]: q for q in client.get("/queries").get_json()}
    assert names["attendees-8th-conference"]["title"].startswith("Attendees of the 8th conference")
    assert "attendees-8th-conference" in client.get("/").data.decode()


def test_service_outside_the_allow_list_is_refused(client):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 400 and b"query.wikidata.org" in response.data
