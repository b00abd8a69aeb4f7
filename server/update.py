"""SPARQL 1.1 Update at /sparql, only with the configured bearer token (https://www.w3.org/TR/sparql11-protocol/#update-operation)."""

from __future__ import annotations

import hmac

from flask import Response, current_app, request

from server.errors import HttpError, bad_request
from server.limits import time_limited
from server.relay import remote_route
from server.sparql import apply_update_dataset, guard_remote


def authorise() -> None:
    """403 when writes are off, 401 without a bearer token, 403 with a wrong one (constant-time compare)."""
    token = current_app.config["ORGKG"].update_token
    if not token:
        raise HttpError(403, "this endpoint is read-only: start the server with --update-token to allow writes")
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HttpError(401, "writes need `Authorization: Bearer <token>`",
                        {"WWW-Authenticate": 'Bearer realm="orgkg"'})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HttpError(403, "the bearer token is not valid for writes")


def run_update(text: str, params: dict[str, list[str]]) -> Response:
    """Apply an update read-write under the writers' lock; every worker sees it on its next request."""
    authorise()
    config = current_app.config["ORGKG"]
    text = guard_remote(text, config.allow_service, route=remote_route(config))
    text = apply_update_dataset(text, params.get("using-graph-uri", []), params.get("using-named-graph-uri", []))

    def change(store) -> None:
        try:
            store.update(text, base_iri=request.base_url)
        except SyntaxError as e:
            raise bad_request(f"malformed update: {str(e).splitlines()[0][:200] if str(e) else 'syntax error'}") from None
        except (ValueError, OSError) as e:
            raise bad_request(f"update failed: {str(e).splitlines()[0]}") from None

    def produce() -> Response:
        current_app.config["BACKEND"].write(change)
        return Response(status=204)

    return time_limited(request.environ, config.timeout, produce)
