"""SPARQL 1.1 Graph Store HTTP Protocol at /store (https://www.w3.org/TR/sparql11-http-rdf-update/).

GET and HEAD for everyone; PUT, POST and DELETE with the update token.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from pyoxigraph import DefaultGraph, NamedNode, Quad, Triple, parse, serialize

from extract.vocab import PREFIXES
from server import negotiation as neg
from server.errors import bad_request, iri_parameter, not_acceptable, not_found, unsupported_media_type
from server.streaming import stream
from server.update import authorise

bp = Blueprint("graph_store", __name__)

_BODY_FORMATS = {f.media_type: f for f in neg.GRAPHS if not f.rdf.supports_datasets}
_BODY_FORMATS.update({a: _BODY_FORMATS[m] for a, m in neg.ALIASES.items() if m in _BODY_FORMATS})


def _target() -> NamedNode | DefaultGraph:
    graph = request.args.getlist("graph")
    default = "default" in request.args
    if default == bool(graph) or len(graph) > 1:
        raise bad_request("name one graph: ?graph=IRI or ?default")
    if default:
        return DefaultGraph()
    return iri_parameter("graph", graph[0])


def _exists(store, graph) -> bool:
    return isinstance(graph, DefaultGraph) or store.contains_named_graph(graph)


@bp.route("/store", methods=["GET", "HEAD"])
def read() -> Response:
    graph = _target()
    store = current_app.config["BACKEND"].reader()
    if not _exists(store, graph):
        raise not_found(f"no graph {graph.value} in this dataset")
    offers = neg.GRAPHS[:4]
    chosen = neg.choose(request.headers.get("Accept"), offers)
    if chosen is None:
        raise not_acceptable(offers)
    prefixes = PREFIXES if chosen.name == "turtle" else None
    if request.method == "HEAD":
        return Response(content_type=chosen.content_type)

    def write_graph(out) -> None:  # the iterator is made in the serializing thread, which must own it
        triples = (Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph))
        serialize(triples, out, chosen.rdf, prefixes=prefixes)

    return Response(stream(write_graph), content_type=chosen.content_type, direct_passthrough=True)


def _body():
    fmt = _BODY_FORMATS.get(request.mimetype)
    if fmt is None:
        raise unsupported_media_type("send Turtle, N-Triples, RDF/XML or JSON-LD: " + ", ".join(sorted(_BODY_FORMATS)))
    return request.get_data(), fmt


@bp.route("/store", methods=["PUT", "POST", "DELETE"])
def write() -> Response:
    authorise()
    graph = _target()
    if request.method == "DELETE":
        def drop(store) -> bool:
            if not _exists(store, graph):
                return False
            store.clear_graph(graph) if isinstance(graph, DefaultGraph) else store.remove_graph(graph)
            return True

        if not current_app.config["BACKEND"].write(drop):
            raise not_found(f"no graph {graph.value} in this dataset")
        return Response(status=204)
    data, fmt = _body()
    base = None if isinstance(graph, DefaultGraph) else graph.value
    try:  # parse everything before touching the store, so a bad body changes nothing
        quads = [Quad(t.subject, t.predicate, t.object, graph) for t in parse(data, fmt.rdf, base_iri=base)]
    except SyntaxError as e:
        raise bad_request(f"the {fmt.name} body does not parse: {str(e).splitlines()[0]}") from None

    def load(store) -> bool:
        created = not _exists(store, graph)
        if request.method == "PUT" and not created:
            store.clear_graph(graph)
        store.extend(quads)
        return created

    created = current_app.config["BACKEND"].write(load)
    return Response(status=201 if created else 204)
