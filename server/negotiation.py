"""Content negotiation in one place: Accept headers (RFC 9110 §12.5.1), `format` parameters, file extensions."""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import QueryResultsFormat, RdfFormat


@dataclass(frozen=True)
class Format:
    media_type: str
    name: str
    rdf: RdfFormat | None = None
    results: QueryResultsFormat | None = None

    @property
    def content_type(self) -> str:
        textual = self.media_type.startswith("text/") or self.media_type.endswith(("json", "xml", "triples", "quads", "trig"))
        return f"{self.media_type}; charset=utf-8" if textual else self.media_type


RESULTS = (
    Format("application/sparql-results+json", "json", results=QueryResultsFormat.JSON),
    Format("application/sparql-results+xml", "xml", results=QueryResultsFormat.XML),
    Format("text/csv", "csv", results=QueryResultsFormat.CSV),
    Format("text/tab-separated-values", "tsv", results=QueryResultsFormat.TSV),
)
GRAPHS = (
    Format("text/turtle", "turtle", rdf=RdfFormat.TURTLE),
    Format("application/n-triples", "ntriples", rdf=RdfFormat.N_TRIPLES),
    Format("application/ld+json", "jsonld", rdf=RdfFormat.JSON_LD),
    Format("application/rdf+xml", "rdfxml", rdf=RdfFormat.RDF_XML),
    Format("application/n-quads", "nquads", rdf=RdfFormat.N_QUADS),
    Format("application/trig", "trig", rdf=RdfFormat.TRIG),
)
DATASETS = tuple(f for f in GRAPHS if f.name in ("nquads", "trig", "turtle", "ntriples", "jsonld"))
HTML = Format("text/html", "html")

# Other names clients use for the same formats.
ALIASES = {
    "application/json": "application/sparql-results+json", "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml", "text/plain": "application/n-triples",
    "application/x-turtle": "text/turtle", "application/turtle": "text/turtle", "application/json+ld": "application/ld+json",
}
NAMES = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "json-ld": "jsonld", "rdf": "rdfxml", "owl": "rdfxml",
         "srj": "json", "srx": "xml", "n-triples": "ntriples", "n-quads": "nquads"}


def _parse(accept: str) -> list[tuple[str, float, int]]:
    ranges = []
    for i, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            if param.lower().startswith("q="):
                try:
                    q = max(0.0, min(1.0, float(param[2:])))
                except ValueError:
                    q = 0.0
        ranges.append((media, q, i))
    return ranges


def choose(accept: str | None, offers: tuple[Format, ...]) -> Format | None:
    """The offered format the client prefers most; the first offer when anything goes; None for 406."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = _parse(accept)
    best: tuple[float, int, int, Format] | None = None
    for order, offer in enumerate(offers):
        for media, q, position in ranges:
            media = ALIASES.get(media, media)
            if media == offer.media_type:
                score = (q, 3)
            elif media.endswith("/*") and offer.media_type.startswith(media[:-1]):
                score = (q, 2)
            elif media == "*/*":
                score = (q, 1)
            else:
                continue
            if q > 0 and (best is None or (score[0], score[1], -order) > (best[0], best[1], -best[2])):
                best = (score[0], score[1], order, offer)
    return best[3] if best else None


def by_name(name: str | None, offers: tuple[Format, ...]) -> Format | None:
    """A format named by a `format` parameter or file extension (`json`, `ttl`, a media type)."""
    if not name:
        return None
    name = name.strip().lower()
    name = NAMES.get(name, name)
    media = ALIASES.get(name, name)
    return next((f for f in offers if f.name == name or f.media_type == media), None)
