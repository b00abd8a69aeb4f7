"""Precision and recall per relation against facts written by hand while reading (tests/gold/prose.tsv).

Run: python -m tests.gold.evaluate   (prints a table; the tests assert the thresholds)
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from extract.context import fold
from extract.iris import RESOURCE
from extract.pipeline import extract_text

GOLD = Path(__file__).resolve().parent / "prose.tsv"
ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
GROUPS = {
    "attended": {"attended"}, "formerlyNamed": {"formerlyNamed"}, "publishes": {"publishes"},
    "membership": {"memberOf", "observerOf", "formerMemberOf"}, "foundingYear": {"foundingYear"},
    "lineage": {"splitFrom", "predecessor", "successor"},
}
_OKG = "https://w3id.org/orgkg/ontology#"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_gold() -> dict[str, set[tuple[str, str, str]]]:
    gold: dict[str, set] = defaultdict(set)
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        file, subject, relation, obj = line.split("\t")
        gold[file]  # an article with no facts still counts
        if relation != "none":
            gold[file].add((fold(subject), relation, fold(obj)))
    return gold


def _key(term) -> str | None:
    value = term.value
    if type(term).__name__ == "Literal":
        if term.language and term.language != "zh":
            return None  # an English gloss of a name is not another name to count
        return fold(value)
    if not value.startswith(RESOURCE):
        return None
    local = unquote(value[len(RESOURCE):])
    if "/edition/" in local:
        series, edition = local.split("/edition/", 1)
        return fold(series) + "#" + edition
    return fold(local.split("/named/", 1)[1] if "/named/" in local else local)


def extracted(file: str) -> set[tuple[str, str, str]]:
    base = ROOT if file.startswith("seeds/") else CORPUS
    path = base / file
    result = extract_text(path.read_text(encoding="utf-8"), file)
    relations = set().union(*GROUPS.values())
    found = set()
    for quad in result.quads:
        relation = quad.predicate.value.removeprefix(_OKG)
        if relation in relations:
            s, o = _key(quad.subject), _key(quad.object)
            if s is not None and o is not None:
                found.add((s, relation, o))
    return found


def evaluate() -> tuple[dict[str, Score], list[str]]:
    scores = {group: Score() for group in GROUPS}
    errors: list[str] = []
    for file, gold in load_gold().items():
        got = extracted(file)
        for group, relations in GROUPS.items():
            g = {f for f in gold if f[1] in relations}
            e = {f for f in got if f[1] in relations}
            scores[group].tp += len(g & e)
            scores[group].fp += len(e - g)
            scores[group].fn += len(g - e)
            errors += [f"extra   {file}: {' '.join(f)}" for f in sorted(e - g)]
            errors += [f"missing {file}: {' '.join(f)}" for f in sorted(g - e)]
    return scores, errors


def main() -> int:
    scores, errors = evaluate()
    print(f"{'relation':<14} {'gold':>5} {'found':>6} {'precision':>10} {'recall':>7}")
    for group, s in scores.items():
        print(f"{group:<14} {s.tp + s.fn:>5} {s.tp + s.fp:>6} {s.precision:>10.2f} {s.recall:>7.2f}")
    for line in errors:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
