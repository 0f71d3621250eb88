"""What each page's templates get in `context["xulang"]`: head tags, switcher, dates, notices,
structured data, share links, the report-a-problem link; and the same for each 404 page.

Everything here is computed per page, in the process that builds the page's language; only the
page record goes back to the parent (parallel.py) for the outputs that span languages.
"""

from __future__ import annotations

from typing import Any

from xulang.checks.freshness import stale
from xulang.facts import format_date
from xulang.plugin import feedback, seo, share
from xulang.plugin.dates import PageDates
from xulang.plugin.gate import Gate
from xulang.plugin.head import PageRecord, not_found_context, page_context
from xulang.plugin.state import Run, rel_of


def for_page(
    run: Run, gate: Gate, page: Any, current: str, site_name: str, report_address: str
) -> dict[str, Any]:
    """The page's `xulang` context; its record is kept for the sitemap, feeds and calendars."""
    site = run.site
    file_lang = getattr(page.file, "locale", current)
    record = PageRecord(
        lang=current,
        rel=rel_of(page.file.src_uri, file_lang),
        url=page.url,
        fallback=file_lang != current,
    )
    run.records.append(record)
    out = page_context(site, run.tree, record, stale_since(run, record))
    out["news"] = site.news_folder
    out["notices"] = run.notices.for_page(current) if run.notices else []
    dates = page_dates(run, record)
    out["dates"] = dates.context(record.lang) if dates else {}
    out["report"] = feedback.mailto(
        report_address,
        run.ui(current),
        page.title or "",
        site.site_url + page.url,
        site.language(current).name,
    )
    out["structured_data"] = seo.for_page(
        site, run.tree, run.data, record, site_name, modified=dates.updated if dates else None
    )
    # its QR code and share links (xl-share.html); the home page is shared as the site
    title = site_name if record.rel == "index.md" else str(page.title or site_name)
    out["share"] = share.for_page(site, site.language(current), record.url, title, gate.mode.qr)
    if not gate.mode.production:  # the preview marks what production would leave out
        out["unpublished"] = gate.banner(run, current, record.rel)
    return out


def for_not_found(run: Run, current: str | None) -> dict[str, Any]:
    """A 404 page's `xulang` context, in the language being built."""
    out = not_found_context(run.site, current)
    out["news"] = run.site.news_folder
    out["notices"] = run.notices.for_page(current or run.site.default.code) if run.notices else []
    return out


def keep_not_found(run: Run, current: str, html: str) -> None:
    """A language's 404 page as rendered, written to its folder once every language is built."""
    run.not_found[current] = html.encode("utf-8", errors="xmlcharrefreplace")


def stale_since(run: Run, record: PageRecord) -> str | None:
    """When a translation fell behind its source: the date of the oldest unfollowed change."""
    page = run.tree.pages.get(record.lang, {}).get(record.rel)
    if record.fallback or page is None or run.tree.source_of(page) is None:
        return None
    changes = stale(run.tree, page)
    return format_date(changes[-1].date, record.lang) if changes else None


def page_dates(run: Run, record: PageRecord) -> PageDates | None:
    """A page's dates, for a page written in its language (not a preview's stand-in)."""
    page = None if record.fallback else run.tree.pages.get(record.lang, {}).get(record.rel)
    if page is None or run.dates is None:
        return None
    return run.dates.of(page.display, page.meta)
