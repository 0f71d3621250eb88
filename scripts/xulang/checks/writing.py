"""Writing checks: each language reads as native copy, by the rules its declaration in mkdocs.yml
gives (`languages[].extra.writing`): its script, how it writes names of the other languages, its
large numbers, and the phrases that mark a note to editors left in reader text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from xulang import glossary as glossary_model
from xulang.checks.language import guessed, untranslated
from xulang.checks.prose import Line, lines_of, without_parentheses
from xulang.checks.registry import check
from xulang.checks.terms import _trie_pattern, fold
from xulang.chinese import HAN
from xulang.content import ContentTree, Page
from xulang.findings import Finding

# A run of Latin words; letters touching digits or a slash are codes (1A, G7211, 138/2008/QĐ-TTg)
LETTER = "A-Za-zÀ-ỹ"
LATIN_RUN = re.compile(
    rf"(?<![0-9{LETTER}/._-])[{LETTER}][{LETTER}'’]*(?:[ \-–][{LETTER}][{LETTER}'’]*)*(?![0-9/])"
)
HAN_RUN = re.compile(HAN.pattern + "+")
TERM_IN_LANG = re.compile(r"""\{\{\s*term\(\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']\s*\)[^}]*\}\}""")


@dataclass(frozen=True)
class Rules:
    """What mkdocs.yml declares of one language's writing."""

    script: str  # "han" or "latin"
    allowed_latin: frozenset[str]  # words a Han-script page may write in Latin letters (units…)
    large_words: tuple[str, ...]  # CLDR's words for large numbers in the language: 万, 亿, 万亿
    compact_from: int  # counts from this value up are written with those words
    foreign_names: str  # "native": names of other languages in this language's own form
    gloss_han: bool  # Han characters need a romanised or translated gloss beside them
    editor_notes: tuple[str, ...]


def rules(tree: ContentTree, lang: str) -> Rules:
    raw: dict[str, Any] = dict(tree.site.language(lang).extra.get("writing") or {})
    return Rules(
        script=str(raw.get("script", "latin")),
        allowed_latin=frozenset(str(w) for w in raw.get("allowed_latin") or ()),
        large_words=compact_words(dict(raw.get("numbers") or {}), lang),
        compact_from=int((raw.get("numbers") or {}).get("compact_from", 1_000_000)),
        foreign_names=str(raw.get("foreign_names", "")),
        gloss_han=bool(raw.get("gloss_han", False)),
        editor_notes=tuple(str(p) for p in raw.get("editor_notes") or ()),
    )


@cache
def _compact_words(locale: str, style: str) -> tuple[str, ...]:
    from babel import Locale

    patterns = Locale.parse(locale).compact_decimal_formats[style]["other"].values()
    words = {re.sub(r"[0#.,\s¤]", "", p.pattern) for p in patterns}
    return tuple(sorted((w for w in words if w), key=len, reverse=True))


def compact_words(numbers: dict[str, Any], lang: str) -> tuple[str, ...]:
    """The words a language's compact figures use (万, 亿, 万亿 for Chinese), from CLDR."""
    if not numbers.get("compact"):
        return ()
    return _compact_words(str(numbers.get("locale", lang)), str(numbers["compact"]))


def _glossary(tree: ContentTree) -> dict[str, dict[str, Any]]:
    return glossary_model.entries(tree.data.get("glossary") or {})


@cache
def _forms_matcher(forms: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({f for f in forms if f})
    # edges are Latin letters only: a Latin name touches Han characters with no space between
    return (
        re.compile(r"(?<![A-Za-zÀ-ỹ])" + _trie_pattern(words) + r"(?![A-Za-zÀ-ỹ])")
        if words
        else None
    )


def _names_by_form(glossary: dict[str, dict[str, Any]], langs: tuple[str, ...]) -> dict[str, str]:
    """Every form (full and short) of the given languages -> its concept id."""
    found: dict[str, str] = {}
    for cid, entry in glossary.items():
        for lang in langs:
            for form in (entry.get(lang), (entry.get("short") or {}).get(lang)):
                if form and len(str(form)) > 2:
                    found.setdefault(fold(str(form)), cid)
    return found


# -- Han-script pages -------------------------------------------------------------------------


def _latin_words(text: str, allowed: frozenset[str]) -> Iterator[str]:
    for match in LATIN_RUN.finditer(text):
        words = [w for w in re.split(r"[ \-–]", match.group()) if w]
        if all(w in allowed or (len(w) > 1 and w.isupper()) for w in words):
            continue  # acronyms (UNESCO, GDP, QR) and declared units
        yield match.group()


def _latin_findings(
    page: Page,
    line: Line,
    rule: Rules,
    names: dict[str, str],
    glossary: dict[str, dict[str, Any]],
    lang: str,
) -> Iterator[Finding]:
    text = without_parentheses(line.text)
    cells = line.cells
    if cells:  # a table: a cell wholly in Latin letters is a column of names (for ordering, signs)
        kept = [
            without_parentheses(c)
            for c in cells
            if HAN.search(c) or not LATIN_RUN.fullmatch(c.strip())
        ]
        text = " | ".join(kept)
    matcher = _forms_matcher(tuple(names))
    reported: set[str] = set()
    if matcher is not None:
        for match in matcher.finditer(fold(text)):
            entry = glossary[names[match.group()]]
            approved = glossary_model.form(entry, lang)
            reported.add(match.group())
            if approved:
                yield Finding.at(
                    page.display, line.number, "XL073", found=match.group(), approved=approved
                )
            else:
                yield Finding.at(page.display, line.number, "XL074", found=match.group())
        text = matcher.sub(" ", fold(text))
    for word in _latin_words(text, rule.allowed_latin):
        if word not in reported:
            reported.add(word)
            yield Finding.at(page.display, line.number, "XL074", found=word)


GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d{6,}(?:\.\d+)?")
ASCII_BRACKETS = re.compile(r"\(([^()]*)\)")


def _number_findings(page: Page, line: Line, rule: Rules) -> Iterator[Finding]:
    for match in GROUPED.finditer(line.text):
        figure = match.group()
        value = float(figure.replace(",", ""))
        after = line.text[match.end() : match.end() + 4].lstrip()
        word = next((w for w in rule.large_words if after.startswith(w)), "")
        if ("," in figure and word) or (not word and value >= rule.compact_from):
            yield Finding.at(page.display, line.number, "XL075", found=figure + word)


def _bracket_findings(page: Page, line: Line) -> Iterator[Finding]:
    for match in ASCII_BRACKETS.finditer(line.text):
        start, end = match.span()
        around = line.text[max(0, start - 1) : start] + match.group(1) + line.text[end : end + 1]
        if HAN.search(around):
            yield Finding.at(page.display, line.number, "XL076", found=match.group())
            return


def _vietnamese_in_term_calls(page: Page, line: Line, tree: ContentTree) -> Iterator[Finding]:
    """`{{ term("x", "vi") }}` prints a form of another language into the page's prose."""
    for match in TERM_IN_LANG.finditer(without_parentheses(line.raw, keep_jinja=True)):
        if match.group(2) != page.lang and match.group(2) in tree.site.codes:
            yield Finding.at(page.display, line.number, "XL074", found=match.group())


# -- Latin-script pages -----------------------------------------------------------------------


def _han_findings(page: Page, line: Line) -> Iterator[Finding]:
    """Han characters on a page that glosses them: only beside a romanised or translated form."""
    if line.cells and any(LATIN_RUN.search(c) for c in line.cells if not HAN.search(c)):
        return  # a row of a table of names: its other cells are the gloss
    for match in HAN_RUN.finditer(line.text):
        before = line.text[: match.start()].rstrip()
        after = line.text[match.end() :].lstrip()
        inside = before.endswith(("(", "（")) and re.search(r"[A-Za-zÀ-ỹ]\W*[(（]$", before)
        followed = re.match(r"[(（]\s*[A-Za-zÀ-ỹ]", after)
        if not (inside or followed):
            yield Finding.at(page.display, line.number, "XL078", found=match.group())


def _form_findings(page: Page, line: Line, wrong: dict[str, str]) -> Iterator[Finding]:
    matcher = _forms_matcher(tuple(wrong))
    if matcher is None:
        return
    for match in matcher.finditer(without_parentheses(line.text)):
        yield Finding.at(
            page.display, line.number, "XL077", found=match.group(), approved=wrong[match.group()]
        )


def _other_forms(
    glossary: dict[str, dict[str, Any]], lang: str, rule: Rules, codes: tuple[str, ...]
) -> dict[str, str]:
    """Forms a page in `lang` must not write, with the form it writes instead."""
    wrong: dict[str, str] = {}
    for entry in glossary.values():
        mine = glossary_model.form(entry, lang)
        if not mine:
            continue
        short: str = str((entry.get("short") or {}).get(lang) or mine)
        # the same name without its diacritics (Lang Son for Lạng Sơn): one spelling per name
        for spelled in (mine, short):
            plain = ascii_fold(spelled)
            if plain != spelled:
                wrong.setdefault(plain, spelled)
        # a foreign name in another language's form where this language has its own (Ningming
        # for Ninh Minh); Han forms are caught with every other unglossed Han character
        if rule.foreign_names == "native" and entry.get("origin") not in (None, lang):
            for other in codes:
                for form in (entry.get(other), (entry.get("short") or {}).get(other)):
                    if (
                        form
                        and not HAN.search(str(form))
                        and fold(str(form)) not in (fold(mine), fold(short))
                    ):
                        wrong.setdefault(str(form), short)
    return wrong


def ascii_fold(text: str) -> str:
    """Vietnamese without its marks, as a keyboard without them types it: Lạng Sơn -> Lang Son."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


# -- the check ------------------------------------------------------------------------------


@check("writing", "XL073", "XL074", "XL075", "XL076", "XL077", "XL078", "XL082")
def check_writing(tree: ContentTree) -> Iterator[Finding]:
    """Each language reads as native copy: Chinese prose in characters (a Vietnamese name with no
    Chinese form in full-width parentheses after a Chinese descriptor), large numbers in 万/亿,
    full-width brackets; Vietnamese writes Chinese names in their Sino-Vietnamese form; English
    writes each name as the glossary does and glosses any Han characters; no note to editors.

    bad:  zh `位于Bắc Sơn县`, `15,600万美元`, `河内(嘉林)`
          vi `huyện Ningming`; en `Lang Son`, `友谊关`
    good: zh `位于北山县`, `1.56亿美元`, `河内（嘉林）`
          vi `huyện Ninh Minh`; en `Lạng Sơn`, `Youyiguan (友谊关)`
    """
    glossary = _glossary(tree)
    for lang in tree.site.codes:
        rule = rules(tree, lang)
        others = tuple(c for c in tree.site.codes if c != lang)
        names = _names_by_form(glossary, others) if rule.script == "han" else {}
        wrong = _other_forms(glossary, lang, rule, tree.site.codes) if rule.script != "han" else {}
        notes = [n.casefold() for n in rule.editor_notes]
        for page in tree.pages[lang].values():
            if not page.readable or untranslated(tree, page):
                continue  # an untranslated page is one finding of the language check (XL070)
            for line in lines_of(tree, page):
                if guessed(tree, line.text) not in (None, lang):
                    continue  # a paragraph in another language: the language check's XL071
                folded = line.text.casefold()
                if (at := next((folded.index(n) for n in notes if n in folded), None)) is not None:
                    yield Finding.at(
                        page.display, line.number, "XL082", found=line.text[at : at + 50]
                    )
                if rule.script == "han":
                    yield from _latin_findings(page, line, rule, names, glossary, lang)
                    yield from _vietnamese_in_term_calls(page, line, tree)
                    yield from _bracket_findings(page, line)
                    if rule.large_words:
                        yield from _number_findings(page, line, rule)
                else:
                    yield from _form_findings(page, line, wrong)
                    if rule.gloss_han:
                        yield from _han_findings(page, line)
