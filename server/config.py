"""Server settings, declared once: the CLI options, the ORGKG_* environment variables and the app read this table."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any, Mapping

WIKIDATA = "https://query.wikidata.org/sparql"


@dataclass(frozen=True)
class Config:
    """Everything `create_app` and `orgkg serve` need; defaults here, help in `HELP`."""

    store: str = "data/store"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = field(default_factory=lambda: os.cpu_count() or 2)
    timeout: float = 30.0
    update_token: str | None = None
    allow_service: tuple[str, ...] = (WIKIDATA,)
    base_iri: str = "https://w3id.org/orgkg/"
    max_body: int = 1 << 20  # bytes of a request body (413 above)
    max_query_string: int = 16 << 10  # bytes of a URL query string (414 above)
    service_timeout: float = 10.0  # seconds a SERVICE call may take
    backend: str | None = None  # query URL of a remote SPARQL store to serve instead of `store`
    backend_update: str | None = None
    backend_store: str | None = None


HELP = {
    "store": "store directory",
    "host": "address to listen on",
    "port": "port to listen on",
    "workers": "worker processes reading the store (default: one per core)",
    "timeout": "seconds a query may run before it is stopped",
    "update_token": "enable SPARQL Update and Graph Store writes for `Authorization: Bearer TOKEN`",
    "allow_service": "SPARQL endpoint SERVICE may call (repeatable; default: Wikidata's)",
    "base_iri": "public namespace of the data, served under /resource/ and /graph/",
    "max_body": "largest request body in bytes",
    "max_query_string": "longest URL query string in bytes",
    "service_timeout": "seconds a SERVICE call may take",
    "backend": "serve a remote SPARQL 1.1 store (its query endpoint URL) instead of the store directory",
    "backend_update": "the remote store's SPARQL Update endpoint (default: /update beside a /query URL)",
    "backend_store": "the remote store's Graph Store Protocol endpoint (default: /store beside a /query URL)",
}
ENV_PREFIX = "ORGKG_"


def _convert(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in fields(Config)}[name]
    if value is None:
        return None
    if "tuple" in str(kind):
        items = value.split() if isinstance(value, str) else list(value)
        return tuple(items)
    if "int" in str(kind) and "str" not in str(kind):
        return int(value)
    if "float" in str(kind):
        return float(value)
    return str(value)


def load(overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] = os.environ) -> Config:
    """Defaults, then `ORGKG_<NAME>` environment variables, then explicit overrides (CLI options, tests)."""
    values: dict[str, Any] = {}
    for f in fields(Config):
        env = environ.get(ENV_PREFIX + f.name.upper())
        if env not in (None, ""):
            values[f.name] = _convert(f.name, env)
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = _convert(name, value)
    config = Config(**values)
    if not config.base_iri.endswith("/"):
        config = Config(**{**config.__dict__, "base_iri": config.base_iri + "/"})
    return config
