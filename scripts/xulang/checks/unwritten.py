"""Pages handed in still holding the template text of `xulang new` (xulang/placeholders.py)."""

from __future__ import annotations

from collections.abc import Iterator

from xulang.checks.registry import check
from xulang.content import ContentTree
from xulang.findings import Finding
from xulang.placeholders import find_placeholders

# A draft may hold the template: it is work in progress, never published, and the status report
# counts it as untranslated. From review on, the page is meant to be read.
FINISHED = ("review", "published")


@check("placeholders", "XL037")
def check_placeholders(tree: ContentTree) -> Iterator[Finding]:
    """A page set to `review` or `published` holds none of the text `xulang new` wrote as a
    placeholder (the template title, the WRITE / TRANSLATE comment): one finding per page, at its
    first such line.

    bad:  status: published, with `<!-- XULANG DỊCH / TRANSLATE: … -->` still in the page
    good: status: published, the page translated and the comment deleted
    """
    for page in tree.all_pages():
        if not page.readable or page.meta.get("status") not in FINISHED:
            continue
        lines = find_placeholders(page.text)
        if lines:
            first = page.text.split("\n")[lines[0] - 1].strip()
            shown = first if len(first) <= 60 else first[:59] + "…"
            yield Finding.at(page.display, lines[0], "XL037", count=len(lines), text=shown)
