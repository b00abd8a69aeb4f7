"""The orgkg SPARQL endpoint: `create_app(config)` builds the Flask app over a built store."""

from __future__ import annotations

from typing import Any, Mapping

from flask import Flask, Response, request

from server import errors
from server.backend import Backend, RemoteBackend
from server.config import Config, load

# https://fetch.spec.whatwg.org/#http-cors-protocol: reads from any origin, never with credentials.
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type, Authorization",
    "Access-Control-Max-Age": "600",
}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def _backend(config: Config):
    if config.backend is None:
        return Backend(config.store)
    from extract.remote import RemoteStore
    return RemoteBackend(RemoteStore(config.backend, config.backend_update, config.backend_store,
                                     timeout=config.timeout + 5))


def create_app(config: Config | Mapping[str, Any] | None = None) -> Flask:
    """An app over `config.store`; settings not given come from ORGKG_* variables, then defaults."""
    if not isinstance(config, Config):
        config = load(config)
    app = Flask(__name__)
    app.config["ORGKG"] = config
    app.config["BACKEND"] = _backend(config)
    app.config["MAX_CONTENT_LENGTH"] = config.max_body
    app.json.ensure_ascii = False

    from server import describe, graph_store, query, resources, ui
    for blueprint in (query.bp, describe.bp, graph_store.bp, resources.bp, ui.bp):
        app.register_blueprint(blueprint)
    errors.register(app)

    @app.before_request
    def _limits():
        if len(request.query_string) > config.max_query_string:
            raise errors.HttpError(414, f"the URL query string is longer than {config.max_query_string} bytes; "
                                        "send the query by POST")
        if request.method == "OPTIONS":
            return Response(status=204)
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.update(CORS)
        response.headers["X-Content-Type-Options"] = "nosniff"
        if response.mimetype == "text/html":
            response.headers["Content-Security-Policy"] = CSP
            response.headers["Referrer-Policy"] = "same-origin"
        return response

    @app.route("/health")
    def health() -> Response:
        """Liveness and readiness: the store opens and answers."""
        store = app.config["BACKEND"].reader()
        graphs = sum(1 for _ in store.named_graphs())
        return Response('{"status":"ok","graphs":%d}\n' % graphs, content_type="application/json")

    return app
