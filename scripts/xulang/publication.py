"""The publication model: each page's `status`, and the site a production build publishes.

- A page's own status is one of STATUSES; anything else (or nothing) is no status.
- A translation is published only when its source (the default language's page) is published too.
- The published view is the content tree with only the pages production publishes: the build
  works on it, so unpublished pages leave the files, menu, search, sitemap, feeds and switcher.

The rules about statuses that editors see (XL030, XL031, XL100, XL101) are registered checks in
checks/publication.py: `xulang check` prints them and the build runs the same checks.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from xulang.content import ContentTree, Page

STATUSES = ("draft", "review", "published")
PUBLISHED = "published"
UNPUBLISHED = tuple(status for status in STATUSES if status != PUBLISHED)


def status_of(page: Page) -> str | None:
    """The page's own `status`, or None when it is missing or not one of STATUSES."""
    value = page.meta.get("status")
    return value if isinstance(value, str) and value in STATUSES else None


def effective_status(tree: ContentTree, page: Page) -> str | None:
    """A translation is published only when its source is published too."""
    own = status_of(page)
    source = tree.source_of(page)
    if own == PUBLISHED and source is not None and status_of(source) != PUBLISHED:
        return status_of(source)
    return own


def is_published(tree: ContentTree, page: Page) -> bool:
    return page.readable and effective_status(tree, page) == PUBLISHED


def published_view(tree: ContentTree) -> ContentTree:
    """The same tree with only the pages a production build publishes."""
    pages = {
        code: {rel: page for rel, page in by_rel.items() if is_published(tree, page)}
        for code, by_rel in tree.pages.items()
    }
    return tree.view(pages)


def unpublished(tree: ContentTree, view: ContentTree) -> dict[str, list[str]]:
    """lang -> page paths left out of the production build."""
    return {
        code: sorted(set(by_rel) - set(view.pages.get(code, {})))
        for code, by_rel in tree.pages.items()
    }


def banner_status(tree: ContentTree, lang: str, rel: str) -> str | None:
    """For the preview's banner: the status of a page that production would leave out."""
    page = tree.pages.get(lang, {}).get(rel) or tree.sources.get(rel)
    if page is None or not page.readable:
        return None
    status = effective_status(tree, page)
    if status == PUBLISHED:
        return None
    return status or str(page.meta.get("status") or "—")


def link_target(page: Page, target: str) -> str | None:
    """The page path (inside the language folder) a relative Markdown link points to, if any."""
    target = target.split("#", 1)[0].split("?", 1)[0]
    if not target or target.startswith("/") or urlsplit(target).scheme:
        return None
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), target))
    if target.endswith("/"):
        rel = posixpath.join(rel, "index.md")
    return rel if rel.endswith(".md") and not rel.startswith("..") else None
