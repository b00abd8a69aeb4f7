"""Generate realistic articles in the dump's format, at any size, deterministic by seed.

    python -m tests.bench.corpus OUT_DIR --articles 10000 [--seed 1]

Recombines the structures of the seeds and ../shared/corpus with generated names: parties (lead with
bold name, abbreviation, founding year, former name, memberships, periodicals, a split), conference
series with participant tables per edition (HTML and pipe tables, region rows, placeholders, unlinked
names, labels under other names), periodicals with an organ sentence, and non-organisation pages
(people, places). Links point at other generated pages, so a build has cross-article joins.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

SYLLABLES = "安北昌东尔丰高光红华建江金康兰黎林明南宁平齐人荣瑞山胜泰天同万文西新兴阳远云正中卓".strip()
PARTY_HEADS = ["共产党", "工人党", "劳动党", "社会党", "革命党", "人民阵线", "马列主义组织", "共产主义联盟", "人民党"]
SERIES_HEADS = ["国际会议", "国际研讨会", "论坛", "国际协调会议"]
PAPER_HEADS = ["报", "周报", "月刊", "论坛报", "真理报"]
NUMERALS = "一二三四五六七八九十"
REGIONS = ["南亚", "南欧", "东欧", "西非", "北美洲"]
PLACEHOLDER = "来自{}的组织"


def ordinal(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + NUMERALS[n - 11]
    return NUMERALS[n // 10 - 1] + "十" + (NUMERALS[n % 10 - 1] if n % 10 else "")


class Generator:
    def __init__(self, seed: int, articles: int) -> None:
        self.rnd = random.Random(seed)
        self.used: set[str] = set()
        n_parties = max(4, int(articles * 0.7))
        n_series = max(1, articles // 20)
        n_papers = max(1, articles // 10)
        self.parties = [self.name(PARTY_HEADS) for _ in range(n_parties)]
        self.series = [self.name(SERIES_HEADS) for _ in range(n_series)]
        self.papers = [self.name(PAPER_HEADS) for _ in range(n_papers)]
        self.others = [self.name(["村", "市镇"]) if i % 2 else self.person() for i in range(articles - n_parties - n_series - n_papers)]

    def name(self, heads: list[str]) -> str:
        while True:
            stem = "".join(self.rnd.choice(SYLLABLES) for _ in range(self.rnd.randint(2, 4)))
            candidate = stem + self.rnd.choice(heads)
            if self.rnd.random() < 0.1:
                candidate += "（马列）"
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate

    def person(self) -> str:
        while True:
            candidate = "".join(self.rnd.choice(SYLLABLES) for _ in range(2)) + "·" + "".join(
                self.rnd.choice(SYLLABLES) for _ in range(3))
            if candidate not in self.used:
                self.used.add(candidate)
                return candidate

    @staticmethod
    def link(title: str, label: str | None = None, html: bool = False, wiki: bool = False) -> str:
        target = ("https://zh.wikipedia.org/wiki/" + title) if wiki else f"../Page/{title}.md"
        if html:
            return f'<a href="{target}" title="wikilink">{label or title}</a>'
        return f'[{label or title}]({target} "wikilink")'

    def party(self, title: str) -> str:
        r = self.rnd
        year = r.randint(1920, 2015)
        body = [f"**{title}**（，缩写为{''.join(r.choice('ABCDEFGHKLMPRST') for _ in range(3))}）是"
                f"{self.link(r.choice(['北方国', '南方国', '东方国']), '北方国的一个')}[共产主义政党](../Page/共产主义.md \"wikilink\")。"
                f"该党成立于{year}年，原名**{title[:-1]}同盟**。"]
        if r.random() < 0.5:
            body.append(f"{year + r.randint(1, 10)}年，该党更名为“{title}”。")
        if r.random() < 0.4:
            body.append(f"该党分裂自{self.link(r.choice(self.parties))}。")
        if self.series and r.random() < 0.6:
            body.append(f"该党是{self.link(r.choice(self.series))}的成员，曾派代表出席{self.link(r.choice(self.series))}。")
        if r.random() < 0.5:
            body.append(f"\n## 出版物\n\n该党的机关报是《{r.choice(self.papers)}》（Voice），另出版理论月刊《前进{r.randint(1, 99)}》。")
        cats = f"\n[Category:{year}年建立的政党](https://zh.wikipedia.org/wiki/Category:{year}年建立的政党 \"wikilink\")\n"
        return "".join(body) + "\n" + cats

    def conference(self, title: str) -> str:
        r = self.rnd
        out = [f"**{title}**（，缩写为ICX）是一些政党每年召开的会议。该组织的刊物是《{r.choice(self.papers)}》。\n"]
        start = r.randint(1980, 2000)
        for n in range(1, r.randint(3, 8)):
            year = start + 2 * n
            members = r.sample(self.parties, k=min(len(self.parties), r.randint(8, 30)))
            out.append(f"\n## 第{ordinal(n)}次会议（{year}年）参加者\n\n")
            if n % 2:
                out.append("<table>\n<thead>\n<tr class=\"header\">\n<th><p>国家</p></th>\n<th><p>政党或组织</p></th>\n</tr>\n</thead>\n<tbody>\n")
                for i, m in enumerate(members):
                    label = m if r.random() > 0.1 else m[:-1] + "团体"
                    out.append(f"<tr>\n<td></td>\n<td><p>{self.link(m, label, html=True, wiki=i % 3 == 0)}</p></td>\n</tr>\n")
                out.append(f"<tr>\n<td><p>{self.link(r.choice(REGIONS), html=True)}</p></td>\n<td><p>"
                           f"{PLACEHOLDER.format(r.choice(REGIONS))}</p></td>\n</tr>\n<tr>\n<td></td>\n<td><p>"
                           f"{self.name(['同盟'])}</p></td>\n</tr>\n<tr>\n<td></td>\n<td></td>\n</tr>\n</tbody>\n</table>\n")
            else:
                out.append("| 国家 | 政党或组织 |\n| --- | --- |\n")
                out.extend(f"|  | {self.link(m)} |\n" for m in members)
                out.append(f"| {self.link(r.choice(REGIONS))} | {PLACEHOLDER.format(r.choice(REGIONS))} |\n")
        out.append("\n[Category:政黨國際](https://zh.wikipedia.org/wiki/Category:政黨國際 \"wikilink\")\n")
        return "".join(out)

    def paper(self, title: str) -> str:
        r = self.rnd
        return (f"《**{title}**》（）是{self.link(r.choice(self.parties))}的机关报，创刊于{r.randint(1900, 2010)}年，"
                f"当时被称为《{title[:-1]}新闻》。\n\n[Category:报纸](https://zh.wikipedia.org/wiki/Category:报纸 \"wikilink\")\n")

    def other(self, title: str) -> str:
        if "·" in title:
            return (f"**{title}**（1950年－）是{self.link(self.rnd.choice(self.parties))}的一名领导人。"
                    f"他曾参加了{self.link(self.rnd.choice(self.series))}。\n")
        return f"**{title}**是{self.link('北方国')}的一个村庄。\n"

    def write(self, out: Path) -> int:
        page = out / "Page"
        page.mkdir(parents=True, exist_ok=True)
        count = 0
        for titles, render in ((self.parties, self.party), (self.series, self.conference), (self.papers, self.paper),
                               (self.others, self.other)):
            for title in titles:
                (page / f"{title}.md").write_text(render(title), encoding="utf-8")
                count += 1
        return count


def generate(out: Path, articles: int, seed: int = 1) -> int:
    """Write `articles` articles under `out/Page/`; the same seed gives the same files."""
    return Generator(seed, articles).write(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"wrote {generate(Path(args.out), args.articles, args.seed)} articles under {args.out}/Page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
