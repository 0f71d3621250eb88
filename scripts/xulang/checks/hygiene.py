"""Text hygiene: Unicode NFC, and no invisible or control characters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from xulang.checks.registry import check
from xulang.content import ContentTree
from xulang.findings import Finding

INVISIBLE = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
    "\u00ad": "SOFT HYPHEN",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u200e": "LEFT-TO-RIGHT MARK",
}


SUSPECT = re.compile("[" + "".join(INVISIBLE) + "\x00-\x08\x0b-\x1f\x7f]")


WORD = re.compile(r"[\w\u0300-\u036f]+")  # with the combining marks a decomposed word holds


def _decomposed(line: str) -> str:
    """The words of a line that are not in NFC, as a reader sees them (at most three)."""
    words: list[str] = []
    for word in WORD.findall(line):
        if unicodedata.normalize("NFC", word) != word and word not in words:
            words.append(word)
    shown = [f"“{unicodedata.normalize('NFC', w)}”" for w in words[:3]]
    return ", ".join(shown) + (", …" if len(words) > 3 else "")


@check("hygiene", "XL080", "XL081")
def check_hygiene(tree: ContentTree) -> Iterator[Finding]:
    """Text is in Unicode NFC (one code point per Vietnamese letter) with no invisible characters.

    bad:  `Lạng Sơn` typed as L, a, U+0323, n, g (decomposed), or a zero-width space inside a word
    good: `Lạng Sơn` with precomposed letters (a Unicode dựng sẵn keyboard)
    """
    for page in tree.all_pages():
        # the whole text at C speed first; line by line only when something is there
        if not page.readable or (
            unicodedata.is_normalized("NFC", page.text) and not SUSPECT.search(page.text)
        ):
            continue
        for number, line in enumerate(page.text.split("\n"), 1):
            if not line.isascii() and unicodedata.normalize("NFC", line) != line:
                yield Finding.at(
                    page.display, number, "XL080", words=_decomposed(line), path=page.display
                )
            for ch in line:
                if ch in INVISIBLE or (unicodedata.category(ch) == "Cc" and ch not in "\t"):
                    name = INVISIBLE.get(ch) or unicodedata.name(ch, "CONTROL")
                    yield Finding.at(
                        page.display, number, "XL081", name=name, code=f"{ord(ch):04X}"
                    )
                    break
