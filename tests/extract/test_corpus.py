"""The unchanged extractor over the 47 real articles in ../shared/corpus: spot checks read off the articles."""

from __future__ import annotations

import pytest

from extract.context import Context
from extract.classify import Kind
from extract.parse import parse_article
from tests.conftest import CORPUS, extract_file, facts, needs_corpus, objects, subjects

pytestmark = needs_corpus

KINDS = {"party": {Kind.ORGANISATION}, "intl-org": {Kind.ORGANISATION}, "periodical": {Kind.PUBLICATION},
         "other": set()}


def manifest() -> list[tuple[str, str]]:
    lines = (CORPUS.parent / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [(line.split("\t")[0], line.split("\t")[2]) for line in lines if line.strip()]


@pytest.mark.parametrize("path, kind", manifest() if CORPUS.is_dir() else [])
def test_subject_kind_matches_manifest(path, kind):
    article = parse_article((CORPUS.parent / path).read_text(encoding="utf-8"), path)
    kinds = Context(article).kinds
    if kind == "conference":
        assert Kind.CONFERENCE in kinds
    else:
        assert kinds == KINDS[kind]


def page(name: str) -> set:
    return facts(extract_file(CORPUS / name))


def test_renamed_party_tajikistan():
    # 原名**塔吉克共产党** … 决定更名为**塔吉克社会党**。1992年1月19日，该党又更名为塔吉克斯坦共产党。
    found = page("塔吉克斯坦共产党.md")
    party = "okr:塔吉克斯坦共产党"
    assert objects(found, party, "okg:formerlyNamed") == {'"塔吉克共产党"@zh', '"塔吉克社会党"@zh'}
    assert objects(found, party, "okg:foundingYear") == {"1924"}
    assert objects(found, party, "okg:memberOf") == {"okr:共产党和工人党国际会议", "okr:共产党联盟－苏联共产党"}


def test_name_history_list():
    found = page("美国革命共产党.md")
    assert objects(found, "okr:美国革命共产党", "okg:formerlyNamed") == {'"湾区革命联盟"@zh', '"革命联盟"@zh'}
    assert {'"美革共"@zh', '"RCP, USA"@en'} <= objects(found, "okr:美国革命共产党", "skos:altLabel")


def test_rename_of_another_party_in_a_party_article():
    found = page("尼泊尔共产党（团结中心－火炬）.md")
    maoist = "okr:尼泊尔共产党（毛主义）"
    assert objects(found, maoist, "okg:formerlyNamed") == {'"尼泊尔共产党（毛主义）"@zh'}
    assert '"尼泊尔联合共产党（毛主义）"@zh' in objects(found, maoist, "skos:altLabel")
    assert not objects(found, "okr:尼泊尔共产党（团结中心－火炬）", "okg:formerlyNamed")
    assert objects(found, "okr:尼泊尔共产党（团结中心－火炬）", "okg:successor") == {maoist}


def test_swap_of_party_name_in_traditional_script():
    found = page("工人党_(突尼斯).md")
    assert objects(found, "okr:工人党_(突尼斯)", "okg:formerlyNamed") == {'"突尼斯工人共產黨"@zh', '"突尼斯工人共产党"@zh'}
    assert objects(found, "okr:工人党_(突尼斯)", "okg:foundingYear") == {"1986"}


def test_periodical_pravda():
    found = page("真理报.md")
    assert subjects(found, "okg:publishes", "okr:真理报") == {"okr:苏联共产党", "okr:俄罗斯联邦共产党"}
    assert ("okr:苏联最高苏维埃", "okg:publishes", "okr:消息报") in found
    assert len(objects(found, "okr:真理报", "okg:formerlyNamed")) == 8  # 在两年之内曾8易其名
    assert objects(found, "okr:真理报", "okg:foundingYear") == {"1912"}


def test_periodical_with_former_title():
    found = page("消息报.md")
    # 当时被称为《…》, and 以本报于十月革命时取的全名《…》
    assert objects(found, "okr:消息报", "okg:formerlyNamed") == {
        '"彼得格勒工人代表苏维埃消息报"@zh', '"农工兵哥萨克及彼得格勒工人红军苏维埃代表中央执行委员会消息报"@zh'}
    assert subjects(found, "okg:publishes", "okr:消息报") == {"okr:苏联最高苏维埃"}


def test_conference_with_tables_ics():
    found = page("国际共产主义研讨会.md")
    attendees = subjects(found, "okg:attended", "okr:国际共产主义研讨会")
    assert len(attendees) == 122
    assert {"okr:红党_(挪威)", "okr:中国共产党", "okr:工人世界党", "okr:阿根廷革命共产党"} <= attendees
    assert "okr:后苏联国家" not in attendees


def test_member_tables_with_shifted_columns_icor():
    found = page("革命政党和组织国际协调.md")
    members = subjects(found, "okg:memberOf", "okr:革命政党和组织国际协调")
    assert {"okr:印度共产党（马列）临时中央委员会", "okr:德国马列主义党", "okr:澳大利亚共产党（马列）"} <= members
    assert not {"okr:亚洲", "okr:欧洲", "okr:北美洲", "okr:大洋洲"} & members
    assert not any(m.endswith("年") for m in members)


def test_non_organisation_pages_have_no_typed_subject():
    for name, iri in [("鲍勃·阿瓦基安.md", "okr:鲍勃·阿瓦基安"), ("基尔皮斯耶尔维.md", "okr:基尔皮斯耶尔维"),
                      ("DragonFly_BSD.md", "okr:DragonFly_BSD"), ("新共产主义运动.md", "okr:新共产主义运动")]:
        found = page(name)
        assert not objects(found, iri, "rdf:type"), name
        assert not objects(found, iri, "okg:foundingYear"), name


def test_paragraph_about_another_party():
    found = page("布尔什维克党（北库尔德斯坦－土耳其）.md")
    assert objects(found, "okr:土耳其共产党/马列", "okg:foundingYear") == {"1972"}
    assert objects(found, "okr:布尔什维克党（北库尔德斯坦－土耳其）", "okg:foundingYear") == {"1981"}
    assert len(objects(found, "okr:布尔什维克党（北库尔德斯坦－土耳其）", "okg:publishes")) == 3
