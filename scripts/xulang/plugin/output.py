"""Files that span all languages, written once the last language is built."""

from __future__ import annotations

import gzip
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
