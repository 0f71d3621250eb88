"""`xulang fix` on a copy of the project: mechanical repairs, a diff first, then atomic writes."""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import yaml
from conftest import BIN

ZH = "content/zh/du-lich/mau-son.md"
VI = "content/vi/du-lich/chi-lang.md"


def xulang(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "xulang"), *args], cwd=project, capture_output=True, text=True)


def codes(project: Path, path: str) -> set[str]:
    """The finding codes `xulang check` reports for one file."""
    out = xulang(project, "check", path).stdout
    return {line.split(": ", 2)[1].split()[0] for line in out.splitlines() if ": XL" in line}


def saved_badly(project: Path) -> None:
    """A Chinese page saved on Windows (BOM, CRLF) with a zero-width space and 凉山省 in it, and a
    Vietnamese page pasted from macOS (NFD)."""
    zh = project / ZH
    text = zh.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    assert "谅山省" in body
    body = re.sub("谅山(?!省)", "凉山", body.replace("谅山省", "凉山省", 1), count=1)
    text = f"{head}\n---\n{body}".replace("\n", "\r\n") + "\u200b"
    zh.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    vi = project / VI
    vi.write_text(unicodedata.normalize("NFD", vi.read_text(encoding="utf-8")), encoding="utf-8")


def test_fix_shows_a_diff_then_writes_the_repairs(make_project: Callable[..., Path]) -> None:
    """An editor sees what `xulang fix` would change, and after --write the checker is quiet about
    BOM, line endings, NFC, invisible characters and 凉山."""
    project = make_project()
    saved_badly(project)
    only_bom = project / "content/en/du-lich/chi-lang.md"  # nothing else wrong with it
    only_bom.write_bytes(b"\xef\xbb\xbf" + only_bom.read_bytes())
    before = {p: (project / p).read_bytes() for p in (ZH, VI)}
    assert {"XL006", "XL061", "XL080", "XL081"} <= codes(project, ZH) | codes(project, VI)
    shown = xulang(project, "fix")
    assert shown.returncode == 1, shown.stderr
    assert f"--- a/{ZH}" in shown.stdout and f"+++ b/{VI}" in shown.stdout
    assert "凉山省 → 谅山省" in shown.stdout and "BOM" in shown.stdout
    assert "凉山 → 谅山," in shown.stdout or "凉山 → 谅山\n" in shown.stdout  # one fix each
    assert {p: (project / p).read_bytes() for p in before} == before  # a diff writes nothing
    written = xulang(project, "fix", "--write")
    assert written.returncode == 0, written.stderr
    raw = (project / ZH).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    text = raw.decode("utf-8")
    assert "凉山" not in text and "谅山省" in text and "\u200b" not in text
    assert unicodedata.is_normalized("NFC", (project / VI).read_text(encoding="utf-8"))
    assert not only_bom.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not {"XL006", "XL061", "XL080", "XL081"} & (codes(project, ZH) | codes(project, VI))
    again = xulang(project, "fix")
    assert (again.returncode, again.stdout) == (0, "")
    assert not list(project.rglob(".fix-*"))  # no temporary file left behind


def test_fix_renames_a_page_in_every_language_with_its_links_and_nav(
    make_project: Callable[..., Path],
) -> None:
    """A page saved as `Chợ Mới.md` becomes `cho-moi.md` in all three languages, and the links to
    it and its menu entry follow, so nothing breaks."""
    page = (
        "---\ntitle: {t}\ndescription: {t}\nowner: so-van-hoa-du-lich\nstatus: draft\n"
        "---\n\n# {t}\n"
    )
    files: dict[str, str | bytes | None] = {
        f"content/{lang}/du-lich/Chợ Mới.md": page.format(t=title)
        for lang, title in (("vi", "Chợ mới"), ("en", "New market"), ("zh", "新市场"))
    }
    files["content/assets/images/Ảnh chợ.jpg"] = b"\xff\xd8\xff photo"
    files["content/assets/images/Ảnh chợ.jpg.yml"] = "alt: {vi: Chợ}\n"
    project = make_project(files)
    index = project / "content/vi/du-lich/index.md"
    index.write_text(
        index.read_text(encoding="utf-8")
        + "\n[Chợ](Chợ%20Mới.md#gio) và [chợ](<Chợ Mới.md>).\n\n"
        + "![Chợ](../../assets/images/Ảnh%20chợ.jpg)\n",
        encoding="utf-8",
    )
    home = project / "content/en/index.md"
    home.write_text(
        home.read_text(encoding="utf-8") + "\nSee [the market](du-lich/Chợ%20Mới.md).\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      - du-lich/mau-son.md\n",
            "      - du-lich/mau-son.md\n      - du-lich/Chợ Mới.md\n",
        ),
        encoding="utf-8",
    )
    assert "XL122" in codes(project, "content/vi/du-lich")
    shown = xulang(project, "fix", "content/vi/du-lich/Chợ Mới.md")
    assert shown.returncode == 1, shown.stderr
    for lang in ("vi", "en", "zh"):
        assert f"rename content/{lang}/du-lich/Chợ Mới.md → content/{lang}/du-lich/cho-moi.md" in (
            shown.stdout
        )
    wrote = xulang(project, "fix", "--write", "content/vi/du-lich/Chợ Mới.md", "content/assets")
    assert wrote.returncode == 0, wrote.stderr
    for lang in ("vi", "en", "zh"):
        assert (project / f"content/{lang}/du-lich/cho-moi.md").is_file()
        assert not (project / f"content/{lang}/du-lich/Chợ Mới.md").exists()
    links = (
        "[Chợ](cho-moi.md#gio) và [chợ](cho-moi.md).\n\n![Chợ](../../assets/images/anh-cho.jpg)\n"
    )
    assert index.read_text(encoding="utf-8").endswith(links)
    images = project / "content/assets/images"
    assert (images / "anh-cho.jpg").read_bytes() == b"\xff\xd8\xff photo"
    assert (images / "anh-cho.jpg.yml").is_file()  # the description file keeps its photo's name
    assert home.read_text(encoding="utf-8").endswith("[the market](du-lich/cho-moi.md).\n")
    raw = config.read_text(encoding="utf-8")
    assert "      - du-lich/cho-moi.md\n" in raw and "Chợ Mới" not in raw
    assert not {"XL121", "XL122"} & codes(project, "content")


def test_fix_leaves_a_file_it_cannot_read_untouched(make_project: Callable[..., Path]) -> None:
    """A page in a legacy encoding is named and kept byte for byte; the rest is still fixed."""
    legacy = b"---\ntitle: L\xe1m\n---\nL\xe1m\n"  # Windows-1258, as old editors saved
    project = make_project({"content/en/du-lich/cu.md": legacy})
    saved_badly(project)
    result = xulang(project, "fix", "--write")
    assert result.returncode == 2
    assert "content/en/du-lich/cu.md" in result.stderr and "Traceback" not in result.stderr
    assert (project / "content/en/du-lich/cu.md").read_bytes() == legacy
    assert b"\r" not in (project / ZH).read_bytes()


def test_fix_never_overwrites_an_existing_file(make_project: Callable[..., Path]) -> None:
    """A rename that would land on another page is refused, in every language of the page, and
    every file stays as it was."""
    page = "---\ntitle: x\n---\nx\n"
    project = make_project(
        {
            "content/vi/du-lich/Mới.md": page,
            "content/en/du-lich/Mới.md": page,
            "content/vi/du-lich/moi.md": "---\ntitle: y\n---\ny\n",
        }
    )
    result = xulang(project, "fix", "--write", "content/vi/du-lich/Mới.md")
    assert result.returncode == 2 and "content/vi/du-lich/moi.md" in result.stderr
    assert (project / "content/vi/du-lich/moi.md").read_text(encoding="utf-8").endswith("y\n")
    assert (project / "content/vi/du-lich/Mới.md").is_file()
    assert (project / "content/en/du-lich/Mới.md").is_file()  # its translation keeps its name
    assert not (project / "content/en/du-lich/moi.md").exists()
    mode = os.stat(project / ZH).st_mode
    saved_badly(project)
    xulang(project, "fix", "--write", ZH)
    assert os.stat(project / ZH).st_mode == mode  # permissions kept through the atomic replace
    assert yaml.safe_load((project / ZH).read_text(encoding="utf-8").split("---")[1])
