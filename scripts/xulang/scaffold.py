"""New pages in every language from templates; never overwrites a file that exists.

`xulang new SECTION/NAME` writes the page in every language. When the source page exists already,
it writes the translations still missing (what XL010 asks for), and nothing else. A news item
gets today's date in its file name and in `date:`, as the news list, the feeds and the menu need.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from xulang.checks.news import DATED_NAME, is_news_item
from xulang.content import ContentTree
from xulang.placeholders import TITLE, TRANSLATE, WRITE

NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")


class ScaffoldError(Exception):
    pass


@dataclass(frozen=True)
class NewPage:
    path: Path
    text: str
    rel: str = ""  # inside the language folder: du-lich/bac-son.md
    source: bool = False  # the default language's page (a new page, not a missing translation)


def page_name(tree: ContentTree, name: str, today: dt.date) -> str:
    """The page path (without .md) to create: a news item is named by its date."""
    name = name.strip().strip("/").removesuffix(".md")
    if not NAME.match(name):
        raise ScaffoldError(
            f"`{name}`: dùng chữ thường không dấu, số và gạch nối, ví dụ du-lich/mau-son / "
            "use lower-case ASCII letters, digits and hyphens, e.g. du-lich/mau-son"
        )
    rel = f"{name}.md"
    folder, _, file = rel.rpartition("/")
    if is_news_item(tree.site, rel) and not DATED_NAME.match(file) and rel not in tree.sources:
        name = f"{folder}/{today.isoformat()}-{file.removesuffix('.md')}"
    return name


def local_today(tree: ContentTree) -> dt.date:
    """Today where the site's editors are: the default language's first time zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    zones = tree.site.default.extra.get("time_zones") or []
    zone = zones[0].get("zone") if zones and isinstance(zones[0], dict) else None
    try:
        return dt.datetime.now(ZoneInfo(str(zone))).date() if zone else dt.date.today()
    except (ZoneInfoNotFoundError, ValueError):
        return dt.date.today()


def plan(tree: ContentTree, name: str, today: dt.date | None = None) -> list[NewPage]:
    """The files `xulang new SECTION/NAME` would write; raises if none is missing, if a
    translation exists without its source, or if the name is bad."""
    site = tree.site
    name = page_name(tree, name, today or local_today(tree))
    rel = f"{name}.md"
    source = tree.sources.get(rel)
    section_index = tree.sources.get(f"{name.rsplit('/', 1)[0]}/index.md") if "/" in name else None
    meta = source.meta if source is not None else {}
    owner = str(meta.get("owner") or (section_index.meta.get("owner", "") if section_index else ""))
    news = is_news_item(site, rel)
    day = ""
    if news:
        named = DATED_NAME.match(rel.rpartition("/")[2])
        day = str(meta.get("date") or (named.group(1) if named else ""))
    pages = []
    for lang in site.languages:
        path = site.docs_dir / lang.code / rel
        if path.exists() or path.is_symlink():
            if source is not None:
                continue  # the source, or a translation already started: never touched
            raise ScaffoldError(
                f"{path.relative_to(site.root)}: đã có, không ghi đè / exists, not overwritten"
            )
        lines = ["---", f"title: {TITLE}", "description: "]
        if news:
            lines.append(f"date: {day}")
        lines += [f"owner: {owner}", "status: draft"]
        if not lang.default:
            lines.append("source_commit: ")
        lines += ["---", "", f"# {TITLE}", "", WRITE if lang.default else TRANSLATE, ""]
        pages.append(NewPage(path, "\n".join(lines), rel, source=lang.default))
    if not pages:
        shown = (site.docs_dir / site.default.code / rel).relative_to(site.root)
        raise ScaffoldError(
            f"{shown}: trang đã có ở mọi ngôn ngữ, không ghi đè / "
            "the page exists in every language, nothing overwritten"
        )
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
