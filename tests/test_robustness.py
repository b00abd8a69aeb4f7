"""Builds survive bad input and being killed; a running server keeps serving through both."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from extract.store import build, open_store
from tests.conftest import ARTICLES, CORPUS, ROOT, SEEDS
from tests.server.conftest import live_server

BROKEN = ARTICLES / "broken"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_broken_folder_names_each_file_and_builds_the_rest(tmp_path):
    result = subprocess.run([sys.executable, "-m", "extract.cli", "build", str(BROKEN), "--store", str(tmp_path / "s")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "articles read: 2" in out and "skipped: 5" in out
    for name, reason in [("binary.md", "binary file"), ("empty.md", "empty file"), ("latin1.txt", "not UTF-8 text"),
                         ("nosubject.txt", "no subject"), ("page.md", "HTML or XML")]:
        assert any(line.strip().startswith(str(BROKEN / name)) and reason in line for line in out.splitlines()), name
    assert "Traceback" not in result.stderr


def _big_input(folder: Path, copies: int) -> None:
    """Many distinct articles (seed text under new titles), so a build runs long enough to be killed."""
    page = folder / "Page"
    page.mkdir(parents=True)
    sources = [p for p in sorted((CORPUS if CORPUS.is_dir() else SEEDS).iterdir()) if p.is_file()]
    for i in range(copies):
        source = sources[i % len(sources)]
        (page / f"条目{i}.md").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")


def test_killed_build_leaves_the_store_and_the_server_alone(tmp_path):
    store = tmp_path / "store"
    build([SEEDS], store, validate=False)
    before = len(open_store(store))
    _big_input(tmp_path / "big", 4000)
    with live_server(store) as url:
        def count() -> int:
            r = requests.get(url + "/sparql", params={"query": COUNT}, headers={"Accept": "application/sparql-results+json"})
            return int(r.json()["results"]["bindings"][0]["n"]["value"])

        served = count()
        process = subprocess.Popen([sys.executable, "-m", "extract.cli", "build", str(tmp_path / "big"), "--store", str(store)],
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        staging = tmp_path / f"store.building-{process.pid}"
        deadline = time.monotonic() + 60
        while not staging.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)  # well into extraction
        assert process.poll() is None, "the build finished before it could be killed; use a bigger input"
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert staging.exists()  # left behind by the killed build
        assert len(open_store(store)) == before
        assert count() == served  # the running server still answers from the previous store
        rebuilt = build([SEEDS, ARTICLES / "Page"], store, validate=False)  # the next build succeeds ...
        assert rebuilt.articles + rebuilt.kept == 8 and not staging.exists()  # ... and clears the dead build's folder
        time.sleep(0.2)
        assert count() > served  # the server reopened the new store on its next request


def test_interrupted_swap_is_recovered(tmp_path):
    store = tmp_path / "store"
    build([SEEDS], store, validate=False)
    before = len(open_store(store))
    shutil.move(store, tmp_path / "store.previous")  # as if killed between the two renames
    assert len(open_store(store)) == before
