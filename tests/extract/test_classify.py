"""Name classes from generic word forms, and the kind a lead's definition names."""

from __future__ import annotations

import pytest

from extract.classify import Kind, head_kind, is_class_noun, name_kind


@pytest.mark.parametrize("name, kind", [
    ("德国马列主义党", Kind.ORGANISATION), ("工人黨", Kind.ORGANISATION), ("希腊共产主义组织", Kind.ORGANISATION),
    ("哥伦比亚共产党－毛主义", Kind.ORGANISATION), ("南非共产党（马列）", Kind.ORGANISATION),
    ("国际共产主义研讨会", Kind.CONFERENCE), ("圣保罗论坛", Kind.CONFERENCE),
    ("消息报", Kind.PUBLICATION), ("《前進》", Kind.PUBLICATION),
    ("亚洲", Kind.PLACE), ("南亚", Kind.PLACE), ("北美洲", Kind.PLACE), ("后苏联国家", Kind.PLACE), ("美国", Kind.PLACE),
    ("霍查主义", Kind.IDEOLOGY), ("毛泽东思想", Kind.IDEOLOGY),
    ("鲍勃·阿瓦基安", Kind.PERSON), ("八一九事件", Kind.EVENT), ("十月革命", Kind.EVENT),
])
def test_name_kind(name, kind):
    assert name_kind(name) is kind


@pytest.mark.parametrize("predicate, kind", [
    ("美国的一个已不存在的毛派组织", Kind.ORGANISATION),
    ("一个希腊政党", Kind.ORGANISATION),
    ("崇尚毛泽东的一些组织每两年或三年召开一次的会议", Kind.CONFERENCE),
    ("拉丁美洲和加勒比地区的左翼政党和组织的年会", Kind.CONFERENCE),
    ("一份俄罗斯的報紙", Kind.PUBLICATION),
    ("美国革命共产党主席", Kind.OTHER),
    ("芬兰拉普兰区埃农泰基厄市镇的一个村庄", Kind.OTHER),
    ("指1970-1980年代美国的一个马克思列宁主义政治运动", Kind.OTHER),
])
def test_head_kind(predicate, kind):
    assert head_kind(predicate) is kind


@pytest.mark.parametrize("name, expected", [("国际政党组织", True), ("欧洲政党", True), ("欧洲左翼党", False)])
def test_class_nouns(name, expected):
    assert is_class_noun(name) is expected
