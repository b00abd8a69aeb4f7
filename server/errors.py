"""Errors in one place: a status and one clear line for the client, never a traceback."""

from __future__ import annotations

import logging

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

log = logging.getLogger("orgkg.server")


class HttpError(Exception):
    """An expected failure with the status and message the client should see."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def bad_request(message: str) -> HttpError:
    return HttpError(400, message)


def iri_parameter(name: str, value: str):
    """A request parameter that must be an absolute IRI, or a 400 saying so."""
    from pyoxigraph import NamedNode
    try:
        return NamedNode(value)
    except ValueError:
        raise bad_request(f"{name} must be an absolute IRI, not {value[:100]!r}") from None


def unsupported_media_type(message: str) -> HttpError:
    return HttpError(415, message)


def not_acceptable(offers) -> HttpError:
    return HttpError(406, "none of the accepted media types can be produced; available: "
                     + ", ".join(f.media_type for f in offers))


def not_found(message: str) -> HttpError:
    return HttpError(404, message)


def text_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    response = Response(message.rstrip("\n") + "\n", status=status, mimetype="text/plain")
    response.headers.update(headers or {})
    return response


def register(app: Flask) -> None:
    """Turn every error into a plain-text response with the right status."""

    @app.errorhandler(HttpError)
    def _http_error(error: HttpError) -> Response:
        return text_response(error.status, error.message, error.headers)

    @app.errorhandler(HTTPException)
    def _werkzeug(error: HTTPException) -> Response:
        message = {413: "request body too large", 414: "request URL too long",
                   405: "method not allowed here"}.get(error.code or 500, error.description or error.name)
        headers = {"Allow": ", ".join(error.valid_methods)} if getattr(error, "valid_methods", None) else {}
        return text_response(error.code or 500, message, headers)

    from extract.remote import RemoteError

    @app.errorhandler(RemoteError)
    def _remote(error: RemoteError) -> Response:  # https://www.rfc-editor.org/rfc/rfc9110#name-502-bad-gateway
        return text_response(502, " ".join(str(error).split())[:500])

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        log.exception("unexpected error")
        return text_response(500, "internal error; the server log has the details")
