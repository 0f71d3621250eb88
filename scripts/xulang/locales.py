"""Numbers, dates and units in each language, from CLDR (Babel) and the language's declaration.

No language is named here. A language declared in mkdocs.yml gets CLDR's formats for its locale;
its `extra:` block may say more where CLDR has no words or the site writes otherwise:

    extra:
      locale: zh_Hans            # the CLDR locale (default: the language tag, else the code)
      units: {people: "{n}人", USD: "{n}美元"}  # a unit's (or currency's) words, {n} the number
      ui: {date.day: d/M/y}      # CLDR date patterns: day, month (year and month), year

`xulang.site` registers every language it reads (`register`), so that code which only knows a
page's language code (`format_number(value, "xx")`) formats as the declaration says.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as cldr_date
from babel.dates import format_skeleton
from babel.numbers import NumberPattern, format_compact_decimal, parse_pattern
from babel.units import format_unit


@dataclass(frozen=True)
class Unit:
    """A unit facts may carry (`unit:` in data/*.yml), as CLDR knows it."""

    cldr: str | None = None  # CLDR's unit id (babel.units), None: no CLDR words
    width: Literal["short", "long", "narrow"] = "short"
    base: float | None = None  # counts: how many things one unit is (84.4 usd_bn = 84.4e9 USD)
    currency: str | None = None  # ISO 4217 code of a sum of money


# The units facts may carry. Counts (with a `base`) are written from the base count: a language
# whose `numbers` declaration asks for compact figures gets CLDR's words for large numbers: 84.4
# usd_bn is "84,4 tỷ USD", "US$84.4 billion", "844亿美元"; 807315 people "80.73万人".
QUANTITIES: dict[str, Unit] = {
    "km2": Unit("area-square-kilometer"),
    "km": Unit("length-kilometer"),
    "m": Unit("length-meter"),
    "ha": Unit("area-hectare"),
    "percent": Unit("concentr-percent"),
    "celsius": Unit("temperature-celsius"),
    "px": Unit("graphics-pixel"),
    "years": Unit("duration-year", "long"),
    "people": Unit(base=1),
    "visits": Unit(base=1),
    "trucks_per_day": Unit(base=1),
    "tonnes": Unit("mass-tonne", base=1),
    "usd_bn": Unit(base=1e9, currency="USD"),
    "usd_m": Unit(base=1e6, currency="USD"),
    "vnd_trillion": Unit(base=1e12, currency="VND"),
    "vnd_bn": Unit(base=1e9, currency="VND"),
    "vnd": Unit(base=1, currency="VND"),
}


class UnitError(ValueError):
    """A unit no one can write in a language (neither CLDR nor the declaration has words)."""


@dataclass(frozen=True)
class Formats:
    """What a language declares about its figures (its `extra:` block)."""

    locale: str
    units: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    dates: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


_REGISTRY: dict[str, Formats] = {}
DATE_KEYS = {"day": "date.day", "month": "date.month", "year": "date.year"}


def register(code: str, locale: str, extra: dict[str, Any]) -> None:
    """Remember how language `code` writes figures (for each language mkdocs.yml declares)."""
    ui = extra.get("ui") or {}
    _REGISTRY[code] = Formats(
        locale=locale,
        units={str(k): str(v) for k, v in (extra.get("units") or {}).items()},
        dates={kind: str(ui[key]) for kind, key in DATE_KEYS.items() if ui.get(key)},
    )


def formats(lang: str) -> Formats:
    """The registered formats of a language code, else CLDR's for the code read as a locale."""
    return _REGISTRY.get(lang) or Formats(locale=lang)


@cache
def cldr_locale(name: str) -> Locale:
    """The Babel locale for a locale name or language code (CLDR's root when it knows neither)."""
    for candidate in (name, name.replace("-", "_"), re.split(r"[-_]", name)[0]):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("root")


def locale_of(lang: str) -> Locale:
    return cldr_locale(formats(lang).locale)


def format_number(value: float | int, lang: str, decimals: int | None = None) -> str:
    """A number with the language's separators (CLDR): 8.310,18 / 8,310.18; `decimals` fixed,
    else as many as the value has."""
    if decimals is None:
        text = repr(value) if isinstance(value, float) else str(value)
        decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    text = _number_pattern(decimals).apply(value, locale_of(lang))
    return str(text).replace("\xa0", " ")


@cache
def _number_pattern(decimals: int) -> NumberPattern:
    # parsed once: pages format thousands of figures per build
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


def compact_number(count: float, lang: str, numbers: dict[str, Any], decimals: int | None) -> str:
    """A count as the language writes it: from `compact_from` up in CLDR's compact form for the
    language (Babel: 4,4 triệu, 4.4 million, 80.73万, 1.56亿), below it in full."""
    start = float(numbers.get("compact_from", 1_000_000))
    if abs(count) < start or not numbers.get("compact"):
        return format_number(int(count) if count == int(count) else count, lang, decimals)
    locale = cldr_locale(str(numbers["locale"])) if numbers.get("locale") else locale_of(lang)
    style: Literal["short", "long"] = "long" if numbers["compact"] == "long" else "short"
    if style not in locale.compact_decimal_formats:  # Korean CLDR has only the short style
        style = "short"
    fraction = 2 if decimals is None else decimals
    return str(
        format_compact_decimal(count, format_type=style, locale=locale, fraction_digits=fraction)
    ).replace("\xa0", " ")


def unit_pattern(unit: str, lang: str) -> str:
    """How `lang` writes a quantity of `unit`, {n} standing for the number: the declaration's
    `units:` first, else CLDR's pattern for the unit or the currency."""
    spec = QUANTITIES.get(unit)
    if spec is None:
        raise UnitError(f"unknown unit {unit}")
    declared = formats(lang).units
    # a sum of money may be declared once for its currency (USD: "US${n}")
    for key in (unit, spec.currency):
        if key and declared.get(key):
            return declared[key]
    locale = locale_of(lang)
    if spec.currency:  # CLDR's long form: the number, then the currency's name ("{n}美元")
        pattern = str(locale._data["currency_unit_patterns"].get("other", "{0} {1}"))
        plural = locale._data["currency_names_plural"].get(spec.currency, {})
        name = plural.get("other") or locale._data["currency_names"].get(
            spec.currency, spec.currency
        )
        return pattern.replace("{0}", "{n}").replace("{1}", str(name)).replace("\xa0", " ")
    if spec.cldr:
        for width in dict.fromkeys((spec.width, "short")):
            # 7 stands for the number (no unit's words hold a 7); Babel writes "7 area-…" when
            # CLDR has no pattern of that width
            text = str(format_unit(7, spec.cldr, width, format="0", locale=locale))
            if text.count("7") == 1 and spec.cldr not in text:
                return text.replace("7", "{n}").replace("\xa0", " ").replace("\u202f", " ")
    raise UnitError(f"no words for {unit}: add `units: {{{unit}: …}}` to the language's extra")


def format_date(value: str | dt.date, lang: str) -> str:
    """ISO "YYYY-MM-DD", "YYYY-MM" or "YYYY" in the language's own way: the declared patterns
    (`ui: date.day / date.month / date.year`), else CLDR's long date, year-month and year."""
    declared = formats(lang)
    return _date_text(str(value), declared.locale, tuple(sorted(declared.dates.items())))


@cache  # every page shows dates, most of them the same few
def _date_text(value: str, locale_name: str, patterns: tuple[tuple[str, str], ...]) -> str:
    parts = [int(p) for p in value.split("-")[:3]]
    year, month, day = (parts + [0, 0])[:3]
    declared = dict(patterns)
    locale = cldr_locale(locale_name)
    date = dt.date(year, month or 1, day or 1)
    if day:
        kind, skeleton = "day", None
    elif month:
        kind, skeleton = "month", "yMMMM"
    else:
        kind, skeleton = "year", "y"
    if kind in declared:
        return str(cldr_date(date, declared[kind], locale=locale))
    if skeleton is None:
        return str(cldr_date(date, "long", locale=locale))
    return str(format_skeleton(skeleton, date, locale=locale))
