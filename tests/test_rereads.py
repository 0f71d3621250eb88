"""What the preview keeps between rebuilds (pages, data/, git history, the rebuild fingerprint) is
read again as soon as it changed, and libyaml reads every YAML file of the project as the
pure-Python parser does."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from test_stale import git
from xulang import yamlread
from xulang.content import ContentTree
from xulang.facts import load_data
from xulang.history import History
from xulang.plugin.rebuilds import _Contents
from xulang.site import load_site, read_config

PAGE = "content/vi/du-lich/mau-son.md"


def test_libyaml_reads_the_project_as_the_python_parser_does() -> None:
    if yaml.__with_libyaml__:  # PyYAML's wheels for Linux, macOS and Windows carry it
        assert yamlread.LOADER is yaml.CSafeLoader
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # mkdocs.yml with MkDocs' own tags (!ENV): the same values as a pure-Python tolerant loader
    plain_tolerant = type("PlainTolerant", (yaml.SafeLoader,), {})
    for prefix in ("!", "tag:yaml.org,2002:python/"):
        plain_tolerant.add_multi_constructor(prefix, yamlread._any_tag)
    assert read_config(ROOT) == yaml.load(config, Loader=plain_tolerant)
    for path in sorted((ROOT / "data").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yamlread.LOADER) == yaml.safe_load(text), path
    # node trees carry the same lines (the checks' findings point at them)
    fast, plain = yamlread.compose(config), yaml.compose(config, Loader=yaml.SafeLoader)
    assert fast is not None and plain is not None
    assert [k.start_mark.line for k, _ in fast.value] == [k.start_mark.line for k, _ in plain.value]
    broken = "a: [1,\nb: 2\n"
    lines = []
    for loader in (yamlread.LOADER, yaml.SafeLoader):
        with pytest.raises(yaml.YAMLError) as caught:
            yaml.load(broken, Loader=loader)
        lines.append(caught.value.problem_mark.line)  # type: ignore[attr-defined]
    assert lines[0] == lines[1]


def test_a_page_saved_again_is_read_again_and_an_unchanged_one_is_not(
    make_project: Callable[..., Path],
) -> None:
    project = make_project()
    site = load_site(project)
    first = ContentTree.load(site)
    again = ContentTree.load(site)
    other = "du-lich/index.md"
    assert again.pages["vi"][other] is first.pages["vi"][other]  # the same bytes: kept
    path = project / PAGE
    text = path.read_text(encoding="utf-8")
    old = first.pages["vi"]["du-lich/mau-son.md"].meta["title"]
    changed = text.replace(f"title: {old}", f"title: {old[::-1]}", 1)  # same size
    assert changed != text and len(changed) == len(text)
    stat = path.stat()
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time
    third = ContentTree.load(site)
    assert third.pages["vi"]["du-lich/mau-son.md"].meta["title"] == old[::-1]


def test_data_changed_in_place_is_read_again(make_project: Callable[..., Path]) -> None:
    project = make_project()
    site = load_site(project)
    data, _ = load_data(site.data_dir, project)
    path = project / "data" / "province.yml"
    text = path.read_text(encoding="utf-8")
    assert "Lạng Sơn" in text
    path.write_text(text.replace("Lạng Sơn", "Lạng Sởn"), encoding="utf-8")
    again, _ = load_data(site.data_dir, project)
    assert again["province"] != data["province"]
    assert "Lạng Sởn" in repr(again["province"])
    same, _ = load_data(site.data_dir, project)
    assert same["province"] is again["province"]  # unchanged since: not parsed again


def test_the_history_of_a_new_commit_is_read_again(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    page = tmp_path / "content" / "vi" / "a.md"
    page.parent.mkdir(parents=True)
    page.write_text("một\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "first")
    before = History(tmp_path, "content").by_file["content/vi/a.md"]
    assert [c.subject for c in before] == ["first"]
    page.write_text("hai\n", encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "second")
    after = History(tmp_path, "content").by_file["content/vi/a.md"]
    assert [c.subject for c in after] == ["second", "first"]
    # the first commit's history is what it was
    assert History(tmp_path, "content", rev="HEAD~1").by_file["content/vi/a.md"] == before


def test_the_rebuild_fingerprint_sees_a_save_in_the_same_clock_tick(tmp_path: Path) -> None:
    """A second save of the same size within the file system's clock tick (1 s or 2 s on some
    disks) keeps size and time: the fingerprint still reads it (git's racy rule)."""
    path = tmp_path / "page.md"
    path.write_text("Lạng Sơn\n", encoding="utf-8")
    stat = path.stat()
    contents = _Contents()
    first = contents.of(str(path), stat.st_size, stat.st_mtime_ns)
    path.write_text("Lạng Sôn\n", encoding="utf-8")  # the same number of bytes
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = path.stat()
    assert (again.st_size, again.st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    assert contents.of(str(path), again.st_size, again.st_mtime_ns) != first
    # a file written long before it was read is trusted by its size and time
    old = stat.st_mtime_ns - 60 * 10**9
    os.utime(path, ns=(old, old))
    kept = contents.of(str(path), again.st_size, old)
    assert contents.of(str(path), again.st_size, old) == kept
