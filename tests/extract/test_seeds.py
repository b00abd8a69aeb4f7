"""The two seed articles, fact by fact; every expected value was read off the article text."""

from __future__ import annotations

from tests.conftest import objects, subjects

MIM = "okr:毛主义国际主义运动"
ICMLPO = "okr:马列主义政党和组织国际会议"
E = ICMLPO + "/edition/"
SCOPE = ICMLPO + "/named/"


def test_mim_is_an_organisation_with_its_page(mim):
    assert (MIM, "rdf:type", "okg:Organisation") in mim
    assert (MIM, "rdfs:label", '"毛主义国际主义运动"@zh') in mim
    page = objects(mim, MIM, "foaf:isPrimaryTopicOf")
    assert page == {"https://zh.wikipedia.org/wiki/%E6%AF%9B%E4%B8%BB%E4%B9%89%E5%9B%BD%E9%99%85%E4%B8%BB%E4%B9%89%E8%BF%90%E5%8A%A8"}


def test_mim_former_name_and_when(mim):
    # 创建于1983年，那时它的名字是“革命国际主义运动”（Revolutionary Internationalist Movement）…在1984年，该组织更名为…
    assert objects(mim, MIM, "okg:formerlyNamed") == {'"革命国际主义运动"@zh', '"Revolutionary Internationalist Movement"@en'}
    records = objects(mim, MIM, "okg:hasName")
    former = next(r for r in records if (r, "skosxl:literalForm", '"革命国际主义运动"@zh') in mim)
    assert objects(mim, former, "okg:validFrom") == {"1983"}
    assert objects(mim, former, "okg:validUntil") == {"1984"}
    assert objects(mim, former, "okg:nameStatus") == {"okg:FormerName"}
    assert objects(mim, MIM, "okg:foundingYear") == {"1983"}


def test_mim_predecessor_is_another_body(mim):
    # “激进学者”（RADical ACADemics，RADACADS）的团体是它的前身
    (predecessor,) = objects(mim, MIM, "okg:predecessor")
    assert predecessor == f"{MIM}/named/激进学者"
    assert objects(mim, predecessor, "skos:altLabel") == {'"RADical ACADemics"@en', '"RADACADS"@en'}
    assert '"激进学者"@zh' not in objects(mim, MIM, "okg:formerlyNamed")


def test_mim_periodicals(mim):
    published = objects(mim, MIM, "okg:publishes")
    labels = {next(iter(objects(mim, p, "rdfs:label"))) for p in published}
    assert labels == {'"毛主义国际主义运动笔记"@zh', '"毛派寄居者"@zh', '"Notas Rojas"@zh', '"毛主义国际主义运动理论"@zh'}
    english = {a for p in published for a in objects(mim, p, "skos:altLabel")}
    assert english == {'"MIM Notes"@en', '"Maoist Sojourner"@en', '"MIM Theory"@en'}
    for p in published:
        assert (p, "rdf:type", "okg:Publication") in mim
    # 1994年5月出版的《毛主义国际主义运动十周年庆》 is a one-off document, not a periodical of MIM
    assert not any("十周年庆" in o for _, _, o in mim)


def test_mim_countries_and_ideologies_are_not_organisations(mim):
    for iri in ("okr:美国", "okr:毛派", "okr:苏联", "okr:毛泽东思想", "okr:新共产主义运动"):
        assert (iri, "rdf:type", "okg:Organisation") not in mim
    assert ("okr:美国革命共产党", "rdf:type", "okg:Organisation") in mim
    assert not subjects(mim, "okg:attended", MIM) and not objects(mim, MIM, "okg:memberOf")


def test_mim_categories(mim):
    assert objects(mim, MIM, "dct:subject") == {"okr:Category:美国政党", "okr:Category:毛派组织", "okr:Category:美洲共产党"}


def test_icmlpo_is_a_conference_series_and_a_body(icmlpo):
    assert (ICMLPO, "rdf:type", "okg:ConferenceSeries") in icmlpo
    assert (ICMLPO, "rdf:type", "okg:Organisation") in icmlpo  # 该组织的刊物《国际通讯》
    assert {'"ICMLPO"@en', '"马列主义政党和组织国际会议 (毛主义)"@zh', '"马列主义政党和组织国际会议 (国际通讯)"@zh'} <= \
        objects(icmlpo, ICMLPO, "skos:altLabel")
    (paper,) = objects(icmlpo, ICMLPO, "okg:publishes")
    assert objects(icmlpo, paper, "rdfs:label") == {'"国际通讯"@zh'}


def test_icmlpo_editions(icmlpo):
    editions = subjects(icmlpo, "okg:editionOf", ICMLPO)
    got = {(next(iter(objects(icmlpo, e, "okg:ordinal"))), next(iter(objects(icmlpo, e, "okg:year")))) for e in editions}
    assert got == {("6", "1999"), ("7", "2001"), ("8", "2004"), ("9", "2007"), ("10", "2011")}
    for e in editions:
        assert (e, "rdf:type", "okg:Conference") in icmlpo


def test_icmlpo_attendance_per_edition(icmlpo):
    counts = {n: len(subjects(icmlpo, "okg:attended", E + n)) for n in ("6", "7", "8", "9", "10")}
    assert counts == {"6": 21, "7": 27, "8": 29, "9": 24, "10": 24}


def test_icmlpo_8th_conference_rows(icmlpo):
    expected = {
        "okr:阿富汗马列主义组织", "okr:阿根廷革命共产党", "okr:孟加拉国工人党", "okr:玻利维亚共产党－马列毛",
        "okr:哥伦比亚共产党－毛主义", SCOPE + "刚果革命组织", SCOPE + "共产党（马列）",
        "okr:马列主义共产主义组织－无产阶级道路", "okr:德国马列主义党", "okr:希腊共产主义组织",
        "okr:印度共产党（马列）人民力量", "okr:印度共产党（马列）新民主", "okr:印度共产党（马列）临时中央委员会",
        SCOPE + "争取抵抗支持委员会－争取共产主义", SCOPE + "卢森堡共产主义组织", "okr:尼泊尔共产党（团结中心－火炬）",
        "okr:马列主义者团体/红色黎明", "okr:工人共产党_(挪威)", "okr:巴拿马共产党（马列）", SCOPE + "皮亚胡拉巴拉圭革命人民运动",
        "okr:秘鲁共产党（马列）", "okr:菲律宾共产党", "okr:劳动党_(塞尔维亚)", SCOPE + "南非共产党（马列）",
        "okr:布尔什维克党（北库尔德斯坦－土耳其）", "okr:土耳其共产党/马列", "okr:乌拉圭革命共产党", "okr:劳工革命组织",
        SCOPE + "雷文多",
    }
    assert subjects(icmlpo, "okg:attended", E + "8") == expected


def test_two_pages_with_one_label_are_two_entities(icmlpo):
    assert ("okr:尼泊尔共产党（火炬）_(1983年)", "okg:attended", E + "7") in icmlpo
    assert ("okr:尼泊尔共产党（火炬）_(2006年)", "okg:attended", E + "10") in icmlpo
    for iri in ("okr:尼泊尔共产党（火炬）_(1983年)", "okr:尼泊尔共产党（火炬）_(2006年)"):
        assert objects(icmlpo, iri, "rdfs:label") == {'"尼泊尔共产党（火炬）"@zh'}
    assert objects(icmlpo, "okr:劳动党_(塞尔维亚)", "rdfs:label") == {'"劳动党"@zh'}
    assert ("okr:马列主义政党和组织国际会议_(团结和斗争)", "rdf:type", "okg:ConferenceSeries") not in icmlpo


def test_listed_under_another_name(icmlpo):
    assert objects(icmlpo, "okr:希腊共产主义组织", "skos:altLabel") == {'"A/辛涅奇亚"@zh'}
    assert objects(icmlpo, "okr:玻利维亚共产党－马列毛", "skos:altLabel") == {'"玻利维亚共产党（马列）"@zh'}
    assert not objects(icmlpo, "okr:劳动党_(塞尔维亚)", "skos:altLabel")


def test_placeholders_regions_and_empty_rows_are_not_organisations(icmlpo):
    organisations = subjects(icmlpo, "rdf:type", "okg:Organisation")
    assert not any("来自南亚" in o for o in organisations)
    assert "okr:南亚" not in organisations and "okr:南欧" not in organisations
    assert (SCOPE + "南欧共产主义组织", "okg:attended", E + "9") in icmlpo
    assert len(subjects(icmlpo, "okg:attended", E + "6")) == 21  # the empty last row adds nothing
