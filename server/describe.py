"""Describe the service: SPARQL 1.1 Service Description on GET /sparql and VoID at /.well-known/void.

https://www.w3.org/TR/sparql11-service-description/ and https://www.w3.org/TR/void/
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request, url_for
from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize

from extract.iris import ONTOLOGY
from extract.vocab import DCT, FOAF, PREFIXES, RDF, XSD
from server import negotiation as neg
from server.errors import not_acceptable

bp = Blueprint("describe", __name__)

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
CC_BY_SA = NamedNode("https://creativecommons.org/licenses/by-sa/4.0/")
_VOCABULARIES = (ONTOLOGY, "http://www.w3.org/2000/01/rdf-schema#", "http://www.w3.org/2004/02/skos/core#",
                 "http://www.w3.org/2008/05/skos-xl#", "http://xmlns.com/foaf/0.1/", "http://purl.org/dc/terms/",
                 "http://www.w3.org/ns/prov#")


def _n(base: str, local: str) -> NamedNode:
    return NamedNode(base + local)


def rdf_response(triples: list[Triple], offers=neg.GRAPHS[:4]) -> Response:
    """Serialize a small graph in the negotiated RDF format."""
    chosen = neg.by_name(request.args.get("format"), offers) or neg.choose(request.headers.get("Accept"), offers)
    if chosen is None:
        raise not_acceptable(offers)
    prefixes = {**PREFIXES, "sd": SD, "void": VOID} if chosen.name == "turtle" else None
    body = serialize(triples, format=chosen.rdf, prefixes=prefixes)
    return Response(body, content_type=chosen.content_type)


def service_description() -> Response:
    """The endpoint's capabilities: languages, result formats, the union default graph, federation."""
    config = current_app.config["ORGKG"]
    service = BlankNode("service")
    endpoint = NamedNode(request.base_url)
    t = [Triple(service, RDF.type, _n(SD, "Service")), Triple(service, _n(SD, "endpoint"), endpoint),
         Triple(service, _n(SD, "supportedLanguage"), _n(SD, "SPARQL11Query"))]
    if config.update_token:
        t.append(Triple(service, _n(SD, "supportedLanguage"), _n(SD, "SPARQL11Update")))
    for feature in ("UnionDefaultGraph", "BasicFederatedQuery"):
        t.append(Triple(service, _n(SD, "feature"), _n(SD, feature)))
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "N-Quads", "TriG", "RDF_XML", "JSON-LD"):
        t.append(Triple(service, _n(SD, "resultFormat"), _n(FORMATS, fmt)))
    dataset, default = BlankNode("dataset"), BlankNode("default")
    t += [Triple(service, _n(SD, "defaultDataset"), dataset), Triple(dataset, RDF.type, _n(SD, "Dataset")),
          Triple(dataset, _n(SD, "defaultGraph"), default), Triple(default, RDF.type, _n(SD, "Graph")),
          Triple(dataset, _n(VOID, "sparqlEndpoint"), endpoint)]
    for graph in sorted(current_app.config["BACKEND"].reader().named_graphs(), key=lambda g: g.value)[:1000]:
        node = BlankNode()
        t += [Triple(dataset, _n(SD, "namedGraph"), node), Triple(node, RDF.type, _n(SD, "NamedGraph")),
              Triple(node, _n(SD, "name"), graph)]
    return rdf_response(t)


@bp.route("/.well-known/void")
def void() -> Response:
    """A VoID description: size, classes, vocabularies, examples, endpoint, dump and licence."""
    store = current_app.config["BACKEND"].reader()
    base = current_app.config["ORGKG"].base_iri
    dataset = NamedNode(request.url_root.rstrip("/") + "/.well-known/void#dataset")
    t = [Triple(dataset, RDF.type, _n(VOID, "Dataset")),
         Triple(dataset, DCT.title, Literal("orgkg: political organisations, conferences, names and publications", language="en")),
         Triple(dataset, DCT.source, NamedNode("https://zh.wikipedia.org/")),
         Triple(dataset, DCT.license, CC_BY_SA),
         Triple(dataset, _n(VOID, "sparqlEndpoint"), NamedNode(url_for("query.sparql", _external=True))),
         Triple(dataset, _n(VOID, "dataDump"), NamedNode(url_for("resources.export", ext=".nq", _external=True))),
         Triple(dataset, _n(VOID, "uriSpace"), Literal(base + "resource/")),
         Triple(dataset, FOAF.homepage, NamedNode(request.url_root))]
    t += [Triple(dataset, _n(VOID, "vocabulary"), NamedNode(v)) for v in _VOCABULARIES]
    counts = next(iter(store.query(
        "SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?s) AS ?e) WHERE { GRAPH ?g { ?s ?p ?o } }")))
    t += [Triple(dataset, _n(VOID, "triples"), Literal(counts["t"].value, datatype=XSD.integer)),
          Triple(dataset, _n(VOID, "distinctSubjects"), Literal(counts["e"].value, datatype=XSD.integer))]
    rows = store.query("""SELECT ?class (COUNT(DISTINCT ?s) AS ?n) (SAMPLE(?s) AS ?example)
        WHERE { GRAPH ?g { ?s a ?class } FILTER(STRSTARTS(STR(?class), "%s")) } GROUP BY ?class ORDER BY ?class""" % ONTOLOGY)
    for i, row in enumerate(rows):
        part = NamedNode(f"{dataset.value}-class-{i}")
        t += [Triple(dataset, _n(VOID, "classPartition"), part), Triple(part, _n(VOID, "class"), row["class"]),
              Triple(part, _n(VOID, "entities"), Literal(row["n"].value, datatype=XSD.integer)),
              Triple(dataset, _n(VOID, "exampleResource"), row["example"])]
    return rdf_response(t)
