"""SHACL core constraints compiled to SPARQL give the findings pySHACL gives, constraint by constraint."""

from __future__ import annotations

from collections import Counter

import pytest
import rdflib
from pyoxigraph import NamedNode, RdfFormat, Store

from extract import shacl_sparql
from extract.validate import SHAPES, validate_graph, validate_store

ONTOLOGY = "https://w3id.org/orgkg/ontology"
PREFIXES = """@prefix okg: <https://w3id.org/orgkg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix skosxl: <http://www.w3.org/2008/05/skos-xl#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dct: <http://purl.org/dc/terms/> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix r: <https://w3id.org/orgkg/resource/> . @prefix ex: <http://example.org/> .
"""
# every constraint of ontology/shapes.ttl broken at least once, spread over two article graphs
BROKEN = {
    "A": """
        [] a okg:Organisation ; rdfs:label "无名"@zh .
        r:O1 a okg:Organisation ; rdfs:label "甲" , "Alpha"@en ; skos:altLabel "plain" ;
            foaf:isPrimaryTopicOf "not an IRI" , <http://example.org/wiki/O1> ;
            okg:formerlyNamed "old" ; okg:abbreviation "ABC" ; okg:foundingYear "1990" , "1991"^^xsd:gYear ;
            okg:attended "a literal" , r:Untyped , r:E1 ; okg:publishes r:Untyped , r:P1 ;
            okg:memberOf r:P1 , r:Sub ; dct:subject r:Untyped .
        r:P1 a okg:Publication ; rdfs:label "报"@zh ; okg:formerlyNamed "旧报" ; okg:foundingYear 1900 .
        ex:Party rdfs:subClassOf okg:Organisation .
        r:Sub a ex:Party ; rdfs:label "子"@zh ; okg:publishes r:Untyped .
        <https://w3id.org/orgkg/graph/A> a prov:Entity ; prov:wasDerivedFrom <http://example.org/A> ;
            okg:sourceDigest "xyz" .
    """,
    "B": """
        r:E1 a okg:Conference ; rdfs:label "会"@zh ; okg:ordinal 0 , 2 ; okg:year "2001" .
        r:E2 a okg:Conference ; rdfs:label "会二"@zh ; okg:editionOf "series" , r:S , r:O1 ; okg:ordinal "x" .
        r:S a okg:ConferenceSeries ; rdfs:label "系列"@zh .
        r:N1 a okg:NameRecord ; okg:nameStatus okg:CurrentName , okg:Other ; okg:validFrom "1990" .
        r:N2 a okg:NameRecord ; skosxl:literalForm "名"@zh , "名二"@zh ; okg:nameStatus okg:FormerName .
        r:O2 a okg:Organisation ; rdfs:label "乙"@zh ; okg:hasName r:N2 . r:O3 okg:hasName r:N2 .
        <https://w3id.org/orgkg/graph/B> a prov:Entity ; prov:wasDerivedFrom <https://zh.wikipedia.org/wiki/B> ;
            foaf:primaryTopic r:E1 , r:E2 ; okg:sourceDigest "%s" .
    """ % ("0" * 64),
}


def _store() -> Store:
    store = Store()
    for name, turtle in BROKEN.items():
        store.load((PREFIXES + turtle).encode(), format=RdfFormat.TURTLE,
                   to_graph=NamedNode(f"https://w3id.org/orgkg/graph/{name}"))
    # the ontology graph is left out of the data graph, as in a build: its subclass axioms do not count
    store.load(f"{PREFIXES} okg:Thing rdfs:subClassOf okg:Organisation . r:T a okg:Thing .".encode(),
               format=RdfFormat.TURTLE, to_graph=NamedNode(ONTOLOGY))
    return store


def _key(findings) -> Counter:
    """What each finding is about; blank nodes count, their labels do not."""
    return Counter((f.severity, "_:" if "/" not in f.focus else f.focus, f.path, f.component) for f in findings)


def _reference(store: Store):
    """pySHACL over the union of the graphs but the ontology's."""
    data = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{ONTOLOGY}>) }}")
    return validate_graph(rdflib.Graph().parse(data=data.serialize(format=RdfFormat.N_TRIPLES).decode(), format="nt"))


def test_every_compiled_constraint_finds_what_pyshacl_finds():
    store = _store()
    expected = _reference(store)
    components = {f.component for f in expected.findings}
    # the data breaks every kind of constraint the shapes use, so each compiled query is compared
    assert components >= {"MinCount", "MaxCount", "Datatype", "NodeKind", "Pattern", "LanguageIn", "Class", "In",
                          "MinInclusive", "Or", "SPARQL"}
    # a subclass instance is targeted through the data's rdfs:subClassOf, not through the ontology graph's
    assert ("Violation", "https://w3id.org/orgkg/resource/Sub", "https://w3id.org/orgkg/ontology#publishes",
            "Class") in _key(expected.findings)
    assert not any(f.focus.endswith("/T") for f in expected.findings)
    found = validate_store(store, exclude_graph=ONTOLOGY)
    assert _key(found.findings) == _key(expected.findings)
    assert not found.conforms


def test_a_focus_subset_gets_the_findings_about_those_nodes():
    store = _store()
    full = validate_store(store, exclude_graph=ONTOLOGY)
    part = validate_store(store, exclude_graph=ONTOLOGY, focus=["https://w3id.org/orgkg/resource/E2",
                                                                "https://w3id.org/orgkg/resource/N1"])
    assert part.partial and part.checked == 2
    # the SPARQL constraints always run over the whole graph
    assert _key(f for f in part.findings if f.component != "SPARQL") == _key(
        f for f in full.findings if f.component != "SPARQL" and f.focus.rsplit("/", 1)[-1] in ("E2", "N1"))


@pytest.mark.parametrize("turtle, feature", [
    ("[] a sh:NodeShape ; sh:targetNode ex:x ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .", "targetNode"),
    ("[] a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] .", "path"),
    ("[] a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:maxLength 3 ] .", "maxLength"),
    ("[] a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .", "closed"),
])
def test_what_the_compiler_does_not_cover_is_refused(turtle, feature):
    shapes = rdflib.Graph().parse(data="@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> ."
                                       + turtle, format="turtle")
    with pytest.raises(shacl_sparql.Unsupported, match=feature):
        shacl_sparql.Compiler(shapes, {}, None).checks()


def test_shapes_it_cannot_compile_are_validated_by_pyshacl(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES.read_text(encoding="utf-8") + "\noks:Extra a sh:NodeShape ; sh:targetClass okg:Publication ;"
                      " sh:property [ sh:path rdfs:label ; sh:maxLength 0 ] .\n", encoding="utf-8")
    store = _store()
    found = validate_store(store, exclude_graph=ONTOLOGY, shapes_path=shapes)
    assert ("Violation", "https://w3id.org/orgkg/resource/P1", "http://www.w3.org/2000/01/rdf-schema#label",
            "MaxLength") in _key(found.findings)
