"""A translation behind its Vietnamese source is published with a notice, not hidden or blocked."""

from __future__ import annotations

import re

import subprocess
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import BIN, mkdocs


def git(root: Path, *args: str) -> None:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@x",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@x",
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_stale_translation_shows_notice_in_production(make_project: Callable[..., Path]) -> None:
    """Readers of a translation that fell behind are told so, in their language, with the date."""
    project = make_project()
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "start")
    assert (
        subprocess.run(
            [str(BIN / "xulang"), "stamp", "content/en", "content/zh"],
            cwd=project,
            capture_output=True,
        ).returncode
        == 0
    )
    git(project, "commit", "-qam", "stamp")
    source = project / "content/vi/du-lich/mau-son.md"
    source.write_text(
        source.read_text(encoding="utf-8") + "\nMột câu mới của bản gốc.\n", encoding="utf-8"
    )
    git(project, "commit", "-qam", "Bổ sung thông tin Mẫu Sơn")
    result = mkdocs("build", "--strict", "--site-dir", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "XL090" in result.stderr  # reported to the editor, without failing the build
    en = BeautifulSoup(
        (project / "out/en/du-lich/mau-son/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    notice = en.select_one(".xl-stale")
    assert notice is not None and notice["role"] == "note"
    assert "out of date" in notice.get_text() and "2" in notice.get_text()
    zh = BeautifulSoup(
        (project / "out/zh/du-lich/mau-son/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert "译文可能不是最新版本" in zh.select_one(".xl-stale").get_text()
    # the date as each language writes it, not ISO
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", zh.select_one(".xl-stale").get_text())
    assert not re.search(r"\d{4}-\d{2}-\d{2}", notice.get_text())
    fresh = BeautifulSoup(
        (project / "out/en/du-lich/chi-lang/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert fresh.select_one(".xl-stale") is None
