"""Structure checks: a translation keeps the source's headings, images, tables, boxes and links."""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterator

from xulang.checks.registry import check
from xulang.content import ContentTree, Page
from xulang.findings import Finding

COUNTED = {"image": "hình ảnh / images", "table": "bảng / tables", "code": "khối mã / code blocks"}


def _first_line(page: Page, tree: ContentTree, kind: str) -> int:
    items = tree.body(page).of(kind)
    return items[0].line if items else page.body_line


@check("structure", "XL040", "XL041", "XL042", "XL043")
def check_structure(tree: ContentTree) -> Iterator[Finding]:
    """Headings (count and levels), explicit ids, images, tables, admonition types and code blocks
    match the source, so a reader of any language gets the same page, section by section.

    bad:  source `## Vị trí` + `## Khí hậu`, translation only `## Location`
    good: source `## Vị trí` + `## Khí hậu`, translation `## Location` + `## Climate`
    """
    for page, source in tree.translations():
        mine, theirs = tree.body(page), tree.body(source)
        levels = [e.level for e in mine.of("heading")]
        expected = [e.level for e in theirs.of("heading")]
        if levels != expected:
            at = next(
                (
                    a.line
                    # the first differing level among the headings both have
                    for a, b in zip(mine.of("heading"), theirs.of("heading"), strict=False)
                    if a.level != b.level
                ),
                _first_line(page, tree, "heading"),
            )
            yield Finding.at(
                page.display, at, "XL040", found=_levels(levels), expected=_levels(expected)
            )
        ids = {e.value for e in mine.of("heading") if e.value}
        for element in theirs.of("heading"):
            if element.value and element.value not in ids:
                yield Finding.at(
                    page.display, _first_line(page, tree, "heading"), "XL041", value=element.value
                )
        for kind, what in COUNTED.items():
            found, want = len(mine.of(kind)), len(theirs.of(kind))
            if found != want:
                yield Finding.at(
                    page.display,
                    _first_line(page, tree, kind),
                    "XL042",
                    what=what,
                    found=found,
                    expected=want,
                )
        types = [e.value for e in mine.of("admonition")]
        want_types = [e.value for e in theirs.of("admonition")]
        if types != want_types:
            yield Finding.at(
                page.display,
                _first_line(page, tree, "admonition"),
                "XL043",
                found=", ".join(types) or "—",
                expected=", ".join(want_types) or "—",
            )


def _levels(levels: list[int]) -> str:
    counts = Counter(levels)
    return ", ".join(f"{counts[level]}×h{level}" for level in sorted(counts)) or "0"


def internal(target: str) -> str | None:
    """The page path a link points to, or None for external links and pure anchors."""
    if "://" in target or target.startswith(("mailto:", "tel:", "#", "{{")):
        return None
    path = target.split("#", 1)[0]
    return path or None


@check("links", "XL044", "XL045", "XL046")
def check_links(tree: ContentTree) -> Iterator[Finding]:
    """A translation links to the same pages as its source, each in the translation's own language.

    bad:  content/en/du-lich/index.md links to `../../vi/du-lich/mau-son.md`
    good: content/en/du-lich/index.md links to `mau-son.md`
    """
    codes = set(tree.site.codes)
    for page in tree.all_pages():
        if not page.readable:
            continue
        folder = posixpath.dirname(page.rel)
        for element in tree.body(page).of("link") + tree.body(page).of("image"):
            path = internal(element.value)
            if path is None:
                continue
            resolved = posixpath.normpath(posixpath.join(page.lang, folder, path))
            head = resolved.split("/", 1)[0]
            outside = path.startswith("/") or (head in codes and head != page.lang) or head == ".."
            if outside and "assets/" not in resolved:
                yield Finding.at(page.display, element.line, "XL046", target=element.value)
    for page, source in tree.translations():
        mine = Counter(p for e in tree.body(page).of("link") if (p := internal(e.value)))
        theirs = Counter(p for e in tree.body(source).of("link") if (p := internal(e.value)))
        for target in sorted(mine - theirs):
            line = next(e.line for e in tree.body(page).of("link") if internal(e.value) == target)
            yield Finding.at(page.display, line, "XL044", target=target)
        for target in sorted(theirs - mine):
            yield Finding.at(page.display, _first_line(page, tree, "link"), "XL045", target=target)
