"""Language checks: a translation really is in its language and script (Simplified for Chinese)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from xulang.checks import check
from xulang.chinese import HAN, simplified, traditional_chars
from xulang.content import ContentTree, Page
from xulang.findings import Finding

# Letters only Vietnamese uses among the three languages (ă â đ ê ô ơ ư and tone-marked vowels).
VIETNAMESE = re.compile(
    r"[ăâđêôơưĂÂĐÊÔƠƯàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]", re.I
)
LATIN_WORD = re.compile(r"[A-Za-zÀ-ỹ]+")
QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|「[^」]*」|『[^』]*』')
NAMES = {
    "vi": "tiếng Việt / Vietnamese",
    "en": "tiếng Anh / English",
    "zh": "tiếng Trung / Chinese",
}


Profiles = dict[str, frozenset[str]]


def profiles(tree: ContentTree) -> Profiles:
    """Each language's most common words (`writing.common_words` in mkdocs.yml), by which a
    paragraph full of names with diacritics (English writes Lạng Sơn, Đồng Đăng) is still told
    from Vietnamese."""
    return {
        lang.code: frozenset(str(w).casefold() for w in words)
        for lang in tree.site.languages
        if (words := (lang.extra.get("writing") or {}).get("common_words"))
    }


def guess(text: str, common: Profiles | None = None) -> str | None:
    """The language a stretch of prose is written in, when it is long enough to tell."""
    text = QUOTED.sub(" ", unicodedata.normalize("NFC", text))  # quotations are cited as written
    han = len(HAN.findall(text))
    found = LATIN_WORD.findall(text)
    words = len(found)
    if han >= 8 and han >= words:
        return "zh"
    if words < 8 or han:
        return None
    if common:
        folded = [w.casefold() for w in found]
        hits = sorted(
            ((sum(w in ws for w in folded), lang) for lang, ws in common.items()), reverse=True
        )
        if hits[0][0] >= 2 and (len(hits) == 1 or hits[0][0] > 2 * hits[1][0]):
            return hits[0][1]
    # Vietnamese carries about one marked letter per word; English none
    marked = len(VIETNAMESE.findall(text))
    return "vi" if marked / words > 0.3 else "en"


def _paragraphs(tree: ContentTree, page: Page) -> list[tuple[int, str]]:
    return [(line, text) for line, text in tree.body(page).prose if len(text) > 40]


def untranslated(tree: ContentTree, page: Page) -> bool:
    """Most of the page's paragraphs are still in its source's language."""
    source = tree.source_of(page)
    common = profiles(tree)
    known = [g for g in (guess(text, common) for _, text in _paragraphs(tree, page)) if g]
    return source is not None and bool(known) and known.count(source.lang) > len(known) / 2


@check("language", "XL070", "XL071", "XL072")
def check_language(tree: ContentTree) -> Iterator[Finding]:
    """Pages are written in their folder's language: no untranslated page, no paragraph left in
    another language, no Traditional characters on Chinese pages.

    bad:  content/zh/du-lich/index.md still holding the Vietnamese text; 友誼關 on a Chinese page
    good: content/zh/du-lich/index.md in Simplified Chinese; 友谊关
    """
    common = profiles(tree)
    for page in tree.all_pages():
        if not page.readable:
            continue
        source = tree.source_of(page)
        if source is not None and untranslated(tree, page):
            yield Finding.at(page.display, page.body_line, "XL070", lang_name=NAMES[source.lang])
            continue
        guesses = [(line, guess(text, common)) for line, text in _paragraphs(tree, page)]
        for line, found in guesses:
            if found and found != page.lang:
                yield Finding.at(
                    page.display, line, "XL071", found=NAMES[found], expected=NAMES[page.lang]
                )
        if page.lang == "zh":
            for line, text in tree.body(page).prose:
                chars = "".join(sorted(set(traditional_chars(text))))
                if chars:
                    yield Finding.at(
                        page.display, line, "XL072", chars=chars, fix=simplified(chars)
                    )
