"""Names with their evidence: a Chinese form reaches a page only as its basis allows, and a fact
marked unverified never does."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Built, mkdocs
from xulang.cli import main
from xulang.render import RenderError, render_markdown

GLOSSARY = {
    "bac-son-valley": {
        "kind": "sight",
        "vi": "Thung lũng Bắc Sơn",
        "en": "Bắc Sơn Valley",
        "zh": "北山",
        "zh_basis": "attested",
        "zh_source": "guoxuedashi 北山起义",
    },
    "bac-ninh": {
        "kind": "province",
        "vi": "tỉnh Bắc Ninh",
        "en": "Bắc Ninh Province",
        "zh": "北宁省",
        "zh_basis": "han-viet",
        "zh_source": "Hán characters of Bắc Ninh",
    },
    "phia-po-peak": {
        "kind": "sight",
        "vi": "đỉnh Phia Po",
        "en": "Phia Po peak",
        "zh_basis": "none",
    },
}


def zh(markdown: str) -> str:
    extra = {"default_language": "vi", "languages": ("vi", "en", "zh")}
    return render_markdown(markdown, {"glossary": GLOSSARY}, "zh", "content/zh/x.md", 5, extra)


def test_attested_chinese_form_reaches_the_page() -> None:
    """A name seen in Chinese sources is printed in characters."""
    assert zh('位于{{ term("bac-son-valley") }}。') == "位于北山。"


def test_sino_vietnamese_reading_reaches_the_page_and_awaits_a_native_editor(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A Sino-Vietnamese reading is printed, and the status report lists it for a native editor."""
    assert zh('邻近{{ term("bac-ninh") }}。') == "邻近北宁省。"
    assert main(["--root", str(ROOT), "status", "--format", "json"]) in (0, 1)
    to_confirm = json.loads(capsys.readouterr().out)["to_confirm"]
    glossary = yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))
    pending = {cid for cid, e in glossary.items() if e.get("zh_basis") == "han-viet"}
    assert pending and {row["id"] for row in to_confirm["zh"]} == pending


def test_name_without_chinese_form_is_refused_with_the_descriptor_hint() -> None:
    """A name with no Chinese form cannot be printed as if it had one: the editor is told to write a
    Chinese descriptor with the Vietnamese name in full-width parentheses, at the line."""
    with pytest.raises(RenderError) as caught:
        zh('母山\n\n最高峰{{ term("phia-po-peak") }}。')
    finding = caught.value.finding
    assert (finding.path, finding.line, finding.code) == ("content/zh/x.md", 7, "XL026")
    assert "（Phia Po）" in finding.hint("vi") and "đỉnh Phia Po" in finding.hint("en")
    # the Vietnamese form inside full-width parentheses is how the page writes it
    assert zh('母山主峰（{{ term("phia-po-peak", "vi") }}）') == "母山主峰（đỉnh Phia Po）"


def build(project: Path) -> tuple[int, str]:
    result = mkdocs("build", "--strict", cwd=project)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    return result.returncode, output


def first_use(pattern: str, lang: str = "vi") -> tuple[str, int]:
    """The first page and line of the real content that uses `pattern`."""
    for path in sorted((ROOT / "content" / lang).rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern in line:
                return path.relative_to(ROOT).as_posix(), number
    raise AssertionError(f"no page uses {pattern}")


def test_unverified_fact_never_reaches_a_page(make_project: Callable[..., Path]) -> None:
    """Marking a figure `verified: false` stops the build at every page and line that prints it."""
    page, line = first_use("data.province.area")
    text = (ROOT / "data/province.yml").read_text(encoding="utf-8")
    assert "\narea:\n" in text
    project = make_project(
        {"data/province.yml": text.replace("\narea:\n", "\narea:\n  verified: false\n")}
    )
    code, output = build(project)
    assert code != 0
    assert f"{page}:{line}: XL022" in output


def test_chinese_page_printing_a_name_without_chinese_form_is_refused(
    make_project: Callable[..., Path],
) -> None:
    """The production build refuses a Chinese page asking for a Chinese form that does not exist."""
    rel = "content/zh/du-lich/mau-son.md"
    text = (ROOT / rel).read_text(encoding="utf-8")
    body_start = text.index("\n# ") + 1
    line = text[:body_start].count("\n") + 1
    broken = text[:body_start] + '{{ term("phia-po-peak") }}\n\n' + text[body_start:]
    code, output = build(make_project({rel: broken}))
    assert code != 0
    assert f"{rel}:{line}: XL026" in output


def test_public_glossary_marks_forms_awaiting_a_native_editor(built: Built) -> None:
    """Readers of the glossary see which Chinese forms are Sino-Vietnamese readings still to be
    confirmed, and no Chinese form where none exists."""
    glossary = yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))
    for lang in ("", "en/", "zh/"):
        rows = built.html(f"{lang}bao-chi/thuat-ngu/index.html").select("article table tr")
        cells = {tuple(td.get_text(" ", strip=True) for td in tr.select("td")) for tr in rows}
        by_vi = {c[0]: c for c in cells if c}
        for entry in glossary.values():
            row = by_vi[entry["vi"]]
            if entry["zh_basis"] == "han-viet":
                assert re.fullmatch(re.escape(entry["zh"]) + r"\s*\*", row[2]), row
            elif entry["zh_basis"] == "none":
                assert row[2] == "—", row
            else:
                assert row[2] == entry["zh"], row
