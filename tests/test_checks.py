"""The editors' checker on fixture trees: each folder carries the findings it must produce."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from xulang.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def project(tmp_path: Path, case: str) -> Path:
    root = tmp_path / case
    shutil.copytree(FIXTURES / case, root)
    shutil.copy(FIXTURES / "mkdocs.yml", root / "mkdocs.yml")
    return root


def expected(case: str) -> list[str]:
    lines = (FIXTURES / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return sorted(x for x in lines if x.strip() and not x.startswith("#"))


@pytest.mark.parametrize("case", CASES)
def test_fixture_tree(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An editor sees exactly the mistakes of this tree, at the right file and line, no more."""
    root = project(tmp_path, case)
    code = main(["--root", str(root), "check", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    got = sorted(f"{f['path'].removeprefix(case + '/')}:{f['line']}: {f['code']}" for f in findings)
    assert got == expected(case)
    assert code == (1 if got else 0)
    for finding in findings:
        assert finding["message"] and finding["hint"]


def test_every_check_has_a_case_that_fires_and_one_that_stays_silent() -> None:
    """No check goes untested: each code appears in some expected.txt, and clean cases exist."""
    from xulang.checks import REGISTRY

    fired = {line.split()[-1] for case in CASES for line in expected(case)}
    # the publishing-safety checks have their own corpus of broken inputs (tests/test_safety.py)
    inputs = Path(__file__).parent / "test_inputs"
    fired |= {
        line.split()[-1]
        for f in inputs.glob("*/expected*.txt")
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    elsewhere = {"XL090", "XL091"}  # need git history: test_freshness_follows_the_source_history
    for check in REGISTRY.values():
        assert set(check.codes) - elsewhere <= fired, (check.name, set(check.codes) - fired)
    assert sum(1 for case in CASES if not expected(case)) >= 5


def test_messages_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Findings read `path:line: CODE message (hint)`: Vietnamese by default, English on request."""
    root = project(tmp_path, "missing-page-zh")
    main(["--root", str(root), "check"])
    vi = capsys.readouterr().out.strip()
    main(["--root", str(root), "check", "--lang", "en"])
    en = capsys.readouterr().out.strip()
    assert vi.startswith("content/zh/du-lich/chi-lang.md: XL010 chưa có bản dịch zh")
    assert en.startswith(
        "content/zh/du-lich/chi-lang.md: XL010 zh translation of "
        "content/vi/du-lich/chi-lang.md is missing"
    )
    assert vi.endswith(")") and "(" in vi


def test_list_prints_examples(capsys: pytest.CaptureFixture[str]) -> None:
    """`xulang check --list` documents every check with a bad and a good example."""
    from xulang.checks import REGISTRY

    assert main(["check", "--list"]) == 0
    out = capsys.readouterr().out
    for check in REGISTRY.values():
        assert check.name in out
    assert out.count("bad:") >= len(REGISTRY) and out.count("good:") >= len(REGISTRY)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    """A wrong command or a folder without mkdocs.yml is a usage problem (2), not a crash."""
    assert main(["nope"]) == 2
    assert main(["--root", str(tmp_path), "check"]) == 2


def git(root: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@x",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@x",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_freshness_follows_the_source_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After the Vietnamese page changes, its translations are flagged until re-stamped;
    an editorial-only commit does not make them stale."""
    root = project(tmp_path, "good-three-languages")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "start")
    assert main(["--root", str(root), "stamp", "content/en", "content/zh"]) == 0
    capsys.readouterr()
    git(root, "commit", "-qam", "stamp")
    assert main(["--root", str(root), "check"]) == 0
    source = root / "content/vi/du-lich/mau-son.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("quanh năm", "cả năm"), encoding="utf-8"
    )
    git(root, "commit", "-qam", "Sửa chính tả [editorial]")
    assert main(["--root", str(root), "check"]) == 0
    capsys.readouterr()
    source.write_text(
        source.read_text(encoding="utf-8") + "\nThêm một câu mới về đường lên núi.\n",
        encoding="utf-8",
    )
    git(root, "commit", "-qam", "Thêm thông tin đường lên núi")
    # a warning, as in the build: the page is published with a notice until it is updated
    assert main(["--root", str(root), "check"]) == 0
    out = capsys.readouterr().out
    assert "warnings, the build goes on" in out
    assert (
        "content/en/du-lich/mau-son.md:6: XL090" in out
        and "content/zh/du-lich/mau-son.md:6: XL090" in out
    )
    assert "Thêm thông tin đường lên núi" in out and "chi-lang" not in out
    assert main(["--root", str(root), "status", "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert [s["path"] for s in status["stale"]] == [
        "content/en/du-lich/mau-son.md",
        "content/zh/du-lich/mau-son.md",
    ]
    assert status["languages"]["en"] == {"total": 2, "translated": 2, "fresh": 1, "percent": 50}
    assert main(["--root", str(root), "stamp", "content/en/du-lich/mau-son.md"]) == 0
    git(root, "commit", "-qam", "stamp en")
    capsys.readouterr()
    assert main(["--root", str(root), "check"]) == 0
    out = capsys.readouterr().out
    assert "content/en/" not in out and "content/zh/du-lich/mau-son.md:6: XL090" in out


def test_new_creates_every_language_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`xulang new` gives translators a marked page in each language, never touching their work."""
    root = project(tmp_path, "good-three-languages")
    assert main(["--root", str(root), "new", "du-lich/bac-son"]) == 0
    for lang in ("vi", "en", "zh"):
        text = (root / f"content/{lang}/du-lich/bac-son.md").read_text(encoding="utf-8")
        assert "status: draft" in text and "<!--" in text
    mine = root / "content/zh/du-lich/bac-son.md"
    mine.write_text("biên tập viên đã viết\n", encoding="utf-8")
    (root / "content/vi/du-lich/bac-son.md").unlink()
    assert main(["--root", str(root), "new", "du-lich/bac-son"]) == 1
    assert mine.read_text(encoding="utf-8") == "biên tập viên đã viết\n"
    assert not (root / "content/vi/du-lich/bac-son.md").exists()  # nothing half-created
    assert "exists, not overwritten" in capsys.readouterr().err
    assert main(["--root", str(root), "new", "Du Lịch/Bắc Sơn"]) == 1


def test_new_follows_the_missing_translation_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """XL010's hint is a command that works: it creates the missing translation and nothing else."""
    root = project(tmp_path, "missing-page-zh")
    main(["--root", str(root), "check", "--lang", "en"])
    hint = capsys.readouterr().out
    assert "run `xulang new du-lich/chi-lang`" in hint
    source = (root / "content/vi/du-lich/chi-lang.md").read_bytes()
    english = (root / "content/en/du-lich/chi-lang.md").read_bytes()
    assert main(["--root", str(root), "new", "du-lich/chi-lang"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "content/zh/du-lich/chi-lang.md" and "nav:" not in out
    assert (root / "content/vi/du-lich/chi-lang.md").read_bytes() == source
    assert (root / "content/en/du-lich/chi-lang.md").read_bytes() == english
    from xulang.placeholders import find_placeholders

    text = (root / "content/zh/du-lich/chi-lang.md").read_text(encoding="utf-8")
    assert "owner: so-van-hoa-du-lich" in text and len(find_placeholders(text)) == 3
    assert main(["--root", str(root), "new", "du-lich/chi-lang"]) == 1  # nothing left to create


def test_new_news_item_is_named_and_dated_by_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A news item from `xulang new` builds as it is: dated name, `date:` filled, no menu edit."""
    import datetime as dt

    from xulang.content import ContentTree
    from xulang.scaffold import plan
    from xulang.site import load_site

    root = project(tmp_path, "good-three-languages")
    tree = ContentTree.load(load_site(root))
    pages = plan(tree, "tin-tuc/hoi-cho-dong-dang", today=dt.date(2027, 1, 15))
    assert [p.path.relative_to(root).as_posix() for p in pages] == [
        f"content/{lang}/tin-tuc/2027-01-15-hoi-cho-dong-dang.md" for lang in ("vi", "en", "zh")
    ]
    assert all("\ndate: 2027-01-15\n" in p.text for p in pages)
    assert main(["--root", str(root), "new", "tin-tuc/hoi-cho"]) == 0
    out = capsys.readouterr().out
    assert "nav:" not in out
    (made,) = (root / "content/vi/tin-tuc").glob("*-hoi-cho.md")
    main(["--root", str(root), "check", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    assert not [f for f in findings if f["code"] in {"XL150", "XL151", "XL152", "XL153"}], made


def test_new_asks_for_a_menu_entry_only_where_the_build_needs_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new page is named in the menu hint; a news item (left out of the menu by its dated name)
    is not, and the checker names the menu line a new page still needs (XL035)."""
    from conftest import copy_project

    root = copy_project(tmp_path / "project")
    assert main(["--root", str(root), "new", "tin-tuc/hoi-cho-mua-xuan"]) == 0
    assert "nav:" not in capsys.readouterr().out
    assert main(["--root", str(root), "new", "du-lich/dong-ky"]) == 0
    assert "add a line `- du-lich/dong-ky.md` to `nav:`" in capsys.readouterr().out
    main(["--root", str(root), "check", "--format", "json"])
    codes = {(f["path"], f["code"]) for f in json.loads(capsys.readouterr().out)}
    assert ("content/vi/du-lich/dong-ky.md", "XL035") in codes
    assert not any(code == "XL035" and "tin-tuc" in path for path, code in codes)


def test_pre_commit_hook_runs_the_checker_on_changed_files() -> None:
    """The pre-commit hook an editor installs runs `xulang check` on the files being committed."""
    import yaml

    root = Path(__file__).resolve().parent.parent
    config = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert hook["entry"].endswith("xulang check") and hook["pass_filenames"] is True
    result = subprocess.run(
        [*hook["entry"].split(), "content/vi/index.md", "content/en/index.md"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_guide_lists_every_finding_code(capsys: pytest.CaptureFixture[str]) -> None:
    """The editors' guide explains every code the checker prints: generated, so it cannot drift."""
    root = Path(__file__).resolve().parent.parent
    assert main(["codes"]) == 0
    generated = capsys.readouterr().out
    assert (root / "docs" / "ma-loi.md").read_text(encoding="utf-8") == generated
    from xulang.messages import CATALOGUE

    for code in CATALOGUE:
        assert f"| {code} |" in generated
