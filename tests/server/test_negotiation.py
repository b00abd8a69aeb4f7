"""Content negotiation: Accept headers and format names, as a table."""

from __future__ import annotations

import pytest

from server.negotiation import GRAPHS, HTML, RESULTS, by_name, choose


@pytest.mark.parametrize("accept, expected", [
    (None, "application/sparql-results+json"),
    ("", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/*", "text/csv"),
    ("application/sparql-results+xml;q=0.9, application/sparql-results+json;q=0.9", "application/sparql-results+json"),
    ("image/png", None),
    ("application/sparql-results+json;q=0", None),
])
def test_results_accept(accept, expected):
    chosen = choose(accept, RESULTS)
    assert (chosen.media_type if chosen else None) == expected


@pytest.mark.parametrize("accept, expected", [
    ("text/turtle", "text/turtle"),
    ("application/n-triples", "application/n-triples"),
    ("text/plain", "application/n-triples"),
    ("application/ld+json", "application/ld+json"),
    ("application/rdf+xml;q=1, text/turtle;q=0.5", "application/rdf+xml"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/turtle"),
])
def test_graph_accept(accept, expected):
    assert choose(accept, GRAPHS[:4]).media_type == expected


def test_browsers_get_html_for_resources():
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
    assert choose(browser, (HTML,) + GRAPHS[:3]) is HTML
    assert choose("text/turtle", (HTML,) + GRAPHS[:3]).name == "turtle"


@pytest.mark.parametrize("name, expected", [
    ("json", "json"), ("xml", "xml"), ("csv", "csv"), ("tsv", "tsv"), ("application/sparql-results+json", "json"),
    ("srj", "json"), ("nope", None),
])
def test_format_names(name, expected):
    chosen = by_name(name, RESULTS)
    assert (chosen.name if chosen else None) == expected
