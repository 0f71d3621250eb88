"""Figure checks: numbers, dates, data references, URLs and phone numbers agree with the source."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from xulang.checks.numerals import (
    DIGIT,
    Numerals,
    Shared,
    numbers,
    numerals,
    shared,
    written_in_words,
)
from xulang.checks.registry import check
from xulang.content import ContentTree, Page
from xulang.findings import Finding
from xulang.locales import cldr_locale

URL = re.compile(r"https?://[^\s)>\]]+")
PHONE = re.compile(r"(?<![\w])\+?\d[\d .()-]{7,}\d(?![\w])")
ALIAS = re.compile(r"\{%\s*set\s+(\w+)\s*=\s*(data(?:\.\w+)+)\s*%\}")
DATA_PATH = re.compile(r"\b(data(?:\.\w+)+|[a-z_]\w*(?:\.\w+)+)")


def _reading(tree: ContentTree) -> tuple[dict[str, Numerals], Shared]:
    """Each language's way of writing figures (its declaration and CLDR), read once per tree."""
    memo = tree.memo.setdefault("numerals", {})
    if not memo:
        declared = {lang.code: lang for lang in (*tree.site.declared, *tree.site.languages)}
        memo["ways"] = {code: numerals(lang, lang.cldr) for code, lang in declared.items()}
        memo["shared"] = shared(declared.values())
    ways: dict[str, Numerals] = memo["ways"]
    rules: Shared = memo["shared"]
    return ways, rules


def _way(tree: ContentTree, lang: str) -> tuple[Numerals, Shared]:
    ways, rules = _reading(tree)
    if lang not in ways:  # a folder no language declares: CLDR's figures for the code
        ways[lang] = numerals(None, cldr_locale(lang))
    return ways[lang], rules


def numbers_of(tree: ContentTree, text: str, lang: str) -> Counter[float]:
    """Every figure in `text` as the page's language writes it (see xulang.checks.numerals)."""
    way, rules = _way(tree, lang)
    return numbers(text, way, rules)


def _in_words(tree: ContentTree, value: float, text: str, lang: str) -> bool:
    return written_in_words(value, text, _way(tree, lang)[0])


def _prose(tree: ContentTree, page: Page) -> str:
    return "\n".join(text for _, text in tree.body(page).prose)


@dataclass(frozen=True)
class Figures:
    """What one page states as figures, computed once (a source serves two translations)."""

    numbers: Counter[float]
    urls: Counter[str]
    phones: Counter[str]
    paths: Counter[str]


def figures_of(tree: ContentTree, page: Page) -> Figures:
    cache = tree.memo.setdefault("figures", {})
    if page.display not in cache:
        prose = _prose(tree, page)
        has_digit = DIGIT.search(prose) is not None
        cache[page.display] = Figures(
            numbers_of(tree, prose, page.lang) if has_digit else Counter(),
            Counter(URL.findall(prose)) if "://" in prose else Counter(),
            Counter(PHONE.findall(prose)) if has_digit else Counter(),
            data_paths(tree, page),
        )
    found: Figures = cache[page.display]
    return found


def _show(value: float) -> str:
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def data_paths(tree: ContentTree, page: Page) -> Counter[str]:
    """The facts a page uses, with `{% set g = data.gates %}` aliases resolved."""
    aliases: dict[str, str] = {}
    paths: Counter[str] = Counter()
    for _, expression in tree.body(page).jinja:
        if alias := ALIAS.search(expression):
            aliases[alias.group(1)] = alias.group(2)
            continue
        for path in DATA_PATH.findall(expression):
            head, _, rest = path.partition(".")
            if head in aliases:
                path = f"{aliases[head]}.{rest}"
            if path.startswith("data."):
                paths[path] += 1
    return Counter(p for p in set(paths) if _is_figure(tree.data, p))


def _is_figure(data: dict[str, object], path: str) -> bool:
    """Whether a data path names a number, a date or a year (text facts are not figures)."""
    node: object = data
    parts = path.split(".")[1:]
    for i, part in enumerate(parts):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
        if isinstance(node, dict) and "value" in node:
            rest = parts[i + 1 :]
            if rest:
                return rest[-1] in ("as_of", "value") and rest[-1] == "as_of" or _numeric(node)
            return _numeric(node)
    return False


def _numeric(entry: dict[str, object]) -> bool:
    value = entry.get("value")
    if entry.get("kind") in ("number", "date", "year"):
        return True
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _line_of(tree: ContentTree, page: Page, has: Callable[[str], bool]) -> int | None:
    """The first prose line of `page` for which `has(text)` holds."""
    return next((line for line, text in tree.body(page).prose if has(text)), None)


def aligned(tree: ContentTree, page: Page, source: Page, line: int | None) -> int:
    """The line of the translation that says what `line` of the source says: the same section
    (counted by headings), at the same place within it. The first body line when unknown."""
    if line is None:
        return page.body_line
    theirs = [n for n, _ in tree.body(source).prose]
    mine = [n for n, _ in tree.body(page).prose]
    if not theirs or not mine:
        return page.body_line
    heads_theirs = [e.line for e in tree.body(source).of("heading")]
    heads_mine = [e.line for e in tree.body(page).of("heading")]
    section = sum(1 for h in heads_theirs if h <= line)
    if line in heads_theirs and len(heads_mine) == len(heads_theirs):
        return heads_mine[heads_theirs.index(line)]  # the figure is in a heading

    def span(lines: list[int], heads: list[int], k: int) -> list[int]:
        start = heads[k - 1] if 0 < k <= len(heads) else 0
        end = heads[k] if k < len(heads) else 10**9
        return [n for n in lines if start < n < end] or [n for n in lines if n == start]

    if len(heads_mine) == len(heads_theirs):
        src, dst = span(theirs, heads_theirs, section), span(mine, heads_mine, section)
    else:
        src, dst = theirs, mine
    if not src or not dst:
        return dst[0] if dst else page.body_line
    index = bisect.bisect_left(src, line)  # a line of Jinja only: the place it would take
    return dst[min(len(dst) - 1, round(index * (len(dst) - 1) / max(1, len(src) - 1)))]


def _holds(tree: ContentTree, value: float, lang: str) -> Callable[[str], bool]:
    return lambda text: value in numbers_of(tree, text, lang)


def _missing_at(tree: ContentTree, page: Page, source: Page, value: float) -> int:
    """Where the translation lacks a figure of the source: the first sentence that has it in the
    source and not in the translation (a figure written twice may be missing the second time)."""
    mine = dict(tree.body(page).prose)
    first = None
    for line, text in tree.body(source).prose:
        if value in numbers_of(tree, text, source.lang):
            here = aligned(tree, page, source, line)
            first = first or here
            if value not in numbers_of(tree, mine.get(here, ""), page.lang):
                return here
    return first or page.body_line


def _jinja_line(tree: ContentTree, page: Page, path: str) -> int | None:
    leaf = path.rsplit(".", 1)[-1]
    return next((line for line, e in tree.body(page).jinja if leaf in e), None)


@check("figures", "XL050", "XL051", "XL052", "XL053")
def check_figures(tree: ContentTree) -> Iterator[Finding]:
    """Figures, dates, data references, URLs and phone numbers of the translation match the source,
    after each language's way of writing numbers (vi 1.234,5; en 1,234.5; zh 3月5日, 万, 亿), of
    telling the time (22 giờ = 10 p.m. = 晚上10点) and of writing small numbers in words.

    bad:  vi `diện tích 8.310 km²`, en `an area of 8,130 km²`
    good: vi `diện tích {{ q(data.province.area) }}`, en `an area of {{ q(data.province.area) }}`
    """
    for page, source in tree.translations():
        mine, theirs = figures_of(tree, page), figures_of(tree, source)
        my_prose, their_prose = _prose(tree, page), _prose(tree, source)
        for value in sorted(theirs.numbers - mine.numbers):
            if _in_words(tree, value, my_prose, page.lang):
                continue
            line = _missing_at(tree, page, source, value)
            yield Finding.at(page.display, line, "XL050", value=_show(value))
        for value in sorted(mine.numbers - theirs.numbers):
            if _in_words(tree, value, their_prose, source.lang):
                continue
            at = _line_of(tree, page, _holds(tree, value, page.lang))
            yield Finding.at(page.display, at or page.body_line, "XL051", value=_show(value))
        for path in sorted(theirs.paths - mine.paths):
            line = aligned(tree, page, source, _jinja_line(tree, source, path))
            yield Finding.at(page.display, line, "XL052", value=path)
        for kind, want, have in (
            ("URL", theirs.urls, mine.urls),
            ("số điện thoại / phone number", theirs.phones, mine.phones),
        ):
            for item in sorted(want - have):
                at = _line_of(tree, source, item.__contains__)
                line = aligned(tree, page, source, at)
                yield Finding.at(page.display, line, "XL053", what=kind, value=item)
