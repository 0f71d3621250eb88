"""Publishing safety and the one gate, on a corpus of broken and hostile inputs
(tests/test_inputs/<case>/).

Each case folder changes a copy of the real project: `files/` is laid over it as is (bytes), and
case.yml says what else to do (append, replace, bom, copy, big, symlinks to an `outside` folder,
text). expected.txt lists the `path:line: CODE` that `xulang check` reports (publishing-safety
codes XL001-XL006 and XL100-XL149, and every code that some case of the corpus expects);
expected-build.txt, when present, what the build reports. Unless case.yml says `build: passes`,
`mkdocs build` must fail with those findings, print no traceback, leave the sources untouched and
leak nothing (`absent` markers) into the output.

One gate: whatever the build refuses, `xulang check` refuses first, with the same code at the
same place, and the build prints our finding before any warning of MkDocs' own. One cause, one
finding: the build prints each finding once (in Vietnamese, then in English). A finding the build
adds as a consequence elsewhere is named in case.yml under `build_cascade`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, copy_project, fetch, mkdocs, preview

INPUTS = Path(__file__).parent / "test_inputs"
# The checker keeps pages it rendered clean between runs (checks/rendering.py): shared by every
# copy of the project here, so each case renders only what it changed.
os.environ.setdefault("XULANG_CACHE_DIR", tempfile.mkdtemp(prefix="xulang-cache-"))
CASES = sorted(p.name for p in INPUTS.iterdir() if (p / "case.yml").exists())
SAFETY_CODE = re.compile(r"XL00[1-6]|XL1[0-4]\d")


def spec(case: str) -> dict[str, Any]:
    return dict(yaml.safe_load((INPUTS / case / "case.yml").read_text(encoding="utf-8")) or {})


def expected(case: str, kind: str = "") -> list[str]:
    path = INPUTS / case / (f"expected-{kind}.txt" if kind else "expected.txt")
    if kind and not path.exists():
        path = INPUTS / case / "expected.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return sorted(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def _expected_codes() -> set[str]:
    return {
        line.split()[-1]
        for path in INPUTS.glob("*/expected*.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


# The codes each case is compared on: publishing safety, and every code the corpus expects
# somewhere (a case must not set off a finding another case is about).
CORPUS_CODES = _expected_codes()


def compared(code: str) -> bool:
    return bool(SAFETY_CODE.fullmatch(code)) or code in CORPUS_CODES


FAILING = [c for c in CASES if spec(c).get("build") != "passes"]
PASSING = [c for c in CASES if spec(c).get("build") == "passes"]


def apply(case: str, project: Path, outside: Path) -> None:
    """Make the case's changes to a copy of the project."""
    tree = INPUTS / case / "files"
    if tree.is_dir():
        for src in sorted(tree.rglob("*")):
            if src.is_file():
                target = project / src.relative_to(tree)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(src.read_bytes())
    s = spec(case)
    for rel, text in (s.get("text") or {}).items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, encoding="utf-8")
    for rel, text in (s.get("append") or {}).items():
        with (project / rel).open("a", encoding="utf-8") as f:
            f.write(text)
    for rel, pairs in (s.get("replace") or {}).items():
        path = project / rel
        body = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert body.count(old) == 1, (case, rel, old)
            body = body.replace(old, new)
        path.write_text(body, encoding="utf-8")
    for rel in s.get("bom") or []:
        path = project / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    for rel, src in (s.get("copy") or {}).items():
        shutil.copy(project / src, project / rel)
    for rel, size in (s.get("big") or {}).items():
        path = project / rel
        head = path.read_bytes() if path.suffix == ".md" else b""
        path.write_bytes(head + b"\nLorem ipsum dolor sit amet. " * (size // 28 + 1))
    for rel, text in (s.get("outside") or {}).items():
        (outside / rel).parent.mkdir(parents=True, exist_ok=True)
        (outside / rel).write_text(text, encoding="utf-8")
    for rel, target in (s.get("symlinks") or {}).items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(str(target).replace("@outside", str(outside)), project / rel)


def make_case(case: str, base: Path) -> Path:
    project = copy_project(base / "project")
    apply(case, project, base / "outside")
    return project


def check(project: Path) -> tuple[int, list[dict[str, Any]]]:
    """`xulang check --format json --lang en` on the project, in this process."""
    from xulang.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--root", str(project), "check", "--format", "json", "--lang", "en"])
    return code, json.loads(out.getvalue())


def location(finding: dict[str, Any]) -> str:
    return f"{finding['path']}:{finding['line']}: {finding['code']}"


def fingerprint(project: Path) -> dict[str, str]:
    """Every source file's content (what an editor wrote), to prove a command changed none."""
    return {
        p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for part in ("content", "data", "overrides", "mkdocs.yml")
        for p in (
            [project / part] if (project / part).is_file() else sorted((project / part).rglob("*"))
        )
        if p.is_file() and not p.is_symlink()
    }


def leaked(site: Path, markers: list[str]) -> list[str]:
    """Output files that hold a marker, or that are not part of a site at all."""
    from xulang.plugin.publish import leaks

    if not site.exists():
        return []
    found = leaks(site)
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found += [
                f"{path.relative_to(site)}: {m}" for m in markers if m.encode("utf-8") in data
            ]
    return found


# -- the checker and the build on every case --------------------------------------------------


@pytest.fixture(scope="session")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Safety findings of the untouched project (none expected; subtracted, so a case shows only
    what it adds)."""
    _, findings = check(copy_project(tmp_path_factory.mktemp("baseline") / "project"))
    return {location(f) for f in findings if compared(f["code"])}


@pytest.mark.parametrize("case", CASES)
def test_checker_reports_exactly_this_mistake(
    case: str, tmp_path: Path, baseline: set[str]
) -> None:
    """`xulang check` shows the editor this mistake, at this file and line, and how to fix it."""
    project = make_case(case, tmp_path)
    code, findings = check(project)
    ours = [f for f in findings if compared(f["code"])]
    got = sorted({location(f) for f in ours} - baseline)
    assert got == expected(case), case
    if got:
        assert code == 1
    for finding in ours:
        assert finding["message"] and finding["hint"], finding
    message = spec(case).get("message")
    if message:
        assert any(message in f["message"] for f in ours), [f["message"] for f in ours]


@pytest.mark.parametrize("case", FAILING)
def test_build_fails_safely(case: str, tmp_path: Path) -> None:
    """The build stops with the same finding: no traceback, no lost work, nothing leaked."""
    project = make_case(case, tmp_path)
    checker_code, findings = check(project)
    before = fingerprint(project)
    site = tmp_path / "out"
    result = mkdocs("build", "--strict", "--site-dir", str(site), cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for line in expected(case, "build"):
        where, code = line.rsplit(": ", 1)
        where = where.removesuffix(":0")
        assert f"{where}: {code} " in output, (line, output[-3000:])
    assert leaked(site, list(spec(case).get("absent") or [])) == []
    assert fingerprint(project) == before
    # one gate: what the build refuses, the checker refused first, alike
    assert checker_code == 1, (case, output[-3000:])
    checked = {location(f).replace(":0: ", ": ") for f in findings}
    cascade = set(spec(case).get("build_cascade") or [])
    refused = build_findings(output)
    assert refused, output[-3000:]
    # one cause, one finding: no finding printed twice (as a warning, then as an error)
    assert [f for f, n in printed_findings(output).items() if n > 1] == [], (case, output[-3000:])
    assert refused - checked - cascade == set(), (case, sorted(checked))
    # MkDocs' own warnings (no XL code) come after the first of ours, if at all
    ours = BUILD_FINDING.search(output)
    theirs = [
        line for line in output.splitlines() if line.startswith("WARNING") and " XL" not in line
    ]
    assert ours is not None
    if theirs:
        assert ours.start() < output.index(theirs[0]), (case, theirs[0])


# `path:line: XL123 ` (or `path: XL123 ` for a whole file) as the build prints a finding
BUILD_FINDING = re.compile(
    r"(?:^|\s)((?:content|data|overrides)/[^\n:]+?|mkdocs\.yml)(?::(\d+))?: (XL\d{3}) ", re.M
)


def build_findings(output: str) -> set[str]:
    """The findings the build printed, as `path:line: CODE` (`path: CODE` for a whole file)."""
    return {
        f"{path}:{line}: {code}" if line and line != "0" else f"{path}: {code}"
        for path, line, code in BUILD_FINDING.findall(output)
    }


def printed_findings(output: str) -> Counter[str]:
    """How often the build printed each finding, whole (`path:line: CODE message (hint)`, in
    Vietnamese and in English): two findings at one place differ in their message."""
    printed: Counter[str] = Counter()
    for line in output.splitlines():
        if match := BUILD_FINDING.search(line):
            printed[line[match.start(1) :].strip()] += 1
    return printed


# -- what a build leaves out ----------------------------------------------------------------


@pytest.fixture(scope="module")
def passing(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One production build of a project with every `build: passes` case applied."""
    base = tmp_path_factory.mktemp("passing")
    project = copy_project(base / "project")
    for case in PASSING:
        apply(case, project, base / "outside")
    site = base / "site"
    result = mkdocs("build", "--strict", "--site-dir", str(site), cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    return project, site


@pytest.mark.parametrize("case", PASSING)
def test_left_out_of_the_public_site(case: str, passing: tuple[Path, Path]) -> None:
    """Drafts, pages under review and editors' notes appear nowhere a reader or a robot can look."""
    _, site = passing
    assert leaked(site, list(spec(case).get("absent") or [])) == []


def test_drafts_leave_no_trace(passing: tuple[Path, Path]) -> None:
    """No page, menu entry, search entry, sitemap URL, feed entry or language link for a draft."""
    project, site = passing
    assert not (site / "du-lich/le-hoi-hoa-dao").exists()
    assert not (site / "en/du-lich/le-hoi-hoa-dao").exists()
    assert not (site / "zh/du-lich/le-hoi-hoa-dao").exists()  # no stand-in for a draft either
    for lang in ("", "en/", "zh/"):
        index = json.loads((site / lang / "search/search_index.json").read_text(encoding="utf-8"))
        assert not [
            d
            for d in index["docs"]
            if "le-hoi-hoa-dao" in d["location"] or "tin-cho-duyet" in d["location"]
        ]
        feed = (site / lang / "tin-tuc/feed.xml").read_text(encoding="utf-8")
        assert "2025-12-01" not in feed
    assert "le-hoi-hoa-dao" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    menu = (site / "du-lich/le-hoi/index.html").read_text(encoding="utf-8")
    assert "le-hoi/" in menu and "le-hoi-hoa-dao" not in menu
    # the draft stays where the editor left it
    assert "BANHDRAFT" in (project / "content/vi/du-lich/le-hoi-hoa-dao.md").read_text(
        encoding="utf-8"
    )


def test_quotes_in_front_matter_keep_the_head_intact(passing: tuple[Path, Path]) -> None:
    """A quote or a tag in a title or description is shown as written, not breaking the page."""
    from bs4 import BeautifulSoup

    _, site = passing
    soup = BeautifulSoup(
        (site / "du-lich/mau-son/index.html").read_text(encoding="utf-8"), "html.parser"
    )
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith('Núi "Mẹ" <b>Mẫu Sơn</b> & đỉnh')
    assert soup.find("meta", property="og:title")["content"] == 'Núi "Mẹ" Mẫu Sơn & rừng'
    assert soup.head.find("b") is None  # nothing leaked out of the attribute into the head


def test_preview_shows_drafts_with_a_banner(passing: tuple[Path, Path]) -> None:
    """An editor previewing a draft sees it, marked as unpublished in the reader's language."""
    from bs4 import BeautifulSoup

    project, _ = passing
    with preview(project) as base:
        banners = {}
        for path in (
            "du-lich/le-hoi-hoa-dao/",
            "en/du-lich/le-hoi-hoa-dao/",
            "zh/du-lich/le-hoi-hoa-dao/",
            "en/tin-tuc/2025-12-01-tin-cho-duyet/",
            "du-lich/mau-son/",
        ):
            soup = BeautifulSoup(fetch(base + path), "html.parser")
            banner = soup.select_one(".xl-draft")
            banners[path] = banner.get_text(" ", strip=True) if banner else None
        assert (
            "chưa được đăng" in banners["du-lich/le-hoi-hoa-dao/"]
            and "draft" in banners["du-lich/le-hoi-hoa-dao/"]
        )
        assert "not published" in banners["en/du-lich/le-hoi-hoa-dao/"]
        assert (
            "尚未发布" in banners["zh/du-lich/le-hoi-hoa-dao/"]
        )  # the Vietnamese stand-in, marked too
        assert "review" in banners["en/tin-tuc/2025-12-01-tin-cho-duyet/"]
        assert banners["du-lich/mau-son/"] is None
        assert "GHICHU" not in fetch(base + "du-lich/mau-son/")  # notes stay out of the preview too


# -- no command of ours deletes what someone wrote ----------------------------------------------


def test_build_refuses_to_empty_a_folder_of_sources(tmp_path: Path) -> None:
    """`mkdocs build -d data` (a slip of the keyboard) is refused before MkDocs empties it."""
    project = copy_project(tmp_path / "project")
    documents = tmp_path / "tai-lieu"
    documents.mkdir()
    (documents / "bao-cao.docx").write_text("báo cáo của Sở", encoding="utf-8")
    before = fingerprint(project)
    for target in (project / "data", project / "content/vi", project, tmp_path, documents):
        result = mkdocs("build", "--site-dir", str(target), cwd=project)
        output = result.stdout + result.stderr
        assert result.returncode != 0, target
        assert "Traceback" not in output
        assert "refusing to build into" in output or "should not be within" in output, output[
            -1500:
        ]
    assert fingerprint(project) == before
    assert (documents / "bao-cao.docx").read_text(encoding="utf-8") == "báo cáo của Sở"


def test_clean_removes_only_build_output() -> None:
    """`make clean` deletes the build output and nothing an editor wrote."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nclean:", 1)[1].split("\n")[1].strip()
    assert recipe == "rm -rf site .pytest_cache"


# -- the encoding detectors -------------------------------------------------------------------


def test_legacy_vietnamese_encodings_are_told_apart() -> None:
    """The finding names the encoding an editor must convert from (Unikey needs to know it)."""
    from xulang import charsets

    # Classic mojibake as editors meet it: the same words in each legacy encoding.
    assert charsets.decode_tcvn3("ViÖt Nam, L¹ng S¬n".encode("cp1252")) == "Việt Nam, Lạng Sơn"
    assert charsets.decode_vni("Vieät Nam, Laïng Sôn".encode("cp1252")) == "Việt Nam, Lạng Sơn"
    assert charsets.guess("ViÖt Nam, L¹ng S¬n, §ång §¨ng".encode("cp1252")) == "TCVN3 (ABC)"
    assert charsets.guess("Vieät Nam, Laïng Sôn, Ñoàng Ñaêng".encode("cp1252")) == "VNI"
    assert (
        charsets.guess("Vi\u00ea\u0323t Nam, La\u0323ng S\u01a1n".encode("cp1258"))
        == "Windows-1258"
    )
    assert charsets.guess("Lạng Sơn".encode("utf-16-le")) == "UTF-16"
    assert charsets.guess(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == charsets.UNKNOWN
