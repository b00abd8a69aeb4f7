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


def validate_graph(data: rdflib.Graph, shapes_path: Path = SHAPES, shapes: rdflib.Graph | None = None) -> Report:
    """Run the shapes over `data`; warnings are reported but do not break conformance."""
    shapes = shapes if shapes is not None else rdflib.Graph().parse(shapes_path, format="turtle")
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


def validate_store(store: Store, exclude_graph: str | None = None, shapes_path: Path = SHAPES) -> Report:
    """Validate the union of a store's graphs (the ontology graph left out).

    SHACL-SPARQL constraints (https://www.w3.org/TR/shacl/#sparql-constraints) run in Oxigraph, once
    over the whole graph with `$this` bound to each target-class member, instead of once per focus node
    in rdflib (25 of 30 s on 1,000 articles); pySHACL checks the core constraints. Same shapes file.
    """
    shapes = rdflib.Graph().parse(shapes_path, format="turtle")
    sparql_findings = _store_sparql_constraints(store, shapes, exclude_graph)
    data = rdflib.Graph()
    query = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
    query += f"FILTER (?g != <{exclude_graph}>) }}" if exclude_graph else "}"
    nt = store.query(query).serialize(format=RdfFormat.N_TRIPLES)
    data.parse(data=nt.decode("utf-8"), format="nt")
    core = validate_graph(data, shapes=shapes)
    findings = tuple(sorted(core.findings + sparql_findings, key=lambda f: (f.severity, f.focus, f.path, f.message)))
    return Report(not any(f.severity == "Violation" for f in findings), findings)


def _store_sparql_constraints(store: Store, shapes: rdflib.Graph, exclude_graph: str | None) -> tuple[Finding, ...]:
    """Evaluate every sh:sparql constraint of a class-targeted shape in the store, then drop it from `shapes`."""
    findings = []
    prefixes = "".join(f"PREFIX {p}: <{n}>\n" for p, n in (
        (str(shapes.value(d, _SH.prefix)), str(shapes.value(d, _SH.namespace))) for d in shapes.objects(None, _SH.declare)))
    for shape, constraint in list(shapes.subject_objects(_SH.sparql)):
        select = str(shapes.value(constraint, _SH.select))
        message = str(shapes.value(constraint, _SH.message) or "SPARQL constraint")
        severity = str(shapes.value(shape, _SH.severity) or _SH.Violation).rsplit("#", 1)[-1]
        for target in shapes.objects(shape, _SH.targetClass):
            query = (prefixes + "SELECT DISTINCT ?this ?value WHERE { ?this a <%s> . { %s } }"
                     % (target, select.replace("$this", "?this")))
            # over the union of graphs: listing a thousand graphs as the default graph is slower by 600x,
            # and the ontology graph holds no instance of a target class
            for row in store.query(query, use_default_graph_as_union=True):
                findings.append(Finding(severity, row["this"].value, "", f"{message} ({row['value'].value})"
                                        if row["value"] is not None else message))
        shapes.remove((shape, _SH.sparql, constraint))
    return tuple(findings)
