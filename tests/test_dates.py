"""How current each page is: "Updated" from git (editorial commits left out), "Reviewed" from front
matter, in the reader's language, in the page and in its JSON-LD."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import ROOT, Built, mkdocs

PAGE = "du-lich/mau-son.md"


def commit(project: Path, message: str, day: str) -> None:
    stamp = f"{day}T10:00:00+07:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_AUTHOR_NAME": "Biên tập",
        "GIT_AUTHOR_EMAIL": "bientap@example.org",
        "GIT_COMMITTER_NAME": "Biên tập",
        "GIT_COMMITTER_EMAIL": "bientap@example.org",
    }
    subprocess.run(["git", "add", "-A"], cwd=project, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", message], cwd=project, check=True, env=env)


def edit(project: Path, lang: str, old: str, new: str) -> None:
    path = project / "content" / lang / PAGE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page_dates(site: Path, prefix: str) -> tuple[dict[str, tuple[str, str]], str | None]:
    soup = BeautifulSoup(
        (site / prefix / "du-lich/mau-son/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    shown = {
        span["class"][0]: (span.time["datetime"], span.time.get_text())
        for span in soup.select("article .xl-dates span")
    }
    ld = soup.find("script", type="application/ld+json")
    graph = json.loads(ld.string) if ld else {}
    nodes = graph.get("@graph", [graph])
    modified = next((n["dateModified"] for n in nodes if "dateModified" in n), None)
    return shown, modified


def test_updated_follows_content_commits_and_reviewed_follows_the_editor(
    make_project: Callable[..., Path],
) -> None:
    """A reader sees when a page's text last changed in their language (a typo fix marked
    [editorial] does not count) and when an editor last reviewed it, in their own date format."""
    project = make_project()
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    commit(project, "Trang ban đầu", "2026-01-10")
    edit(
        project, "en", "\n# ", "\n<!-- revised -->\n# "
    )  # a comment: not reader text, still a change
    commit(project, "English: revised Mẫu Sơn", "2026-03-05")
    edit(project, "zh", "\n# ", "\n<!-- typo -->\n# ")
    commit(project, "[editorial] zh: typo", "2026-04-01")
    edit(project, "vi", "\nstatus: published\n", "\nstatus: published\nreviewed: 2026-02-20\n")
    commit(project, "Rà soát trang Mẫu Sơn", "2026-02-21")
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"

    vi, vi_modified = page_dates(site, "")
    assert vi == {
        "xl-updated": ("2026-02-21", "21/2/2026"),
        "xl-reviewed": ("2026-02-20", "20/2/2026"),
    }
    assert vi_modified == "2026-02-21"
    en, en_modified = page_dates(site, "en")
    assert en == {"xl-updated": ("2026-03-05", "5 March 2026")} and en_modified == "2026-03-05"
    zh, zh_modified = page_dates(site, "zh")
    assert zh == {"xl-updated": ("2026-01-10", "2026年1月10日")} and zh_modified == "2026-01-10"


def last_content_commit(path: Path) -> str:
    out = subprocess.run(
        ["git", "log", "--format=%ad%x1f%s%x1f%b%x1e", "--date=short", "--", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for record in out.split("\x1e"):
        date, _, rest = record.strip().partition("\x1f")
        if date and "[editorial]" not in rest.lower():
            return date
    return ""


def test_every_published_page_says_when_it_last_changed(built: Built) -> None:
    """Every page of the real site carries its Updated date, equal to its last content commit."""
    from test_content import LANGS, output_of, sources

    wrong = []
    for lang, prefix in LANGS.items():
        for rel, path in sources(lang).items():
            expected = last_content_commit(path)
            if not expected:
                continue  # not committed yet (a working copy): no date to show
            soup = built.html(output_of(rel, lang))
            time = soup.select_one("article .xl-updated time")
            if time is None or time["datetime"] != expected:
                wrong.append((prefix + rel, time["datetime"] if time else None, expected))
    assert wrong == []
