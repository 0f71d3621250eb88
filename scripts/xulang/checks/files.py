"""File-level checks: encoding, empty files, byte-order marks, front matter, page title."""

from __future__ import annotations

from collections.abc import Iterator

from xulang.checks.registry import check
from xulang.content import ContentTree
from xulang.findings import Finding


@check("readable", "XL001", "XL002", "XL003", "XL004", "XL006", "XL105")
def check_readable(tree: ContentTree) -> Iterator[Finding]:
    """Every page is UTF-8 without BOM, not empty, and its front matter is YAML key: value pairs.

    bad:  ---\\ntitle: Lạng Sơn: cửa ngõ\\n---   (a second colon needs quotes)
    good: ---\\ntitle: "Lạng Sơn: cửa ngõ"\\n---
    """
    for page in tree.all_pages():
        yield from page.findings


@check("title", "XL005")
def check_title(tree: ContentTree) -> Iterator[Finding]:
    """Every page names its title in front matter, so menus and search show it in every language.

    bad:  ---\\ndescription: …\\n---
    good: ---\\ntitle: Khu kinh tế cửa khẩu\\ndescription: …\\n---
    """
    for page in tree.all_pages():
        if page.readable and page.text.strip() and not str(page.meta.get("title") or "").strip():
            yield Finding.at(page.display, 1, "XL005")
