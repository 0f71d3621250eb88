"""Freshness: a translation follows the Vietnamese source's commits since its `source_commit`."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from xulang.checks.registry import check
from xulang.content import ContentTree, Page
from xulang.findings import Finding
from xulang.history import Commit, History


@cache
def history_for(tree: ContentTree) -> History:
    return History(
        tree.site.root,
        tree.site.docs_dir.relative_to(tree.site.root).as_posix() + "/" + tree.site.default.code,
    )


def stale(tree: ContentTree, page: Page) -> list[Commit] | None:
    """Source commits a translation has not followed yet; None when it cannot be told."""
    source = tree.source_of(page)
    recorded = str(page.meta.get("source_commit") or "")
    history = history_for(tree)
    if source is None or not recorded or not history.available or not history.known(recorded):
        return None
    return history.changes_since(source.display, recorded)


def awaits_stamp(tree: ContentTree, page: Page) -> bool:
    """Whether a translation can be stamped now (`xulang stamp` records its source's last
    commit): not while the source is new or changed and not committed yet, as in the first commit
    of a page written in every language at once. Without git history this cannot be told, and a
    translation is taken to need its stamp."""
    source = tree.source_of(page)
    history = history_for(tree)
    if source is None or not history.available:
        return source is not None
    return history.latest(source.display) is not None and (
        source.display not in history.uncommitted
    )


@check("freshness", "XL090", "XL091")
def check_freshness(tree: ContentTree) -> Iterator[Finding]:
    """A translation records the source commit it matches; later source commits make it stale,
    except commits marked editorial-only (`[editorial]` in the message).

    bad:  source_commit: 1a2b3c, and content/vi/du-lich/mau-son.md changed since ("Cập nhật")
    good: source_commit equal to the last commit that changed the Vietnamese page
    """
    history = history_for(tree)
    if not history.available:
        return
    for page, source in tree.translations():
        recorded = str(page.meta.get("source_commit") or "")
        if not recorded:
            continue
        line = page.meta_lines.get("source_commit", 1)
        if not history.known(recorded):
            yield Finding.at(page.display, line, "XL091", value=recorded, path=page.display)
            continue
        changes = stale(tree, page) or []
        if changes:
            latest = changes[0]
            yield Finding.at(
                page.display,
                line,
                "XL090",
                count=len(changes),
                date=latest.date,
                subject=latest.subject,
                since=recorded[:10],
                source=source.display,
                path=page.display,
            )
