"""Notices for readers (data/notices.yml): each one complete in every language, with sound hours."""

from __future__ import annotations

from collections.abc import Iterator

from xulang import notices
from xulang.checks.registry import check
from xulang.content import ContentTree
from xulang.findings import Finding


@check("notices", "XL140", "XL141", "XL142", "XL143", "XL144", "XL145", "XL146", "XL147", "XL148")
def check_notices(tree: ContentTree) -> Iterator[Finding]:
    """A notice has an id, a severity (info, warning, danger), a start and an end written as ISO
    8601 times with their offset, the end after the start, and its text in every language. The
    build stops on these too: a notice is shown on every page.

    bad:  start: 5/2/2027 7h, severity: urgent, text: {vi: Cửa khẩu tạm đóng}  (no en, no zh)
    good: start: 2027-02-05T07:00:00+07:00, severity: danger, text: {vi: …, en: …, zh: …}
    """
    site = tree.site
    public = [lang.code for lang in site.public_languages]  # required; in preparation: optional
    _, found = notices.load(site.data_dir, site.root, site.codes, public)
    yield from found
