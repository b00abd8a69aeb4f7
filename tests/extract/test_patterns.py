"""Each extraction pattern as a small article, in simplified script and converted to traditional script."""

from __future__ import annotations

import opencc
import pytest

from extract.pipeline import extract_text
from extract.script import simplify
from tests.conftest import short

_TO_TRADITIONAL = opencc.OpenCC("s2t")
S = "okr:甲党"  # the subject of every article below: 甲党 (Page/甲党.md)


# Bookkeeping predicates (labels, types, pages, name records, provenance) are checked elsewhere;
# the table compares every other fact exactly, so an extra fact fails as surely as a missing one.
BOOKKEEPING = {"rdfs:label", "rdf:type", "foaf:isPrimaryTopicOf", "okg:hasName", "skosxl:literalForm", "okg:nameStatus",
               "okg:validFrom", "okg:validUntil", "prov:wasDerivedFrom", "prov:wasAttributedTo", "foaf:primaryTopic",
               "dct:source", "okg:sourceDigest"}


def run(text: str) -> set[tuple[str, str, str]]:
    extraction = extract_text(text, "Page/甲党.md")
    # fold literals so one expectation serves both scripts
    return {(simplify(short(q.subject)), short(q.predicate), simplify(short(q.object))) for q in extraction.quads}


PATTERNS = [
    ("原名", "**甲党**是乙国的一个政党，原名**甲同盟**。",
     {(S, "okg:formerlyNamed", '"甲同盟"@zh')}),
    ("前称", "**甲党**，前称**甲工人党**，是乙国的一个政党。",
     {(S, "okg:formerlyNamed", '"甲工人党"@zh')}),
    ("前身是…更名为", "**甲党**是乙国的一个政党。该党前身是“甲小组”，1990年更名为甲党。",
     {(S, "okg:formerlyNamed", '"甲小组"@zh')}),
    ("改称", "**甲党**是乙国的一个政党。\n\n1971年，“甲联盟”召开全国代表大会，改称“甲党”。",
     {(S, "okg:formerlyNamed", '"甲联盟"@zh')}),
    ("重组为", "**甲党**是乙国的一个政党。\n\n1975年，“甲联盟”重组为“甲党”。",
     {(S, "okg:formerlyNamed", '"甲联盟"@zh')}),
    ("那时它的名字是", "**甲党**是乙国的一个政党。\n\n甲党创建于1983年，那时它的名字是“甲运动”。",
     {(S, "okg:formerlyNamed", '"甲运动"@zh'), (S, "okg:foundingYear", "1983")}),
    ("改为现名", "**甲党**是乙国的一个政党。该党成立之初取名为**甲社**，后改为现名。",
     {(S, "okg:formerlyNamed", '"甲社"@zh')}),
    ("更名为 (another entity)", "**甲党**是乙国的一个政党。\n\n2009年，该党并入[丙党](../Page/丙党.md \"wikilink\")。同时，丙党更名为“丙联合党”。",
     {("okr:丙党", "okg:formerlyNamed", '"丙党"@zh'), ("okr:丙党", "skos:altLabel", '"丙联合党"@zh'),
      (S, "okg:successor", "okr:丙党")}),
    ("name-history list", "**甲党**是乙国的一个政党。\n\n## 名称演变\n\n  - 1968年，“甲同盟”成立；\n  - 1975年，“甲同盟”改称“甲党”。\n",
     {(S, "okg:formerlyNamed", '"甲同盟"@zh')}),
    ("简称 / 缩写为", "**甲党**（，缩写为JP），简称**甲共**，是乙国的一个政党。",
     {(S, "okg:abbreviation", '"JP"@en'), (S, "okg:abbreviation", '"甲共"@zh'), (S, "skos:altLabel", '"甲共"@zh'),
      (S, "skos:altLabel", '"JP"@en')}),
    ("成立于", "**甲党**是乙国的一个政党，成立于1992年3月。", {(S, "okg:foundingYear", "1992")}),
    ("分裂自", "**甲党**是乙国的一个政党。该党成立于2004年，分裂自[乙党](../Page/乙党.md \"wikilink\")。",
     {(S, "okg:splitFrom", "okr:乙党"), (S, "okg:foundingYear", "2004")}),
    ("合并而成", "**甲党**是乙国的一个政党，由[乙党](../Page/乙党.md \"wikilink\")和[丙党](../Page/丙党.md \"wikilink\")合并而成。",
     {(S, "okg:predecessor", "okr:乙党"), (S, "okg:predecessor", "okr:丙党")}),
    ("是X的成员", "**甲党**是乙国的一个政党。该党是[丁国际](../Page/丁国际.md \"wikilink\")的成员。",
     {(S, "okg:memberOf", "okr:丁国际")}),
    ("出席了", "**甲党**是乙国的一个政党。该党出席了[戊研讨会](../Page/戊研讨会.md \"wikilink\")。",
     {(S, "okg:attended", "okr:戊研讨会")}),
    ("曾派代表出席", "**甲党**是乙国的一个政党。该党曾派代表出席[戊研讨会](../Page/戊研讨会.md \"wikilink\")。",
     {(S, "okg:attended", "okr:戊研讨会")}),
    ("出席了第N次", "**甲党**是乙国的一个政党。2011年，该党出席了第十次[戊会议](../Page/戊会议.md \"wikilink\")。",
     {(S, "okg:attended", "okr:戊会议/edition/10"), ("okr:戊会议/edition/10", "okg:year", "2011"),
      ("okr:戊会议/edition/10", "okg:ordinal", "10"), ("okr:戊会议/edition/10", "okg:editionOf", "okr:戊会议")}),
    ("发行…周报", "**甲党**是乙国的一个政党。该党发行周报《红星》（Red Star）。",
     {(S, "okg:publishes", "okr:甲党/named/红星"), ("okr:甲党/named/红星", "skos:altLabel", '"Red Star"@en')}),
    ("月刊 / 季刊", "**甲党**是乙国的一个政党。该党出版月刊《前锋》和季刊《理论》。",
     {(S, "okg:publishes", "okr:甲党/named/前锋"), (S, "okg:publishes", "okr:甲党/named/理论")}),
    ("机关报", "**甲党**是乙国的一个政党。该党的机关报是《人民之声》。",
     {(S, "okg:publishes", "okr:甲党/named/人民之声")}),
    ("得名于…刊物", "**甲党**是乙国的一个政党，通常被称为“**甲党 (火花)**”（得名于该党的刊物《火花》）。",
     {(S, "okg:publishes", "okr:甲党/named/火花"), (S, "skos:altLabel", '"甲党 (火花)"@zh')}),
    ("X是Y的机关报 (inverse)", "**甲党**是乙国的一个政党。\n\n《[晨报](../Page/晨报.md \"wikilink\")》是[己工会](../Page/己工会.md \"wikilink\")的机关报。",
     {("okr:己工会", "okg:publishes", "okr:晨报")}),
    ("第X次会议（YYYY年） heading", "**甲党**是乙国的一个政党。\n\n## 第三次代表大会（2010年）\n\n大会在首都举行。",
     {("okr:甲党/edition/3", "okg:editionOf", S), ("okr:甲党/edition/3", "okg:year", "2010"),
      ("okr:甲党/edition/3", "okg:ordinal", "3")}),
]


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("name, text, expected", PATTERNS, ids=[p[0] for p in PATTERNS])
def test_pattern(name, text, expected, script):
    if script == "traditional":
        text = _TO_TRADITIONAL.convert(text)
    found = {f for f in run(text) if f[1] not in BOOKKEEPING}
    assert found == expected, f"{name} ({script}): missing {expected - found}, extra {found - expected}"


NEGATIVES = [
    ("拒绝加入", "**甲党**是乙国的一个政党。该党拒绝加入[丁国际](../Page/丁国际.md \"wikilink\")。", "okg:memberOf"),
    ("申请加入", "**甲党**是乙国的一个政党。该党申请加入[丁党](../Page/丁党.md \"wikilink\")，但是遭到了拒绝。", "okg:memberOf"),
    ("出版的《…》 is a document", "**甲党**是乙国的一个政党。1994年出版的《十周年》披露了历史。", "okg:publishes"),
    ("a person attends nothing", "**张某**是[甲党](../Page/甲党.md \"wikilink\")主席。他曾参加了[戊研讨会](../Page/戊研讨会.md \"wikilink\")。", "okg:attended"),
    ("前身为X于…创办的", "《**甲报**》创刊于1912年，前身为[某人](../Page/某人.md \"wikilink\")于1908年创办的同名报纸。", "okg:predecessor"),
    ("创刊于…的同名报纸", "《**甲报**》可以追溯到创刊于1909年的同名报纸。", "okg:foundingYear"),
]


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("name, text, predicate", NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_pattern_rejected(name, text, predicate, script):
    if script == "traditional":
        text = _TO_TRADITIONAL.convert(text)
    assert not [f for f in run(text) if f[1] == predicate]
