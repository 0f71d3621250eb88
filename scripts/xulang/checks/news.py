"""News items: dated in their front matter and in their file name, as the build needs them.

The build orders the news list and the feeds by `date:` and keeps news items out of the menu by
their file name (`not_in_nav: **/tin-tuc/2*.md` in mkdocs.yml); the structured data reads the
date from the name too (plugin/seo.py). A news item is `<news folder>/YYYY-MM-DD-short-name.md`
with `date: YYYY-MM-DD`, the same day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from xulang.checks.registry import check
from xulang.content import ContentTree, Page
from xulang.findings import Finding
from xulang.site import Site

DATED_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# How editors type a day otherwise: 2/12/2025, 02.12.2025 (day first, as Vietnamese does) or
# 2025/12/2, 2025-12-2 (year first).
DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
YEAR_FIRST = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$")


def news_folder(site: Site) -> str:
    """The news folder as a page path prefix ("tin-tuc/"): the plugin's `news` option."""
    return site.news_folder


def is_news_item(site: Site, rel: str) -> bool:
    """A page directly in the news folder other than its index (the news list)."""
    folder = news_folder(site)
    rest = rel[len(folder) :] if rel.startswith(folder) else ""
    return bool(rest) and "/" not in rest and rest != "index.md"


def day_of(value: object) -> dt.date | None:
    """The day a `date:` value names when written as the build needs it (YYYY-MM-DD)."""
    if isinstance(value, dt.datetime):
        return None  # a time of day too: the news list shows days
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DAY.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def guess_day(value: object) -> dt.date | None:
    """The day an editor most likely meant by a malformed `date:`, for the hint."""
    text = str(value).strip()
    if isinstance(value, dt.datetime):
        return value.date()
    for pattern, order in ((DAY_FIRST, (3, 2, 1)), (YEAR_FIRST, (1, 2, 3))):
        if match := pattern.match(text):
            year, month, day = (int(match.group(i)) for i in order)
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
    return None


def dated_name(rel: str, day: dt.date) -> str:
    """`tin-tuc/xe-tu-hanh.md` named by its day: `tin-tuc/2025-11-10-xe-tu-hanh.md`."""
    folder, _, name = rel.rpartition("/")
    stem = re.sub(r"^\d{4}-\d{1,2}-\d{1,2}-?", "", name).lower() or "tin.md"
    return f"{folder}/{day.isoformat()}-{stem}" if folder else f"{day.isoformat()}-{stem}"


def _date_findings(page: Page, today: dt.date) -> Iterator[Finding]:
    named = DATED_NAME.match(page.rel.rpartition("/")[2])
    name_day = None
    if named:
        try:
            name_day = dt.date.fromisoformat(named.group(1))
        except ValueError:
            named = None
    if "date" not in page.meta or page.meta.get("date") in (None, ""):
        suggested = (name_day or today).isoformat()
        yield Finding.at(page.display, page.meta_lines.get("date", 1), "XL150", suggested=suggested)
        day = None
    else:
        value = page.meta["date"]
        day = day_of(value)
        if day is None:
            guess = guess_day(value) or name_day or today
            line = page.meta_lines.get("date", 1)
            yield Finding.at(page.display, line, "XL151", value=value, suggested=guess.isoformat())
            day = guess_day(value)
    file = page.rel.rpartition("/")[2]
    if not named and file.isascii() and not re.search(r"\s", file):  # else XL121/XL122 say it
        suggested = dated_name(page.rel, day or name_day or today)
        yield Finding.at(page.display, 1, "XL152", suggested=suggested)
    elif day is not None and name_day is not None and day != name_day:
        line = page.meta_lines.get("date", 1)
        named_day = name_day.isoformat()
        yield Finding.at(page.display, line, "XL153", value=day.isoformat(), named=named_day)


@check("news", "XL150", "XL151", "XL152", "XL153")
def check_news(tree: ContentTree) -> Iterator[Finding]:
    """A news item has `date: YYYY-MM-DD` and a file name that starts with the same day, in every
    language: the news list and feeds are ordered by the date, the menu leaves dated names out.

    bad:  content/vi/tin-tuc/xe-tu-hanh.md with `date: 10/11/2025`
    good: content/vi/tin-tuc/2025-11-10-xe-tu-hanh.md with `date: 2025-11-10`
    """
    today = dt.date.today()
    for page in tree.all_pages():
        if page.readable and page.text.strip() and is_news_item(tree.site, page.rel):
            yield from _date_findings(page, today)


def buildable_name(tree: ContentTree, path: Path, suggested: str) -> str:
    """A file name to suggest for `path` (XL121, XL122) that builds once the file is renamed:
    a news item keeps its date in front, and the name is not taken by another file already."""
    site = tree.site
    try:
        parts = path.relative_to(site.docs_dir).parts
    except ValueError:
        return suggested
    if len(parts) > 1 and parts[0] in site.codes and suggested.endswith(".md"):
        rel = "/".join((*parts[1:-1], suggested))
        if is_news_item(site, rel) and not DATED_NAME.match(suggested):
            page = tree.pages.get(parts[0], {}).get("/".join(parts[1:]))
            day = day_of(page.meta.get("date")) if page is not None else None
            suggested = dated_name(rel, day or dt.date.today()).rpartition("/")[2]
    stem, dot, suffix = suggested.rpartition(".")
    if not dot:
        stem, suffix = suggested, ""
    candidate, n = suggested, 1
    while (path.parent / candidate).exists() and (path.parent / candidate) != path:
        n += 1
        candidate = f"{stem}-{n}{dot}{suffix}"
    return candidate
