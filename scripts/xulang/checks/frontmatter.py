"""Front matter: required keys with valid values in every language, agreeing with the source."""

from __future__ import annotations

from collections.abc import Iterator

from xulang.checks.freshness import awaits_stamp
from xulang.checks.registry import check
from xulang.content import ContentTree
from xulang.findings import Finding
from xulang.publication import PUBLISHED

REQUIRED = ("description", "owner")  # and `status`: checks/publication.py (xulang.publication)
SHARED = ("owner", "status")


def _is_date(value: object) -> bool:
    """`reviewed:` is a day: YAML reads 2026-11-30 as a date; 30/11/2026 is text."""
    import datetime as dt

    return isinstance(value, dt.date)


def owners(tree: ContentTree) -> tuple[str, ...]:
    """Department ids, declared once under the xulang plugin's `owners` in mkdocs.yml."""
    return tuple(tree.site.owners)


@check("front-matter", "XL030", "XL031", "XL032", "XL033", "XL034")
def check_front_matter(tree: ContentTree) -> Iterator[Finding]:
    """Each page has a description and an owner; translations share owner and status with the
    source and record the source version they match (`source_commit`, written by `xulang stamp`).

    bad:  ---\\ntitle: Mẫu Sơn\\nstatus: published\\n---
    good: ---\\ntitle: Mẫu Sơn\\ndescription: …\\nowner: so-van-hoa-du-lich\\n
          status: published\\n---
    """
    known = owners(tree)
    for page in tree.all_pages():
        if not page.readable or not page.text.strip():
            continue
        for key in REQUIRED:
            if not str(page.meta.get(key) or "").strip():
                yield Finding.at(page.display, 1, "XL030", key=key)
        owner = page.meta.get("owner")
        if owner and known and owner not in known:
            line = page.meta_lines.get("owner", 1)
            yield Finding.at(
                page.display, line, "XL031", key="owner", value=owner, allowed=", ".join(known)
            )
        if "reviewed" in page.meta and not _is_date(page.meta["reviewed"]):
            line = page.meta_lines.get("reviewed", 1)
            yield Finding.at(page.display, line, "XL034", value=page.meta["reviewed"])
        source = tree.source_of(page)
        if source is None or not source.readable:
            continue
        for key in SHARED:
            mine, theirs = page.meta.get(key), source.meta.get(key)
            if mine and theirs and mine != theirs:
                line = page.meta_lines.get(key, 1)
                yield Finding.at(
                    page.display, line, "XL032", key=key, value=mine, source_value=theirs
                )
        # a source committed together with its translations cannot be stamped before that commit
        if (
            page.meta.get("status") == PUBLISHED
            and not page.meta.get("source_commit")
            and awaits_stamp(tree, page)
        ):
            yield Finding.at(page.display, 1, "XL033", path=page.display)
