"""Facts into pages: each page's Markdown through Jinja (data/, the news list, the calendar)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from xulang import festivals
from xulang.checks.news import day_of
from xulang.content import ContentTree
from xulang.plugin import publish, share
from xulang.plugin.gate import Gate
from xulang.plugin.mode import Mode
from xulang.plugin.state import Run, rel_of
from xulang.render import RenderError, render_markdown


def markdown(run: Run, gate: Gate, mode: Mode, text: str, page: Any) -> str:
    """The page's Markdown as MkDocs converts it: notes out, Jinja run, checked once more."""
    lang = getattr(page.file, "locale", run.site.default.code)
    rel = rel_of(page.file.src_uri, lang)
    source = run.tree.pages.get(lang, {}).get(rel)
    display = source.display if source else page.file.src_uri
    first_line = source.body_line if source else 1
    written = text
    text = publish.strip_comments(text)  # editors' notes never reach readers
    if "{{" not in text and "{%" not in text and text == written:
        # No Jinja, no comment: MkDocs gets what the source check (on_config) passed.
        gate.verbatim.add(page.file.src_uri)
        return text
    gate.verbatim.discard(page.file.src_uri)
    language = run.site.language(lang)
    ui = {k.split(".", 1)[1]: v for k, v in run.ui(lang).items() if k.startswith("map.")}
    # The news list only for the pages that use it (the news index): built for every page
    # it made the build quadratic in the number of news items.
    news = news_items(run.tree, lang, rel) if "news" in text else []
    extra: dict[str, Any] = {
        "news": news,
        "ui": ui,
        "writing": language.extra.get("writing") or {},
        "languages": run.site.codes,
        "default_language": run.site.default.code,
        # the map page: the map services each place links to (mkdocs.yml, `extra.directions`)
        "directions": language.extra.get("directions") or [],
    }
    if "festival_calendar" in text:  # the festival calendar page: dates from the build's date
        extra.update(
            festivals.page_functions(run.data, language, run.site.codes, run.epoch, page.url)
        )

    def render() -> str:
        return render_markdown(text, run.data, lang, display, first_line, extra)

    try:
        # keyed by the output: a stand-in page renders the default's Markdown in another language
        rendered = mode.jinja(page.file.dest_uri, text, render)
    except RenderError as exc:
        run.render_errors.append(exc.finding)
        return text
    return gate.rendered_markdown(run, rendered, display, first_line)


def content(run: Run, gate: Gate, html: str, page: Any) -> str:
    """The page's HTML: checked once more by the gate (an unsafe page is written empty), and
    its internal links made absolute for print, which writes each link's address after it."""
    html = gate.content(run, html, page)
    return share.mark_links(html, run.site.site_url + page.url) if html else html


def news_items(tree: ContentTree, lang: str, rel: str) -> list[dict[str, Any]]:
    """News pages of one language, newest first, with links relative to the page `rel`. An item
    without a valid `date:` is left out, as the checker leaves it out (checks/rendering.py): the
    `news` check names it (XL150/XL151) and the build fails on that, once, at the item itself."""
    folder = tree.site.news_folder
    items = []
    here = Path(rel).parent
    for other, page in tree.pages.get(lang, {}).items():
        if not other.startswith(folder) or other == folder + "index.md":
            continue
        if day_of(page.meta.get("date")) is None:
            continue
        link = Path(os.path.relpath(other, here)).as_posix()
        items.append(
            {
                "title": page.meta.get("title", ""),
                "date": str(page.meta.get("date", "")),
                "description": page.meta.get("description", ""),
                "link": link,
            }
        )
    return sorted(items, key=lambda item: (item["date"], item["link"]), reverse=True)
