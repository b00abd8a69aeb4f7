"""Every named query in queries/: a title, a description, and rows read off the seed articles."""

from __future__ import annotations

import re

import pytest
from pyoxigraph import QueryTriples

from extract.queries import QUERIES_DIR, load_query, run
from extract.store import build, open_store
from tests.conftest import CORPUS, SEEDS, needs_corpus

R = "https://w3id.org/orgkg/resource/"
S = R + "马列主义政党和组织国际会议"
NAMED = sorted(p.stem for p in QUERIES_DIR.glob("*.rq"))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "store"
    build([SEEDS], path, validate=False)
    return open_store(path)


def rows(store, name: str) -> list[tuple]:
    results = run(store, load_query(name))
    return [tuple(None if row[v] is None else row[v].value for v in results.variables) for row in results]


def test_there_are_at_least_twelve_named_queries_each_with_title_and_description():
    assert len(NAMED) >= 12
    for name in NAMED:
        text = (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
        assert re.search(r"^# title: \S", text, re.M) and re.search(r"^# description: \S", text, re.M), name


@pytest.mark.parametrize("name", NAMED)
def test_every_named_query_parses(seeds, name):
    if name == "wikidata-items":
        pytest.skip("federated with Wikidata: needs internet; its parse is checked below")
    run(seeds, load_query(name))


def test_wikidata_query_parses_and_targets_only_wikidata():
    from server.sparql import guard_remote
    text = load_query("wikidata-items")
    assert guard_remote(text, ("https://query.wikidata.org/sparql",)) == text  # allowed by the default list
    import pyoxigraph
    results = pyoxigraph.Store().query(text)  # parsed here; not iterated, as evaluating would need the network
    assert [v.value for v in results.variables] == ["organisation", "name", "item", "country", "countryName"]


def test_attendees_of_one_conference(seeds):
    found = rows(seeds, "attendees-8th-conference")
    assert len(found) == 29
    assert ("工人共产党",) == tuple(r[1] for r in found if r[0] == R + "工人共产党_(挪威)")
    assert {r[2] for r in found} == {"马列主义政党和组织国际会议"}


def test_organisations_at_every_edition(seeds):
    # present in all five participant tables (1999, 2001, 2004, 2007, 2011), read table by table
    assert {r[2] for r in rows(seeds, "attended-every-edition")} == {
        "阿富汗马列主义组织", "阿根廷革命共产党", "孟加拉国工人党", "刚果革命组织", "马列主义共产主义组织－无产阶级道路",
        "德国马列主义党", "希腊共产主义组织", "卢森堡共产主义组织", "马列主义者团体/红色黎明", "菲律宾共产党",
        "土耳其共产党/马列", "乌拉圭革命共产党", "劳工革命组织"}


def test_attendance_timeline(seeds):
    assert rows(seeds, "attendance-timeline") == [
        ("马列主义政党和组织国际会议", str(n), y, "1999", "2011")
        for n, y in ((6, "1999"), (7, "2001"), (8, "2004"), (9, "2007"), (10, "2011"))]


def test_listed_under_another_name(seeds):
    assert [(r[1], r[2]) for r in rows(seeds, "listed-under-another-name")] == [
        ("希腊共产主义组织", "A/辛涅奇亚"), ("玻利维亚共产党－马列毛", "玻利维亚共产党（马列）")]


def test_former_names_and_publications(seeds):
    assert rows(seeds, "former-names-and-publications") == [
        ("former name", "Revolutionary Internationalist Movement", None), ("former name", "革命国际主义运动", None),
        ("publication", "Notas Rojas", None), ("publication", "毛主义国际主义运动理论", "MIM Theory"),
        ("publication", "毛主义国际主义运动笔记", "MIM Notes"), ("publication", "毛派寄居者", "Maoist Sojourner")]


def test_conference_sizes_by_year(seeds):
    assert [(r[0], r[2], r[3]) for r in rows(seeds, "conference-sizes-by-year")] == [
        ("1999", "6", "21"), ("2001", "7", "27"), ("2004", "8", "29"), ("2007", "9", "24"), ("2011", "10", "24")]


def test_organisations_without_page(seeds):
    found = rows(seeds, "organisations-without-page")
    assert {r[0] for r in found} == {"激进学者", "争取抵抗支持委员会－争取共产主义", "共产党（马列）", "刚果革命组织",
                                     "南欧共产主义组织", "南非共产党（马列）", "卢森堡共产主义组织", "日本共产主义者同盟",
                                     "皮亚胡拉巴拉圭革命人民运动", "阿马鲁学会", "雷文多"}
    assert len(found) == 11


def test_publications_and_publishers(seeds):
    assert rows(seeds, "publications-and-publishers") == [
        ("Notas Rojas", "毛主义国际主义运动"), ("毛主义国际主义运动理论", "毛主义国际主义运动"),
        ("毛主义国际主义运动笔记", "毛主义国际主义运动"), ("毛派寄居者", "毛主义国际主义运动"), ("国际通讯", "马列主义政党和组织国际会议")]


def test_name_history(seeds):
    assert rows(seeds, "name-history") == [("毛主义国际主义运动", "革命国际主义运动", "FormerName", "1983", "1984"),
                                           ("毛主义国际主义运动", "毛主义国际主义运动", "CurrentName", "1984", None)]


def test_founding_years(seeds):
    assert rows(seeds, "founding-years") == [("毛主义国际主义运动", "1983")]


def _triples(store, name: str) -> set[tuple[str, str, str]]:
    results = run(store, load_query(name))
    assert isinstance(results, QueryTriples)
    return {(t.subject.value, t.predicate.value, t.object.value) for t in results}


def test_describe_organisation(seeds):
    found = _triples(seeds, "describe-organisation")
    attended = {o for s, p, o in found if p.endswith("#attended")}
    assert attended == {f"{S}/edition/{n}" for n in (6, 7, 8, 9, 10)}
    assert (R + "德国马列主义党", "http://www.w3.org/2000/01/rdf-schema#label", "德国马列主义党") in found


def test_organisation_neighbourhood(seeds):
    found = _triples(seeds, "organisation-neighbourhood")
    greek = R + "希腊共产主义组织"
    assert (greek, "http://www.w3.org/2004/02/skos/core#altLabel", "A/辛涅奇亚") in found
    years = {o for s, p, o in found if p.endswith("#year")}
    assert years == {"1999", "2001", "2004", "2007", "2011"}
    assert (S, "http://www.w3.org/2000/01/rdf-schema#label", "马列主义政党和组织国际会议") in found


def test_shared_between_series_is_empty_on_the_seeds(seeds):
    assert rows(seeds, "shared-between-series") == []  # the seeds hold one series


@needs_corpus
def test_shared_between_series_joins_two_articles(tmp_path):
    build([SEEDS, CORPUS], tmp_path / "store", validate=False)
    found = rows(open_store(tmp_path / "store"), "shared-between-series")
    pair = {r[1] for r in found if {r[2], r[3]} == {"国际共产主义研讨会", "马列主义政党和组织国际会议"}}
    # in both the ICMLPO seed's participant tables and the ICS article's, read from the two articles
    assert pair == {"工人共产党", "菲律宾共产党", "劳动党", "土耳其共产党/马列", "劳工革命组织",
                    "印度共产党（马列）人民力量", "阿根廷革命共产党"}
