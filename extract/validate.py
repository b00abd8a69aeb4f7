"""Validate a built graph against `ontology/shapes.ttl` with pySHACL (https://www.w3.org/TR/shacl/)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
import rdflib
from pyoxigraph import RdfFormat, Store

from extract.store import ONTOLOGY_DIR

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
_SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Finding:
    severity: str  # "Violation" or "Warning"
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.focus} {self.path}: {self.message}"


@dataclass(frozen=True)
class Report:
    conforms: bool
    findings: tuple[Finding, ...]

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Warning"]


def validate_graph(data: rdflib.Graph, shapes_path: Path = SHAPES) -> Report:
    """Run the shapes over `data`; warnings are reported but do not break conformance."""
    shapes = rdflib.Graph().parse(shapes_path, format="turtle")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True,
                                            advanced=True, inference="none")
    findings = []
    for result in results.subjects(rdflib.RDF.type, _SH.ValidationResult):
        severity = results.value(result, _SH.resultSeverity)
        findings.append(Finding(
            severity=str(severity).rsplit("#", 1)[-1],
            focus=str(results.value(result, _SH.focusNode)),
            path=str(results.value(result, _SH.resultPath) or ""),
            message=str(results.value(result, _SH.resultMessage) or ""),
        ))
    findings.sort(key=lambda f: (f.severity, f.focus, f.path, f.message))
    return Report(bool(conforms), tuple(findings))


def validate_store(store: Store, exclude_graph: str | None = None) -> Report:
    """Validate the union of a store's graphs (the ontology graph left out)."""
    data = rdflib.Graph()
    query = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
    query += f"FILTER (?g != <{exclude_graph}>) }}" if exclude_graph else "}"
    nt = store.query(query).serialize(format=RdfFormat.N_TRIPLES)
    data.parse(data=nt.decode("utf-8"), format="nt")
    return validate_graph(data)
