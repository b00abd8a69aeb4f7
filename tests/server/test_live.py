"""End to end against a real `orgkg serve` (gunicorn, several worker processes) on loopback."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time

import pytest
import requests

from tests.conftest import ROOT
from tests.server.conftest import TOKEN, free_port, live_server

SUITE = ROOT.parent / "shared" / "tools" / "protocol_suite.py"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SMALL = "SELECT ?s WHERE { ?s a <https://w3id.org/orgkg/ontology#ConferenceSeries> }"
JSON = {"Accept": "application/sparql-results+json"}


@pytest.mark.skipif(not SUITE.is_file(), reason="../shared/tools/protocol_suite.py is not beside the repository")
def test_w3c_protocol_suite_passes(writable_store):
    stub = free_port()
    with live_server(writable_store, "--update-token", TOKEN, "--allow-service", f"http://127.0.0.1:{stub}/sparql") as url:
        result = subprocess.run([sys.executable, str(SUITE), "--endpoint", url + "/sparql", "--update", url + "/sparql",
                                 "--header", f"Authorization: Bearer {TOKEN}", "--extras", "--stub-port", str(stub)],
                                capture_output=True, text=True, timeout=300)
    last = result.stdout.strip().splitlines()[-1]
    assert last == "50 passed, 0 failed, 0 skipped", result.stdout


def test_query_past_the_limit_is_stopped_while_others_are_served(seed_store):
    with live_server(seed_store, "--timeout", "2") as url:
        slow: dict = {}

        def run_slow() -> None:
            started = time.monotonic()
            response = requests.get(url + "/sparql", params={"query": CROSS_JOIN}, headers=JSON, timeout=30)
            slow.update(status=response.status_code, text=response.text, seconds=time.monotonic() - started)

        thread = threading.Thread(target=run_slow)
        thread.start()
        time.sleep(0.5)
        started = time.monotonic()
        small = requests.get(url + "/sparql", params={"query": SMALL}, headers=JSON, timeout=10)
        small_seconds = time.monotonic() - started
        thread.join(timeout=30)
        assert small.status_code == 200 and small_seconds < 1.0
        assert slow["status"] == 503 and "2 s limit" in slow["text"] and slow["seconds"] < 6
        for _ in range(5):  # the replaced worker and the other one keep answering
            assert requests.get(url + "/sparql", params={"query": SMALL}, headers=JSON, timeout=10).status_code == 200


def test_an_update_reaches_every_worker(writable_store):
    with live_server(writable_store, "--update-token", TOKEN, workers=3) as url:
        ask = "ASK { GRAPH <http://example.org/live> { <http://example.org/a> ?p ?o } }"
        # touch every worker first so each holds an open read-only store
        for _ in range(12):
            assert requests.get(url + "/sparql", params={"query": ask}, headers=JSON).json()["boolean"] is False
        update = "INSERT DATA { GRAPH <http://example.org/live> { <http://example.org/a> <http://example.org/b> 1 } }"
        response = requests.post(url + "/sparql", data=update, headers={"Content-Type": "application/sparql-update",
                                                                        "Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 204
        answers = {requests.get(url + "/sparql", params={"query": ask}, headers=JSON).json()["boolean"] for _ in range(30)}
        assert answers == {True}


def test_fresh_store_is_built_from_the_seeds(tmp_path):
    with live_server(tmp_path / "store") as url:
        response = requests.get(url + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                                headers=JSON)
        assert int(response.json()["results"]["bindings"][0]["n"]["value"]) > 300
        page = requests.get(url + "/resource/德国马列主义党", headers={"Accept": "text/html"})
        assert page.status_code == 200 and len(re.findall(r"/edition/\d+", page.text)) == 5
