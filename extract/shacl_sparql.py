"""SHACL Core constraints compiled to SPARQL and run in Oxigraph, one query per constraint over the whole graph.

pySHACL checks each focus node in Python (about 3 ms a node: 8 minutes for 100,000 articles); here
each constraint of https://www.w3.org/TR/shacl/#core-components becomes one SELECT of the violating
(focus node, value) pairs, which Oxigraph answers from its indexes. The components, targets and paths
orgkg's shapes use are covered; a shapes graph with anything else raises `Unsupported`, and
validation falls back to pySHACL. The data graph is the union of the store's graphs but one (the
ontology's), as pySHACL sees it; "SHACL instance" follows the data graph's rdfs:subClassOf.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count
from typing import Iterable

import rdflib
from rdflib.collection import Collection
from pyoxigraph import Literal, NamedNode, Store

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"

# what a shape may say besides its constraints
_STRUCTURE = {rdflib.RDF.type, SH.targetClass, SH.property, SH.path, SH.message, SH.severity, SH.sparql,
              SH.name, SH.description, SH.declare, SH.prefixes, rdflib.RDFS.label, rdflib.RDFS.comment}
_VALUE_COMPONENTS = {SH.datatype, SH.nodeKind, SH.pattern, SH.languageIn, SH["class"], SH["in"],
                     SH.minInclusive, SH["or"]}
_COUNT_COMPONENTS = {SH.minCount, SH.maxCount}
_NAMES = {SH.datatype: "Datatype", SH.nodeKind: "NodeKind", SH.pattern: "Pattern", SH.languageIn: "LanguageIn",
          SH["class"]: "Class", SH["in"]: "In", SH.minInclusive: "MinInclusive", SH["or"]: "Or",
          SH.minCount: "MinCount", SH.maxCount: "MaxCount"}


class Unsupported(Exception):
    """The shapes use a SHACL feature this compiler does not cover."""


@dataclass(frozen=True)
class Check:
    """One constraint as a query: its rows are (?this, ?value) of each violation."""

    severity: str
    path: str  # an IRI, ^IRI for an inverse path, "" for a node shape's own constraint
    component: str  # the constraint component's local name, as in sh:sourceConstraintComponent
    message: str | None  # the shape's sh:message, or None for the default one
    where: str  # the group graph pattern binding ?this and ?value, with $FOCUS where focus nodes go
    argument: str  # the constraint's parameter as text, for the default message


def _term(node) -> str:
    """An rdflib term as SPARQL."""
    if isinstance(node, rdflib.URIRef):
        return f"<{node}>"
    if isinstance(node, rdflib.Literal):
        if node.language:
            return str(Literal(str(node), language=node.language))
        return str(Literal(str(node), datatype=NamedNode(str(node.datatype or rdflib.XSD.string))))
    raise Unsupported(f"a blank node as a constraint parameter: {node}")


class _Patterns:
    """Triple patterns over the data graph: each in a graph of its own variable, the excluded graph filtered out."""

    def __init__(self, exclude_graph: str | None) -> None:
        self.exclude = exclude_graph
        self.names = count()

    def triple(self, s: str, p: str, o: str) -> str:
        g = f"?g{next(self.names)}"
        keep = f" FILTER ({g} != <{self.exclude}>)" if self.exclude else ""
        return f"GRAPH {g} {{ {s} {p} {o} }}{keep}"


def subclasses(store: Store, exclude_graph: str | None) -> dict[str, set[str]]:
    """Each class of the data graph's rdfs:subClassOf triples with all its subclasses (and itself)."""
    edges: dict[str, set[str]] = {}
    keep = f"FILTER (?g != <{exclude_graph}>)" if exclude_graph else ""
    for row in store.query(f"SELECT DISTINCT ?sub ?sup WHERE {{ GRAPH ?g {{ ?sub <{SUBCLASS}> ?sup }} {keep} "
                           "FILTER (isIRI(?sub) && isIRI(?sup)) }"):
        edges.setdefault(row[1].value, set()).add(row[0].value)
    closure: dict[str, set[str]] = {}
    for top in edges:
        seen, todo = {top}, [top]
        while todo:
            for sub in edges.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        closure[top] = seen
    return closure


class Compiler:
    """Turns a shapes graph into `Check`s for one store."""

    def __init__(self, shapes: rdflib.Graph, classes: dict[str, set[str]], exclude_graph: str | None) -> None:
        self.shapes = shapes
        self.classes = classes
        self.patterns = _Patterns(exclude_graph)

    def _typed(self, node: str, classes: Iterable[str]) -> str:
        """A pattern: `node` is a SHACL instance of one of `classes` (subclasses included). One class is a
        constant in the pattern; several an IN filter, not a VALUES join, which Oxigraph would evaluate
        against every type triple for each focus node given."""
        every = sorted({sub for c in classes for sub in self.classes.get(c, {c})})
        if len(every) == 1:
            return self.patterns.triple(node, f"<{RDF_TYPE}>", f"<{every[0]}>")
        t = f"?t{next(self.patterns.names)}"
        return self.patterns.triple(node, f"<{RDF_TYPE}>", t) + f" FILTER ({t} IN ({', '.join(f'<{c}>' for c in every)}))"

    def _focus(self, shape) -> str:
        targets = [str(t) for t in self.shapes.objects(shape, SH.targetClass)]
        if not targets:
            raise Unsupported(f"shape {shape} has no sh:targetClass (other targets are not compiled)")
        # distinct first: a node is typed in every article naming it, and each copy would join its values again
        return f"{{ SELECT DISTINCT ?this WHERE {{ $FOCUS {self._typed('?this', targets)} }} }}"

    def _path(self, path) -> tuple[str, str]:
        """(path text, pattern binding ?value from ?this)."""
        if isinstance(path, rdflib.URIRef):
            return str(path), self.patterns.triple("?this", f"<{path}>", "?value")
        inverse = self.shapes.value(path, SH.inversePath)
        if isinstance(inverse, rdflib.URIRef) and len(list(self.shapes.predicate_objects(path))) == 1:
            return f"^{inverse}", self.patterns.triple("?value", f"<{inverse}>", "?this")
        raise Unsupported(f"property path {path} (only IRIs and inverse IRIs are compiled)")

    def checks(self) -> list[Check]:
        covered = _STRUCTURE | _VALUE_COMPONENTS | _COUNT_COMPONENTS | {SH.inversePath, SH.select, SH.prefix, SH.namespace}
        for predicate in sorted(set(self.shapes.predicates()), key=str):
            if str(predicate).startswith(str(SH)) and predicate not in covered:  # other targets, sh:node, sh:and ...
                raise Unsupported(f"{predicate.rsplit('#', 1)[-1]} is not compiled")
        out: list[Check] = []
        for shape in sorted(set(self.shapes.subjects(SH.targetClass, None)), key=str):
            self._only(shape, _STRUCTURE | _VALUE_COMPONENTS)  # counts belong to property shapes
            severity = self._severity(shape)
            for component, value in self._constraints(shape):
                focus = self._focus(shape)
                out.append(Check(severity, "", _NAMES[component], self._message(shape), focus + " BIND (?this AS ?value) "
                                 + self._violates(component, value), self._argument(component, value)))
            for prop in sorted(self.shapes.objects(shape, SH.property), key=str):
                self._only(prop, _STRUCTURE | _VALUE_COMPONENTS | _COUNT_COMPONENTS)
                path, values = self._path(self.shapes.value(prop, SH.path))
                severity, message = self._severity(prop), self._message(prop)
                for component, value in self._constraints(prop):
                    focus = self._focus(shape)
                    if component in _COUNT_COMPONENTS:
                        n = int(value)
                        having = f"(COUNT(DISTINCT ?value) {'<' if component == SH.minCount else '>'} {n})"
                        where = (f"{{ SELECT ?this (COUNT(DISTINCT ?value) AS ?count) WHERE {{ {focus} "
                                 f"OPTIONAL {{ {values} }} }} GROUP BY ?this HAVING {having} }} BIND (?count AS ?value)")
                    else:
                        where = f"{focus} {values} {self._violates(component, value)}"
                    out.append(Check(severity, path, _NAMES[component], message, where, self._argument(component, value)))
        return out

    def _only(self, node, allowed: set) -> None:
        for predicate in set(self.shapes.predicates(node, None)):
            if predicate not in allowed:
                raise Unsupported(f"{predicate} on {node}")

    def _constraints(self, node) -> list[tuple]:
        found = [(p, o) for p, o in self.shapes.predicate_objects(node) if p in _VALUE_COMPONENTS | _COUNT_COMPONENTS]
        return sorted(found, key=lambda pair: (str(pair[0]), str(pair[1])))

    def _severity(self, node) -> str:
        return str(self.shapes.value(node, SH.severity) or SH.Violation).rsplit("#", 1)[-1]

    def _message(self, node) -> str | None:
        message = self.shapes.value(node, SH.message)
        return str(message) if message is not None else None

    def _list(self, head) -> list:
        return list(Collection(self.shapes, head))

    def _argument(self, component, value) -> str:
        if component in (SH.languageIn, SH["in"]):
            return "(" + " ".join(str(v) for v in self._list(value)) + ")"
        if component == SH["or"]:
            return f"{len(self._list(value))} shapes"
        return str(value)

    def _violates(self, component, value) -> str:
        return f"FILTER (!({self._conforms(component, value)}))"

    def _conforms(self, component, value) -> str:
        """A SPARQL expression true when ?value meets one value-level constraint."""
        v = "?value"
        if component == SH.datatype:
            return f"isLiteral({v}) && datatype({v}) = <{value}>"
        if component == SH.nodeKind:
            kinds = {SH.IRI: f"isIRI({v})", SH.BlankNode: f"isBlank({v})", SH.Literal: f"isLiteral({v})",
                     SH.BlankNodeOrIRI: f"(isBlank({v}) || isIRI({v}))", SH.IRIOrLiteral: f"(isIRI({v}) || isLiteral({v}))",
                     SH.BlankNodeOrLiteral: f"(isBlank({v}) || isLiteral({v}))"}
            if value not in kinds:
                raise Unsupported(f"sh:nodeKind {value}")
            return kinds[value]
        if component == SH.pattern:
            return f"!isBlank({v}) && REGEX(STR({v}), {_term(rdflib.Literal(str(value)))})"
        if component == SH.languageIn:
            ranges = " || ".join(f"langMatches(lang({v}), {_term(rdflib.Literal(str(r)))})" for r in self._list(value))
            return f"isLiteral({v}) && ({ranges or 'false'})"
        if component == SH["class"]:
            return f"EXISTS {{ {self._typed(v, [str(value)])} }}"
        if component == SH["in"]:
            return " || ".join(f"sameTerm({v}, {_term(m)})" for m in self._list(value)) or "false"
        if component == SH.minInclusive:
            return f"COALESCE({v} >= {_term(value)}, false)"
        if component == SH["or"]:
            return " || ".join(f"({self._member(m)})" for m in self._list(value)) or "false"
        raise Unsupported(str(component))

    def _member(self, shape) -> str:
        """An sh:or member shape as an expression: value-level constraints only."""
        self._only(shape, {rdflib.RDF.type} | _VALUE_COMPONENTS)
        parts = [self._conforms(c, value) for c, value in self._constraints(shape)]
        return " && ".join(f"({p})" for p in parts) or "true"


DEFAULT_MESSAGES = {
    "MinCount": "{value} values where at least {arg} are required", "MaxCount": "{value} values where at most {arg} are allowed",
    "Datatype": "value {value} is not a literal of datatype {arg}", "NodeKind": "value {value} is not of kind {arg}",
    "Pattern": "value {value} does not match {arg}", "LanguageIn": "value {value} has no language tag in {arg}",
    "Class": "value {value} is not an instance of {arg}", "In": "value {value} is not one of {arg}",
    "MinInclusive": "value {value} is not at least {arg}", "Or": "value {value} conforms to none of {arg}",
}


def message(check: Check, value) -> str:
    """The finding's text: the shape's sh:message, else one naming the value and the constraint."""
    if check.message is not None:
        return check.message
    return DEFAULT_MESSAGES[check.component].format(arg=check.argument, value=value)
