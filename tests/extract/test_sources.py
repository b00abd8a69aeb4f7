"""Which input files a build reads, under which names, in which order."""

from __future__ import annotations

import os

import pytest

from extract.errors import BuildError
from extract.sources import discover


@pytest.fixture()
def tree(tmp_path):
    """A folder of inputs: nested folders, mixed suffixes and cases, a folder named like an article."""
    root = tmp_path / "in"
    for name in ["Page/乙.md", "Page/甲.md", "Page/a b.MD", "Page/sub/丙.txt", "Page/notes.html", "extra.ttl",
                 "Page-2/丁.md", "data.nq", "README"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    (root / "Page" / "folder.md").mkdir()  # a folder, not a file
    return root


def test_a_folder_gives_its_articles_and_rdf_files_named_from_the_folder_on(tree):
    names = [s.name for s in discover([tree])]
    # part by part: "Page" before "Page-2" (a folder's parts compare before the names that extend them),
    # files of a folder in code-point order ("a b" < "sub" < "乙" < "甲"), .html, README and the folder left out
    assert names == ["in/Page/a b.MD", "in/Page/sub/丙.txt", "in/Page/乙.md", "in/Page/甲.md",
                     "in/Page-2/丁.md", "in/data.nq", "in/extra.ttl"]


@pytest.mark.parametrize("given, first", [
    ("{root}/Page", "Page/a b.MD"),
    ("{root}/Page/", "Page/a b.MD"),
    ("{root}/Page/../Page", "Page/a b.MD"),
    ("{root}/Page/甲.md", "Page/甲.md"),  # a file in a folder named Page keeps the dump's Page/<title>.md
    ("{root}/extra.ttl", "extra.ttl"),
])
def test_the_name_does_not_depend_on_how_the_path_is_written(tree, given, first):
    assert discover([given.format(root=tree)])[0].name == first


def test_the_current_folder_names_its_files_without_a_dot(tree, monkeypatch):
    monkeypatch.chdir(tree / "Page")
    assert [s.name for s in discover(["."])] == ["a b.MD", "sub/丙.txt", "乙.md", "甲.md"]


def test_a_missing_input_is_a_build_error_naming_it(tmp_path):
    with pytest.raises(BuildError, match=f"input not found: {tmp_path / 'none'}"):
        discover([tmp_path / "none"])


def test_paths_are_the_files_themselves(tree):
    assert all(os.path.isfile(s.path) for s in discover([tree]))
