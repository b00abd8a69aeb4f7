"""Other names of the subject: bold names and abbreviations in the lead, and names in other languages."""

from __future__ import annotations

import re
from typing import Iterator

from pyoxigraph import Literal

from extract.context import Context, Ref, Triple, fold, zh
from extract.extractors.common import bracketed, gloss_after, name_after
from extract.parse import Paragraph, Text
from extract.script import simplify
from extract.vocab import OKG, SKOS

# BCP 47 tags for language names as zh Wikipedia writes them before an original name.
LANGUAGE_TAGS = {
    "英语": "en", "法语": "fr", "德语": "de", "西班牙语": "es", "葡萄牙语": "pt", "意大利语": "it", "俄语": "ru",
    "土耳其语": "tr", "阿拉伯语": "ar", "希腊语": "el", "斯洛伐克语": "sk", "捷克语": "cs", "波兰语": "pl",
    "荷兰语": "nl", "瑞典语": "sv", "挪威语": "no", "书面挪威语": "nb", "新挪威语": "nn", "丹麦语": "da",
    "芬兰语": "fi", "日语": "ja", "日文": "ja", "韩语": "ko", "朝鲜语": "ko", "越南语": "vi", "波斯语": "fa",
    "北方萨米语": "se", "塞尔维亚语": "sr", "克罗地亚语": "hr", "匈牙利语": "hu", "罗马尼亚语": "ro",
    "保加利亚语": "bg", "乌克兰语": "uk", "印地语": "hi", "孟加拉语": "bn", "尼泊尔语": "ne",
    "突尼斯阿拉伯语": "aeb", "加泰罗尼亚语": "ca", "世界语": "eo", "英文": "en", "法文": "fr", "德文": "de",
    "俄文": "ru", "西班牙文": "es", "泰语": "th", "印尼语": "id", "马来语": "ms", "塔加洛语": "tl",
    "库尔德语": "ku", "亚美尼亚语": "hy", "格鲁吉亚语": "ka", "阿尔巴尼亚语": "sq", "拉丁语": "la",
}
_ABBREVIATION = re.compile(r"(简称|简写|缩写|略称)(为|是)?\s*")
_ALTERNATIVE = re.compile(r"(又称|又名|亦称|别称|通称|通常被称为|通常称为|也称为|也被称为|全称|俗称|统称)(为|是)?\s*$")
_JOINER = re.compile(r"^[”\"」』\s]*(或|和|、|，|,|以及|与)\s*[“\"「『]*$")


def literal(name: str) -> Literal:
    """A name as a language-tagged literal: zh for Chinese script, en for plain Latin script, else undetermined."""
    if re.search(r"[\u3400-\u9fff]", name):
        return zh(name)
    latin = re.fullmatch(r"[\x00-\x7f‘’“”–—]+", name.strip())
    return Literal(name.strip(), language="en" if latin else "und")


def alt_labels(ctx: Context) -> Iterator[Triple]:
    """`skos:altLabel` for the lead's bold alternative names and original-language names."""
    subject = ctx.subject
    for block in ctx.article.lead:
        if not isinstance(block, Paragraph):
            continue
        text = block.content
        folded = simplify(text.text)
        cue_end = -1
        for a, b in text.bold:
            name = text.text[a:b].strip()
            if fold(name) == fold(subject.name) or _inside_title(folded, a):
                cue_end = -1
                continue
            before = folded[max(0, a - 12):a].rstrip("“\"「『 ")
            if _ALTERNATIVE.search(before) or (cue_end >= 0 and _JOINER.match(folded[cue_end:a])):
                yield subject.iri, SKOS.altLabel, literal(name)
                for gloss in gloss_after(text, b):
                    yield subject.iri, SKOS.altLabel, literal(gloss)
                cue_end = b
            else:
                cue_end = -1
    yield from _original_names(ctx)


def abbreviations(ctx: Context) -> Iterator[Triple]:
    """Abbreviations (`缩写为ICMLPO`, `简称**斯共**（KSS）`) of the entity they are written after."""
    for block in ctx.article.lead:
        if not isinstance(block, Paragraph):
            continue
        text = block.content
        folded = simplify(text.text)
        for m in _ABBREVIATION.finditer(folded):
            owner = _owner(ctx, text, folded, m.start())
            got = name_after(text, m.end())
            if owner is None or got is None:
                continue
            name, end = got
            names = [name] + gloss_after(text, end)
            for abbreviation in names:
                abbreviation = abbreviation.strip(" *")
                if abbreviation and fold(abbreviation) != fold(owner.name):
                    yield owner.iri, OKG.abbreviation, literal(abbreviation)
                    yield owner.iri, SKOS.altLabel, literal(abbreviation)


def _owner(ctx: Context, text: Text, folded: str, at: int) -> Ref | None:
    """Whose abbreviation: the name right before the bracket holding it, or the lead's subject."""
    depth = 0
    for i in range(at - 1, -1, -1):
        c = folded[i]
        if c in "）)":
            depth += 1
        elif c in "（(":
            if depth == 0:
                head = folded[:i].rstrip(" *")
                for a, b in text.bold:
                    if b == len(head) or text.text[:i].rstrip(" *").endswith(text.text[a:b]):
                        if fold(text.text[a:b]) in ctx.subject_names:
                            return ctx.subject
                link = text.link_at(len(head) - 1, len(head))
                if link is not None and link.end == len(head):
                    return ctx.link_ref(link)
                return None
            depth -= 1
    return ctx.subject


def _inside_title(folded: str, at: int) -> bool:
    """A bold run inside 《…》 is part of a title, not a name of its own."""
    return folded.rfind("《", 0, at) > folded.rfind("》", 0, at)


def _original_names(ctx: Context) -> Iterator[Triple]:
    """`（西班牙语：Partido Comunista del Perú；…）` after the subject: names tagged with their language."""
    for block in ctx.article.lead:
        if not isinstance(block, Paragraph) or not block.content.bold:
            continue
        text = block.content
        end = block.content.bold[0][1]
        while end < len(text.text) and text.text[end] in "》 ":
            end += 1
        inner = bracketed(text.text, end)
        if inner is None:
            return
        for part in re.split(r"[；;]", inner):
            lm = re.match(r"\s*([^：:，,]{1,10})[：:]\s*(.+)$", part)
            if not lm:
                continue
            tag = LANGUAGE_TAGS.get(simplify(lm.group(1).strip()))
            value = re.split(r"[，,]\s*(?:缩写|簡稱|简称|罗马化)", lm.group(2))[0].strip()
            if tag and value:
                yield ctx.subject.iri, SKOS.altLabel, Literal(value, language=tag)
        return
