"""Files that span all languages, written once the last language is built."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from xulang.plugin.head import PageRecord
from xulang.site import Site


class OutputError(Exception):
    pass


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
                lines.append(
                    f'    <xhtml:link rel="alternate" hreflang="{hreflang}" href={quoteattr(href)}/>'
                )
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
    base = f"{site.site_url}{lang.prefix}{NEWS}"
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
    for item, stamp in zip(items, stamps):
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


NEWS = "tin-tuc/"
FEED = "feed.xml"


def write_feeds(
    site_dir: Path, site: Site, feeds: dict[str, tuple[str, list[dict[str, str]]]]
) -> None:
    for code, (title, items) in feeds.items():
        target = site_dir / site.language(code).prefix / NEWS / FEED
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(atom_feed(site, code, title, items), encoding="utf-8")


def split_search_index(site_dir: Path, site: Site, settings: dict[str, dict[str, object]]) -> None:
    """One search index per language at <prefix>search/search_index.json, holding only that
    language's pages, with locations relative to that language's root and its own lunr settings.

    mkdocs-static-i18n writes one index for all languages; every reader would download all three and
    get results in languages they did not ask for.
    """
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    docs: dict[str, list[dict[str, object]]] = {lang.code: [] for lang in site.languages}
    for doc in index["docs"]:
        location = str(doc["location"])
        lang = next((l for l in site.translations if location.startswith(l.prefix)), site.default)
        docs[lang.code].append({**doc, "location": location[len(lang.prefix) :]})
    for lang in site.languages:
        config = {**index["config"], **settings.get(lang.code, {})}
        target = site_dir / lang.prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"config": config, "docs": docs[lang.code]}, ensure_ascii=False, separators=(",", ":")
        )
        target.write_text(text, encoding="utf-8")


def write_robots(site_dir: Path, site: Site) -> None:
    (site_dir / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {site.site_url}sitemap.xml\n", encoding="utf-8"
    )


# Material 9.8.2 ships a click handler that, for every <link rel="alternate"> in the head, fetches
# "<href>/sitemap.xml". With absolute hreflang links that is a request per language to a URL that
# does not exist (and, off the production host, to another origin). Our switcher already links each
# page to its translations, so the handler is removed from the bundle.
_HANDLER = re.compile(
    r'function (\w+)\(\{document\$:\w+\}\)\{let \w+=new Map;\w+\.pipe\(\w+\(\(\)=>\w+\("link\[rel=alternate\]"\)\)'
)


def patch_theme_bundle(site_dir: Path) -> None:
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if not bundles:
        raise OutputError("assets/javascripts/bundle.*.min.js: Material's bundle was not written")
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        match = _HANDLER.search(text)
        if match is None:
            if "/* xulang: alternate handler removed */" in text:
                continue
            raise OutputError(
                f"{bundle.name}: Material's alternate-link handler was not found; "
                "this Material version needs the patch in scripts/xulang/plugin/output.py revised"
            )
        call = re.compile(re.escape(match[1]) + r"\(\{document\$:\w+\}\);")
        patched, count = call.subn("/* xulang: alternate handler removed */", text)
        if count != 1:
            raise OutputError(f"{bundle.name}: expected one call of {match[1]}, found {count}")
        bundle.write_text(patched, encoding="utf-8")
