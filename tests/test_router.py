"""The plugin's configuration and routing: the news folder is an option read once, and the
publication rules are registered checks that `xulang check` and the build both run (an editor sees
a finding before the build does).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import mkdocs
from xulang.cli import main

GLOSSARY = "content/zh/bao-chi/thuat-ngu.md"


def checker(project: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--root", str(project), "check", "--format", "json", "--lang", "en"])
    return code, [f"{f['path']}:{f['line']}: {f['code']}" for f in json.loads(out.getvalue())]


def test_a_held_back_translation_is_reported_by_the_checker_and_the_build(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    """A translation left as a draft while its source is published (XL100): `xulang check` names
    it at its status line, as the production build does when it refuses to publish."""
    project = make_project()
    page = project / GLOSSARY
    text = page.read_text(encoding="utf-8")
    assert text.count("status: published") == 1
    page.write_text(text.replace("status: published", "status: draft"), encoding="utf-8")
    line = next(
        n
        for n, row in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
        if row.startswith("status:")
    )
    expected = f"{GLOSSARY}:{line}: XL100"

    code, found = checker(project)
    assert code == 1 and expected in found, found
    assert found.count(expected) == 1  # raised in one place only

    result = mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"), cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output[-3000:]
    assert output.count(f"{expected} ") == 2, output[-3000:]  # in Vietnamese and in English


def test_a_page_without_status_is_named_once(make_project: Callable[..., Path]) -> None:
    """A page whose `status` line was deleted gets one finding (XL030), not one per check."""
    project = make_project()
    page = project / "content/vi/du-lich/mau-son.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("status: published\n", "", 1), encoding="utf-8")
    _, found = checker(project)
    assert found.count("content/vi/du-lich/mau-son.md:1: XL030") == 1, found


def test_the_news_folder_is_a_setting(make_project: Callable[..., Path], tmp_path: Path) -> None:
    """A province that names its news folder otherwise (`news: ban-tin` in mkdocs.yml) gets its
    news list, feeds, feed links and news structured data there, with no code changed."""
    project = make_project()
    for folder in sorted((project / "content").glob("*/tin-tuc")):
        folder.rename(folder.with_name("ban-tin"))
    for path in [project / "mkdocs.yml", *sorted((project / "content").rglob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        if "tin-tuc" in text:  # the option itself, the menu, links between pages
            path.write_text(text.replace("tin-tuc", "ban-tin"), encoding="utf-8")
    assert "news: ban-tin" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs("build", "--strict", "--site-dir", str(site), cwd=project)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert not list(site.rglob("tin-tuc"))
    translations = sorted(p.parent.parent.name + "/" for p in site.glob("*/ban-tin/feed.xml"))
    assert translations  # every language has its feed there
    for prefix in ("", *translations):
        feed = (site / prefix / "ban-tin" / "feed.xml").read_text(encoding="utf-8")
        assert feed.count("<entry>") >= 1 and f"{prefix}ban-tin/" in feed, prefix
        home = BeautifulSoup(
            (site / prefix / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        link = home.find("link", type="application/atom+xml")
        assert link is not None and link["href"].endswith("ban-tin/feed.xml"), prefix
    item = next(p for p in sorted((site / "ban-tin").glob("2*/index.html")))
    assert re.search(r'"@type":\s*"NewsArticle"', item.read_text(encoding="utf-8"))
    news_list = (site / "ban-tin" / "index.html").read_text(encoding="utf-8")
    assert item.parent.name in news_list  # the news list links each item
