"""Figure checks: numbers, dates, data references, URLs and phone numbers agree with the source."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from xulang.checks import check
from xulang.content import ContentTree, Page
from xulang.findings import Finding

MONTHS = {
    m: i
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
        1,
    )
}
# Multipliers written as words (vi, en) or characters (zh: 万 10^4, 亿 10^8).
SCALES = {
    "nghìn": 1e3,
    "ngàn": 1e3,
    "triệu": 1e6,
    "tỷ": 1e9,
    "tỉ": 1e9,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "万": 1e4,
    "亿": 1e8,
    "万亿": 1e12,
}
NUMBER = {
    # Vietnamese: 1.234,5 ; English and Chinese: 1,234.5
    # (a Chinese character may touch a number: only Latin letters and digits bound it)
    "vi": re.compile(r"(?<![0-9A-Za-z.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?!\d)"),
    "en": re.compile(r"(?<![0-9A-Za-z.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?!\d)"),
}
DIGIT = re.compile(r"\d")
MONTH_NAMES = re.compile(r"\b(" + "|".join(MONTHS) + r")\b", re.I)
SCALE_AFTER = re.compile(
    r"[ \t\u00a0]*(nghìn|ngàn|triệu|tỷ|tỉ|thousand|million|billion|trillion|万亿|万|亿)(?![a-zà-ỹ])",
    re.I,
)
URL = re.compile(r"https?://[^\s)>\]]+")
PHONE = re.compile(r"(?<![\w])\+?\d[\d .()-]{7,}\d(?![\w])")
ALIAS = re.compile(r"\{%\s*set\s+(\w+)\s*=\s*(data(?:\.\w+)+)\s*%\}")
DATA_PATH = re.compile(r"\b(data(?:\.\w+)+|[a-z_]\w*(?:\.\w+)+)")


NOT_FIGURES = re.compile(r"\b24/7\b|COVID-19|\b5G\b|\bG322\b")  # names that hold digits


def numbers(text: str, lang: str) -> Counter[float]:
    """Every figure in `text`, as a plain value: `51,99 tỷ` and `519.9亿` both give 5.199e10."""
    pattern = NUMBER["vi" if lang == "vi" else "en"]
    found: Counter[float] = Counter()
    if not DIGIT.search(text):
        return found
    if "24/7" in text or "COVID" in text or "5G" in text or "G322" in text:
        text = NOT_FIGURES.sub(" ", text)
    if lang == "en":
        text = MONTH_NAMES.sub(lambda m: f" {MONTHS[m.group(1).lower()]} ", text)
    for match in pattern.finditer(text):
        whole = re.sub(r"[.,]", "", match.group(1))
        value = float(f"{whole}.{match.group(2)}" if match.group(2) else whole)
        scale = SCALE_AFTER.match(text, match.end())
        if scale:
            value *= SCALES[scale.group(1).lower()]
        # Up to ten, languages write numbers as words as often as digits (five, năm, 五; phase 1,
        # 一期): only larger, fractional or scaled figures can be compared reliably.
        if value > 10 or value != int(value):
            found[round(value, 6)] += 1
    return found


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
            numbers(prose, page.lang) if has_digit else Counter(),
            Counter(URL.findall(prose)) if "://" in prose else Counter(),
            Counter(PHONE.findall(prose)) if has_digit else Counter(),
            data_paths(tree, page),
        )
    return cache[page.display]


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


@check("figures", "XL050", "XL051", "XL052", "XL053")
def check_figures(tree: ContentTree) -> Iterator[Finding]:
    """Figures, dates, data references, URLs and phone numbers of the translation match the source,
    after each language's way of writing numbers (vi 1.234,5; en 1,234.5; zh 3月5日, 万, 亿).

    bad:  vi `diện tích 8.310 km²`, en `an area of 8,130 km²`
    good: vi `diện tích {{ q(data.province.area) }}`, en `an area of {{ q(data.province.area) }}`
    """
    for page, source in tree.translations():
        mine, theirs = figures_of(tree, page), figures_of(tree, source)
        first = page.body_line
        for value in sorted(theirs.numbers - mine.numbers):
            yield Finding.at(page.display, first, "XL050", value=_show(value))
        for value in sorted(mine.numbers - theirs.numbers):
            line = next(
                (l for l, t in tree.body(page).prose if value in numbers(t, page.lang)), first
            )
            yield Finding.at(page.display, line, "XL051", value=_show(value))
        for path in sorted(theirs.paths - mine.paths):
            yield Finding.at(page.display, first, "XL052", value=path)
        for kind, want, have in (
            ("URL", theirs.urls, mine.urls),
            ("số điện thoại / phone number", theirs.phones, mine.phones),
        ):
            for value in sorted(want - have):
                yield Finding.at(page.display, first, "XL053", what=kind, value=value)
