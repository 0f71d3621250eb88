"""Language checks: a translation really is in its language and script (Simplified where the
language's CLDR locale says Hans).

Nothing here knows a language: each language's script (`writing.script`), common words
(`writing.common_words`) and letters come from its declaration in mkdocs.yml and from CLDR.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from xulang import messages
from xulang.checks.registry import check
from xulang.chinese import HAN, simplified, traditional_chars
from xulang.content import ContentTree, Page
from xulang.findings import Finding
from xulang.site import Language, Site

LATIN_WORD = re.compile(r"[A-Za-zÀ-ỹ]+")
QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|「[^」]*」|『[^』]*』')
# Writing systems a language may declare as `writing.script` (Latin is the default): the
# characters that tell a paragraph is written in it.
SCRIPTS: dict[str, re.Pattern[str]] = {
    "han": HAN,
    "hangul": re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]"),
    "kana": re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "greek": re.compile(r"[\u0370-\u03ff]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f]"),
    "hebrew": re.compile(r"[\u0590-\u05ff]"),
    "thai": re.compile(r"[\u0e00-\u0e7f]"),
    "devanagari": re.compile(r"[\u0900-\u097f]"),
}
LATIN = "latin"
# any character of those scripts: a paragraph holding one is not told by its Latin words
NOT_LATIN = re.compile("|".join(p.pattern for p in SCRIPTS.values()))
# A Latin-script paragraph with this many of a language's own letters per word is in it: a
# Vietnamese paragraph carries about one marked letter a word, an English one none.
LETTERS_PER_WORD = 0.3
# The languages findings are written in (the catalogue's message columns, hints left out).
EDITOR_LANGUAGES = tuple(f for f in messages.Text._fields if not f.startswith("hint_"))


@dataclass(frozen=True)
class Profile:
    """What tells a paragraph of one language from the others."""

    code: str
    script: str  # a key of SCRIPTS, or "latin"
    common: frozenset[str]  # its most common words, case-folded
    letters: frozenset[str]  # letters beyond ASCII that it uses and the others may not


Profiles = dict[str, Profile]


def own_letters(lang: Language) -> frozenset[str]:
    """`writing.letters` when declared, else the Latin letters beyond ASCII in the language's
    common words and in CLDR's words of the calendar and of units in it (ă ơ ư đ … for
    Vietnamese, none for English)."""
    writing = lang.extra.get("writing") or {}
    if writing.get("letters"):
        return frozenset(str(writing["letters"]).casefold())
    words = " ".join(str(w) for w in writing.get("common_words") or ())
    return _latin_letters(words) | _cldr_letters(lang.locale)


@cache
def _cldr_letters(locale: str) -> frozenset[str]:
    from xulang.locales import cldr_locale

    data = cldr_locale(locale)._data  # Babel's CLDR tables of the locale
    return _latin_letters(" ".join(s for table in CLDR_WORDS for s in _strings(data[table])))


def _latin_letters(text: str) -> frozenset[str]:
    text = unicodedata.normalize("NFC", text).casefold()
    return frozenset(
        ch
        for ch in text
        if ch.isalpha() and not ch.isascii() and unicodedata.name(ch, "").startswith("LATIN")
    )


# CLDR tables of a locale that hold the language's own everyday words (not foreign names)
CLDR_WORDS = (
    "months",
    "days",
    "quarters",
    "eras",
    "date_fields",
    "day_periods",
    "unit_display_names",
)


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, (list, tuple)):
        return [s for item in node for s in _strings(item)]
    values = getattr(node, "values", None)
    return [s for item in values() for s in _strings(item)] if callable(values) else []


def profiles(tree: ContentTree) -> Profiles:
    """Each language's script, most common words and letters, by which a paragraph full of names
    with diacritics (English writes Lạng Sơn, Đồng Đăng) is still told from Vietnamese."""
    memo = tree.memo.setdefault("language", {})
    if "profiles" in memo:  # asked for every page: read the declarations once per tree
        return dict(memo["profiles"])
    found = {}
    for lang in tree.site.languages:
        writing = lang.extra.get("writing") or {}
        script = str(writing.get("script") or LATIN)
        found[lang.code] = Profile(
            code=lang.code,
            script=script,
            common=frozenset(str(w).casefold() for w in writing.get("common_words") or ()),
            letters=own_letters(lang) if script == LATIN else frozenset(),
        )
    memo["profiles"] = found
    return dict(found)


def _by_script(text: str, words: int, common: Profiles) -> str | None:
    """The language of a paragraph written mostly in a script other than Latin (when exactly one
    configured language writes in it)."""
    counts = {
        script: len(pattern.findall(text))
        for script, pattern in SCRIPTS.items()
        if any(p.script == script for p in common.values())
    }
    if not counts:
        return None
    script, count = max(counts.items(), key=lambda item: item[1])
    if count < 8 or count < words:
        return None
    users = [p.code for p in common.values() if p.script == script]
    return users[0] if len(users) == 1 else None


def guess(text: str, common: Profiles | None = None) -> str | None:
    """The language a stretch of prose is written in, when it is long enough to tell."""
    if not common:
        return None
    text = QUOTED.sub(" ", unicodedata.normalize("NFC", text))  # quotations are cited as written
    found = LATIN_WORD.findall(text)
    words = len(found)
    if (lang := _by_script(text, words, common)) is not None:
        return lang
    if words < 8 or NOT_LATIN.search(text):
        return None
    latin = [p for p in common.values() if p.script == LATIN]
    if not latin:
        return None
    folded = [w.casefold() for w in found]
    hits = sorted(((sum(w in p.common for w in folded), p.code) for p in latin), reverse=True)
    if hits[0][0] >= 2 and (len(hits) == 1 or hits[0][0] > 2 * hits[1][0]):
        return hits[0][1]
    chars = Counter(text.casefold())  # each character once, then each language's letters
    letters = sorted(
        ((sum(chars[ch] for ch in p.letters) / words, p.code) for p in latin if p.letters),
        reverse=True,
    )
    if letters and letters[0][0] > LETTERS_PER_WORD:
        return letters[0][1]
    plain = [p.code for p in latin if not p.letters]  # a language of ASCII letters only
    return plain[0] if len(plain) == 1 else None


def language_name(site: Site, code: str) -> str:
    """The language named for editors, in each language findings are written in (CLDR):
    "Tiếng Việt / Vietnamese"."""
    lang = site.language(code) if code in site.codes else None
    if lang is None:
        return code
    from babel import Locale, UnknownLocaleError

    names = []
    for editor in EDITOR_LANGUAGES:
        try:
            names.append(str(Locale.parse(editor).languages.get(lang.cldr.language) or lang.name))
        except (UnknownLocaleError, ValueError):
            names.append(lang.name)
    return " / ".join(dict.fromkeys(names))


def _paragraphs(tree: ContentTree, page: Page) -> list[tuple[int, str]]:
    return [(line, text) for line, text in tree.body(page).prose if len(text) > 40]


def guessed(tree: ContentTree, text: str) -> str | None:
    """`guess` with the tree's languages, each text guessed once (the language and writing
    checks both ask for every paragraph)."""
    known: dict[str, str | None] = tree.memo.setdefault("language-guesses", {})
    if text not in known:
        known[text] = guess(text, profiles(tree))
    return known[text]


def untranslated(tree: ContentTree, page: Page) -> bool:
    """Most of the page's paragraphs are still in its source's language."""
    answers: dict[str, bool] = tree.memo.setdefault("untranslated", {})
    if page.display not in answers:
        source = tree.source_of(page)
        known = [g for g in (guessed(tree, text) for _, text in _paragraphs(tree, page)) if g]
        answers[page.display] = (
            source is not None and bool(known) and known.count(source.lang) > len(known) / 2
        )
    return answers[page.display]


def simplified_script(lang: Language) -> bool:
    """Written in Simplified Han characters (CLDR's script of the locale is Hans)."""
    return (lang.extra.get("writing") or {}).get("script") == "han" and lang.script == "Hans"


@check("language", "XL070", "XL071", "XL072")
def check_language(tree: ContentTree) -> Iterator[Finding]:
    """Pages are written in their folder's language: no untranslated page, no paragraph left in
    another language, no Traditional characters on Simplified Chinese pages.

    bad:  content/zh/du-lich/index.md still holding the Vietnamese text; 友誼關 on a Chinese page
    good: content/zh/du-lich/index.md in Simplified Chinese; 友谊关
    """
    site = tree.site
    for page in tree.all_pages():
        if not page.readable:
            continue
        source = tree.source_of(page)
        if source is not None and untranslated(tree, page):
            name = language_name(site, source.lang)
            yield Finding.at(page.display, page.body_line, "XL070", lang_name=name)
            continue
        guesses = [(line, guessed(tree, text)) for line, text in _paragraphs(tree, page)]
        for line, found in guesses:
            if found and found != page.lang:
                yield Finding.at(
                    page.display,
                    line,
                    "XL071",
                    found=language_name(site, found),
                    expected=language_name(site, page.lang),
                )
        if page.lang in site.codes and simplified_script(site.language(page.lang)):
            for line, text in tree.body(page).prose:
                chars = "".join(sorted(set(traditional_chars(text))))
                if chars:
                    yield Finding.at(
                        page.display, line, "XL072", chars=chars, fix=simplified(chars)
                    )
