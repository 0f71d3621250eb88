"""The text `xulang new` puts where an editor must still write, defined once, and how to find it.

The scaffold writes these; the checker refuses a page that still holds one; the status report
counts a translation that holds one as untranslated. The texts name no language: the source page
gets WRITE, every translation gets TRANSLATE, and a language's own wording can come later from
its `extra:` block without changing how a placeholder is found (every one starts with MARK).
"""

from __future__ import annotations

import re

# Every placeholder comment starts with this, so finding one never depends on the wording.
MARK = "<!-- XULANG"
WRITE = f"{MARK} VIẾT / WRITE: nội dung trang (bản gốc) / the page's text (the source) -->"
TRANSLATE = f"{MARK} DỊCH / TRANSLATE: bản dịch của trang gốc / translation of the source page -->"
TITLE = "Tiêu đề trang / Page title"

# Placeholders written by earlier versions of `xulang new`: still found in pages made with them.
_LEGACY_COMMENT = re.compile(r"<!--\s*(?:VIẾT|DỊCH / TRANSLATE)\s*:")
_LEGACY_TITLES = ("Tiêu đề trang", "Page title", "页面标题")
_TITLE_LINE = re.compile(r"^(?:title:|#)\s*(.*?)\s*$")


def _is_title_placeholder(line: str) -> bool:
    match = _TITLE_LINE.match(line)
    if match is None:
        return False
    value = match.group(1).strip("'\"")
    return value == TITLE or value in _LEGACY_TITLES


def find_placeholders(text: str) -> list[int]:
    """Line numbers (from 1) of the file's lines that still hold a placeholder of `xulang new`:
    the WRITE/TRANSLATE comment or the template title (as `title:` or as the `#` heading)."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if MARK in line or _LEGACY_COMMENT.search(line) or _is_title_placeholder(line):
            found.append(number)
    return found


def holds_placeholder(text: str) -> bool:
    """True when the page is still (partly) the template: for counts such as the status report."""
    return bool(find_placeholders(text))
