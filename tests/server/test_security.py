"""Security by default: writes need the token, remote calls stay on the allow-list, no traversal, no leaks."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from server import create_app
from tests.server.conftest import TOKEN


class _Recorder(ThreadingHTTPServer):
    """A loopback HTTP server that answers every request with a fixed status and records the paths it saw."""

    def __init__(self, status: int, location: str | None = None) -> None:
        self.seen: list[str] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _answer(self) -> None:
                recorder.seen.append(self.path)
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = _answer

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/sparql"


def test_a_redirect_from_an_allowed_endpoint_is_not_followed(seed_store):
    inner = _Recorder(200)  # stands for an internal address the redirect points at
    outer = _Recorder(302, location=inner.url)
    try:
        client = create_app({"store": str(seed_store), "allow_service": [outer.url]}).test_client()
        response = client.post("/sparql", data={"query": f"SELECT * WHERE {{ SERVICE <{outer.url}> {{ ?s ?p ?o }} }}"})
        assert response.status_code == 502 and b"redirected" in response.data
        assert outer.seen and not inner.seen  # the redirect target was never contacted
    finally:
        inner.shutdown()
        outer.shutdown()


@pytest.mark.parametrize("target", ["http://127.0.0.1:8000/data.ttl", "http://10.0.0.8/data.ttl",
                                    "http://169.254.169.254/latest/meta-data", "file:///etc/passwd"])
def test_load_outside_the_allow_list_is_refused(writer, target):
    response = writer.post("/sparql", data=f"LOAD <{target}> INTO GRAPH <http://example.org/g>",
                           content_type="application/sparql-update", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400 and b"query.wikidata.org" in response.data


@pytest.mark.parametrize("path", [
    "/store?graph=file:///etc/passwd", "/store?graph=../../../etc/passwd", "/export/../../../etc/passwd",
    "/resource/..%2F..%2F..%2Fetc%2Fpasswd", "/resource/%2e%2e/%2e%2e/etc/passwd", "/graph/..%2F..%2Fstore%2FCURRENT",
    "/static/..%2F..%2Fserver%2Fconfig.py", "/static/../config.py", "/queries/../pyproject.toml",
])
def test_no_path_reaches_files_or_the_store(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert b"root:" not in response.data and b"[project]" not in response.data and b"Config" not in response.data


def test_errors_never_echo_paths_or_secrets(tmp_path):
    missing = tmp_path / "secret-location-7f3a"
    client = create_app({"store": str(missing), "update_token": TOKEN}).test_client()
    response = client.get("/sparql?query=ASK%7B%7D")
    assert response.status_code == 500 and b"secret-location" not in response.data and str(tmp_path).encode() not in response.data
    wrong = client.post("/sparql", data="CLEAR ALL", content_type="application/sparql-update",
                        headers={"Authorization": "Bearer not-the-token-e91c"})
    assert wrong.status_code == 403 and b"not-the-token" not in wrong.data and TOKEN.encode() not in wrong.data


def test_cors_preflight_never_allows_credentials(client):
    response = client.options("/sparql", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
                                                  "Access-Control-Request-Headers": "authorization"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_an_allowed_name_that_resolves_to_a_local_address_is_refused(seed_store):
    inner = _Recorder(200)
    port = inner.server_address[1]
    named = f"http://localhost:{port}/sparql"  # allowed by name, resolving to loopback
    try:
        client = create_app({"store": str(seed_store), "allow_service": [named]}).test_client()
        response = client.post("/sparql", data={"query": f"SELECT * WHERE {{ SERVICE <{named}> {{ ?s ?p ?o }} }}"})
        assert response.status_code == 502 and b"local address" in response.data
        assert not inner.seen
    finally:
        inner.shutdown()
