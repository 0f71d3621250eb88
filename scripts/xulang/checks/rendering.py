"""Pages as the build renders them: Jinja run with the facts of data/, then checked once more.

The build renders each page's Jinja (facts, glossary terms, the news list, the festival calendar)
and refuses a page whose Jinja fails (XL021-XL026) or whose output is unsafe (a script built from
strings, a value of data/ holding markup: XL110…). Those findings come from the same functions
here, so that `xulang check` reports them before the build does, at the same line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from xulang.checks.news import day_of, is_news_item
from xulang.checks.registry import check
from xulang.content import FRONT_MATTER, ContentTree, Page
from xulang.findings import Finding


def page_url(tree: ContentTree, page: Page) -> str:
    """The page's address relative to the site root, as MkDocs makes it (use_directory_urls)."""
    prefix = tree.site.language(page.lang).prefix
    path = PurePosixPath(page.rel)
    folder = path.parent if path.name == "index.md" else path.with_suffix("")
    shown = "" if str(folder) == "." else f"{folder}/"
    return prefix + shown


def news_list(tree: ContentTree, page: Page) -> list[dict[str, Any]]:
    """The news list as the news page shows it (plugin/pages.py): items of the page's language,
    newest first. An item without a valid date is left out here: XL150/XL151 name it, once."""
    items = []
    here = PurePosixPath(page.rel).parent
    for rel, item in tree.pages.get(page.lang, {}).items():
        if not is_news_item(tree.site, rel) or not item.readable:
            continue
        if day_of(item.meta.get("date")) is None:
            continue
        items.append(
            {
                "title": item.meta.get("title", ""),
                "date": str(item.meta.get("date", "")),
                "description": item.meta.get("description", ""),
                "link": PurePosixPath(os.path.relpath(rel, here)).as_posix(),
            }
        )
    return sorted(items, key=lambda item: (item["date"], item["link"]), reverse=True)


def context(tree: ContentTree, page: Page, text: str) -> dict[str, Any]:
    """What the build gives a page's Jinja besides data/ (plugin/pages.py, `extra`)."""
    from xulang import festivals

    site = tree.site
    language = site.language(page.lang)
    ui = language.extra.get("ui") or {}
    extra: dict[str, Any] = {
        "news": news_list(tree, page) if "news" in text else [],
        "ui": {k.split(".", 1)[1]: v for k, v in ui.items() if k.startswith("map.")},
        "writing": language.extra.get("writing") or {},
        "languages": site.codes,
        "default_language": site.default.code,
        "directions": language.extra.get("directions") or [],
    }
    if "festival_calendar" in text:
        url = page_url(tree, page)
        extra.update(festivals.page_functions(tree.data, language, site.codes, None, url))
    return extra


class CleanPages:
    """Digests of pages that rendered without a finding, kept between runs: Jinja's compiler is
    most of the time a check takes, and most pages are as they were last time. The digest
    covers everything a page renders from (its text, data/, mkdocs.yml, the news list or the day
    when it uses them, and this package's code), so a change anywhere renders it again."""

    def __init__(self, tree: ContentTree) -> None:
        folder = os.environ.get("XULANG_CACHE_DIR") or str(tree.site.root / ".cache" / "xulang")
        self.path = Path(folder) / "rendered-clean.txt"
        try:
            self.known = set(self.path.read_text(encoding="ascii").split())
        except (OSError, UnicodeDecodeError):
            self.known = set()
        self.seen: set[str] = set()
        h = hashlib.blake2b(digest_size=16)
        package = Path(__file__).resolve().parent.parent
        inputs = [tree.site.root / "mkdocs.yml", *sorted(tree.site.data_dir.glob("*.yml"))]
        for path in [*inputs, *sorted(package.rglob("*.py"))]:
            try:
                h.update(path.as_posix().encode() + b"\0" + path.read_bytes())
            except OSError:
                continue
        self.inputs = h.digest()

    def key(self, page: Page, body: str, extra: dict[str, Any]) -> str:
        h = hashlib.blake2b(self.inputs, digest_size=16)
        news = extra.get("news") or []
        day = dt.date.today().isoformat() if "festival_calendar" in body else ""
        for part in (page.display, page.lang, str(page.body_line), body, repr(news), day):
            h.update(part.encode("utf-8") + b"\0")
        return h.hexdigest()

    def save(self) -> None:
        if self.seen <= self.known and len(self.known) <= 2 * len(self.seen) + 100:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text("\n".join(sorted(self.seen)) + "\n", encoding="ascii")
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only checkout: every page is rendered each time, nothing else changes


def _body(page: Page) -> str:
    text = page.text
    if match := FRONT_MATTER.match(text):
        text = text[match.end() :]
    return text[len(text) - len(text.lstrip("\n")) :]


@check("rendering", "XL021", "XL023", "XL025")
def check_rendering(tree: ContentTree) -> Iterator[Finding]:
    """Each page's Jinja runs with the facts of data/ (every fact exists, is verified and has a
    form in the page's language: XL021-XL026 as the build reports them), and what it writes into
    the page is as safe as typed text (the `safe-html` codes).

    bad:  `Diện tích {{ data.province.arae }}` (no such fact)
    good: `Diện tích {{ q(data.province.area) }}`
    """
    from xulang.plugin.publish import rendered_markdown_findings, strip_comments
    from xulang.render import RenderError, render_markdown

    clean = CleanPages(tree)
    for page in tree.all_pages():
        if not page.readable or ("{{" not in page.text and "{%" not in page.text):
            continue
        body = strip_comments(_body(page))
        if "{{" not in body and "{%" not in body:
            continue
        extra = context(tree, page, body)
        key = clean.key(page, body, extra)
        if key in clean.known:
            clean.seen.add(key)
            continue
        try:
            rendered = render_markdown(
                body, tree.data, page.lang, page.display, page.body_line, extra
            )
        except RenderError as exc:
            yield exc.finding
            continue
        found = rendered_markdown_findings(strip_comments(rendered), page.display, page.body_line)
        if found:  # what was typed as is, the `safe-html` check has reported already
            typed = set(rendered_markdown_findings(body, page.display, page.body_line))
            found = [f for f in found if f not in typed]
        if found:
            yield from found
        else:
            clean.seen.add(key)
    clean.save()
