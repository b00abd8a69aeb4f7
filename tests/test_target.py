"""`orgkg build --target`: a build loaded into a real `oxigraph serve` through the Graph Store Protocol."""

from __future__ import annotations

import shutil

import pytest

from extract.cli import main
from extract.remote import RemoteStore
from extract.store import open_store
from tests.conftest import ARTICLES, SEEDS, oxigraph_server


def _quads(store) -> list[str]:
    """Every quad of a store or a remote store, as sorted N-Quads lines."""
    rows = store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return sorted(f"{r[0]} {r[1]} {r[2]} {r[3]} ." for r in rows)


def test_a_build_loads_into_a_remote_store_and_a_rebuild_sends_only_what_changed(tmp_path, capsys):
    inputs = tmp_path / "in"
    shutil.copytree(ARTICLES / "Page", inputs)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    store = tmp_path / "store"
    with oxigraph_server(tmp_path / "remote") as url:
        remote = RemoteStore(url + "/query")
        # a graph of another dataset in the same remote store, which orgkg must leave alone
        remote.update("INSERT DATA { GRAPH <http://example.org/other> { <http://example.org/a> <http://example.org/p> 1 } }")
        argv = ["build", str(inputs), str(tmp_path / "seeds"), "--store", str(store), "--no-validate", "--target", url + "/query"]
        assert main(argv) == 0
        first = capsys.readouterr().out
        local = open_store(store)
        graphs = sum(1 for _ in local.named_graphs())
        assert f"{graphs} graphs sent" in first and "0 unchanged, 0 deleted" in first
        theirs = _quads(remote)
        assert [q for q in theirs if "example.org/other" not in q] == _quads(local)
        assert len(theirs) == len(_quads(local)) + 1

        page = sorted(inputs.iterdir())[0]  # edit one article, delete another
        page.write_text(page.read_text(encoding="utf-8") + "\n该党于2020年举行了代表大会。\n", encoding="utf-8")
        sorted(inputs.iterdir())[1].unlink()
        assert main(argv) == 0
        second = capsys.readouterr().out
        # the edited article's graph and the ontology graph (no digest: always sent); the deleted one's graph goes
        assert "2 graphs sent" in second and f"{graphs - 3} unchanged, 1 deleted" in second
        assert [q for q in _quads(remote) if "example.org/other" not in q] == _quads(open_store(store))
        assert any("example.org/other" in q for q in _quads(remote))


def test_an_unreachable_target_fails_in_one_line_after_the_build(tmp_path, capsys):
    from tests.server.conftest import free_port
    port = free_port()  # nothing listens there
    code = main(["build", str(SEEDS), "--store", str(tmp_path / "store"), "--no-validate",
                 "--target", f"http://127.0.0.1:{port}/query"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert err[0].startswith(f"orgkg build: error: loading into http://127.0.0.1:{port}/query failed: remote store")
    assert "the local store is built" in err[0]
    assert len(open_store(tmp_path / "store")) > 0


@pytest.mark.parametrize("argv, message", [
    (["--target", "ftp://example.org/query"], "--target: not an http(s) URL: ftp://example.org/query"),
    (["--target", "http://127.0.0.1:9/sparql"], "--target: give the store's Graph Store Protocol endpoint with --target-store"),
])
def test_a_bad_target_fails_before_the_build(tmp_path, capsys, argv, message):
    assert main(["build", str(SEEDS), "--store", str(tmp_path / "store"), *argv]) == 2
    assert capsys.readouterr().err.strip() == f"orgkg build: error: {message}"
    assert not (tmp_path / "store").exists()
