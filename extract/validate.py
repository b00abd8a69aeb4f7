"""Validate a built graph against `ontology/shapes.ttl` (https://www.w3.org/TR/shacl/).

A store is validated in Oxigraph: core constraints compiled to SPARQL (`extract.shacl_sparql`), SHACL-SPARQL
constraints run as written. pySHACL is the reference: it validates rdflib graphs (`validate_graph`), and a
store whose shapes use what the compiler does not cover, chunk by chunk.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import rdflib
from pyoxigraph import NamedNode, Store

from extract import shacl_sparql
from extract.store import ONTOLOGY_DIR

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
_SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
_RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass(frozen=True)
class Finding:
    severity: str  # "Violation" or "Warning"
    focus: str
    path: str
    message: str
    component: str = ""  # the constraint component (sh:sourceConstraintComponent without ConstraintComponent)

    def __str__(self) -> str:
        return f"{self.severity}: {self.focus} {self.path}: {self.message}"


@dataclass(frozen=True)
class Report:
    conforms: bool
    findings: tuple[Finding, ...]
    checked: int = 0  # focus nodes the core constraints were run on (0: the whole graph in one piece)
    partial: bool = False  # only the nodes a change touched (an incremental build)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Warning"]


def validate_graph(data: rdflib.Graph, shapes_path: Path = SHAPES, shapes: rdflib.Graph | None = None) -> Report:
    """Run the shapes over `data`; warnings are reported but do not break conformance."""
    shapes = shapes if shapes is not None else rdflib.Graph().parse(shapes_path, format="turtle")
    import pyshacl  # here: a store's validation runs in Oxigraph, and importing pySHACL takes half a second
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True,
                                            advanced=True, inference="none")
    findings = []
    for result in results.subjects(rdflib.RDF.type, _SH.ValidationResult):
        severity = results.value(result, _SH.resultSeverity)
        findings.append(Finding(
            severity=str(severity).rsplit("#", 1)[-1],
            focus=str(results.value(result, _SH.focusNode)),
            path=_path_text(results, results.value(result, _SH.resultPath)),
            message=str(results.value(result, _SH.resultMessage) or ""),
            component=_component(results.value(result, _SH.sourceConstraintComponent)),
        ))
    findings.sort(key=lambda f: (f.severity, f.focus, f.path, f.message))
    return Report(bool(conforms), tuple(findings))


CHUNK = 1000  # focus nodes per pySHACL run: memory stays flat however large the graph


def _component(iri) -> str:
    name = str(iri or "").rsplit("#", 1)[-1]
    return name[: -len("ConstraintComponent")] if name.endswith("ConstraintComponent") else name


def _path_text(results: rdflib.Graph, path) -> str:
    """A result path as text that does not depend on blank-node labels: an IRI, or ^IRI for an inverse path."""
    if path is None:
        return ""
    if isinstance(path, rdflib.BNode):
        inverse = results.value(path, _SH.inversePath)
        return f"^{inverse}" if inverse is not None else "(complex path)"
    return str(path)


def validate_store(store: Store, exclude_graph: str | None = None, shapes_path: Path = SHAPES,
                   jobs: int = 1, location: str | Path | None = None, focus: Iterable[str] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> Report:
    """Validate the union of a store's graphs (the ontology graph left out) in Oxigraph.

    SHACL-SPARQL constraints (https://www.w3.org/TR/shacl/#sparql-constraints) run once over the whole
    graph with `$this` bound to each target-class member, core constraints as the queries
    `extract.shacl_sparql` compiles, on `jobs` threads. Shapes the compiler does not cover are checked
    by pySHACL chunk by chunk (`extract.pyshacl_chunks`; on `jobs` processes given the store's
    `location`). `focus` limits the core constraints to those nodes (an incremental build's changed
    neighbourhood).
    """
    shapes = rdflib.Graph().parse(shapes_path, format="turtle")
    findings = list(_store_sparql_constraints(store, shapes, exclude_graph))
    total, nodes = _focus_nodes(store, shapes, exclude_graph, focus)
    try:
        checks = shacl_sparql.Compiler(shapes, shacl_sparql.subclasses(store, exclude_graph), exclude_graph).checks()
    except shacl_sparql.Unsupported:
        checks = None  # pySHACL, chunk by chunk
    if checks is not None:
        chosen = list(nodes) if focus is not None else None  # class targets only, so nodes is never None here
        findings += _run_checks(store, checks, chosen, jobs, lambda done: progress(done * total // len(checks), total)
                                if progress is not None and total and checks else None)
        findings.sort(key=lambda f: (f.severity, f.focus, f.path, f.message))
        return Report(not any(f.severity == "Violation" for f in findings), tuple(findings), total, focus is not None)
    from extract import pyshacl_chunks
    results = pyshacl_chunks.validate(store, shapes, nodes, total, exclude_graph, shapes_path, jobs, location)
    done = 0
    for size, found in results:
        findings += found
        done += size
        if progress is not None and total:
            progress(done, total)
    findings.sort(key=lambda f: (f.severity, f.focus, f.path, f.message))
    return Report(not any(f.severity == "Violation" for f in findings), tuple(findings), total, focus is not None)


def _run_checks(store: Store, checks: list, focus: list[str] | None, jobs: int,
                done: Callable[[int], None]) -> list[Finding]:
    """Every compiled check over the whole graph, or over `focus` in slices; on `jobs` threads (Oxigraph
    releases the GIL while it evaluates)."""
    if focus is not None:
        slices = [" VALUES ?this { %s } " % " ".join(f"<{iri}>" for iri in focus[i:i + CHUNK])
                  for i in range(0, len(focus), CHUNK)]
    else:
        slices = [""]

    def run(check) -> list[Finding]:
        found = []
        for values in slices:
            query = "SELECT DISTINCT ?this ?value WHERE { %s }" % check.where.replace("$FOCUS", values)
            for row in store.query(query):
                value = row["value"]
                found.append(Finding(check.severity, row["this"].value, check.path,
                                     shacl_sparql.message(check, value.value if value is not None else ""),
                                     check.component))
        return found

    findings: list[Finding] = []
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        for i, found in enumerate(pool.map(run, checks), 1):
            findings += found
            done(i)
    return findings


def inverse_predicates(shapes_path: Path = SHAPES) -> set[str]:
    """The predicates of the shapes' inverse paths (an incremental build notes their objects as changed)."""
    shapes = rdflib.Graph().parse(shapes_path, format="turtle")
    return {str(p) for p in shapes.objects(None, _SH.inversePath) if isinstance(p, rdflib.URIRef)}


def _graph_filter(variable: str, exclude_graph: str | None) -> str:
    return f"FILTER ({variable} != <{exclude_graph}>)" if exclude_graph else ""


def _focus_nodes(store: Store, shapes: rdflib.Graph, exclude_graph: str | None,
                 among: Iterable[str] | None) -> tuple[int, Iterator[str] | None]:
    """How many target-class members to validate and the members, streamed from the store (all of them,
    or those `among` the given IRIs); None when shapes target otherwise: validate the whole graph at once."""
    if any(True for t in (_SH.targetNode, _SH.targetSubjectsOf, _SH.targetObjectsOf, _SH.target)
           for _ in shapes.subjects(t, None)):
        return 0, None
    classes = sorted({str(c) for c in shapes.objects(None, _SH.targetClass)})
    if among is not None:
        skip = NamedNode(exclude_graph) if exclude_graph else None
        chosen = sorted(iri for iri in set(among) if any(
            q.graph_name != skip and q.object.value in classes
            for q in store.quads_for_pattern(NamedNode(iri), _RDF_TYPE, None)))
        return len(chosen), iter(chosen)
    values = " ".join(f"<{c}>" for c in classes)
    where = (f"WHERE {{ VALUES ?c {{ {values} }} GRAPH ?g {{ ?s a ?c }} "
             f"{_graph_filter('?g', exclude_graph)} FILTER isIRI(?s) }}")
    total = int(next(iter(store.query(f"SELECT (COUNT(DISTINCT ?s) AS ?n) {where}")))[0].value)
    return total, (row[0].value for row in store.query(f"SELECT DISTINCT ?s {where}"))


def _store_sparql_constraints(store: Store, shapes: rdflib.Graph, exclude_graph: str | None) -> tuple[Finding, ...]:
    """Evaluate every sh:sparql constraint of a class-targeted shape in the store."""
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
                                        if row["value"] is not None else message, "SPARQL"))
    return tuple(findings)
