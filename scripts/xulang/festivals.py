"""Festivals of data/festivals.yml on the Gregorian calendar: lunar dates converted with Vietnam's
lunar calendar for the coming three years from the build's date, named and dated in each
language."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

import lunar_vn
from babel import Locale

from xulang.facts import FactError, format_date, term
from xulang.site import Language

# Vietnam's lunar calendar is computed for UTC+7; China's, for UTC+8, differs in some years (Tết
# 1985 was 21 January in Vietnam and 20 February in China), so the time zone is always passed.
LUNAR_TIME_ZONE = 7.0
VIETNAM = dt.timezone(dt.timedelta(hours=LUNAR_TIME_ZONE))
YEARS = 3  # occurrences of each festival on the calendar
CALENDAR_PAGE = "du-lich/lich-le-hoi.md"  # the page that shows the calendar, in every language
CALENDAR_FILE = "du-lich/lich-le-hoi.ics"  # beside it, under each language's prefix
DATA = "festivals"  # data/festivals.yml
_PLACEHOLDER = re.compile(r"\{([a-z0-9-]+)(?::([a-z-]+))?\}")


def build_date(epoch: int | None) -> dt.date:
    """The build's date in Vietnam: from SOURCE_DATE_EPOCH or the last commit, so that a rebuild
    of one commit shows the same years. Only a build with neither (no git) reads the clock."""
    moment = (
        dt.datetime.fromtimestamp(epoch, VIETNAM) if epoch is not None else dt.datetime.now(VIETNAM)
    )
    return moment.date()


def lunar_to_gregorian(day: int, month: int, year: int, leap: bool = False) -> dt.date:
    """A date of Vietnam's lunar calendar on the Gregorian calendar. ValueError for a date that
    does not exist (a 30th in a month of 29 days, a leap month the year does not have)."""
    lunar = lunar_vn.LunarDate(day, month, year, leap)
    solar = lunar_vn.lunar_to_solar(lunar, time_zone=LUNAR_TIME_ZONE)
    # lunar_vn counts a missing 30th on into the next month: converting back tells
    if lunar_vn.solar_to_lunar(solar, time_zone=LUNAR_TIME_ZONE) != lunar:
        raise ValueError(f"lunar {day}/{month}{'+' if leap else ''}/{year} does not exist")
    return solar


@dataclass(frozen=True)
class Festival:
    id: str
    name: dict[str, str]  # language code: text with {glossary-id} placeholders
    place: dict[str, str]
    month: int
    day: int
    last_day: int  # == day for a one-day festival
    lunar: bool  # False: a fixed Gregorian date
    leap: bool
    source: str
    as_of: str
    confidence: str


@dataclass(frozen=True)
class Occurrence:
    festival: Festival
    year: int  # the (lunar or Gregorian) year whose festival this is
    first: dt.date
    last: dt.date


def _bad(where: str, problem: str) -> FactError:
    return FactError("XL025", name=f"{DATA}.{where}", problem=problem)


def _day_field(
    node: dict[str, Any], key: str, where: str, top: int, default: int | None = None
) -> int:
    value = node.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
        raise _bad(f"{where}.{key}", f"expected a whole number from 1 to {top}")
    return value


def _texts(entry: dict[str, Any], key: str, where: str, codes: tuple[str, ...]) -> dict[str, str]:
    texts = entry.get(key)
    if not isinstance(texts, dict):
        raise _bad(f"{where}.{key}", "expected a text for each language")
    missing = [code for code in codes if not isinstance(texts.get(code), str) or not texts[code]]
    if missing:
        raise FactError("XL024", name=f"{DATA}.{where}.{key}", lang=", ".join(missing))
    return {code: str(texts[code]) for code in codes}


def load(data: dict[str, Any], codes: tuple[str, ...]) -> list[Festival]:
    """The published festivals of data/festivals.yml (verified: false left out), checked."""
    tree = data.get(DATA)
    if tree is None:
        return []
    if not isinstance(tree, dict):
        raise _bad("", "expected one entry per festival")
    festivals = []
    for fid, entry in tree.items():
        if not isinstance(entry, dict):
            raise _bad(str(fid), "expected name, place, lunar (or solar), source, as_of")
        if entry.get("verified") is False:
            continue
        kind = "lunar" if "lunar" in entry else "solar"
        when = entry.get(kind)
        if not isinstance(when, dict):
            raise _bad(str(fid), "expected `lunar: {month, day}` or `solar: {month, day}`")
        where = f"{fid}.{kind}"
        month = _day_field(when, "month", where, 12)
        day = _day_field(when, "day", where, 30 if kind == "lunar" else 31)
        last = _day_field(when, "last_day", where, 30 if kind == "lunar" else 31, day)
        if last < day:
            raise _bad(f"{where}.last_day", "comes before `day`")
        if kind == "solar":
            _check_solar(month, last, where)
        if not isinstance(when.get("leap", False), bool):
            raise _bad(f"{where}.leap", "expected true or false")
        for key in ("source", "as_of", "confidence"):
            if not entry.get(key):
                raise _bad(f"{fid}.{key}", "every festival needs its source, as_of and confidence")
        festivals.append(
            Festival(
                id=str(fid),
                name=_texts(entry, "name", str(fid), codes),
                place=_texts(entry, "place", str(fid), codes),
                month=month,
                day=day,
                last_day=last,
                lunar=kind == "lunar",
                leap=when.get("leap", False),
                source=str(entry["source"]),
                as_of=str(entry["as_of"]),
                confidence=str(entry["confidence"]),
            )
        )
    return festivals


def _check_solar(month: int, day: int, where: str) -> None:
    try:
        dt.date(2000, month, day)  # a leap year: 29 February exists
    except ValueError:
        raise _bad(where, f"{month}/{day} is not a date") from None


def occurrence(festival: Festival, year: int) -> Occurrence | None:
    """The festival of one year, or None when that year has no such date (a leap month)."""
    try:
        if festival.lunar:
            first = lunar_to_gregorian(festival.day, festival.month, year, festival.leap)
            last = lunar_to_gregorian(festival.last_day, festival.month, year, festival.leap)
        else:
            first = dt.date(year, festival.month, festival.day)
            last = dt.date(year, festival.month, festival.last_day)
    except ValueError:
        if festival.leap or not festival.lunar:  # leap months and 29 February come and go
            return None
        raise _bad(
            festival.id,
            f"day {festival.last_day} of month {festival.month} does not "
            f"exist in the lunar year {year}",
        ) from None
    return Occurrence(festival, year, first, last)


def upcoming(festival: Festival, today: dt.date, count: int = YEARS) -> list[Occurrence]:
    """The next `count` times the festival is held, from `today` (one under way included)."""
    found: list[Occurrence] = []
    # a lunar year starts in January or February: its twelfth month reaches into the next year
    year = today.year - 1
    while len(found) < count and year < today.year + count + 40:
        held = occurrence(festival, year)
        if held is not None and held.last >= today:
            found.append(held)
        year += 1
    return found


def calendar(data: dict[str, Any], codes: tuple[str, ...], today: dt.date) -> list[Occurrence]:
    """Every festival's coming occurrences, in date order."""
    occurrences = [o for f in load(data, codes) for o in upcoming(f, today)]
    return sorted(occurrences, key=lambda o: (o.first, o.last, o.festival.id))


class Writer:
    """Festival names, places and dates as one language writes them (its `extra.calendar` in
    mkdocs.yml: lunar month and day names, patterns, strings of the .ics file)."""

    def __init__(self, language: Language, glossary: dict[str, Any]) -> None:
        self.language = language
        self.glossary = glossary
        self.settings: dict[str, Any] = dict(language.extra.get("calendar") or {})
        self._locale: Locale | None = None

    def setting(self, key: str) -> Any:
        if key not in self.settings:
            raise FactError("XL021", name=f"{self.language.code}.extra.calendar.{key}")
        return self.settings[key]

    def text(self, template: str) -> str:
        """`{glossary-id}`, `{glossary-id:short}` and `{glossary-id:<lang>}` replaced by forms."""
        code = self.language.code
        return _PLACEHOLDER.sub(lambda m: term(self.glossary, m[1], code, m[2]), template)

    def name(self, festival: Festival) -> str:
        return self.text(festival.name[self.language.code])

    def place(self, festival: Festival) -> str:
        return self.text(festival.place[self.language.code])

    def gregorian(self, day: dt.date) -> str:
        return format_date(day.isoformat(), self.language.code)

    def dates(self, held: Occurrence) -> str:
        if held.first == held.last:
            return self.gregorian(held.first)
        return str(self.setting("span")).format(
            first=self.gregorian(held.first), last=self.gregorian(held.last)
        )

    def lunar(self, festival: Festival) -> str:
        """The lunar date: "mùng 4 tháng Giêng", "4th day of the 1st lunar month",
        "农历正月初四"; "" for a festival on a Gregorian date."""
        if not festival.lunar:
            return ""
        month = self._numbered("lunar_months", festival.month)
        if festival.leap:
            month = str(self.setting("leap_month")).format(month=month)
        if festival.day == festival.last_day:
            day = self._numbered("lunar_days", festival.day)
            return str(self.setting("lunar_date")).format(day=day, month=month)
        return str(self.setting("lunar_span")).format(
            first=self._numbered("lunar_days", festival.day),
            last=self._numbered("lunar_days", festival.last_day),
            month=month,
        )

    def _numbered(self, key: str, n: int) -> str:
        """The n-th name of a list, a pattern from a threshold on ({1: 'mùng {n}', 11: '{n}'}),
        or `ordinal`: the language's ordinal by CLDR's rules (1st, 22nd)."""
        names = self.setting(key)
        if isinstance(names, list) and len(names) >= n:
            return str(names[n - 1])
        if isinstance(names, dict) and names:
            start = max((int(k) for k in names if int(k) <= n), default=min(int(k) for k in names))
            pattern = names.get(start, names.get(str(start)))
            return str(pattern).format(n=n)
        if names == "ordinal":
            if self._locale is None:
                self._locale = Locale.parse(self.language.bcp47, sep="-")
            forms = self.setting("ordinal")
            form = forms.get(self._locale.ordinal_form(n), forms.get("other", "{n}"))
            return str(form).format(n=n)
        raise FactError(
            "XL025",
            name=f"{self.language.code}.extra.calendar.{key}",
            problem="expected a list of names, {from: pattern} or `ordinal`",
        )


@dataclass(frozen=True)
class CalendarView:
    """What a page's `festival_calendar()` gives: the years, and the link to the .ics file."""

    years: list[dict[str, Any]]
    file: str  # relative to the page


def calendar_href(language: Language, page_url: str) -> str:
    """The language's .ics file, relative to a page's URL ("../lich-le-hoi.ics")."""
    here = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    return posixpath.relpath(language.prefix + CALENDAR_FILE, here.rstrip("/") or ".")


def page_view(
    data: dict[str, Any], language: Language, codes: tuple[str, ...], today: dt.date, page_url: str
) -> CalendarView:
    """The coming festivals grouped by Gregorian year, every text in the page's language."""
    writer = Writer(language, data.get("glossary") or {})
    years = []
    for year, group in groupby(calendar(data, codes, today), key=lambda o: o.first.year):
        events = [
            {
                "id": held.festival.id,
                "name": writer.name(held.festival),
                "lunar": writer.lunar(held.festival),
                "dates": writer.dates(held),
                "place": writer.place(held.festival),
                "first": held.first.isoformat(),
                "last": held.last.isoformat(),
            }
            for held in group
        ]
        years.append({"year": year, "events": events})
    return CalendarView(years, calendar_href(language, page_url))


def page_functions(
    data: dict[str, Any],
    language: Language,
    codes: tuple[str, ...],
    epoch: int | None,
    page_url: str,
) -> dict[str, Callable[[], CalendarView]]:
    """The Jinja functions of a page: `festival_calendar()`, computed only when called."""
    return {
        "festival_calendar": lambda: page_view(data, language, codes, build_date(epoch), page_url)
    }
