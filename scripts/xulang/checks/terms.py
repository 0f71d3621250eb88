"""Term checks: the approved name of each glossary concept, and no forbidden variant."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any

from xulang import glossary as glossary_model
from xulang.checks.registry import check
from xulang.content import ContentTree, Page
from xulang.findings import Finding

TERM_CALL = re.compile(r"""term\(\s*["']([\w-]+)["']""")


def fold(text: str) -> str:
    """Compare Vietnamese in any Unicode form (NFC). Case matters: `Kinh` (the people) is not
    `kinh` (as in kinh tế); a sentence may capitalise a term's first letter, see `variants`."""
    return unicodedata.normalize("NFC", text)


def variants(form: str) -> tuple[str, ...]:
    form = fold(form)
    return (form, form[:1].upper() + form[1:])


def _trie_pattern(words: list[str]) -> str:
    """One regex for many literal strings, factored by common prefix (much faster than a|b|c)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


@cache
def _matcher(forms: tuple[str, ...]) -> re.Pattern[str]:
    # Latin forms need word edges; Chinese has no spaces, so a plain substring is the match.
    # Regex alternation is greedy per branch, so the trie yields the longest form at a position.
    words = sorted({v for f in forms for v in variants(f)})
    return re.compile(r"(?<!\w)" + _trie_pattern(words) + r"(?!\w)")


# Proper names have one approved form per language; generic concepts (border line, a dish, a
# people) are translated freely and are only checked for forbidden variants.
NAME_KINDS = {
    "place",
    "ward",
    "former-district",
    "gate",
    "counterpart",
    "institution",
    "route",
    "sight",
    "festival",
    "province",
    "organisation",
    "plan",
    "agreement",
}


def _glossary(tree: ContentTree) -> dict[str, dict[str, Any]]:
    """The concepts that have a form in the default language (the one translations start from)."""
    raw = tree.data.get("glossary") or {}
    source = tree.site.default.code
    return {k: v for k, v in raw.items() if isinstance(v, dict) and v.get(source)}


def _text(tree: ContentTree, page: Page) -> str:
    return fold("\n".join(t for _, t in tree.body(page).prose))


DASHES = re.compile(r"\s*[–—-]\s*")


def loose(text: str) -> str:
    """For finding an approved form in a translation: any case, any dash spacing, no "the"."""
    return re.sub(r"\bthe\s+", "", DASHES.sub("-", fold(text).casefold()))


def single_replacements(glossary: dict[str, dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(language, forbidden variant) -> the one approved form that replaces it. A variant several
    entries forbid (凉山: the province, the zone, the expressway…) gets one fix: of all their full
    and short forms, the closest to the variant (凉山 -> 谅山, 凉山省 -> 谅山省)."""
    import difflib

    candidates: dict[tuple[str, str], set[str]] = {}
    for entry in glossary.values():
        for lang, bads in (entry.get("forbidden") or {}).items():
            forms = {str(f) for f in (entry.get(lang), (entry.get("short") or {}).get(lang)) if f}
            for bad in bads:
                candidates.setdefault((lang, str(bad)), set()).update(forms)

    def closest(bad: str, forms: set[str]) -> str:
        def distance(form: str) -> tuple[float, int]:
            return (-difflib.SequenceMatcher(None, bad, form).ratio(), len(form))

        return min(sorted(forms), key=distance) if forms else ""

    return {key: closest(key[1], forms) for key, forms in candidates.items()}


@check("terms", "XL060", "XL061")
def check_terms(tree: ContentTree) -> Iterator[Finding]:
    """Where the source names a glossary concept, the translation uses its approved form (or
    `{{ term("id") }}`); forbidden variants are flagged with their replacement.

    bad:  zh `凉山省位于越南东北部`
    good: zh `谅山省位于越南东北部` (or `{{ term("lang-son-province") }}`)
    """
    glossary = _glossary(tree)
    if not glossary:
        return
    source_lang = tree.site.default.code
    names = {cid: e for cid, e in glossary.items() if e.get("kind") in NAME_KINDS}
    by_form = {v: cid for cid, e in names.items() for v in variants(e[source_lang])}
    source_forms = _matcher(tuple(e[source_lang] for e in names.values()))
    forbidden = single_replacements(glossary)
    for page in tree.all_pages():
        if not page.readable:
            continue
        for line, text in tree.body(page).prose:
            hits = [
                (bad, replacement)
                for (lang, bad), replacement in forbidden.items()
                if lang == page.lang and fold(bad) in fold(text)
            ]
            for bad, replacement in hits:
                # 凉山省 contains 凉山: report the longer variant only
                if not any(bad != other and bad in other for other, _ in hits):
                    yield Finding.at(page.display, line, "XL061", found=bad, approved=replacement)
    for page, source in tree.translations():
        matches = sorted(set(source_forms.findall(_text(tree, source))))
        if not matches:
            continue
        used = {m for _, e in tree.body(page).jinja for m in TERM_CALL.findall(e)}
        # names the page writes through term() count as written, in the page's language
        rendered = [
            str(f)
            for cid in used
            if cid in glossary
            for f in (glossary[cid].get(page.lang), *(glossary[cid].get("short") or {}).values())
            if f
        ]
        mine = loose(_text(tree, page) + "\n" + "\n".join(rendered))
        for match in matches:
            cid = by_form[match]
            entry = glossary[cid]
            approved = glossary_model.form(entry, page.lang)
            if not approved or cid in used:
                continue
            forms = [approved, *(entry.get("short") or {}).values()]
            if not any(loose(str(f)) in mine for f in forms if f):
                yield Finding.at(
                    page.display,
                    page.body_line,
                    "XL060",
                    source_term=entry[source_lang],
                    approved=approved,
                    concept=cid,
                )
