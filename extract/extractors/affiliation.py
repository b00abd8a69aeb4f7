"""Membership and attendance stated in prose: `该党是X和Y的成员`, `曾派代表出席X`, `定期参加X`."""

from __future__ import annotations

import re
from typing import Iterator

from extract.classify import Kind, is_class_noun, name_kind
from extract.context import Context, Ref, Triple, describe
from extract.extractors.common import Sentence, clause_start, clause_subject, sentences
from extract.extractors.editions import edition_node, section_edition
from extract.parse import Link
from extract.values import NUMERAL, Edition, chinese_number
from extract.vocab import OKG

_ROLE = re.compile(r"(前成员|前成員|观察员党|观察员|觀察員|成员党|成员组织|成员|成員|会员|會員)(?![国國])")
_ROLE_RELATION = {"前成员": OKG.formerMemberOf, "前成員": OKG.formerMemberOf, "观察员党": OKG.observerOf,
                  "观察员": OKG.observerOf, "觀察員": OKG.observerOf}
_JOIN = re.compile(r"(?<!拒绝)(?<!申请)(?<!未)(?<!没有)(?<!不)(参与了|加入了|加入)(?=[^。；]*(国际组织|国际|组织|联盟|倡议))")
_ATTEND = re.compile(r"(?<!拒绝)(?<!未)(?<!没有)(?<!不)(派代表出席了|派代表出席|派代表参加了|派代表参加|出席了|出席|参加了|参加|参与了|参与|与会)(?!者)")
_INVITED = re.compile(r"邀请[^，。；]{0,12}(参与者|参加者|与会者|观察者|观察员)")
# `成员包括：A、B和C`, `出席会议的政党有A、B`: the listed bodies belong to, or attended, the paragraph's topic
_ENUMERATION = re.compile(r"(?P<member>(?:成员|會員|会员|成員)(?:党|组织|政党)?(?:包括|有|为|是))"
                          r"|(?P<attend>(?:参会|出席|与会|参加)(?:会议|大会|研讨会)?的?(?:政党|组织|团体|代表团|政党和组织)(?:包括|有|为|是))")
_ORDINAL = re.compile(r"第\s*(" + NUMERAL + r")\s*(?:次|届)\s*$")


def _body(ctx: Context, link: Link) -> Ref | None:
    """The organisation a link in a membership or attendance phrase names; None for places and people."""
    if name_kind(link.target.name) in (Kind.PLACE, Kind.PERSON, Kind.IDEOLOGY, Kind.EVENT):
        return None
    if is_class_noun(link.target.name):
        return None  # `是一個[欧洲政党]` names a class
    return ctx.link_ref(link)


def _actor(ctx: Context, s: Sentence, at: int) -> Ref | None:
    """Who is a member or attends: the clause's named subject, else the paragraph's topic if it is a body."""
    ref = clause_subject(ctx, s, at)
    if ref is not None:
        return ref
    topic = ctx.topic(s.block)
    if topic == ctx.subject and not ctx.kinds & {Kind.ORGANISATION}:
        return None  # a person's or a newspaper's article: "it" is no organisation
    return topic


def memberships(ctx: Context) -> Iterator[Triple]:
    """`okg:memberOf` (and observer, former member) from `是X和Y的成员`, `参与了X等国际组织`."""
    for s in sentences(ctx):
        if _ENUMERATION.search(s.words):
            continue
        roles = list(_ROLE.finditer(s.folded, s.start, s.end))
        if roles:
            be = s.folded.rfind("是", s.start, roles[0].start())
            if be < 0:
                be = s.folded.rfind("为", s.start, roles[0].start())
            if be >= 0:
                actor = _actor(ctx, s, be)
                floor = be
                for role in roles:
                    relation = _ROLE_RELATION.get(role.group(1), OKG.memberOf)
                    for link in s.text.links_in(floor, role.start()):
                        if actor is not None:
                            body = _body(ctx, link)
                            if body is not None and body != actor:
                                yield from _relate(actor, relation, body)
                    floor = role.end()
        for m in _JOIN.finditer(s.folded, s.start, s.end):
            actor = _actor(ctx, s, m.start())
            stop = s.folded.find("等", m.end(), s.end)
            stop = s.end if stop < 0 else stop
            for link in s.text.links_in(m.end(), stop):
                if actor is not None:
                    body = _body(ctx, link)
                    if body is not None and body != actor:
                        yield from _relate(actor, OKG.memberOf, body)


def enumerations(ctx: Context) -> Iterator[Triple]:
    """`成员包括：[A]、[B]和[C]` and `出席会议的政党有[A]、[B]`: each listed body and the paragraph's topic."""
    if not ctx.kinds & {Kind.ORGANISATION, Kind.CONFERENCE}:
        return
    for s in sentences(ctx):
        for m in _ENUMERATION.finditer(s.folded, s.start, s.end):
            topic = ctx.topic(s.block)
            if m.group("member"):
                relation, target = OKG.memberOf, topic
            else:
                relation, target = OKG.attended, _attended_node(ctx, s, topic)
            stop = s.folded.find("等", m.end(), s.end)
            for link in s.text.links_in(m.end(), stop if stop >= 0 else s.end):
                body = _body(ctx, link)
                if body is not None and body != topic:
                    yield from describe(body, Kind.ORGANISATION)
                    yield body.iri, relation, target.iri if isinstance(target, Ref) else target
            if relation == OKG.attended and isinstance(target, Ref):
                yield from describe(target, Kind.CONFERENCE)


def _attended_node(ctx: Context, s: Sentence, topic: Ref):
    """The edition a heading above names, else the conference series the paragraph is about."""
    edition = section_edition(s.block.section)
    if edition is None:
        return topic
    node, _ = edition_node(ctx, topic, edition)
    return node


def _relate(actor: Ref, relation, body: Ref) -> Iterator[Triple]:
    yield from describe(actor, Kind.ORGANISATION)
    yield from describe(body, Kind.ORGANISATION)
    yield actor.iri, relation, body.iri


def attendances(ctx: Context) -> Iterator[Triple]:
    """`okg:attended` from `出席了X`, `曾派代表出席X`, `定期参加X`, `被X邀请做参与者` where X is a conference."""
    for s in sentences(ctx):
        if _ROLE.search(s.words) or _JOIN.search(s.words) or _ENUMERATION.search(s.words):
            continue  # membership, or an enumeration read by `enumerations`
        spans = [(m.start(), m.end()) for m in _ATTEND.finditer(s.folded, s.start, s.end)]
        invited = _INVITED.search(s.folded, s.start, s.end)
        if invited:
            spans.append((clause_start(s.folded, invited.start(), s.start), invited.end()))
        for start, end in spans:
            actor = _actor(ctx, s, start)
            if actor is None:
                continue
            ends = [i for i in (s.folded.find(c, end, s.end) for c in "，。；") if i >= 0]
            stop = min(ends) if ends and invited is None else s.end
            for link in s.text.links_in(start - 40, stop):
                if invited is None and link.start < end:
                    continue
                if name_kind(link.target.name) is not Kind.CONFERENCE and link.target.key != ctx.article.title.key:
                    continue
                series = ctx.link_ref(link)
                if series == actor:
                    continue
                yield from describe(actor, Kind.ORGANISATION)
                yield from describe(series, Kind.CONFERENCE)
                node, triples = _edition(ctx, s, link, series)
                yield actor.iri, OKG.attended, node
                yield from triples


def _edition(ctx: Context, s: Sentence, link: Link, series: Ref):
    """`出席了第十次[X]`: the numbered edition when the sentence gives one, else the series itself."""
    m = _ORDINAL.search(s.folded, max(s.start, link.start - 16), link.start)
    ordinal = chinese_number(m.group(1)) if m else None
    if ordinal is None:
        return series.iri, []
    found = s.years
    return edition_node(ctx, series, Edition(f"第{m.group(1)}次", ordinal, found[0] if found else None))
