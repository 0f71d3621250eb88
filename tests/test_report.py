"""What a department head reads: `xulang status` in words, and `xulang report` for a period."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from conftest import BIN
from xulang.placeholders import TRANSLATE

ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@x",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@x",
    "PATH": "/usr/bin:/bin",
}


def git(root: Path, *args: str, date: str = "") -> str:
    env = dict(ENV)
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T09:00:00+07:00"
    return subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    ).stdout


def xulang(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "xulang"), *args], cwd=root, capture_output=True, text=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def title_of(path: Path) -> str:
    match = re.search(r"^title: (.*)$", path.read_text(encoding="utf-8"), re.M)
    assert match
    return match.group(1).strip().strip("'\"")


def status_project(make_project: Callable[..., Path]) -> Path:
    """Every kind of work left: a missing translation, one still the template, one unstamped and
    one behind its source, all in the tourism section (Sở Văn hoá, Thể thao và Du lịch)."""
    project = make_project({"content/en/du-lich/am-thuc.md": None})
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "start", date="2026-01-05")
    assert xulang(project, "stamp", "content/en", "content/zh").returncode == 0
    git(project, "commit", "-qam", "[editorial] stamp", date="2026-01-06")
    zh = project / "content/zh/du-lich/cho-ky-lua.md"
    head = zh.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    zh.write_text(f"{head}\n---\n\n{TRANSLATE}\n", encoding="utf-8")
    unstamped = project / "content/en/du-lich/le-hoi.md"
    unstamped.write_text(
        re.sub(r"^source_commit:.*\n", "", unstamped.read_text(encoding="utf-8"), flags=re.M),
        encoding="utf-8",
    )
    edit(project / "content/vi/du-lich/mau-son.md", "\n\n", "\n\nMột câu mới.\n\n")
    git(project, "commit", "-qam", "Mẫu Sơn: thêm một câu", date="2026-02-01")
    return project


def test_status_speaks_to_a_department_head(make_project: Callable[..., Path]) -> None:
    """`xulang status --format md` names sections, departments and pages as people know them, with
    links, and is plain Markdown to paste into a report."""
    project = status_project(make_project)
    md = xulang(project, "status", "--format", "md")
    assert md.returncode == 0, md.stderr
    out = md.stdout
    assert "<" not in out  # no raw HTML such as <progress>
    assert "| Du lịch |" in out and "| Sở Văn hoá, Thể thao và Du lịch |" in out
    assert "so-van-hoa-du-lich" not in out and not re.search(r"\b[0-9a-f]{10}\b", out)
    site = "https://doingoai.langson.gov.vn/"
    en_title = title_of(project / "content/en/du-lich/mau-son.md")
    assert f"[{en_title}]({site}en/du-lich/mau-son/)" in out  # behind its source
    assert "Mẫu Sơn: thêm một câu" in out
    missing = title_of(project / "content/vi/du-lich/am-thuc.md")
    assert f"[{missing}]({site}en/du-lich/am-thuc/)" in out
    unstamped = title_of(project / "content/en/du-lich/le-hoi.md")
    assert f"[{unstamped}]({site}en/du-lich/le-hoi/)" in out
    english = xulang(project, "status", "--format", "md", "--lang", "en").stdout
    assert "| Tourism |" in english and "## Not translated" in english
    assert "| Department of Culture, Sports and Tourism |" in english
    assert "| Lạng Sơn Department of Foreign Affairs |" in english  # named by the glossary


def test_status_counts_template_text_as_untranslated(make_project: Callable[..., Path]) -> None:
    """A translation that still holds `xulang new`'s placeholder is not counted as done."""
    project = status_project(make_project)
    data = json.loads(xulang(project, "status", "--format", "json").stdout)
    assert [p["path"] for p in data["untranslated"]] == ["content/zh/du-lich/cho-ky-lua.md"]
    assert [p["path"] for p in data["missing"]] == ["content/en/du-lich/am-thuc.md"]
    assert [p["path"] for p in data["unstamped"]] == ["content/en/du-lich/le-hoi.md"]
    assert [s["path"] for s in data["stale"]] == [
        "content/en/du-lich/mau-son.md",
        "content/zh/du-lich/mau-son.md",
    ]
    total = data["languages"]["zh"]["total"]
    assert data["languages"]["zh"]["translated"] == total - 1
    assert (
        data["sections"]["du-lich"]["zh"]["fresh"] == data["sections"]["du-lich"]["zh"]["total"] - 2
    )  # the template page and the stale one
    assert data["names"]["owners"]["so-van-hoa-du-lich"].startswith("Sở Văn hoá")


def test_status_shows_a_language_in_preparation(make_project: Callable[..., Path]) -> None:
    """A language declared `status: preparation` shows how many of its minimum pages are done and
    names those still missing."""
    project = make_project()
    config = project / "mkdocs.yml"
    edit(
        config,
        "  - xulang:\n",
        "        - locale: ja\n          name: 日本語\n          extra: {status: preparation}\n"
        "  - xulang:\n",
    )
    home = project / "content/en/index.md"
    (project / "content/ja").mkdir()
    (project / "content/ja/index.md").write_text(home.read_text(encoding="utf-8"), "utf-8")
    data = json.loads(xulang(project, "status", "--format", "json").stdout)
    (prep,) = [p for p in data["preparing"] if p["lang"] == "ja"]
    assert (prep["lang"], prep["name"], prep["done"]) == ("ja", "日本語", 1)
    assert prep["total"] == 1 + len(prep["missing"]) and prep["missing"]
    assert title_of(project / "content/vi/du-lich/index.md") in prep["missing"]
    text = xulang(project, "status").stdout
    assert "日本語 (ja) 1/" in text


DEPT = "so-van-hoa-du-lich"


def new_page(project: Path, rel: str, titles: dict[str, str], langs: tuple[str, ...]) -> None:
    for lang in langs:
        title = titles[lang]
        (project / "content" / lang / rel).write_text(
            f"---\ntitle: {title}\ndescription: {title}\nowner: {DEPT}\nstatus: published\n"
            f"---\n\n# {title}\n\n{title}.\n",
            encoding="utf-8",
        )


def history_project(make_project: Callable[..., Path]) -> Path:
    """A year of a department's work, commit by commit, on known days (UTC+7)."""
    project = make_project()
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "start", date="2026-01-05")
    assert xulang(project, "stamp", "content/en", "content/zh").returncode == 0
    git(project, "commit", "-qam", "[editorial] stamp", date="2026-01-06")
    market = {"vi": "Chợ phiên", "en": "Market day", "zh": "集市"}
    new_page(project, "du-lich/cho-phien.md", market, ("vi", "en", "zh"))
    git(project, "add", "content")
    git(project, "commit", "-qm", "Trang mới: chợ phiên", date="2026-02-10")
    assert xulang(project, "stamp", "content/en", "content/zh").returncode == 0
    git(project, "commit", "-qam", "[editorial] stamp", date="2026-02-10")
    news = {"vi": "Lễ hội mùa xuân"}
    new_page(project, "tin-tuc/2026-02-14-le-hoi-mua-xuan.md", news, ("vi",))
    git(project, "add", "content")
    git(project, "commit", "-qm", "Tin: lễ hội mùa xuân", date="2026-02-15")
    edit(project / "content/vi/du-lich/mau-son.md", "\n\n", "\n\nMột câu mới.\n\n")
    git(project, "commit", "-qam", "Mẫu Sơn: thêm một câu", date="2026-02-20")
    resaved = project / "content/vi/du-lich/chi-lang.md"
    resaved.write_bytes(resaved.read_bytes().replace(b"\n", b"\r\n"))
    git(project, "commit", "-qam", "Chi Lăng: lưu lại trên Windows", date="2026-02-22")
    edit(project / "content/en/du-lich/mau-son.md", "\n\n", "\n\nOne more sentence.\n\n")
    git(project, "commit", "-qam", "Mẫu Sơn in English follows", date="2026-02-25")
    assert xulang(project, "stamp", "content/en/du-lich/mau-son.md").returncode == 0
    git(project, "commit", "-qam", "[editorial] stamp en", date="2026-02-25")
    edit(project / "content/vi/doi-ngoai/index.md", "\n\n", "\n\nMột câu mới.\n\n")
    git(project, "commit", "-qam", "Đối ngoại: thêm một câu", date="2026-02-26")
    new_page(project, "du-lich/cho-dem.md", {"vi": "Chợ đêm"}, ("vi",))
    git(project, "add", "content")
    git(project, "commit", "-qm", "Trang mới: chợ đêm (sau kỳ)", date="2026-03-05")
    return project


def test_period_report_counts_a_departments_work(make_project: Callable[..., Path]) -> None:
    """`xulang report` for February and one department lists exactly what it published, updated
    and left behind, with titles and days, and its coverage at the start and the end."""
    project = history_project(make_project)
    args = ["report", "--from", "2026-02-01", "--to", "2026-02-28", "--owner", DEPT]
    result = xulang(project, *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    got = sorted((i["lang"], i["kind"], i["date"], i["title"]) for i in data["items"])
    mau_son = {
        lang: title_of(project / f"content/{lang}/du-lich/mau-son.md")
        for lang in ["vi", "en", "zh"]
    }
    assert got == sorted(
        [
            ("vi", "new", "2026-02-10", "Chợ phiên"),
            ("en", "new", "2026-02-10", "Market day"),
            ("zh", "new", "2026-02-10", "集市"),
            ("vi", "news", "2026-02-14", "Lễ hội mùa xuân"),
            ("en", "missing", "", "Lễ hội mùa xuân"),
            ("zh", "missing", "", "Lễ hội mùa xuân"),
            ("vi", "updated", "2026-02-20", mau_son["vi"]),
            ("en", "followed", "2026-02-25", mau_son["en"]),
            ("zh", "stale", "", mau_son["zh"]),
        ]
    )
    before = (
        sum(
            1
            for p in (project / "content/vi").rglob("*.md")
            if f"owner: {DEPT}" in p.read_text(encoding="utf-8") and p.name != "cho-dem.md"
        )
        - 2
    )  # the two pages of February
    coverage = data["coverage"][DEPT]
    assert coverage["en"]["start"] == {
        "total": before,
        "translated": before,
        "fresh": before,
        "percent": 100,
    }
    en, zh = coverage["en"]["end"], coverage["zh"]["end"]
    assert (en["total"], en["translated"], en["fresh"]) == (before + 2, before + 1, before + 1)
    assert (zh["total"], zh["translated"], zh["fresh"]) == (before + 2, before + 1, before)
    md = xulang(project, *args).stdout
    assert md.startswith("# Báo cáo") and "Kỳ báo cáo: 1/2/2026 – 28/2/2026" in md
    assert "## Sở Văn hoá, Thể thao và Du lịch" in md
    news = "https://doingoai.langson.gov.vn/tin-tuc/2026-02-14-le-hoi-mua-xuan/"
    assert f"- 14/2/2026: [Lễ hội mùa xuân]({news})" in md
    assert "Chợ đêm" not in md and "Đối ngoại" not in md
    english = xulang(project, *args, "--lang", "en").stdout
    assert "**Translations brought up to date: 1**" in english
    rows = xulang(project, *args, "--format", "csv").stdout.splitlines()
    assert rows[0].startswith("department,") and len([r for r in rows if ",news," in r]) == 1


def test_preview_status_page_links_every_language_without_warnings(
    make_project: Callable[..., Path],
) -> None:
    """The preview's status page links pages of every language with HTML links (MkDocs warns about
    a Markdown link to a language it is not building) and keeps the editor's file path."""
    from xulang import report
    from xulang.content import ContentTree
    from xulang.site import load_site

    project = make_project({"content/zh/du-lich/index.md": None})
    page = report.to_markdown(report.build(ContentTree.load(load_site(project))))
    assert "](" not in page and '<a href="../zh/du-lich/">' in page
    assert "`content/zh/du-lich/index.md`" in page and "<progress" in page
