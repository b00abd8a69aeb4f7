"""SPARQL 1.1 Protocol query operation at /sparql (https://www.w3.org/TR/sparql11-protocol/#query-operation)."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qs

from flask import Blueprint, Response, current_app, request
from werkzeug.sansio.utils import get_current_url
from pyoxigraph import Quad, QueryBoolean, serialize

from extract.remote import RemoteError
from extract.vocab import PREFIXES
from server import negotiation as neg
from server.errors import HttpError, bad_request, iri_parameter, not_acceptable, unsupported_media_type
from server.describe import service_description
from server.limits import time_limited
from server.relay import explain, remote_route
from server.sparql import guard_remote, query_form
from server.streaming import respond_body
from server.update import run_update

bp = Blueprint("query", __name__)

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"


def _decode(body: bytes, charset: str | None) -> str:
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8", "us-ascii", "ascii"):
        raise unsupported_media_type(f"only UTF-8 request bodies are accepted, not {charset}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise bad_request("the request body is not valid UTF-8") from None


def request_params() -> dict[str, list[str]]:
    """Protocol parameters from the URL and, for a form POST, the body (both may carry dataset IRIs)."""
    params = parse_qs(request.query_string.decode("utf-8", "replace"), keep_blank_values=True)
    if request.method == "POST":
        mimetype = request.mimetype
        if mimetype == FORM:
            body = _decode(request.get_data(cache=True), request.mimetype_params.get("charset"))
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif mimetype in (QUERY_BODY, UPDATE_BODY):
            text = _decode(request.get_data(cache=True), request.mimetype_params.get("charset"))
            key = "query" if mimetype == QUERY_BODY else "update"
            if key in params:
                raise bad_request(f"{key} given both in the URL and as the request body")
            params[key] = [text]
        else:
            raise unsupported_media_type(
                f"unsupported request body type {mimetype or '(none)'}: use {FORM}, {QUERY_BODY} or {UPDATE_BODY}")
    return params


def _one(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key, [])
    if len(values) > 1:
        raise bad_request(f"more than one {key} parameter")
    return values[0] if values else None


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    """Queries by GET, form POST or direct POST; updates by POST; the service description by plain GET."""
    params = request_params()
    query, update = _one(params, "query"), _one(params, "update")
    if query is not None and update is not None:
        raise bad_request("a request carries either a query or an update, not both")
    if update is not None:
        if request.method != "POST":
            raise HttpError(405, "updates must be sent by POST", {"Allow": "POST"})
        return run_update(update, params)
    if query is None:
        return service_description()
    return run_query(query, params)


def run_query(text: str, params: dict[str, list[str]]) -> Response:
    """Execute a query under the time limit and stream the negotiated serialization."""
    config = current_app.config["ORGKG"]
    text = guard_remote(text, config.allow_service, route=remote_route(config))
    default_graphs = params.get("default-graph-uri", [])
    named_graphs = params.get("named-graph-uri", [])
    options: dict = {"prefixes": PREFIXES, "base_iri": base_iri()}
    if default_graphs or named_graphs:
        # a protocol dataset replaces the query's FROM / FROM NAMED and the union default graph
        options["default_graph"] = [iri_parameter("default-graph-uri", g) for g in default_graphs]
        options["named_graphs"] = [iri_parameter("named-graph-uri", g) for g in named_graphs]
    else:
        options["use_default_graph_as_union"] = True
    form = query_form(text)
    chosen = negotiate(form, _one(params, "format"))
    store = current_app.config["BACKEND"].reader()

    def execute():
        try:
            return store.query(text, **options)
        except SyntaxError as e:
            raise bad_request(f"malformed query: {str(e).splitlines()[0][:200] if str(e) else 'syntax error'}") from None

    def produce() -> Response:
        if form in (None, "ASK"):
            results = execute()  # a malformed query fails here, before anything is sent
            if not isinstance(results, QueryBoolean):
                raise bad_request("could not tell the query form")
            return Response(_boolean(bool(results), chosen), content_type=chosen.content_type)
        if form == "SELECT":
            chunks = _evaluate(lambda out: execute().serialize(out, chosen.results))
        else:
            prefixes = PREFIXES if chosen.name in ("turtle", "trig") else None
            if chosen.rdf.supports_datasets:  # N-Quads and TriG: the answer as the default graph
                chunks = _evaluate(lambda out: serialize((Quad(t.subject, t.predicate, t.object) for t in execute()),
                                                         out, chosen.rdf, prefixes=prefixes))
            else:
                chunks = _evaluate(lambda out: serialize(execute(), out, chosen.rdf, prefixes=prefixes))
        return Response(chunks, content_type=chosen.content_type, direct_passthrough=True)

    return time_limited(request.environ, config.timeout, produce)


def base_iri() -> str:
    """The endpoint's own URL, the base of relative IRIs in a query (what `request.base_url` gives, cached)."""
    return _base_url(request.scheme, request.host, request.root_path, request.path)


@lru_cache(maxsize=64)
def _base_url(scheme: str, host: str, root: str, path: str) -> str:
    return get_current_url(scheme, host, root, path)


def negotiate(form: str | None, requested: str | None) -> neg.Format:
    """Results formats for SELECT and ASK, RDF formats for CONSTRUCT and DESCRIBE."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        offers = neg.GRAPHS
    elif form == "SELECT":
        offers = neg.RESULTS
    else:
        offers = neg.RESULTS[:2]
    chosen = neg.by_name(requested, offers) if requested else neg.choose(request.headers.get("Accept"), offers)
    if chosen is None:
        raise not_acceptable(offers)
    return chosen


def _evaluate(serializer):
    """Compute the answer (streamed when large); errors before the first byte get a status of their own."""
    try:
        return respond_body(serializer)
    except HttpError:
        raise
    except OSError as e:  # evaluation errors (a failed SERVICE call among them) surface with the first rows
        first = explain(" ".join(str(e).split())[:300] or "error")  # one line, the remote's reason included
        gateway = isinstance(e, RemoteError) or "service" in first.lower() or "http" in first.lower()
        raise HttpError(502 if gateway else 500,
                        f"query evaluation failed: {first}") from None
    except (ValueError, TypeError) as e:
        raise bad_request(f"query evaluation failed: {e}") from None


def _boolean(value: bool, fmt: neg.Format) -> bytes:
    if fmt.name == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{str(value).lower()}</boolean></sparql>\n").encode()
    return ('{"head":{},"boolean":%s}\n' % str(value).lower()).encode()
