"""Tell what kind of thing a name or an article is about from generic Chinese word classes.

Only common nouns and suffixes live here (党, 组织, 会议, 报, 洲 …), never the name of an entity:
the extractor has to work on articles nobody has read. All matching is on script-folded text.
"""

from __future__ import annotations

import re
from enum import Enum

from extract.script import simplify


class Kind(Enum):
    ORGANISATION = "organisation"
    CONFERENCE = "conference"
    PUBLICATION = "publication"
    PLACE = "place"
    IDEOLOGY = "ideology"
    PERSON = "person"
    EVENT = "event"
    OTHER = "other"


# Suffixes that make a proper name an organisation's name.
ORG_SUFFIXES = ("党", "组织", "联盟", "同盟", "阵线", "委员会", "协会", "联合会", "工会", "团体", "共青团",
                "青年团", "国际", "党团", "集团", "协调", "倡议", "同志会", "联合", "小组", "中心", "运动",
                "纲领", "圈子", "倾向", "力量", "阵营", "联合体")
# The subset strong enough to call a name in running prose an organisation without other evidence.
STRONG_ORG_SUFFIXES = ("党", "组织", "联盟", "同盟", "阵线", "委员会", "协会", "联合会", "工会", "团体",
                       "共青团", "青年团", "党团")
CONFERENCE_SUFFIXES = ("会议", "研讨会", "年会", "论坛", "大会", "峰会", "代表会议", "集会")
PUBLICATION_SUFFIXES = ("报纸", "日报", "周报", "晚报", "双周报", "月刊", "周刊", "季刊", "双周刊", "年刊",
                        "杂志", "期刊", "刊物", "机关报", "党报", "出版物", "报")
_PLACE = re.compile(r"(洲|国|省|市|县|州|区|邦|岛|群岛|半岛|地区|国家|共和国|王国|城|村|镇|乡|湖|河|山|海)$"
                    r"|^[东南西北中]+[亚欧非美]$|^中东$|^拉美$")
_IDEOLOGY = re.compile(r"(主义|思想|理论)$")
_EVENT = re.compile(r"(事件|战争|革命|起义|选举|公投|大屠杀|危机|改革|分裂|解体|剧变|决裂|内战|之死|逝世)$")
_PERSON = re.compile(r"[·•‧・]")
_LANGUAGE = re.compile(r"(语|文|语言|语族)$")
# Class nouns that pages exist for (`国际政党组织`, `欧洲政党`): a link to one names a class, not a body.
_CLASS_NOUN = re.compile(r"^(国际|欧洲|亚洲|非洲|美洲|左翼|右翼|极左|极右|共产主义|社会主义|民族主义|毛派|"
                         r"托派|政治|群众|秘密|恐怖|非政府|跨国|全国性|地方|学生|青年|妇女)?"
                         r"(政党|政党组织|政党国际|国际组织|组织|团体|联盟|工会|运动)$")


def _ends(name: str, suffixes: tuple[str, ...]) -> bool:
    return name.endswith(suffixes)


def name_kind(name: str) -> Kind:
    """The kind a proper name suggests by its form alone (`…党` organisation, `…洲` place, `…主义` ideology)."""
    folded = simplify(name.strip()).rstrip("）)]】").strip()
    core = re.sub(r"[（(][^（()）]*[）)]$", "", simplify(name.strip())).strip() or folded
    if not core:
        return Kind.OTHER
    if _PERSON.search(core):
        return Kind.PERSON
    # `哥伦比亚共产党－毛主义`: a party whose name ends with its line; any segment naming a body decides
    if any(_ends(part, ORG_SUFFIXES) for part in re.split(r"[－—–/]", core)[:-1] if len(part) > 1):
        return Kind.ORGANISATION
    if _IDEOLOGY.search(core):
        return Kind.IDEOLOGY
    if _ends(core, CONFERENCE_SUFFIXES):
        return Kind.CONFERENCE
    if _ends(core, ORG_SUFFIXES) and not _EVENT.search(core):
        return Kind.ORGANISATION
    if core.startswith("《") or _ends(core, PUBLICATION_SUFFIXES):
        return Kind.PUBLICATION
    if _EVENT.search(core):
        return Kind.EVENT
    if _LANGUAGE.search(core) and len(core) <= 6:
        return Kind.OTHER
    if _PLACE.search(core):
        return Kind.PLACE
    return Kind.OTHER


def is_class_noun(name: str) -> bool:
    """True for a page about a kind of thing (`国际政党组织`), which a link can name without naming a body."""
    return bool(_CLASS_NOUN.match(simplify(name.strip())))


def is_strong_org_name(name: str) -> bool:
    """A name whose form alone says organisation, strongly enough for a mention in prose."""
    core = re.sub(r"[（(][^（()）]*[）)]$", "", simplify(name.strip())).strip()
    return (_ends(core, STRONG_ORG_SUFFIXES) and not is_class_noun(core)
            and name_kind(name) is Kind.ORGANISATION)


def is_place(name: str) -> bool:
    return name_kind(name) is Kind.PLACE


# Head nouns of a definition `X是……的一个Y`: what Y says X is.
_HEADS: tuple[tuple[Kind, tuple[str, ...]], ...] = (
    (Kind.PUBLICATION, PUBLICATION_SUFFIXES),
    (Kind.CONFERENCE, CONFERENCE_SUFFIXES),
    (Kind.ORGANISATION, ("政党", "党", "组织", "团体", "联盟", "同盟", "阵线", "工会", "协会", "联合会",
                         "委员会", "党团", "派别", "分支", "国际", "集团", "组织者", "协调机构")),
)


def head_kind(predicate: str) -> Kind:
    """Kind named by the head noun at the end of a definitional predicate (`美国的一个毛派政党`)."""
    folded = simplify(predicate.strip()).rstrip("的").strip()
    best: tuple[int, Kind] = (0, Kind.OTHER)
    for kind, heads in _HEADS:
        for head in heads:
            if folded.endswith(head) and len(head) > best[0]:
                best = (len(head), kind)
    return best[1]
