"""Files that span all languages, written once the last language is built: each language's 404
page, the sitemap, robots.txt, the news feeds and the festival calendars."""

from __future__ import annotations

import datetime as dt
import gzip
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from mkdocs.exceptions import PluginError

from xulang.plugin import ics
from xulang.plugin.head import PageRecord
from xulang.plugin.state import Run
from xulang.site import Site


def write_all(site_dir: Path, run: Run) -> None:
    """Every output that spans the languages, from what their builds recorded."""
    write_not_found_pages(site_dir, run.site, run.not_found)
    write_sitemap(site_dir, run.site, run.records)
    write_robots(site_dir, run.site)
    write_feeds(site_dir, run.site, feeds(run))
    try:
        ics.write_calendars(site_dir, run.site, run.data, run.records, run.epoch)
    except ics.CalendarError as exc:
        raise PluginError(str(exc)) from None


def feeds(run: Run) -> dict[str, tuple[str, list[dict[str, str]]]]:
    """Each language's published news items (no preview stand-ins), newest first."""
    folder = run.site.news_folder
    out = {}
    for lang in run.site.languages:
        items = []
        for record in run.records:
            if record.lang != lang.code or record.fallback:
                continue
            if not record.rel.startswith(folder) or record.rel == folder + "index.md":
                continue
            meta = run.tree.pages[lang.code][record.rel].meta
            items.append(
                {
                    "title": str(meta.get("title", "")),
                    "date": str(meta.get("date", "")),
                    "description": str(meta.get("description", "")),
                    "url": record.url,
                }
            )
        if run.notices is not None:  # entries dated at their start
            items += run.notices.feed_items(lang.code)
        items.sort(key=lambda item: (item["date"], item["url"]), reverse=True)
        title = str((lang.extra.get("ui") or {}).get("feed.title", lang.name))
        out[lang.code] = (title, items)
    return out


def write_not_found_pages(site_dir: Path, site: Site, pages: dict[str, bytes]) -> None:
    """Each language's 404 page at <prefix>404.html; MkDocs alone writes one, the last built."""
    for lang in site.languages:
        if lang.code in pages:
            target = site_dir / lang.prefix / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pages[lang.code])


def sitemap_xml(site: Site, records: list[PageRecord]) -> str:
    """Every real page of every language, each with its alternates and x-default."""
    by_rel: dict[str, dict[str, str]] = defaultdict(dict)
    for record in records:
        if not record.fallback:
            by_rel[record.rel][record.lang] = site.site_url + record.url
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    default = site.default.code
    for rel in sorted(by_rel):
        urls = by_rel[rel]
        links = [(site.language(code).bcp47, urls[code]) for code in site.codes if code in urls]
        if default in urls:
            links.append(("x-default", urls[default]))
        for code in site.codes:
            if code not in urls:
                continue
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(urls[code])}</loc>")
            for hreflang, href in links:
                link = f'rel="alternate" hreflang="{hreflang}" href={quoteattr(href)}'
                lines.append(f"    <xhtml:link {link}/>")
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(site_dir: Path, site: Site, records: list[PageRecord]) -> None:
    text = sitemap_xml(site, records).encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(text)
    # mtime=0 keeps the archive identical from build to build
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text, mtime=0))


def atom_feed(site: Site, lang_code: str, title: str, items: list[dict[str, str]]) -> str:
    """An Atom feed of one language's news and notices, newest first; dates come from the items,
    not the clock."""
    lang = site.language(lang_code)
    base = f"{site.site_url}{lang.prefix}{site.news_folder}"
    stamps = [_stamp(item) for item in items]
    updated = max(stamps, key=_instant, default="1970-01-01T00:00:00Z")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang.bcp47}">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(base)}</id>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(base + FEED)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(base)}/>',
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(title)}</name></author>",
    ]
    for item, stamp in zip(items, stamps, strict=True):
        url = site.site_url + item["url"]
        lines += [
            "  <entry>",
            f"    <title>{escape(item['title'])}</title>",
            f"    <id>{escape(url)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>',
            f"    <published>{stamp}</published>",
            f"    <updated>{stamp}</updated>",
            f"    <summary>{escape(item['description'])}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _stamp(item: dict[str, str]) -> str:
    """An entry's date in RFC 3339: a news item's day (midnight UTC), a notice's start as typed."""
    return item.get("stamp") or f"{item['date']}T00:00:00Z"


def _instant(stamp: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(stamp)
    except ValueError:  # a news item without a date: oldest
        return dt.datetime.min.replace(tzinfo=dt.UTC)


FEED = "feed.xml"


def write_feeds(
    site_dir: Path, site: Site, feeds: dict[str, tuple[str, list[dict[str, str]]]]
) -> None:
    for code, (title, items) in feeds.items():
        target = site_dir / site.language(code).prefix / site.news_folder / FEED
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(atom_feed(site, code, title, items), encoding="utf-8")


def write_robots(site_dir: Path, site: Site) -> None:
    (site_dir / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {site.site_url}sitemap.xml\n", encoding="utf-8"
    )
