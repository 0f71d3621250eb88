"""A translation behind its Vietnamese source is published with a notice, not hidden or blocked."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import BIN, ROOT, mkdocs
from xulang.history import History


def git(root: Path, *args: str, date: str = "") -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@x",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@x",
        "PATH": "/usr/bin:/bin",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T09:00:00+07:00"
    out = subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout


def xulang(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "xulang"), *args], cwd=root, capture_output=True, text=True)


SOURCE = "content/vi/du-lich/mau-son.md"


def updated(root: Path, path: str) -> str:
    """The "Updated" date readers see: the last commit of the page that is not editorial."""
    return next(c.date for c in History(root, "content").by_file[path] if not c.editorial)


def stamped_project(make_project: Callable[..., Path]) -> Path:
    """A project whose translations match their sources, committed on known days."""
    project = make_project()
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "start", date="2026-01-05")
    assert xulang(project, "stamp", "content/en", "content/zh").returncode == 0
    git(project, "commit", "-qam", "[editorial] stamp", date="2026-01-06")
    return project


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


def test_a_resave_with_no_word_changed_is_not_a_revision(make_project: Callable[..., Path]) -> None:
    """A Vietnamese page re-saved on Windows (CRLF) or pasted from macOS (NFD, extra spaces) marks
    no translation stale and keeps the page's "Cập nhật" date; a changed word still does both."""
    project = stamped_project(make_project)
    source = project / SOURCE
    text = source.read_text(encoding="utf-8")
    source.write_bytes(text.replace("\n", "  \r\n").encode("utf-8"))  # CRLF, trailing spaces
    git(project, "commit", "-qam", "Lưu lại trên Windows", date="2026-02-01")
    result = mkdocs("build", "--strict", "--site-dir", "out", cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]
    for lang in ("", "en/"):  # what readers see: the first date, and no "revised on" notice
        html = (project / f"out/{lang}du-lich/mau-son/index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert soup.select_one(".xl-stale") is None
        assert soup.select_one(".xl-updated time")["datetime"] == "2026-01-05"
    source.write_text(unicodedata.normalize("NFD", text).replace("\n\n", "\n\n\n"), "utf-8")
    git(project, "commit", "-qam", "Dán lại từ máy Mac", date="2026-02-02")
    check = xulang(project, "check")
    assert "XL090" not in check.stdout and "XL080" in check.stdout  # NFD is reported, not stale
    status = json.loads(xulang(project, "status", "--format", "json").stdout)
    assert status["stale"] == []
    assert updated(project, SOURCE) == "2026-01-05"
    source.write_text(text.replace("\n\n", "\n\nMột câu mới.\n\n", 1), encoding="utf-8")
    git(project, "commit", "-qam", "Thêm một câu", date="2026-03-01")
    check = xulang(project, "check")
    assert f"{SOURCE.replace('/vi/', '/en/')}" in check.stdout and "XL090" in check.stdout
    assert updated(project, SOURCE) == "2026-03-01"


def test_gitattributes_keep_a_crlf_resave_out_of_git(make_project: Callable[..., Path]) -> None:
    """With the project's .gitattributes, a page re-saved with CRLF is no change to commit."""
    project = make_project()
    shutil.copy(ROOT / ".gitattributes", project / ".gitattributes")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "start")
    source = project / SOURCE
    source.write_bytes(source.read_bytes().replace(b"\n", b"\r\n"))
    git(project, "add", SOURCE)
    assert git(project, "status", "--porcelain") == ""
    assert (
        b"\r"
        not in subprocess.run(
            ["git", "show", f"HEAD:{SOURCE}"], cwd=project, capture_output=True, check=True
        ).stdout
    )
