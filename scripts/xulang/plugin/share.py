"""Share and print: each page's QR code, its plain share links, and link addresses for print.

Nothing here loads anything from another server. The QR code is an inline SVG drawn at build time
(segno); the share links are ordinary links whose address templates live in each language's
`extra.share` in mkdocs.yml; print shows where each link leads because the build writes the
absolute address of every internal link beside its relative one (`data-xl-print`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import segno

from xulang.site import Language, Site

# One fixed mask pattern: letting segno try all eight and score them cost about 6 ms a page (5 of
# the 7 ms of a code), which a build of 3 × 1,000 pages cannot afford. Every mask is valid (ISO/IEC
# 18004); tests/test_share_print.py decodes the code of every built page to its own address.
QR_MASK = 2
# M (15 % of the code can be lost) rather than L: printed handouts get folded and smudged.
QR_ERROR = "m"
QR_BORDER = 4  # the quiet zone the standard asks for, in modules
QR_LABEL_ID = "xl-qr-label"  # the id of the caption that names the code (xl-share.html)
PLACEHOLDERS = ("{url}", "{title}")


class ShareConfigError(Exception):
    """A language's `extra.share` list in mkdocs.yml cannot be used."""


@dataclass(frozen=True)
class ShareLink:
    name: str  # the network, as it calls itself: "Facebook", "微博"
    href: str  # the network's share address for this page, every value percent-encoded


def qr_svg(url: str) -> str:
    """The page's address as an inline SVG QR code: no size (set in site.css), no style attribute
    (the CSP forbids them), named by the caption with id QR_LABEL_ID."""
    code = segno.make(url, error=QR_ERROR, micro=False, mask=QR_MASK)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=False,  # inline in HTML: the namespace is implied
        omitsize=True,  # the stylesheet sizes it: small on screen, larger on paper
        nl=False,
        border=QR_BORDER,
        dark="#000",
        light="#fff",  # its own quiet zone, whatever lies behind it
        svgclass="xl-qr__code",
        lineclass=None,
    )
    svg = out.getvalue().decode("utf-8")
    return svg.replace("<svg ", f'<svg role="img" aria-labelledby="{QR_LABEL_ID}" ', 1)


def share_settings(lang: Language) -> list[dict[str, str]]:
    """The language's `extra.share` entries, checked: each a name and an https address template
    with {url} (and optionally {title})."""
    raw = lang.extra.get("share") or []
    where = f"i18n languages[{lang.code}].extra.share"
    if not isinstance(raw, list):
        raise ShareConfigError(f"{where}: expected a list of {{name, url}}")
    entries = []
    for index, entry in enumerate(raw):
        here = f"{where}[{index}]"
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("url"):
            raise ShareConfigError(f"{here}: each entry needs `name` and `url`")
        template = str(entry["url"])
        parts = urlsplit(template)
        if parts.scheme != "https" or not parts.netloc:
            raise ShareConfigError(f"{here}: `url` must be an https:// address, not {template!r}")
        if "{url}" not in template:
            raise ShareConfigError(f"{here}: `url` must contain {{url}} (the page's address)")
        unknown = set(re.findall(r"\{[^}]*\}", template)) - set(PLACEHOLDERS)
        if unknown:
            raise ShareConfigError(
                f"{here}: unknown placeholder(s) {', '.join(sorted(unknown))} "
                f"(only {' and '.join(PLACEHOLDERS)})"
            )
        entries.append({"name": str(entry["name"]), "url": template})
    return entries


def check_config(site: Site) -> list[str]:
    """Every problem with the share settings of every language (for the build to report)."""
    problems = []
    for lang in site.languages:
        try:
            share_settings(lang)
        except ShareConfigError as exc:
            problems.append(str(exc))
    return problems


def share_links(lang: Language, url: str, title: str) -> list[ShareLink]:
    """The language's networks with this page's address and title filled in, percent-encoded
    whole (a title's & or # cannot cut the address short)."""
    values = {"{url}": quote(url, safe=""), "{title}": quote(title, safe="")}
    links = []
    for entry in share_settings(lang):
        href = re.sub(r"\{url\}|\{title\}", lambda m: values[m.group(0)], entry["url"])
        links.append(ShareLink(entry["name"], href))
    return links


def for_page(
    site: Site, lang: Language, url: str, title: str, qr: Callable[[str], str] = qr_svg
) -> dict[str, Any]:
    """What xl-share.html shows under a page: `url` is relative to the site root; `qr` makes
    the QR code of an address (the preview's keeps them between rebuilds)."""
    absolute = site.site_url + url
    return {
        "url": absolute,
        "qr": qr(absolute),
        "links": share_links(lang, absolute, title),
    }


# An opening <a> tag with a double-quoted href (what Python-Markdown writes).
_LINK = re.compile(r'<a\s[^>]*?\bhref="([^"]*)"[^>]*>', re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_TAG = re.compile(r"<[^>]+>")


def mark_links(html: str, page_url: str) -> str:
    """Each link to another page of the site gets its absolute address in `data-xl-print`, which
    the print stylesheet writes after the link text (links out print their href). A link whose
    text already is its address gets an empty `data-xl-print`: printed once, not twice. Links
    within the page (#…) and mailto:/tel: links are left as they are."""

    def mark(match: re.Match[str]) -> str:
        tag, href = match.group(0), unescape(match.group(1))
        if not href or href.startswith("#") or "data-xl-print=" in tag:
            return tag
        outbound = bool(_SCHEME.match(href)) or href.startswith("//")
        if outbound and not href.startswith(("http:", "https:", "//")):
            return tag  # mailto:, tel:: the text says it
        absolute = urljoin(page_url, href)
        close = html.find("</a>", match.end())
        text = unescape(_TAG.sub("", html[match.end() : close])).strip() if close >= 0 else ""
        if _same_address(text, absolute):
            return f'{tag[:-1]} data-xl-print="">'
        if outbound:
            return tag  # printed from its href
        return f'{tag[:-1]} data-xl-print="{escape(absolute)}">'

    return _LINK.sub(mark, html)


def _same_address(text: str, url: str) -> bool:
    """Whether a link's text is its address, give or take the scheme and a final slash."""

    def bare(value: str) -> str:
        return re.sub(r"^(https?:)?//", "", value.strip()).rstrip("/").lower()

    return bool(text) and bare(text) == bare(url)
