"""Reading SPARQL text: query forms, the SERVICE/LOAD allow-list, protocol datasets on updates."""

from __future__ import annotations

import pytest

from server.errors import HttpError
from server.sparql import REFUSED, apply_update_dataset, guard_remote, query_form

ALLOW = ("https://query.wikidata.org/sparql",)


@pytest.mark.parametrize("text, form", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("PREFIX a: <http://a/> # comment with SELECT\nASK { ?s a:p ?o }", "ASK"),
    ("BASE <http://x/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("describe <http://x>", "DESCRIBE"),
    ("INSERT DATA { <a> <b> <c> }", None),
    ("SELECT", "SELECT"),
])
def test_query_form(text, form):
    assert query_form(text) == form


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <HTTPS://QUERY.WIKIDATA.ORG/sparql/> { ?s ?p ?o } }",
    "PREFIX w: <https://query.wikidata.org/> SELECT * WHERE { SERVICE w:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3) } # SERVICE <http://evil/>",
    "SELECT * WHERE { ?s <http://p> \"SERVICE <http://evil/>\" }",
])
def test_allowed_or_absent_services_pass_unchanged(text):
    assert guard_remote(text, ALLOW) == text


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:8000/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <http://10.0.0.5/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <http://169.254.169.254/latest> { ?s ?p ?o } }",
    "PREFIX e: <http://evil.example/> SELECT * WHERE { SERVICE e:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
    "LOAD <http://10.0.0.5/data.ttl>",
])
def test_other_services_are_refused_naming_the_allow_list(text):
    with pytest.raises(HttpError) as refused:
        guard_remote(text, ALLOW)
    assert refused.value.status == 400 and ALLOW[0] in refused.value.message


def test_silent_service_outside_the_list_fails_silently():
    text = "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert guard_remote(text, ALLOW) == f"SELECT * WHERE {{ SERVICE SILENT {REFUSED} {{ ?s ?p ?o }} }}"


def test_update_dataset_goes_before_each_modify_where():
    update = ("PREFIX f: <http://f/> CLEAR ALL ; INSERT DATA { GRAPH <http://g> { <http://a> a f:D } } ;\n"
              "INSERT { GRAPH <http://t> { ?s a f:B } } WHERE { ?s a f:D { SELECT ?s WHERE { ?s ?p ?o } } }")
    rewritten = apply_update_dataset(update, ["http://g1"], ["http://n1"])
    assert rewritten.endswith("USING <http://g1> USING NAMED <http://n1> WHERE { ?s a f:D { SELECT ?s WHERE { ?s ?p ?o } } }")
    assert rewritten.count("USING") == 2


@pytest.mark.parametrize("update", [
    "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } USING <http://g> WHERE { ?s ?p ?o }",
    "DELETE WHERE { ?s ?p ?o }",
])
def test_update_dataset_conflicts_are_400(update):
    with pytest.raises(HttpError) as conflict:
        apply_update_dataset(update, ["http://g1"], [])
    assert conflict.value.status == 400


def test_no_protocol_dataset_leaves_update_alone():
    assert apply_update_dataset("WITH <http://g> DELETE WHERE { ?s ?p ?o }", [], []) == \
        "WITH <http://g> DELETE WHERE { ?s ?p ?o }"
