"""The commit flow of the guide, in a real git repository with the project's pre-commit hook:
commit a new page in every language, then `xulang stamp --commit`."""

from __future__ import annotations

import re
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import yaml
from conftest import BIN, ROOT

ENV = {
    "GIT_AUTHOR_NAME": "Biên tập viên",
    "GIT_AUTHOR_EMAIL": "bientap@example.org",
    "GIT_COMMITTER_NAME": "Biên tập viên",
    "GIT_COMMITTER_EMAIL": "bientap@example.org",
    "PATH": f"{BIN}:/usr/bin:/bin",
}
PAGES = {
    "vi": ("Chợ phiên", "Chợ phiên họp vào sáng sớm.", "Người bán mang rau và gạo đến chợ."),
    "en": (
        "Market day",
        "The market opens early in the morning.",
        "Sellers bring greens and rice.",
    ),
    "zh": ("集市", "集市在清晨开市。", "商贩带来大米。"),
}
REL = "du-lich/cho-phien.md"


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, env=ENV, capture_output=True, text=True)


def xulang(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "xulang"), *args], cwd=root, env=ENV, capture_output=True, text=True
    )


def install_hook(project: Path) -> None:
    """The hook of .pre-commit-config.yaml, run by git itself on the staged files it selects."""
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    entry = hook["entry"].replace(".venv/bin/", f"{BIN}/")
    script = project / ".git/hooks/pre-commit"
    script.write_text(
        "#!/bin/sh\n"
        f"files=$(git diff --cached --name-only --diff-filter=ACMR | grep -E '{hook['files']}')\n"
        '[ -z "$files" ] && exit 0\n'
        f"exec {entry} $files\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def page(lang: str) -> str:
    title, first, second = PAGES[lang]
    return (
        f"---\ntitle: {title}\ndescription: {first}\nowner: so-van-hoa-du-lich\n"
        f"status: published\n---\n\n# {title}\n\n{first}\n\n{second}\n"
    )


def committed_project(make_project: Callable[..., Path]) -> Path:
    project = make_project()
    git(project, "init", "-q")
    git(project, "add", ".")
    assert git(project, "commit", "-qm", "start").returncode == 0
    install_hook(project)
    return project


def test_new_page_in_every_language_commits_then_stamps(
    make_project: Callable[..., Path],
) -> None:
    """An editor commits a new page in three languages at once (the hook lets it through), then
    one `xulang stamp --commit` records the source in the translations: nothing left to fix."""
    project = committed_project(make_project)
    for lang in PAGES:
        (project / "content" / lang / REL).write_text(page(lang), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      - du-lich/mau-son.md\n", f"      - du-lich/mau-son.md\n      - {REL}\n"
        ),
        encoding="utf-8",
    )
    source = project / "content/vi" / REL
    source.write_text(page("vi").replace("status: published", "status: xong"), encoding="utf-8")
    git(project, "add", "mkdocs.yml", *(f"content/{lang}/{REL}" for lang in PAGES))
    refused = git(project, "commit", "-m", "Trang mới: chợ phiên")  # the hook is live
    assert refused.returncode != 0 and "XL031" in refused.stdout + refused.stderr
    source.write_text(page("vi"), encoding="utf-8")
    git(project, "add", f"content/vi/{REL}")
    first = git(project, "commit", "-m", "Trang mới: chợ phiên")
    assert first.returncode == 0, first.stdout + first.stderr
    waiting = xulang(project, "check", *(f"content/{lang}/{REL}" for lang in PAGES))
    assert f"content/en/{REL}:1: XL033" in waiting.stdout  # now the stamp is possible and due
    assert f"xulang stamp content/en/{REL}" in waiting.stdout
    stamped = xulang(project, "stamp", "--commit", f"content/en/{REL}", f"content/zh/{REL}")
    assert stamped.returncode == 0, stamped.stderr
    subject = git(project, "log", "-1", "--format=%s").stdout
    assert subject.startswith("[editorial]") and f"content/zh/{REL}" in subject
    assert git(project, "status", "--porcelain", "--", "content", "mkdocs.yml").stdout == ""
    source_sha = git(project, "log", "-1", "--format=%H", "--", f"content/vi/{REL}").stdout.strip()
    for lang in ("en", "zh"):
        text = (project / "content" / lang / REL).read_text(encoding="utf-8")
        assert re.search(rf"^source_commit: {source_sha}$", text, re.M)
    assert xulang(project, "check", *(f"content/{lang}/{REL}" for lang in PAGES)).stdout == ""


def test_stamp_commit_never_carries_a_change_of_wording(
    make_project: Callable[..., Path],
) -> None:
    """`xulang stamp --commit` refuses a translation with uncommitted edits, so an editorial
    commit never hides a real change."""
    project = committed_project(make_project)
    target = project / "content/en/du-lich/mau-son.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    result = xulang(project, "stamp", "--commit", "content/en/du-lich/mau-son.md")
    assert result.returncode == 1 and "content/en/du-lich/mau-son.md" in result.stderr
    assert git(project, "log", "--format=%s").stdout.strip() == "start"
