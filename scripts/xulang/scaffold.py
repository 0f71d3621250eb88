"""New pages in every language from templates; never overwrites a file that exists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from xulang.content import ContentTree
from xulang.placeholders import TITLE, TRANSLATE, WRITE

NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")


class ScaffoldError(Exception):
    pass


@dataclass(frozen=True)
class NewPage:
    path: Path
    text: str


def plan(tree: ContentTree, name: str) -> list[NewPage]:
    """The files `xulang new SECTION/NAME` would write; raises if any exists or the name is bad."""
    name = name.strip().strip("/").removesuffix(".md")
    if not NAME.match(name):
        raise ScaffoldError(
            f"`{name}`: dùng chữ thường không dấu, số và gạch nối, ví dụ du-lich/mau-son / "
            "use lower-case ASCII letters, digits and hyphens, e.g. du-lich/mau-son"
        )
    rel = f"{name}.md"
    site = tree.site
    section_index = tree.sources.get(f"{name.rsplit('/', 1)[0]}/index.md") if "/" in name else None
    owner = str(section_index.meta.get("owner", "")) if section_index else ""
    pages = []
    for lang in site.languages:
        path = site.docs_dir / lang.code / rel
        if path.exists() or path.is_symlink():
            raise ScaffoldError(
                f"{path.relative_to(site.root)}: đã có, không ghi đè / exists, not overwritten"
            )
        lines = [
            "---",
            f"title: {TITLE}",
            "description: ",
            f"owner: {owner}",
            "status: draft",
        ]
        if not lang.default:
            lines.append("source_commit: ")
        lines += [
            "---",
            "",
            f"# {TITLE}",
            "",
            WRITE if lang.default else TRANSLATE,
            "",
        ]
        pages.append(NewPage(path, "\n".join(lines)))
    return pages


def create(pages: list[NewPage]) -> None:
    """Write every file exclusively: a file that appeared meanwhile is never overwritten."""
    written: list[Path] = []
    try:
        for page in pages:
            page.path.parent.mkdir(parents=True, exist_ok=True)
            with page.path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(page.text)
            written.append(page.path)
    except FileExistsError as exc:
        for path in written:  # only files this call created a moment ago
            path.unlink()
        raise ScaffoldError(
            f"{exc.filename}: đã có, không ghi đè / exists, not overwritten"
        ) from None
