"""Figure checks: numbers, dates, data references, URLs and phone numbers agree with the source."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from xulang.checks import check
from xulang.content import ContentTree, Page
from xulang.findings import Finding

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
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
    r"[ \t\u00a0]*(nghìn|ngàn|triệu|tỷ|tỉ|thousand|million|billion|trillion|万亿|万|亿)"
    r"(?![a-zà-ỹ])",
    re.I,
)
URL = re.compile(r"https?://[^\s)>\]]+")
PHONE = re.compile(r"(?<![\w])\+?\d[\d .()-]{7,}\d(?![\w])")
ALIAS = re.compile(r"\{%\s*set\s+(\w+)\s*=\s*(data(?:\.\w+)+)\s*%\}")
DATA_PATH = re.compile(r"\b(data(?:\.\w+)+|[a-z_]\w*(?:\.\w+)+)")


NOT_FIGURES = re.compile(r"\b24/7\b|COVID-19|\b5G\b|\bG322\b")  # names that hold digits

# A time of day is one figure however a language writes it: vi `22 giờ`, `22h30`; en `10 p.m.`,
# `10:30 p.m.`; zh `晚上10点`, `22时`. Before figures are read, clock times become 24-hour digits
# (`10 p.m.` -> `22`, `22h30` -> `22:30`), so `22 giờ` and `10 p.m.` agree.
TWELVE_HOUR = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b\.?", re.I)
H_TIME = re.compile(r"\b(\d{1,2})h(\d{2})\b")
ZH_AFTERNOON = re.compile(r"(下午|晚上|傍晚)(\d{1,2})(?=[点时:：])")


def _clock(text: str) -> str:
    """12-hour and `22h30` times written as 24-hour digits (see TWELVE_HOUR)."""

    def twelve(match: re.Match[str]) -> str:
        hour, minutes, half = int(match.group(1)), match.group(2), match.group(3).lower()
        if hour > 12:
            return match.group()
        hour = hour % 12 + (12 if half == "p" else 0)
        return f"{hour}:{minutes}" if minutes else str(hour)

    if "m" in text:
        text = TWELVE_HOUR.sub(twelve, text)
    if "h" in text:
        text = H_TIME.sub(r"\1:\2", text)
    if "午" in text or "晚" in text:
        text = ZH_AFTERNOON.sub(lambda m: str(int(m.group(2)) % 12 + 12), text)
    return text


# Figures written as words (`twelve`, `mười hai`, `十二`): a figure the other page has in digits
# is not missing if this one writes it out. Only as an excuse for a difference, never counted:
# words such as 十万 also occur inside names (十万大山).
_EN_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_VI_UNITS = ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_ZH_UNITS = "一二三四五六七八九"


def in_words(value: float, lang: str) -> tuple[str, ...]:
    """How `lang` may write a whole number from 11 to 99 in words (nothing for other values)."""
    if value != int(value) or not 11 <= value <= 99:
        return ()
    tens, units = divmod(int(value), 10)
    if lang == "vi":
        if tens == 1:
            unit = {0: "", 5: " lăm"}.get(units, f" {_VI_UNITS[units - 1]}")
            return (f"mười{unit}",)
        head = f"{_VI_UNITS[tens - 1]} mươi"
        unit = {0: "", 1: " mốt", 4: " tư", 5: " lăm"}.get(units, f" {_VI_UNITS[units - 1]}")
        forms = [head + unit]
        if units in (4, 5):
            forms.append(f"{head} {_VI_UNITS[units - 1]}")
        return tuple(forms)
    if lang == "en":
        if tens == 1:
            return (_EN_TEENS[units],)
        if not units:
            return (_EN_TENS[tens - 2],)
        word = f"{_EN_TENS[tens - 2]}-{_EN_UNITS[units - 1]}"
        return (word, word.replace("-", " "))
    head = "十" if tens == 1 else f"{_ZH_UNITS[tens - 1]}十"
    return (head + (_ZH_UNITS[units - 1] if units else ""),)


def written_in_words(value: float, text: str, lang: str) -> bool:
    folded = text.casefold()
    for word in in_words(value, lang):
        if lang in ("vi", "en"):
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
                return True
        elif word in folded:
            return True
    return False


def numbers(text: str, lang: str) -> Counter[float]:
    """Every figure in `text`, as a plain value: `51,99 tỷ` and `519.9亿` both give 5.199e10."""
    pattern = NUMBER["vi" if lang == "vi" else "en"]
    found: Counter[float] = Counter()
    if not DIGIT.search(text):
        return found
    if "24/7" in text or "COVID" in text or "5G" in text or "G322" in text:
        text = NOT_FIGURES.sub(" ", text)
    text = _clock(text)
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


def _holds(value: float, lang: str) -> Callable[[str], bool]:
    return lambda text: value in numbers(text, lang)


def _missing_at(tree: ContentTree, page: Page, source: Page, value: float) -> int:
    """Where the translation lacks a figure of the source: the first sentence that has it in the
    source and not in the translation (a figure written twice may be missing the second time)."""
    mine = dict(tree.body(page).prose)
    first = None
    for line, text in tree.body(source).prose:
        if value in numbers(text, source.lang):
            here = aligned(tree, page, source, line)
            first = first or here
            if value not in numbers(mine.get(here, ""), page.lang):
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
            if written_in_words(value, my_prose, page.lang):
                continue
            line = _missing_at(tree, page, source, value)
            yield Finding.at(page.display, line, "XL050", value=_show(value))
        for value in sorted(mine.numbers - theirs.numbers):
            if written_in_words(value, their_prose, source.lang):
                continue
            at = _line_of(tree, page, _holds(value, page.lang))
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
