"""Structured data (JSON-LD) for search engines and link previews, one block per page kind.

Only facts typed elsewhere go in: the page's front matter (title, description, date), its address,
and the province's official name from data/province.yml. Nothing is made up here: no address, no
telephone, no coordinates.

- home page (index.md): the province as a GovernmentOrganization, publisher of the WebSite;
- sight pages (du-lich/*.md but index and thong-tin): a TouristAttraction in the province;
- news items (<news folder>/2*.md, the plugin's `news` option): a NewsArticle with its date.

Each block names its language (`inLanguage`, on the WebSite, WebPage or NewsArticle).
"""

from __future__ import annotations

import json
from typing import Any

from xulang.site import NEWS, Language

SIGHTS = "du-lich/"
NOT_SIGHTS = {"du-lich/index.md", "du-lich/thong-tin.md"}


def page_kind(rel: str, news: str = NEWS + "/") -> str | None:
    """Which structured data a page carries, from its path in the content tree."""
    if rel == "index.md":
        return "home"
    if rel.startswith(SIGHTS) and rel not in NOT_SIGHTS and rel.count("/") == 1:
        return "sight"
    if rel.startswith(news + "2") and rel.count("/") == 1:
        return "news"
    return None


def _fact(data: dict[str, Any], path: str, lang: str) -> str | None:
    """One text fact in the page's language, or None when it is missing or not verified."""
    node: Any = data
    for key in path.split("."):
        node = node.get(key) if isinstance(node, dict) else None
    if not isinstance(node, dict) or node.get("verified") is False:
        return None
    value = node.get("value")
    if isinstance(value, dict):
        value = value.get(lang)
    return str(value) if value else None


def structured_data(
    *,
    rel: str,
    lang: Language,
    meta: dict[str, Any],
    url: str,
    root: str,
    site_name: str,
    data: dict[str, Any],
    modified: str | None = None,
    news: str = NEWS + "/",  # the news folder (Site.news_folder)
) -> dict[str, Any] | None:
    """The JSON-LD object of one page: its kind's, or a WebPage with its date of change."""
    kind = page_kind(rel, news)
    home = root + lang.prefix
    title = str(meta.get("title") or "")
    description = str(meta.get("description") or "")
    if kind is None:
        if not modified:
            return None
        page = {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "@id": url,
            "url": url,
            "name": title,
            "inLanguage": lang.bcp47,
            "dateModified": modified,
        }
        return page
    province = _fact(data, "province.official_name", lang.code)
    # one organisation whatever the language (its @id), named and linked in the page's language
    org_id = root + "#organization"
    organization: dict[str, Any] = {"@type": "GovernmentOrganization", "@id": org_id, "url": home}
    if province:
        organization["name"] = province
    if kind == "home":
        if description:
            organization["description"] = description
        website = {
            "@type": "WebSite",
            "@id": home + "#website",
            "url": home,
            "name": site_name,
            "inLanguage": lang.bcp47,
            "publisher": {"@id": org_id},
        }
        if modified:
            website["dateModified"] = modified
        return {"@context": "https://schema.org", "@graph": [organization, website]}
    if kind == "sight":
        place: dict[str, Any] = {
            "@type": "TouristAttraction",
            "@id": url + "#place",
            "name": title,
            "url": url,
        }
        if description:
            place["description"] = description
        if province:
            place["containedInPlace"] = {"@type": "AdministrativeArea", "name": province}
        webpage = {
            "@type": "WebPage",
            "@id": url,
            "url": url,
            "name": title,
            "inLanguage": lang.bcp47,
            "about": {"@id": url + "#place"},
        }
        if modified:
            webpage["dateModified"] = modified
        return {"@context": "https://schema.org", "@graph": [webpage, place]}
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": lang.bcp47,
        "publisher": organization,
    }
    if description:
        article["description"] = description
    if meta.get("date"):
        article["datePublished"] = str(meta["date"])
    if modified:
        article["dateModified"] = modified
    return article


def to_script(obj: dict[str, Any]) -> str:
    """The object as the text of a <script type="application/ld+json">: `<` escaped, so that no
    title can close the element early."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def for_page(
    site: Any,
    tree: Any,
    data: dict[str, Any],
    record: Any,
    site_name: str,
    modified: str | None = None,
) -> str | None:
    """The JSON-LD text of one built page (xulang.plugin.head.PageRecord), or None. A preview's
    stand-in page (another language's text) carries none."""
    if record.fallback:
        return None
    page = tree.pages.get(record.lang, {}).get(record.rel)
    if page is None:
        return None
    lang = site.language(record.lang)
    obj = structured_data(
        rel=record.rel,
        lang=lang,
        meta=dict(page.meta),
        url=site.site_url + record.url,
        root=site.site_url,
        site_name=site_name,
        data=data,
        modified=modified,
        news=site.news_folder,
    )
    return to_script(obj) if obj is not None else None
