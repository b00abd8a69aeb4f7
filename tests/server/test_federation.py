"""Federated queries between two real servers built from different articles, and the allow-list that limits them."""

from __future__ import annotations

import re
import socket
import threading
import time

import pytest
import requests

from extract.store import build
from tests.conftest import ARTICLES
from tests.server.conftest import live_server

JSON = {"Accept": "application/sparql-results+json"}
OKG = "PREFIX okg: <https://w3id.org/orgkg/ontology#>\n"


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """A: the conference article (who attended the 14th edition); B: two party articles (founding years)."""
    base = tmp_path_factory.mktemp("federation")
    build([ARTICLES / "Page" / "国际工人研讨会.md"], base / "a", validate=False)
    build([ARTICLES / "Page" / "北方勞動者黨.md", ARTICLES / "无文件名的组织.txt"], base / "b", validate=False)
    return base / "a", base / "b"


def bindings(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in row.items()} for row in response.json()["results"]["bindings"]]


def test_a_join_across_two_servers_through_service(stores):
    a, b = stores
    with live_server(b) as url_b:
        with live_server(a, "--allow-service", url_b + "/sparql") as url_a:
            query = OKG + ("SELECT ?org ?founded WHERE { ?org okg:attended ?e . ?e okg:ordinal 14 . "
                           f"SERVICE <{url_b}/sparql> {{ ?org okg:foundingYear ?founded }} }}")
            rows = bindings(requests.post(url_a + "/sparql", data={"query": query}, headers=JSON, timeout=30))
            # A knows 北方劳动者党 attended the 14th edition; only B knows it was founded in 1977
            assert rows == [{"org": "https://w3id.org/orgkg/resource/北方劳动者党", "founded": "1977"}]


def test_service_outside_the_allow_list_is_refused(stores):
    a, b = stores
    with live_server(b) as url_b:
        with live_server(a) as url_a:  # default allow-list: Wikidata only
            for target in (url_b + "/sparql", "http://10.1.2.3/sparql", "http://[::1]:9/sparql", "http://169.254.169.254/"):
                query = f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"
                response = requests.post(url_a + "/sparql", data={"query": query}, headers=JSON, timeout=30)
                assert response.status_code == 400
                assert "query.wikidata.org/sparql" in response.text and target in response.text


def test_remote_calls_time_out_and_silent_behaves_as_the_spec_says(stores):
    a, _ = stores
    hanging = socket.socket()
    hanging.bind(("127.0.0.1", 0))
    hanging.listen(8)
    accepted = []
    threading.Thread(target=lambda: [accepted.append(hanging.accept()) for _ in range(8)], daemon=True).start()
    slow = f"http://127.0.0.1:{hanging.getsockname()[1]}/sparql"
    try:
        with live_server(a, "--allow-service", slow, "--service-timeout", "1.5") as url_a:
            silent = "SELECT * WHERE { SERVICE SILENT <%s> { ?s ?p ?o } }" % slow
            started = time.monotonic()
            rows = bindings(requests.post(url_a + "/sparql", data={"query": silent}, headers=JSON, timeout=30))
            assert rows == [{}] and time.monotonic() - started < 5  # no rows from it, and the query still answers
            plain = "SELECT * WHERE { SERVICE <%s> { ?s ?p ?o } }" % slow
            response = requests.post(url_a + "/sparql", data={"query": plain}, headers=JSON, timeout=30)
            assert response.status_code == 502 and slow in response.text and "1.5 s" in response.text
            assert not re.search(r"127\.0\.0\.1:\d+/\d+\b", response.text)  # the relay's own address never shows
    finally:
        hanging.close()
