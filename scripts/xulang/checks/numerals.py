"""How each language writes figures, for the figure check: read from its declaration in mkdocs.yml
(`languages[].extra.writing`) and from CLDR (Babel). No language is named here.

    writing:
      number_words: {mười một: 11, …}   figures written out (11–99): not missing where the other
                                        page has digits; `twenty-one` may also be `twenty one`
      scale_words: {triệu: 1000000, …}  words that multiply the figure before them, instead of
                                        CLDR's words for large numbers (million, 万, 만 …)
      month_names: true                 CLDR's month names stand for their numbers (January = 1)
      clock:                            times of day, read as 24-hour digits
        am: [a.m.]  pm: [p.m.]          after the hour: 10 p.m. = 22
        pm_before: [晚上]               before the hour (followed by an `hour_marks`): 晚上10点 = 22
        hour_marks: [点]
        hour_letter: h                  22h30 = 22:30

Decimal and group separators are CLDR's for the language's locale (8.310,18 / 8,310.18).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

from xulang.site import Language

DIGIT = re.compile(r"\d")
NOT_FIGURES = re.compile(r"\b24/7\b|COVID-19|\b5G\b|\bG322\b")  # names that hold digits


@dataclass(frozen=True)
class Numerals:
    """One language's way of writing figures."""

    number: re.Pattern[str]  # a figure in digits: group 1 the whole part, group 2 the decimals
    group: str
    words: dict[int, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    bounded: bool = True  # number words stand between spaces (not inside a run of Han)
    months: dict[str, int] = field(default_factory=dict, hash=False, compare=False)
    month_pattern: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Shared:
    """Scale words and clock times of every language: a page may quote another language's
    figure (a Chinese 万 in an English sentence), so each page reads all of them."""

    scales: dict[str, float] = field(default_factory=dict, hash=False, compare=False)
    scale_after: re.Pattern[str] | None = None
    twelve_hour: re.Pattern[str] | None = None
    twelve_tails: tuple[str, ...] = ()  # letters one of which a 12-hour time must contain
    h_time: re.Pattern[str] | None = None
    h_letters: tuple[str, ...] = ()
    pm_before: re.Pattern[str] | None = None
    pm_words: tuple[str, ...] = ()


def numerals(lang: Language | None, locale: Locale) -> Numerals:
    writing: dict[str, Any] = dict((lang.extra.get("writing") if lang else None) or {})
    decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    g, d = re.escape(group), re.escape(decimal)
    # a Chinese character may touch a number: only Latin letters, digits and separators bound it
    number = re.compile(
        rf"(?<![0-9A-Za-z.,{g}{d}])(\d{{1,3}}(?:{g}\d{{3}})+|\d+)(?:{d}(\d+))?(?!\d)"
    )
    words: dict[int, list[str]] = {}
    for word, value in (writing.get("number_words") or {}).items():
        text = str(word).casefold()
        forms = words.setdefault(int(value), [])
        forms += [text] + ([text.replace("-", " ")] if "-" in text else [])
    months: dict[str, int] = {}
    month_pattern = None
    if writing.get("month_names"):
        months = {str(n).lower(): i for i, n in locale.months["format"]["wide"].items()}
        month_pattern = re.compile(r"\b(" + "|".join(map(re.escape, months)) + r")\b", re.I)
    return Numerals(
        number=number,
        group=group,
        words={v: tuple(f) for v, f in words.items()},
        bounded=str(writing.get("script") or "") != "han",
        months=months,
        month_pattern=month_pattern,
    )


def _cldr_scales(locale: Locale) -> dict[str, float]:
    """CLDR's words for large numbers in the locale (ko: 천 10³, 만 10⁴, 억 10⁸, 조 10¹²): the long
    style where CLDR has one; never a short Latin abbreviation (K, M, Md), which reads as a unit."""
    found: dict[str, float] = {}
    styles = locale.compact_decimal_formats
    for style in ("long",) if styles.get("long") else ("short",):
        for forms in (styles.get(style) or {}).values():
            for key, pattern in forms.items():
                text = str(getattr(pattern, "pattern", pattern))
                zeros = text.count("0")
                word = re.sub(r"[0'.,¤]", "", text).replace("\u00a0", " ").strip().lower()
                if not word or not zeros or (word.isascii() and len(word) < 3):
                    continue
                found.setdefault(word, int(key) / 10 ** (zeros - 1))
    return found


def shared(languages: Iterable[Language]) -> Shared:
    scales: dict[str, float] = {}
    am: list[str] = []
    pm: list[str] = []
    pm_before: list[str] = []
    hour_marks: list[str] = []
    letters: list[str] = []
    for lang in languages:
        writing: dict[str, Any] = dict(lang.extra.get("writing") or {})
        declared = writing.get("scale_words")
        if declared:
            scales.update({str(w).lower(): float(v) for w, v in declared.items()})
        else:
            scales.update({w: v for w, v in _cldr_scales(lang.cldr).items() if w not in scales})
        clock: dict[str, Any] = dict(writing.get("clock") or {})
        am += [str(x) for x in clock.get("am") or ()]
        pm += [str(x) for x in clock.get("pm") or ()]
        pm_before += [str(x) for x in clock.get("pm_before") or ()]
        hour_marks += [str(x) for x in clock.get("hour_marks") or ()]
        if clock.get("hour_letter"):
            letters.append(str(clock["hour_letter"]))
    scale_after = None
    if scales:
        alternatives = "|".join(map(re.escape, sorted(scales, key=lambda w: (-len(w), w))))
        scale_after = re.compile(rf"[ \t\u00a0]*({alternatives})(?![a-zà-ỹ])", re.I)
    twelve_hour = None
    if am or pm:
        # `p.m.`, `pm`, `p. m.`, `PM`: the marker's letters, each perhaps followed by a dot
        def marker(forms: list[str]) -> str:
            spelled = {r"\.?\s?".join(map(re.escape, filter(str.isalnum, f))) for f in forms}
            return "|".join(sorted(spelled)) or "(?!)"

        twelve_hour = re.compile(
            r"\b(\d{1,2})(?::(\d{2}))?\s*"
            rf"(?:(?P<am>{marker(am)})|(?P<pm>{marker(pm)}))\b\.?",
            re.I,
        )
    tails = tuple(sorted({[c for c in f if c.isalnum()][-1].lower() for f in am + pm}))
    h_time = None
    if letters:
        h_time = re.compile(r"\b(\d{1,2})(?:" + "|".join(map(re.escape, letters)) + r")(\d{2})\b")
    before = None
    if pm_before and hour_marks:
        before = re.compile(
            "("
            + "|".join(map(re.escape, pm_before))
            + r")(\d{1,2})(?="
            + "|".join(map(re.escape, hour_marks))
            + ")"
        )
    return Shared(
        scales=scales,
        scale_after=scale_after,
        twelve_hour=twelve_hour,
        twelve_tails=tails,
        h_time=h_time,
        h_letters=tuple(letters),
        pm_before=before,
        pm_words=tuple(pm_before),
    )


def clock(text: str, rules: Shared) -> str:
    """12-hour and `22h30` times written as 24-hour digits (`10 p.m.` -> `22`, `22h30` ->
    `22:30`), so `22 giờ` and `10 p.m.` agree."""

    def twelve(match: re.Match[str]) -> str:
        hour, minutes = int(match.group(1)), match.group(2)
        if hour > 12:
            return match.group()
        hour = hour % 12 + (12 if match.group("pm") is not None else 0)
        return f"{hour}:{minutes}" if minutes else str(hour)

    if rules.twelve_hour and any(t in text for t in rules.twelve_tails):
        text = rules.twelve_hour.sub(twelve, text)
    if rules.h_time and any(h in text for h in rules.h_letters):
        text = rules.h_time.sub(r"\1:\2", text)
    if rules.pm_before and any(w in text for w in rules.pm_words):
        text = rules.pm_before.sub(lambda m: str(int(m.group(2)) % 12 + 12), text)
    return text


def numbers(text: str, way: Numerals, rules: Shared) -> Counter[float]:
    """Every figure in `text`, as a plain value: `51,99 tỷ` and `519.9亿` both give 5.199e10."""
    found: Counter[float] = Counter()
    if not DIGIT.search(text):
        return found
    if "24/7" in text or "COVID" in text or "5G" in text or "G322" in text:
        text = NOT_FIGURES.sub(" ", text)
    text = clock(text, rules)
    if way.month_pattern is not None:
        months = way.months
        text = way.month_pattern.sub(lambda m: f" {months[m.group(1).lower()]} ", text)
    for match in way.number.finditer(text):
        whole = match.group(1).replace(way.group, "")
        value = float(f"{whole}.{match.group(2)}" if match.group(2) else whole)
        scale = rules.scale_after.match(text, match.end()) if rules.scale_after else None
        if scale:
            value *= rules.scales[scale.group(1).lower()]
        # Up to ten, languages write numbers as words as often as digits (five, năm, 五; phase 1,
        # 一期): only larger, fractional or scaled figures can be compared reliably.
        if value > 10 or value != int(value):
            found[round(value, 6)] += 1
    return found


def written_in_words(value: float, text: str, way: Numerals) -> bool:
    """Whether `text` writes `value` out in words (`twelve`, `mười hai`, `十二`): only as an
    excuse for a difference, never counted: words such as 十万 also occur inside names."""
    if value != int(value):
        return False
    folded = text.casefold()
    for word in way.words.get(int(value), ()):
        if way.bounded:
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
                return True
        elif word in folded:
            return True
    return False
