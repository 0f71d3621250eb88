"""Language checks: a translation really is in its language and script (Simplified for Chinese)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from xulang.checks import check
from xulang.chinese import HAN, traditional_chars
from xulang.content import ContentTree, Page
from xulang.findings import Finding

# Letters only Vietnamese uses among the three languages (ă â đ ê ô ơ ư and tone-marked vowels).
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]", re.I)
LATIN_WORD = re.compile(r"[A-Za-zÀ-ỹ]+")
NAMES = {"vi": "tiếng Việt / Vietnamese", "en": "tiếng Anh / English", "zh": "tiếng Trung / Chinese"}


def guess(text: str) -> str | None:
    """The language a stretch of prose is written in, when it is long enough to tell."""
    text = unicodedata.normalize("NFC", text)
    han = len(HAN.findall(text))
    words = LATIN_WORD.findall(text)
    if han >= 8 and han >= len(words):
        return "zh"
    if len(words) < 8 or han:
        return None
    marked = sum(1 for w in words if VIETNAMESE.search(w))
    return "vi" if marked / len(words) > 0.3 else "en"


def _paragraphs(tree: ContentTree, page: Page) -> list[tuple[int, str]]:
    return [(line, text) for line, text in tree.body(page).prose if len(text) > 40]


@check("language", "XL070", "XL071", "XL072")
def check_language(tree: ContentTree) -> Iterator[Finding]:
    """Pages are written in their folder's language: no untranslated page, no paragraph left in
    another language, no Traditional characters on Chinese pages.

    bad:  content/zh/du-lich/index.md still holding the Vietnamese text; 友誼關 on a Chinese page
    good: content/zh/du-lich/index.md in Simplified Chinese; 友谊关
    """
    for page in tree.all_pages():
        if not page.readable:
            continue
        paragraphs = _paragraphs(tree, page)
        guesses = [(line, guess(text)) for line, text in paragraphs]
        known = [g for _, g in guesses if g]
        source = tree.source_of(page)
        if source is not None and known and known.count(source.lang) > len(known) / 2:
            yield Finding.at(page.display, page.body_line, "XL070", lang_name=NAMES[source.lang])
            continue
        for line, found in guesses:
            if found and found != page.lang:
                yield Finding.at(page.display, line, "XL071", found=NAMES[found], expected=NAMES[page.lang])
        if page.lang == "zh":
            from opencc import OpenCC  # noqa: PLC0415  (only Chinese pages need it)

            converter = OpenCC("t2s")
            for line, text in tree.body(page).prose:
                chars = sorted(set(traditional_chars(text)))
                if chars:
                    fix = "".join(converter.convert(c) for c in chars)
                    yield Finding.at(page.display, line, "XL072", chars="".join(chars), fix=fix)
