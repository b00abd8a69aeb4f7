"""Shared fixtures: paths to the seeds, the shared corpus and hand-written articles; facts as readable tuples."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from extract.pipeline import Extraction, extract_text
from extract.vocab import PREFIXES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTICLES = Path(__file__).resolve().parent / "articles"
CORPUS = ROOT.parent / "shared" / "corpus" / "Page"
MIM = SEEDS / "000_feb0c7de58155e47.txt"
ICMLPO = SEEDS / "002_4563acc429c8a94e.txt"


def short(term) -> str:
    """A term as a short readable string: `okr:…`, `okg:…`, `"text"@zh`, or a bare literal value."""
    value = term.value
    if type(term).__name__ == "Literal":
        return f'"{value}"@{term.language}' if term.language else value
    for prefix, base in PREFIXES.items():
        if value.startswith(base):
            return f"{prefix}:{value[len(base):]}"
    return value


def facts(extraction: Extraction) -> set[tuple[str, str, str]]:
    return {(short(q.subject), short(q.predicate), short(q.object)) for q in extraction.quads}


def extract_file(path: Path) -> Extraction:
    return extract_text(path.read_text(encoding="utf-8"), str(path))


def objects(found: set, subject: str, predicate: str) -> set[str]:
    return {o for s, p, o in found if s == subject and p == predicate}


def subjects(found: set, predicate: str, obj: str) -> set[str]:
    return {s for s, p, o in found if p == predicate and o == obj}


@pytest.fixture(scope="session")
def mim() -> set:
    return facts(extract_file(MIM))


@pytest.fixture(scope="session")
def icmlpo() -> set:
    return facts(extract_file(ICMLPO))


def corpus_available() -> bool:
    return CORPUS.is_dir()


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")


@contextmanager
def oxigraph_server(location: Path, *options: str):
    """A real `oxigraph serve` (PyPI `oxigraph`, a test dependency) on a free loopback port; yields its base URL."""
    import requests
    command = shutil.which("oxigraph")
    if command is None:
        pytest.skip("the `oxigraph` command is not installed (pip install -e '.[test]')")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([command, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(url + "/query", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("oxigraph serve did not start")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
