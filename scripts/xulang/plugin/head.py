"""What each page's head and language switcher say: alternates, canonical, Open Graph locales."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from xulang.content import ContentTree
from xulang.site import Language, Site


@dataclass(frozen=True)
class PageRecord:
    """One built page: the language it is served in, its source path and its URL."""

    lang: str
    rel: str
    url: str  # relative to the site root, as MkDocs gives it: "", "en/", "zh/kinh-te/"
    fallback: bool  # served in `lang` but written in the default language


@dataclass(frozen=True)
class Alternate:
    lang: Language
    url: str  # relative to the site root
    abs_url: str
    available: bool  # a real translation exists (not a fallback)
    current: bool


def _unprefixed(url: str, lang: Language) -> str:
    return url[len(lang.prefix) :] if lang.prefix and url.startswith(lang.prefix) else url


def alternates(site: Site, tree: ContentTree, record: PageRecord) -> list[Alternate]:
    current = site.language(record.lang)
    path = _unprefixed(record.url, current)
    result = []
    for lang in site.languages:
        url = lang.prefix + path
        result.append(
            Alternate(
                lang=lang,
                url=url,
                abs_url=site.site_url + url,
                available=record.rel in tree.pages.get(lang.code, {}),
                current=lang.code == current.code,
            )
        )
    return result


def page_context(
    site: Site, tree: ContentTree, record: PageRecord, stale_since: str | None = None
) -> dict[str, Any]:
    alts = alternates(site, tree, record)
    current = site.language(record.lang)
    default = next(a for a in alts if a.lang.default)
    here = next(a for a in alts if a.current)
    hreflang = [(a.lang.bcp47, a.abs_url) for a in alts if a.available]
    if default.available:
        hreflang.append(("x-default", default.abs_url))
    return {
        "lang": current,
        "source_lang": site.default,
        "fallback": record.fallback,
        "stale_since": stale_since,  # date of the first source change not yet translated
        "switcher": alts,
        "hreflang": hreflang,
        # a fallback page is a copy of the Vietnamese one: send search engines there
        "canonical": default.abs_url if record.fallback else here.abs_url,
        "og_locale": current.og_locale,
        "og_locale_alternates": [a.lang.og_locale for a in alts if a.available and not a.current],
    }


def not_found_context(site: Site, lang_code: str | None) -> dict[str, Any]:
    current = site.language(lang_code or site.default.code)
    # A 404 page is served at any depth: links must be absolute paths.
    root = urlsplit(site.site_url).path or "/"
    switcher = [
        Alternate(lang, lang.prefix, site.site_url + lang.prefix, True, lang.code == current.code)
        for lang in site.languages
    ]
    return {
        "lang": current,
        "source_lang": site.default,
        "fallback": False,
        "switcher": switcher,
        "hreflang": [],
        "canonical": None,
        "og_locale": current.og_locale,
        "og_locale_alternates": [],
        "home": root + current.prefix,
    }
