"""The article parser: titles, inline markup, blocks, tables, and what is not an article."""

from __future__ import annotations

import pytest

from extract.parse import ListItem, NotAnArticle, Paragraph, Table, Title, parse_article
from extract.parse.inline import parse_inline


@pytest.mark.parametrize("raw, value, name", [
    ("劳动党_(塞尔维亚)", "劳动党_(塞尔维亚)", "劳动党"),
    ("苏联共产党 (2001年)", "苏联共产党_(2001年)", "苏联共产党"),
    ("马列主义政党和组织国际会议_\\(团结和斗争\\)", "马列主义政党和组织国际会议_(团结和斗争)", "马列主义政党和组织国际会议"),
    ("共产党（马列）", "共产党（马列）", "共产党（马列）"),
    ("stdint.h", "Stdint.h", "Stdint.h"),
    ("%E7%9C%9F%E7%90%86%E6%8A%A5", "真理报", "真理报"),
    ("孟加拉国共产党（马列）_(巴鲁阿)", "孟加拉国共产党（马列）_(巴鲁阿)", "孟加拉国共产党（马列）"),
])
def test_title_parse(raw, value, name):
    title = Title.parse(raw)
    assert title.value == value
    assert title.name == name


@pytest.mark.parametrize("raw", [":en:List_of_parties", "File:Iskra.jpg", "Category:毛派组织", "", "#anchor"])
def test_title_parse_rejects_non_articles(raw):
    assert Title.parse(raw) is None


def test_title_key_folds_traditional_script():
    assert Title.parse("真理報").key == Title.parse("真理报").key


@pytest.mark.parametrize("source, text, targets", [
    # a label swallows the words after it; the target is the identity
    ('是[美国的一个已不存在的](../Page/美国.md "wikilink")组织', "是美国的一个已不存在的组织", ["美国"]),
    ('[毛派组织](https://zh.wikipedia.org/wiki/毛派 "wikilink")。', "毛派组织。", ["毛派"]),
    ('[X](../Page/苏联共产党_\\(2001年\\).md "wikilink")', "X", ["苏联共产党_(2001年)"]),
    # footnote markers and escapes vanish; a hard wrap is a space
    ('筹备会议。\\[1\\]\\[2\\]', "筹备会议。", []),
    ('（MIM\nThought）', "（MIM Thought）", []),
    ('MC\\[*X*\\]', "MC[X]", []),
    # images are neither text nor links
    ('[Iskra.jpg](https://zh.wikipedia.org/wiki/File:Iskra.jpg "fig:Iskra.jpg")《**火星報**》', "《火星報》", []),
    ('党{{-}}__NOTOC__ |-', "党", []),
    ('<span lang="ru">твёрдый знак</span>', "твёрдый знак", []),
])
def test_inline(source, text, targets):
    parsed = parse_inline(source)
    assert parsed.text == text
    assert [l.target.value for l in parsed.links] == targets


def test_inline_bold_spans():
    parsed = parse_inline("**北方勞動者黨**（），簡稱**北勞黨**（NTP）")
    assert parsed.bold_texts() == ["北方勞動者黨", "北勞黨"]


ARTICLE = """> 本文内容由[X](https://zh.wikipedia.org/wiki/X)转换而来。


[Logo.svg](https://zh.wikipedia.org/wiki/File:Logo.svg "fig:Logo.svg") **甲党**（）是[乙国](../Page/乙国.md "wikilink")的一个政党。

## 历史

### 早期

第一段。

  - [丙组织](../Page/丙组织.md "wikilink")
  - 第二项
    续行

<!-- end list -->

| 国家 | 政党 |
| --- | --- |
| [乙国](../Page/乙国.md "wikilink") | [丁党](../Page/丁党.md "wikilink") |

<table>
<caption>第一次会议（1999年）</caption>
<tr><th><p>国家</p></th><th><p>政党或组织</p></th></tr>
<tr><td></td><td><p><a href="https://zh.wikipedia.org/wiki/戊党" title="wikilink">戊党</a><br />
己党</p></td></tr>
</table>

``` c
int x = 1;
```

[Category:乙国政党](https://zh.wikipedia.org/wiki/Category:乙国政党 "wikilink") [Category:政黨國際](https://zh.wikipedia.org/wiki/Category:政黨國際 "wikilink")

1.  [A source](http://example.invalid/)
2.
"""


def test_blocks_sections_lists_tables_categories_references():
    article = parse_article(ARTICLE, "corpus/Page/甲党.md")
    assert article.title.value == "甲党"
    assert article.subject == "甲党"
    assert article.categories == ("乙国政党", "政黨國際")
    assert article.references == ("A source",)
    lead = article.lead
    assert len(lead) == 1 and "转换而来" not in lead[0].content.text
    paragraph = next(b for b in article.blocks if isinstance(b, Paragraph) and b.section)
    assert paragraph.section == ("历史", "早期")
    items = [b for b in article.blocks if isinstance(b, ListItem)]
    assert [i.content.text for i in items] == ["丙组织", "第二项 续行"]
    pipe, html = article.tables()
    assert [c.text for c in pipe.header] == ["国家", "政党"]
    assert [l.target.value for l in pipe.rows[0][1].parts[0].links] == ["丁党"]
    assert html.caption.text == "第一次会议（1999年）"
    assert [p.text for p in html.rows[0][1].parts] == ["戊党", "己党"]
    assert not any("int x" in b.content.text for b in article.blocks if isinstance(b, Paragraph))


def test_title_from_bold_subject_without_page_file_name():
    article = parse_article("《**某报**》（）是一份报纸。", "seeds/001.txt")
    assert article.title.value == "某报" and article.subject_in_quotes


@pytest.mark.parametrize("source, reason", [
    ("", "empty"),
    ("   \n\n", "empty"),
    ("<!DOCTYPE html><html><body>x</body></html>", "HTML"),
    ("没有粗体主语的一段文字。", "no subject"),
])
def test_not_an_article(source, reason):
    with pytest.raises(NotAnArticle, match=reason):
        parse_article(source, "upload/x.txt")


def test_page_file_name_gives_a_title_without_bold_subject():
    article = parse_article("是一个西里尔字母。", "corpus/Page/Ъ.md")
    assert article.title.value == "Ъ" and article.subject == "Ъ"
