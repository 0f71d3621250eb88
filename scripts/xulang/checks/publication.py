"""The publication rules editors see (model: xulang.publication): a valid `status` on every page,
translations published with their source, no link from a published page to an unpublished one.

`xulang check` prints them; the build runs the same checks (the production build stops on them,
the preview shows them).
"""

from __future__ import annotations

from collections.abc import Iterator

from xulang.checks.registry import check
from xulang.content import ContentTree
from xulang.findings import Finding
from xulang.publication import (
    PUBLISHED,
    STATUSES,
    UNPUBLISHED,
    effective_status,
    link_target,
    status_of,
)


@check("status", "XL030", "XL031", "XL100")
def check_status(tree: ContentTree) -> Iterator[Finding]:
    """Every page has a `status` (draft, review or published); a translation whose source is
    published is published too, or readers of that language miss the page.

    bad:  `status: done`; or `status: draft` in a translation whose source is published
    good: `status: published` in both, or the source kept a draft until its translation is ready
    """
    for page in tree.all_pages():
        if not page.readable or not page.text.strip():
            continue
        value = page.meta.get("status")
        line = page.meta_lines.get("status", 1)
        if value is None or value == "":
            yield Finding.at(page.display, 1, "XL030", key="status")
        elif status_of(page) is None:
            allowed = ", ".join(STATUSES)
            yield Finding.at(
                page.display, line, "XL031", key="status", value=value, allowed=allowed
            )
        source = tree.source_of(page)
        own = status_of(page)
        if source is not None and status_of(source) == PUBLISHED and own in UNPUBLISHED:
            yield Finding.at(page.display, line, "XL100", status=own, source=source.display)


@check("publishing", "XL101")
def check_publishing(tree: ContentTree) -> Iterator[Finding]:
    """A published page does not link to a draft or a page under review: the production build
    leaves those out, and the link would lead nowhere.

    bad:  [Lễ hội](le-hoi.md) while content/vi/du-lich/le-hoi.md has `status: draft`
    good: the link added once le-hoi.md has `status: published`
    """
    for page in tree.all_pages():
        if not page.readable or effective_status(tree, page) != PUBLISHED:
            continue
        for element in tree.body(page).of("link"):
            rel = link_target(page, element.value)
            target = tree.pages[page.lang].get(rel) if rel else None
            if target is None and rel:
                target = tree.sources.get(rel)  # the preview's stand-in for a missing translation
            if target is None or not target.readable:
                continue
            status = effective_status(tree, target)
            if status in UNPUBLISHED:
                yield Finding.at(
                    page.display, element.line, "XL101", target=target.display, status=status
                )
