"""Read just enough of a SPARQL request's text to guard SERVICE and LOAD, and to apply a protocol dataset to updates.

https://www.w3.org/TR/sparql11-protocol/#update-operation (using-graph-uri, using-named-graph-uri)
https://www.w3.org/TR/sparql11-federated-query/ (SERVICE, SERVICE SILENT)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit, urlunsplit

from server.errors import bad_request

REFUSED = "<urn:orgkg:service-refused>"


@dataclass(frozen=True)
class Token:
    kind: str  # word, iri, pname, var, string, punct
    text: str
    start: int
    end: int
    depth: int


_SPACE = re.compile(r"\s+")
_STRING = re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"", re.S)
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_PNAME = re.compile(r"[A-Za-z][\w.-]*?:[\w.:%-]*|:[\w.:%-]*", re.U)
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_VAR = re.compile(r"[?$]\w+")


def tokens(text: str) -> list[Token]:
    """Tokens at brace depth, strings, IRIs and comments told apart (`<` before a space is less-than)."""
    out: list[Token] = []
    depth, i = 0, 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i = _SPACE.match(text, i).end()
            continue
        if c == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        for kind, pattern in (("string", _STRING), ("iri", _IRI), ("var", _VAR), ("pname", _PNAME), ("word", _WORD)):
            m = pattern.match(text, i)
            if m and m.end() > i:
                out.append(Token(kind, m.group(), i, m.end(), depth))
                i = m.end()
                break
        else:
            if c == "{":
                depth += 1
            elif c == "}":
                depth = max(0, depth - 1)
            out.append(Token("punct", c, i, i + 1, depth))
            i += 1
    return out


def _prefixes(toks: list[Token]) -> dict[str, str]:
    found = {}
    for a, b, c in zip(toks, toks[1:], toks[2:]):
        if a.kind == "word" and a.text.upper() == "PREFIX" and b.kind == "pname" and c.kind == "iri":
            found[b.text[:-1] if b.text.endswith(":") else b.text.split(":")[0]] = c.text[1:-1]
    return found


def _normal(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/") or "/", parts.query, ""))


def guard_remote(text: str, allowed: tuple[str, ...], route: Callable[[int], str] | None = None) -> str:
    """Refuse SERVICE and LOAD targets outside the allow-list; a SILENT one is made to fail silently instead.

    `route(n)` gives the URL through which the n-th allowed endpoint is called (the relay that gives the
    call a timeout); without it allowed targets stay as written.
    """
    lowered = text.lower()
    if "service" not in lowered and "load" not in lowered:
        return text  # the common case: nothing remote, no need to lex
    toks = tokens(text)
    prefixes = _prefixes(toks)
    allow = [_normal(u) for u in allowed]
    edits: list[tuple[int, int, str]] = []
    for i, tok in enumerate(toks):
        if tok.kind != "word" or tok.text.upper() not in ("SERVICE", "LOAD"):
            continue
        j = i + 1
        silent = j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() == "SILENT"
        j += silent
        if j >= len(toks):
            continue
        target = toks[j]
        if target.kind == "iri":
            url = target.text[1:-1]
        elif target.kind == "pname" and target.text.split(":")[0] in prefixes:
            prefix, local = target.text.split(":", 1)
            url = prefixes[prefix] + local
        else:
            url = None  # a variable, or a name we cannot resolve
        if url is not None and urlsplit(url).scheme in ("http", "https") and _normal(url) in allow:
            if route is not None:
                edits.append((target.start, target.end, f"<{route(allow.index(_normal(url)))}>"))
            continue
        if silent:
            edits.append((target.start, target.end, REFUSED))
            continue
        what = tok.text.upper()
        listed = ", ".join(allowed) or "none"
        raise bad_request(f"{what} to {url or target.text} is not allowed; this server may call: {listed}")
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    return text


_SIMPLE_FORM = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^<>\s]*>|BASE\s*<[^<>\s]*>)\s*)*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b",
                          re.I)


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query keyword after the prologue; None if there is none."""
    simple = _SIMPLE_FORM.match(text)
    if simple:
        return simple.group(1).upper()
    for tok in tokens(text):
        if tok.kind == "word" and tok.depth == 0:
            word = tok.text.upper()
            if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                return word
            if word not in ("PREFIX", "BASE"):
                return None
    return None


def apply_update_dataset(text: str, using: list[str], using_named: list[str]) -> str:
    """Add `USING <g>` / `USING NAMED <g>` to every DELETE/INSERT … WHERE operation of an update.

    The protocol forbids combining them with USING or WITH in the update itself (400).
    """
    if not using and not using_named:
        return text
    clause = " ".join([f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named]) + " "
    toks = tokens(text)
    inserts: list[int] = []
    operation: list[Token] = []
    for tok in toks + [Token("punct", ";", len(text), len(text), 0)]:
        if tok.kind == "punct" and tok.text == ";" and tok.depth == 0:
            point = _modify_where(operation)
            if point is not None:
                inserts.append(point)
            operation = []
        else:
            operation.append(tok)
    for point in reversed(inserts):
        text = text[:point] + clause + text[point:]
    return text


def _modify_where(operation: list[Token]) -> int | None:
    words = [t for t in operation if t.kind == "word" and t.depth == 0]
    upper = [t.text.upper() for t in words]
    if "WITH" in upper or "USING" in upper:
        if any(w in upper for w in ("DELETE", "INSERT")):
            raise bad_request("using-graph-uri / using-named-graph-uri cannot be combined with USING or WITH in the update")
    for k, word in enumerate(upper):
        if word in ("DELETE", "INSERT"):
            following = upper[k + 1] if k + 1 < len(upper) else ""
            if following == "DATA":
                return None
            if word == "DELETE" and following == "WHERE":
                raise bad_request("using-graph-uri cannot apply to DELETE WHERE; write DELETE { … } WHERE { … }")
            where = [t for t in words if t.text.upper() == "WHERE"]
            return where[-1].start if where else None
    return None
