"""Run SPARQL over a built store (union of the article graphs as default graph) and print the answers."""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from pathlib import Path
from typing import IO

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, QueryTriples, RdfFormat, Store, serialize

from extract.vocab import PREFIXES

PROJECT_DIR = Path(__file__).resolve().parent.parent
QUERIES_DIR = PROJECT_DIR / "queries"
EXPORT_FORMATS = {
    "turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG, "jsonld": RdfFormat.JSON_LD,
}


class QueryError(Exception):
    """A query that cannot be found, parsed or run; the message says which."""


def load_query(spec: str) -> str:
    """The text of a query given as `-` (stdin), a file path, or the name of a file in `queries/`."""
    if spec == "-":
        return sys.stdin.read()
    path = Path(spec)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    for candidate in (QUERIES_DIR / spec, QUERIES_DIR / f"{spec}.rq"):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    names = ", ".join(sorted(p.stem for p in QUERIES_DIR.glob("*.rq"))) or "none"
    raise QueryError(f"no query file or named query {spec!r} (named queries: {names})")


def run(store: Store, text: str):
    """Execute a query with the union of all graphs as its default graph."""
    try:
        return store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
    except SyntaxError as e:
        first = str(e).splitlines()[0] if str(e) else "syntax error"
        raise QueryError(f"malformed query: {first[:200]}") from None
    except OSError as e:
        raise QueryError(f"query failed: {e}") from None


def export(store: Store, out: IO[bytes], fmt: RdfFormat) -> None:
    """The whole dataset, streamed: quad formats keep the article graphs, triple formats their union."""
    if fmt.supports_datasets:
        store.dump(out, fmt, prefixes=dict(PREFIXES))
    else:
        query = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
        serialize(store.query(query, use_default_graph_as_union=True), out, fmt, prefixes=dict(PREFIXES))


def write_results(results, out: IO[bytes], fmt: str = "table") -> None:
    """Print SELECT/ASK answers as a table, JSON or CSV; CONSTRUCT/DESCRIBE answers as Turtle."""
    if isinstance(results, QueryTriples):
        results.serialize(out, RdfFormat.N_TRIPLES if fmt == "csv" else RdfFormat.TURTLE)
    elif isinstance(results, QueryBoolean):
        if fmt == "json":
            out.write(json.dumps({"head": {}, "boolean": bool(results)}).encode() + b"\n")
        else:
            out.write(b"true\n" if bool(results) else b"false\n")
    elif fmt == "json":
        results.serialize(out, QueryResultsFormat.JSON)
        out.write(b"\n")
    elif fmt == "csv":
        results.serialize(out, QueryResultsFormat.CSV)
    else:
        out.write(table(results).encode("utf-8"))


def table(solutions: QuerySolutions) -> str:
    """A plain-text table of solutions, aligned for wide (CJK) characters."""
    names = [v.value for v in solutions.variables]
    rows = [[_cell(row[name]) if row[name] is not None else "" for name in names] for row in solutions]
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return " | ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()

    out = io.StringIO()
    out.write(line(names) + "\n")
    out.write("-+-".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write(line(row) + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return out.getvalue()


def _cell(term) -> str:
    value = term.value
    for prefix, base in PREFIXES.items():
        if type(term).__name__ == "NamedNode" and value.startswith(base):
            return f"{prefix}:{value[len(base):]}"
    return value


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
