"""Linked data: /resource/… and /graph/… dereference the data's IRIs; /export gives the whole dataset."""

from __future__ import annotations

from collections import defaultdict

from flask import Blueprint, Response, current_app, render_template, request
from pyoxigraph import NamedNode, Triple, serialize

from extract.iris import from_path
from extract.queries import export as export_dataset
from extract.vocab import PREFIXES
from server import negotiation as neg
from server.errors import not_acceptable, not_found
from server.limits import time_limited
from server.streaming import stream

bp = Blueprint("resources", __name__)

_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_EXTENSIONS = {".ttl": "turtle", ".nt": "ntriples", ".nq": "nquads", ".trig": "trig", ".jsonld": "jsonld"}


def _choose(offers: tuple[neg.Format, ...], extension: str | None = None) -> neg.Format:
    chosen = (neg.by_name(_EXTENSIONS.get(extension or ""), offers) or neg.by_name(request.args.get("format"), offers)
              or neg.choose(request.headers.get("Accept"), offers))
    if chosen is None:
        raise not_acceptable(offers)
    return chosen


def local_path(iri: str) -> str | None:
    """Where an IRI of the data is served on this server, or None for outside IRIs."""
    base = current_app.config["ORGKG"].base_iri
    for space in ("resource/", "graph/"):
        if iri.startswith(base + space):
            return "/" + space + iri[len(base) + len(space):]
    return None


@bp.route("/resource/<path:local>")
def resource(local: str) -> Response:
    """A resource's description: HTML for browsers, Turtle, N-Triples or JSON-LD for clients."""
    iri = from_path(current_app.config["ORGKG"].base_iri + "resource/", local)
    chosen = _choose((neg.HTML,) + neg.GRAPHS[:3])
    return time_limited(request.environ, current_app.config["ORGKG"].timeout, lambda: _describe(iri, chosen))


def _describe(iri: NamedNode, chosen: neg.Format) -> Response:
    store = current_app.config["BACKEND"].reader()
    # the IRI was minted by `from_path`, which escapes every character an IRI reference may not hold
    outgoing = list(store.query(f"SELECT DISTINCT ?p ?o ?g WHERE {{ GRAPH ?g {{ <{iri.value}> ?p ?o }} }}"))
    incoming = list(store.query(f"SELECT DISTINCT ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p <{iri.value}> }} }}"))
    if not outgoing and not incoming:
        raise not_found(f"no resource {iri.value} in this dataset")
    if chosen is not neg.HTML:
        triples = {Triple(iri, r["p"], r["o"]) for r in outgoing} | {Triple(r["s"], r["p"], iri) for r in incoming}
        prefixes = PREFIXES if chosen.name == "turtle" else None
        body = serialize(sorted(triples, key=str), format=chosen.rdf, prefixes=prefixes)
        return Response(body, content_type=chosen.content_type, headers={"Vary": "Accept"})
    labels = _labels(store, {r["o"] for r in outgoing} | {r["s"] for r in incoming} | {iri})
    properties: dict[str, list] = defaultdict(list)
    for row in outgoing:
        if row["o"] not in properties[row["p"].value]:
            properties[row["p"].value].append(row["o"])
    sources = sorted({r["g"].value for r in outgoing})
    html = render_template("resource.html", iri=iri.value, title=labels.get(iri.value, [iri.value])[0],
                           types=[o for p, os in properties.items() if p.endswith("#type") for o in os],
                           properties=sorted(properties.items()), incoming=sorted(incoming, key=lambda r: (r["p"].value, r["s"].value)),
                           labels=labels, sources=sources, local_path=local_path, short=_short)
    return Response(html, content_type=neg.HTML.media_type + "; charset=utf-8", headers={"Vary": "Accept"})


def _labels(store, terms) -> dict[str, list[str]]:
    labels: dict[str, list[str]] = defaultdict(list)
    iris = [t for t in terms if isinstance(t, NamedNode)]
    if not iris:
        return labels
    values = " ".join(f"<{t.value}>" for t in iris[:500])
    for row in store.query(f"SELECT DISTINCT ?s ?l WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s <{_RDFS_LABEL}> ?l }} }}"):
        labels[row["s"].value].append(row["l"].value)
    return labels


def _short(iri: str) -> str:
    for prefix, base in PREFIXES.items():
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return iri


@bp.route("/graph/<path:local>")
def graph(local: str) -> Response:
    """One article's graph, in a dataset format chosen by extension, `format` or Accept."""
    store = current_app.config["BACKEND"].reader()
    namespace = current_app.config["ORGKG"].base_iri + "graph/"
    extension = next((e for e in _EXTENSIONS if local.endswith(e)), None)
    name = from_path(namespace, local)
    if not store.contains_named_graph(name) and extension:
        name = from_path(namespace, local[: -len(extension)])
    else:
        extension = None
    if not store.contains_named_graph(name):
        raise not_found(f"no graph {name.value} in this dataset")
    chosen = _choose(neg.DATASETS, extension)
    prefixes = dict(PREFIXES) if chosen.name in ("turtle", "trig") else None
    # pyoxigraph iterators stay in the thread that made them: the serializing thread opens its own
    if chosen.rdf.supports_datasets:
        chunks = stream(lambda out: serialize(store.quads_for_pattern(None, None, None, name), out, chosen.rdf,
                                              prefixes=prefixes))
    else:
        chunks = stream(lambda out: serialize((Triple(q.subject, q.predicate, q.object)
                                               for q in store.quads_for_pattern(None, None, None, name)),
                                              out, chosen.rdf, prefixes=prefixes))
    return Response(chunks, content_type=chosen.content_type, direct_passthrough=True)


@bp.route("/export", defaults={"ext": ""})
@bp.route("/export<any('.ttl', '.nt', '.nq', '.trig', '.jsonld'):ext>")
def export(ext: str) -> Response:
    """The whole dataset, streamed: the same triples as `orgkg export`."""
    chosen = _choose(neg.DATASETS, ext or None)
    store = current_app.config["BACKEND"].reader()
    chunks = stream(lambda out: export_dataset(store, out, chosen.rdf))
    suffix = next((e for e, n in _EXTENSIONS.items() if n == chosen.name), ".rdf")
    return Response(chunks, content_type=chosen.content_type, direct_passthrough=True,
                    headers={"Content-Disposition": f'inline; filename="orgkg{suffix}"'})
