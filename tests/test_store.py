"""Building into an on-disk Oxigraph store, the CLI around it, and SHACL validation."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import NamedNode, RdfFormat, Store

from extract.cli import main
from extract.queries import export
from extract.store import BuildError, build, open_store
from extract.validate import validate_graph
from tests.conftest import ARTICLES, CORPUS, SEEDS, needs_corpus


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store"
    report = build([SEEDS], path)
    assert report.articles == 2 and not report.skipped
    assert report.validation.conforms and not report.validation.violations
    return path


def test_query_answers_the_8th_conference_with_29_rows(seed_store, capsys):
    assert main(["query", "attendees-8th-conference", "--store", str(seed_store), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "organisation,name,series" and len(lines) == 30


def test_union_default_graph_and_one_graph_per_article(seed_store):
    store = open_store(seed_store)
    graphs = {g.value for g in store.named_graphs()}
    assert "https://w3id.org/orgkg/graph/毛主义国际主义运动" in graphs
    assert "https://w3id.org/orgkg/graph/马列主义政党和组织国际会议" in graphs
    ask = "ASK { <https://w3id.org/orgkg/resource/毛主义国际主义运动> a <https://w3id.org/orgkg/ontology#Organisation> }"
    assert bool(store.query(ask, use_default_graph_as_union=True))


def test_export_turtle_parses_to_the_same_triples_as_ntriples(seed_store):
    store = open_store(seed_store)
    turtle, nt = io.BytesIO(), io.BytesIO()
    export(store, turtle, RdfFormat.TURTLE)
    export(store, nt, RdfFormat.N_TRIPLES)
    a = rdflib.Graph().parse(data=turtle.getvalue().decode(), format="turtle")
    b = rdflib.Graph().parse(data=nt.getvalue().decode(), format="nt")
    assert len(a) == len(b) > 300 and set(a) == set(b)


def test_same_input_same_graph(tmp_path):
    build([SEEDS, ARTICLES], tmp_path / "a", validate=False)
    build([ARTICLES, SEEDS], tmp_path / "b", validate=False)
    dump = lambda p: sorted(open_store(p).dump(format=RdfFormat.N_QUADS).decode().splitlines())  # noqa: E731
    assert dump(tmp_path / "a") == dump(tmp_path / "b")


def test_bad_files_are_reported_and_skipped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "000_feb0c7de58155e47.txt", folder / "mim.txt")
    (folder / "empty.md").write_text("")
    (folder / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (folder / "page.md").write_text("<!DOCTYPE html><html><body>x</body></html>")
    (folder / "latin1.txt").write_bytes("**Caf\xe9**".encode("latin-1"))
    (folder / "nosubject.txt").write_text("一段没有粗体主语的文字。")
    report = build([folder], tmp_path / "store")
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert report.articles == 1
    assert reasons == {"empty.md": "empty file", "binary.md": "binary file",
                       "page.md": "HTML or XML, not a Markdown article", "latin1.txt": "not UTF-8 text (byte 5)",
                       "nosubject.txt": "no subject: no bold name in the lead and no Page/<title> file name"}


def test_failed_build_keeps_the_previous_store(tmp_path, monkeypatch):
    path = tmp_path / "store"
    build([SEEDS], path, validate=False)
    before = len(open_store(path))

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("extract.store.class_counts", boom)
    with pytest.raises(RuntimeError):
        build([ARTICLES], path, validate=False)
    assert len(open_store(path)) == before
    assert not list(tmp_path.glob("store.building-*"))


def test_missing_input_and_missing_store_are_one_line_errors(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope"), "--store", str(tmp_path / "s")]) == 2
    assert main(["stats", "--store", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"orgkg build: error: input not found: {tmp_path / 'nope'} (give article files or folders of them)",
                   f"orgkg stats: error: no store at {tmp_path / 'none'}: run `orgkg build` first (or pass --store)"]


def test_malformed_query_is_a_one_line_error(seed_store, tmp_path, capsys):
    query = tmp_path / "bad.rq"
    query.write_text("SELECT * WHERE {")
    assert main(["query", str(query), "--store", str(seed_store)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("orgkg query: error: malformed query:")


def test_console_script_runs(seed_store):
    result = subprocess.run([sys.executable, "-m", "extract.cli", "stats", "--store", str(seed_store)],
                            capture_output=True, text=True, check=True)
    assert "article graphs: 2" in result.stdout


def test_broken_graph_fails_validation():
    broken = rdflib.Graph().parse(format="turtle", data="""
        @prefix okg: <https://w3id.org/orgkg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/orgkg/resource/X> a okg:Organisation ;
            okg:publishes <https://w3id.org/orgkg/resource/Y> .
        <https://w3id.org/orgkg/resource/E> a okg:Conference ; rdfs:label "E"@zh ;
            okg:ordinal 0 ; okg:year "2011"^^xsd:gYear .
    """)
    report = validate_graph(broken)
    assert not report.conforms
    paths = {f.path.rsplit("#", 1)[-1] for f in report.violations}
    assert {"label", "publishes", "editionOf", "ordinal"} <= paths


@needs_corpus
def test_corpus_and_seeds_build_and_validate(tmp_path):
    report = build([CORPUS, SEEDS], tmp_path / "store")
    assert report.articles == 49 and not report.skipped
    assert report.validation.conforms and not report.validation.violations
    assert report.classes["Organisation"] > 400 and report.classes["Publication"] >= 15


def test_sparql_constraints_run_in_the_store_and_catch_violations():
    import pyoxigraph
    from extract.validate import validate_store
    store = pyoxigraph.Store()
    store.load("""
        @prefix okg: <https://w3id.org/orgkg/ontology#> .
        @prefix skosxl: <http://www.w3.org/2008/05/skos-xl#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/orgkg/resource/O> okg:hasName <https://w3id.org/orgkg/resource/O/name/1> .
        <https://w3id.org/orgkg/resource/O/name/1> a okg:NameRecord ; skosxl:literalForm "旧名"@zh ;
            okg:nameStatus okg:FormerName ; okg:validFrom "1990"^^xsd:gYear ; okg:validUntil "1980"^^xsd:gYear .
    """.encode(), format=pyoxigraph.RdfFormat.TURTLE, to_graph=pyoxigraph.NamedNode("https://w3id.org/orgkg/graph/O"))
    report = validate_store(store)
    messages = {f.message.split(" (")[0] for f in report.violations}
    assert not report.conforms
    # both SHACL-SPARQL constraints of the NameRecord shape fire: years out of order, shortcut missing
    assert messages == {"a name is valid until a year before it is valid from",
                        "a former-name record is not mirrored by okg:formerlyNamed on its owner"}


def test_parallel_extraction_gives_the_same_graph_and_report(tmp_path, monkeypatch):
    from tests.bench.corpus import generate
    monkeypatch.setattr("extract.store.PARALLEL_FROM", 1)  # worker processes even for a small input
    generate(tmp_path / "in", 120, seed=7)
    (tmp_path / "in" / "Page" / "empty.md").write_text("")
    one = build([tmp_path / "in"], tmp_path / "one", validate=False, jobs=1)
    two = build([tmp_path / "in"], tmp_path / "two", validate=False, jobs=2)
    assert (one.articles, one.quads, one.skipped) == (two.articles, two.quads, two.skipped) and one.articles == 120
    dump = lambda p: open_store(p).dump(format=RdfFormat.N_QUADS)  # noqa: E731
    assert dump(tmp_path / "one") == dump(tmp_path / "two")  # same quads in the same order


def test_rdf_files_are_loaded_as_they_are(tmp_path):
    (tmp_path / "fix.ttl").write_text('<https://w3id.org/orgkg/resource/X> <http://www.w3.org/2000/01/rdf-schema#label> "X"@zh .\n')
    (tmp_path / "links.nq").write_text('<http://a> <http://www.w3.org/2002/07/owl#sameAs> <http://b> <http://example.org/links> .\n')
    (tmp_path / "bad.nt").write_text("<http://a> <http://b> this is not n-triples .\n")
    report = build([SEEDS, tmp_path], tmp_path / "store", validate=False)
    store = open_store(tmp_path / "store")
    graphs = {g.value for g in store.named_graphs()}
    # a triple file gets a graph of its own, named like article sources: input folder and file name
    assert f"https://w3id.org/orgkg/graph/data/{tmp_path.name}/fix.ttl" in graphs
    assert "http://example.org/links" in graphs  # a quad file keeps the graphs it names
    assert report.articles == 2 and report.rdf_files == 2
    assert [(Path(s.path).name, s.reason.split(":")[0]) for s in report.skipped] == [("bad.nt", "not valid N-Triples")]
    assert not any(g.endswith("/bad.nt") for g in graphs)


def test_incremental_rebuild_equals_a_full_build(tmp_path):
    from tests.bench.corpus import generate
    pages = tmp_path / "in" / "Page"
    generate(tmp_path / "in", 150, seed=3)
    store = tmp_path / "store"
    build([tmp_path / "in"], store, validate=False, jobs=1)
    files = sorted(pages.iterdir())
    for changed in files[:2]:  # two articles edited
        changed.write_text(changed.read_text(encoding="utf-8") + "\n该组织是[甲联盟](../Page/甲联盟.md \"wikilink\")的成员。\n",
                           encoding="utf-8")
    files[2].unlink()  # one deleted
    shutil.copy(files[3], pages / "新条目.md")  # one added (a new title for known text)
    report = build([tmp_path / "in"], store, validate=False, jobs=1)
    # 149 of the old files remain, 2 of them edited: 147 kept; 2 edited + 1 deleted dropped; 2 edited + 1 new read
    assert (report.kept, report.dropped, report.articles) == (147, 3, 3)
    full = build([tmp_path / "in"], tmp_path / "full", validate=False, jobs=1, full=True)
    assert full.articles == 150 and report.quads == full.quads
    dump = lambda p: sorted(open_store(p).dump(format=RdfFormat.N_QUADS).decode().splitlines())  # noqa: E731
    assert dump(store) == dump(tmp_path / "full")


def test_an_incremental_rebuild_drops_what_the_inputs_do_not_make(tmp_path):
    store = tmp_path / "store"
    extra = tmp_path / "extra.nt"
    extra.write_text("<http://example.org/a> <http://example.org/p> \"loaded\" .\n", encoding="utf-8")
    build([SEEDS, extra], store, validate=False)  # an earlier build with an RDF input
    written = Store(str(store))
    written.update("INSERT DATA { <http://example.org/b> <http://example.org/p> 1 . "
                   "GRAPH <http://example.org/g> { <http://example.org/c> <http://example.org/p> 2 } }")
    del written
    report = build([SEEDS], store, validate=False)  # the same articles without the RDF file: incremental
    # the RDF file's graph at least (an update still in the write-ahead log may not reach the checkpoint)
    assert (report.kept, report.articles) == (2, 0) and report.dropped >= 1
    assert not any(g.value.startswith("http://example.org/") or "/data/" in g.value for g in open_store(store).named_graphs())
    assert not list(open_store(store).quads_for_pattern(None, NamedNode("http://example.org/p"), None, None))


def test_a_changed_extractor_version_re_extracts_everything(tmp_path, monkeypatch):
    store = tmp_path / "store"
    build([SEEDS], store, validate=False)
    monkeypatch.setattr("extract.incremental.AGENT", type(open_store(store).named_graphs().__next__())("https://w3id.org/orgkg/extractor/9"))
    report = build([SEEDS], store, validate=False)
    assert (report.kept, report.articles) == (0, 2)


CROSS_GRAPH = {  # graph -> Turtle; facts a constraint needs sit in other graphs than its focus node
    "A": """<r/O1> a okg:Organisation ; rdfs:label "甲"@zh ; okg:publishes <r/P> , <r/Q> ; okg:foundingYear "1990"^^xsd:gYear ;
                okg:memberOf <r/O3> ; okg:hasName <r/N> .
            <r/N> a okg:NameRecord ; skosxl:literalForm "甲"@zh ; okg:nameStatus okg:CurrentName .""",
    "B": """<r/P> a okg:Publication ; rdfs:label "报"@zh .
            <r/O1> okg:foundingYear "1991"^^xsd:gYear .
            <r/O3> a okg:Organisation .""",
    "C": """<r/O2> a okg:Organisation ; rdfs:label "乙"@zh ; okg:hasName <r/N> ; okg:attended <r/E> .
            <r/E> a okg:Conference ; rdfs:label "会"@zh ; okg:editionOf <r/S> .
            <r/S> a okg:ConferenceSeries ; rdfs:label "系列"@zh .""",
}


def _cross_graph_store(location=None):
    import pyoxigraph
    store = pyoxigraph.Store(location)
    prefixes = """@base <https://w3id.org/orgkg/> . @prefix okg: <https://w3id.org/orgkg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix skosxl: <http://www.w3.org/2008/05/skos-xl#> ."""
    for name, turtle in CROSS_GRAPH.items():
        store.load((prefixes + turtle).encode(), format=pyoxigraph.RdfFormat.TURTLE,
                   to_graph=pyoxigraph.NamedNode(f"https://w3id.org/orgkg/graph/{name}"))
    return store


def test_validation_in_chunks_equals_validation_of_the_whole_graph(tmp_path, monkeypatch):
    import extract.validate as validate
    store = _cross_graph_store(str(tmp_path / "s"))
    union = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }").serialize(format=RdfFormat.N_TRIPLES)
    expected = validate.validate_graph(rdflib.Graph().parse(data=union.decode(), format="nt"))
    found = {(f.severity, f.focus.rsplit("/", 1)[-1], f.path.rsplit("#", 1)[-1])
             for f in expected.findings}
    # read from the data: Q is untyped, O3 has no label, N has two owners, O1 two founding years
    assert found == {("Violation", "O1", "publishes"), ("Violation", "O3", "label"),
                     ("Violation", "N", "hasName"), ("Warning", "O1", "foundingYear")}
    about = lambda findings: sorted((f.severity, f.focus, f.path, f.component) for f in findings)  # noqa: E731
    assert about(validate.validate_store(store).findings) == about(expected.findings)  # compiled to SPARQL

    def uncompilable(*args):
        raise validate.shacl_sparql.Unsupported("as if the shapes used what the compiler does not cover")

    monkeypatch.setattr(validate.shacl_sparql.Compiler, "checks", uncompilable)  # pySHACL, chunk by chunk
    monkeypatch.setattr(validate, "CHUNK", 1)  # every focus node alone: all it needs comes from other graphs
    assert validate.validate_store(store).findings == expected.findings
    del store
    reader = Store.read_only(str(tmp_path / "s"))
    assert validate.validate_store(reader, jobs=2, location=tmp_path / "s").findings == expected.findings


def test_an_incremental_rebuild_validates_what_the_change_can_affect():
    import pyoxigraph
    from extract.incremental import Changes
    from extract.validate import inverse_predicates, validate_store
    store = _cross_graph_store()
    changes = Changes(inverse_predicates())
    dropped = pyoxigraph.NamedNode("https://w3id.org/orgkg/graph/B")  # the article that typed P and O3
    for quad in store.quads_for_pattern(None, None, None, dropped):
        changes.note(quad)
    store.remove_graph(dropped)
    focus = changes.focus(store)
    r = "https://w3id.org/orgkg/r/"
    # B's subjects, and O1, which points at the re-typed P and O3; not O2, E, S or N, which nothing changed
    assert focus == {r + "P", r + "O1", r + "O3"}
    partial = validate_store(store, focus=focus)
    full = validate_store(store)
    assert partial.partial and partial.checked == 1  # O1: P and O3 lost every type, so they are no focus nodes
    okg = "https://w3id.org/orgkg/ontology#"
    # P and Q are both untyped now, and so is the O3 it is a member of; the founding-year warning went with B
    assert sorted((f.focus, f.path) for f in partial.findings) == [
        (r + "O1", okg + "memberOf"), (r + "O1", okg + "publishes"), (r + "O1", okg + "publishes")]
    assert set(partial.findings) < set(full.findings)  # the rest of full's findings (N's owners) did not change
    same = Changes(inverse_predicates())  # an article extracted again to the same triples changes nothing
    for quad in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode("https://w3id.org/orgkg/graph/C")):
        same.note(quad)
        same.note(quad, added=True)
    assert same.focus(store) == set()
