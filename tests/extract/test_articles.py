"""Hand-written articles in the dump's format (tests/articles): traditional script, pipe tables, prose only,
non-organisation pages. Expected facts are what the article says."""

from __future__ import annotations

import pytest

from tests.conftest import ARTICLES, extract_file, facts, objects, subjects

NTP = "okr:北方劳动者党"


@pytest.fixture(scope="module")
def ntp():
    return facts(extract_file(ARTICLES / "Page" / "北方勞動者黨.md"))


@pytest.fixture(scope="module")
def iws():
    return facts(extract_file(ARTICLES / "Page" / "国际工人研讨会.md"))


def test_traditional_script_names_keep_their_script_and_fold_for_identity(ntp):
    assert (NTP, "rdf:type", "okg:Organisation") in ntp
    assert objects(ntp, NTP, "rdfs:label") == {'"北方勞動者黨"@zh'}


def test_traditional_names_abbreviations_original_language(ntp):
    assert {'"北勞黨"@zh', '"NTP"@en', '"Northern Toilers\' Party"@en'} <= objects(ntp, NTP, "skos:altLabel")
    assert objects(ntp, NTP, "okg:abbreviation") == {'"北勞黨"@zh', '"NTP"@en'}


def test_traditional_former_name_founding_and_split(ntp):
    assert objects(ntp, NTP, "okg:formerlyNamed") == {'"北方勞動者同盟"@zh'}
    assert objects(ntp, NTP, "okg:foundingYear") == {"1977"}
    assert objects(ntp, NTP, "okg:splitFrom") == {"okr:北方人民党"}


def test_traditional_membership_observer_attendance(ntp):
    assert objects(ntp, NTP, "okg:memberOf") == {"okr:南方论坛", "okr:东方联盟"}
    assert objects(ntp, NTP, "okg:observerOf") == {"okr:西方左翼党"}
    assert objects(ntp, NTP, "okg:attended") == {"okr:国际工人研讨会"}
    assert ("okr:国际工人研讨会", "rdf:type", "okg:ConferenceSeries") in ntp


def test_traditional_publications(ntp):
    published = objects(ntp, NTP, "okg:publishes")
    labels = {next(iter(objects(ntp, p, "rdfs:label"))) for p in published}
    assert labels == {'"紅旗週報"@zh', '"前進"@zh'}  # not the one-off 《二十年黨史》
    weekly = next(p for p in published if (p, "rdfs:label", '"紅旗週報"@zh') in ntp)
    assert objects(ntp, weekly, "skos:altLabel") == {'"Red Flag Weekly"@en'}


def test_rename_of_another_entity_belongs_to_that_entity(ntp):
    # 2001年，[北方青年團]更名為“北方共產主義青年團”: the youth league was renamed, not the article's party
    assert objects(ntp, "okr:北方青年团", "okg:formerlyNamed") == {'"北方青年團"@zh'}
    assert '"北方共產主義青年團"@zh' in objects(ntp, "okr:北方青年团", "skos:altLabel")
    assert '"北方青年團"@zh' not in objects(ntp, NTP, "okg:formerlyNamed")


def test_places_ideologies_and_citations_are_not_organisations(ntp):
    organisations = subjects(ntp, "rdf:type", "okg:Organisation")
    assert not {"okr:北方国", "okr:共产主义", "okr:北方工会联合会"} & organisations


def test_pipe_table_edition_with_ordinal_and_year(iws):
    edition = "okr:国际工人研讨会/edition/14"
    assert objects(iws, edition, "okg:ordinal") == {"14"} and objects(iws, edition, "okg:year") == {"2005"}
    assert subjects(iws, "okg:attended", edition) == {
        "okr:北方劳动者党", "okr:南方共产党_(1990年)",
        "okr:国际工人研讨会/named/红色团结小组", "okr:国际工人研讨会/named/蓝色阵线"}


def test_founding_conference_from_caption_and_heading(iws):
    founding = "okr:国际工人研讨会/edition/1992年"
    assert (founding, "rdf:type", "okg:FoundingConference") in iws
    assert len(subjects(iws, "okg:editionOf", "okr:国际工人研讨会")) == 2
    assert subjects(iws, "okg:attended", founding) == {"okr:东方工人党", "okr:南方共产党_(1990年)", "okr:北方劳动者同盟"}
    assert not objects(iws, "okr:北方劳动者同盟", "skos:altLabel")  # （观察员） is a note, not a name


def test_shifted_and_note_cells(iws):
    assert ("okr:西方左翼党", "okg:formerMemberOf", "okr:国际工人研讨会") in iws
    organisations = subjects(iws, "rdf:type", "okg:Organisation")
    assert not {"okr:亚洲", "okr:中亚", "okr:北方国"} & organisations
    assert not any("来自中亚" in o or "黎明" in o for o in organisations)  # a bare short word in a shifted row


def test_publication_article_inverse_organ(tmp_path):
    found = facts(extract_file(ARTICLES / "Page" / "紅旗週報.md"))
    paper = "okr:红旗周报"
    assert (paper, "rdf:type", "okg:Publication") in found
    assert (NTP, "okg:publishes", paper) in found
    assert objects(found, paper, "okg:formerlyNamed") == {'"紅旗"@zh'}
    assert objects(found, paper, "okg:foundingYear") == {"1978"}
    # a sentence about another paper gives that paper its publisher
    assert ("okr:北方国政府", "okg:publishes", "okr:北方日报") in found
    assert (paper, "rdf:type", "okg:Organisation") not in found


def test_person_page_is_not_an_organisation_and_attends_nothing():
    found = facts(extract_file(ARTICLES / "Page" / "张三_(活动家).md"))
    person = "okr:张三_(活动家)"
    assert objects(found, person, "rdfs:label") == {'"张三"@zh'}
    assert not objects(found, person, "rdf:type")
    assert not any(p in ("okg:attended", "okg:memberOf", "okg:publishes", "okg:foundingYear") for _, p, _ in found)


def test_place_page_yields_no_classes():
    found = facts(extract_file(ARTICLES / "Page" / "雪村.md"))
    assert not any(p == "rdf:type" and o.startswith("okg:") for _, p, o in found)
    assert not any(p == "okg:foundingYear" for _, p, _ in found)


def test_article_without_page_file_name_and_shifted_member_table():
    found = facts(extract_file(ARTICLES / "无文件名的组织.txt"))
    union = "okr:东方联盟"
    assert (union, "rdf:type", "okg:Organisation") in found
    assert objects(found, union, "okg:foundingYear") == {"1995"}
    assert subjects(found, "okg:memberOf", union) == {"okr:北方劳动者党", "okr:东方工人党"}


def test_same_page_in_two_scripts_is_one_iri(ntp, iws):
    assert (NTP, "rdf:type", "okg:Organisation") in ntp and (NTP, "okg:attended", "okr:国际工人研讨会/edition/14") in iws


def test_lists_and_prose_enumerations_in_traditional_script():
    found = facts(extract_file(ARTICLES / "Page" / "南方論壇.md"))
    forum = "okr:南方论坛"
    assert {(forum, "rdf:type", "okg:ConferenceSeries"), (forum, "rdf:type", "okg:Organisation")} <= found
    # 該組織的成員包括：A、B和C等
    assert subjects(found, "okg:memberOf", forum) == {"okr:北方劳动者党", "okr:东方工人党", "okr:南方共产党_(1990年)"}
    # 出席會議的政黨有 … under the heading of the 2nd conference
    assert subjects(found, "okg:attended", forum + "/edition/2") == {"okr:西方左翼党", "okr:北方人民党"}
    assert objects(found, forum + "/edition/2", "okg:year") == {"1999"}
    # a bullet list under a participants heading: not the country, not the placeholder
    assert subjects(found, "okg:attended", forum + "/edition/3") == {"okr:北方劳动者党", "okr:南方论坛/named/红色阵线"}
    assert ("okr:国际工人研讨会", "rdf:type", "okg:ConferenceSeries") not in found  # 參見 is a pointer, not a fact
