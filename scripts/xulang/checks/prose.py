"""Reader text of a page, line by line, as the writing checks read it: markup, code, links' targets,
URLs and Jinja left out; the title and description of the front matter included."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from xulang.content import ContentTree, Page
from xulang.markdown import EXPLICIT_ID, JINJA, _plain

CODE_SPAN = re.compile(r"`[^`]*`")
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+\.(?:vn|cn|com|org|net|gov)\b\S*")
BLOCK_MARK = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*")
FULL_WIDTH = re.compile(r"（[^（）]*）")
ASCII = re.compile(r"\([^()]*\)")


@dataclass(frozen=True)
class Line:
    number: int
    raw: str  # the line as written, Jinja included
    text: str  # the words a reader sees of it (Jinja output not known here)

    @property
    def cells(self) -> list[str]:
        """The cells of a table row; [] for any other line."""
        if not self.raw.lstrip().startswith("|"):
            return []
        return [c.strip() for c in self.text.strip().strip("|").split("|")]


def reader_text(raw: str) -> str:
    text = raw
    if "{" in text:
        text = JINJA.sub(" ", EXPLICIT_ID.sub("", text))
    if "`" in text:
        text = CODE_SPAN.sub(" ", text)
    text = URL.sub(" ", BLOCK_MARK.sub("", text))
    return (
        _plain(text)
        if not text.lstrip().startswith("|")
        else "|".join(_plain(cell) for cell in text.split("|"))
    )


def lines_of(tree: ContentTree, page: Page) -> Iterator[Line]:
    """The title, the description and every line of prose, with their file line numbers."""
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and key in page.meta_lines:
            yield Line(page.meta_lines[key], value, reader_text(value))
    raw_lines = page.text.split("\n")
    for number, _ in tree.body(page).prose:
        raw = raw_lines[number - 1] if number <= len(raw_lines) else ""
        text = reader_text(raw)
        if text.strip(" |"):
            yield Line(number, raw, text)


def without_parentheses(text: str, *, keep_jinja: bool = False) -> str:
    """The text outside parentheses (full-width ones only where Jinja calls are kept)."""
    text = FULL_WIDTH.sub(" ", text)
    return text if keep_jinja else ASCII.sub(" ", text)
