"""Precision and recall per relation on the hand-read gold facts (tests/gold/prose.tsv) stay at 0.9 or more."""

from __future__ import annotations

import pytest

from tests.conftest import needs_corpus
from tests.gold.evaluate import GROUPS, evaluate

pytestmark = needs_corpus


@pytest.fixture(scope="module")
def scores():
    return evaluate()[0]


@pytest.mark.parametrize("relation", sorted(GROUPS))
def test_precision_and_recall(scores, relation):
    score = scores[relation]
    assert score.tp > 0
    assert score.precision >= 0.9, f"{relation}: precision {score.precision:.2f}"
    assert score.recall >= 0.9, f"{relation}: recall {score.recall:.2f}"
