"""The vocabulary terms the extractors emit, as pyoxigraph nodes."""

from __future__ import annotations

from pyoxigraph import NamedNode

from extract.iris import ONTOLOGY


class _Namespace:
    def __init__(self, base: str) -> None:
        self.base = base

    def __getattr__(self, name: str) -> NamedNode:
        return NamedNode(self.base + name)

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self.base + name)


OKG = _Namespace(ONTOLOGY)
RDF = _Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = _Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = _Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = _Namespace("http://www.w3.org/2004/02/skos/core#")
SKOSXL = _Namespace("http://www.w3.org/2008/05/skos-xl#")
FOAF = _Namespace("http://xmlns.com/foaf/0.1/")
DCT = _Namespace("http://purl.org/dc/terms/")
PROV = _Namespace("http://www.w3.org/ns/prov#")
SCHEMA = _Namespace("http://schema.org/")
ORG = _Namespace("http://www.w3.org/ns/org#")

PREFIXES = {
    "okg": ONTOLOGY,
    "okr": "https://w3id.org/orgkg/resource/",
    "rdf": RDF.base,
    "rdfs": RDFS.base,
    "xsd": XSD.base,
    "skos": SKOS.base,
    "skosxl": SKOSXL.base,
    "foaf": FOAF.base,
    "dct": DCT.base,
    "prov": PROV.base,
    "schema": SCHEMA.base,
    "org": ORG.base,
    "owl": "http://www.w3.org/2002/07/owl#",
    "dbo": "http://dbpedia.org/ontology/",
}
