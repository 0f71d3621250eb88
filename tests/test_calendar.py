"""The festival calendar: lunar dates on Vietnam's calendar, the page in each language, and the
iCalendar file per language that a phone imports."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import icalendar
import lunar_vn
import pytest
import yaml
from conftest import ROOT, Built
from test_nginx import nginx as nginx_server  # noqa: F401  (test_nginx.py's nginx, as a fixture)
from xulang import festivals
from xulang.facts import load_data
from xulang.plugin import ics
from xulang.render import RenderError, render_markdown
from xulang.site import Site, load_site

# Tết as Vietnam's published calendars give it (the years the brief names, and the next ones)
KNOWN_TET = {
    2024: dt.date(2024, 2, 10),
    2025: dt.date(2025, 1, 29),
    2026: dt.date(2026, 2, 17),
    2027: dt.date(2027, 2, 6),
    2028: dt.date(2028, 1, 26),
    2029: dt.date(2029, 2, 13),
}
# Years when Vietnam's calendar (UTC+7) and China's (UTC+8) put Tết on different days
VIETNAM_NOT_CHINA = {
    1985: (dt.date(1985, 1, 21), dt.date(1985, 2, 20)),
    2007: (dt.date(2007, 2, 17), dt.date(2007, 2, 18)),
}
MONTHS_EN = "January February March April May June July August September October November December"
# How each language writes a date (a test of each language's behaviour names the languages)
WRITTEN = {
    "vi": lambda d: f"{d.day}/{d.month}/{d.year}",
    "en": lambda d: f"{d.day} {MONTHS_EN.split()[d.month - 1]} {d.year}",
    "zh": lambda d: f"{d.year}年{d.month}月{d.day}日",
}


@pytest.fixture(scope="module")
def site() -> Site:
    saved = os.environ.pop("SITE_URL", None)  # the built site's address: mkdocs.yml's default
    try:
        return load_site(ROOT).published()  # the languages the production build has
    finally:
        if saved is not None:
            os.environ["SITE_URL"] = saved


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    loaded, findings = load_data(ROOT / "data", ROOT)
    assert not findings
    return loaded


def raw_festivals() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "data" / "festivals.yml").read_text(encoding="utf-8")))


def build_epoch() -> int:
    """The date the `built` fixture's build counted from: SOURCE_DATE_EPOCH or the last commit."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    out = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    if not out.isdigit():
        pytest.skip("no git history and no SOURCE_DATE_EPOCH: the build read the clock")
    return int(out)


def calendar_file(built: Built, site: Site, code: str) -> icalendar.Calendar:
    path = built.site / site.language(code).prefix / festivals.CALENDAR_FILE
    return icalendar.Calendar.from_ical(path.read_bytes())


def events(cal: icalendar.Calendar) -> list[icalendar.Event]:
    return list(cal.walk("VEVENT"))


def span(event: icalendar.Event) -> tuple[dt.date, dt.date]:
    """First and last day of an all-day event (DTEND is the day after)."""
    first = event.decoded("dtstart")
    return first, event.decoded("dtend") - dt.timedelta(days=1)


# -- the conversion -----------------------------------------------------------------------------


@pytest.mark.parametrize("year", sorted(KNOWN_TET))
def test_tet_falls_on_the_published_date(year: int) -> None:
    """Tết on the calendar is the day Vietnam celebrates it."""
    assert festivals.lunar_to_gregorian(1, 1, year) == KNOWN_TET[year]


@pytest.mark.parametrize("year", sorted(VIETNAM_NOT_CHINA))
def test_vietnams_lunar_calendar_not_chinas(year: int) -> None:
    """In the years the two calendars part, the page gives Vietnam's date, not China's."""
    vietnam, china = VIETNAM_NOT_CHINA[year]
    assert festivals.lunar_to_gregorian(1, 1, year) == vietnam
    # the difference is the time zone the calendar is computed for
    assert lunar_vn.lunar_to_solar(lunar_vn.LunarDate(1, 1, year), time_zone=8.0) == china


def test_a_day_the_month_lacks_is_refused() -> None:
    """A 30th in a month of 29 days is not silently moved to the next month."""
    assert festivals.lunar_to_gregorian(29, 12, 2025) == dt.date(2026, 2, 16)
    with pytest.raises(ValueError):
        festivals.lunar_to_gregorian(30, 12, 2025)  # that month had 29 days: 30 would be Tết


def test_the_calendar_counts_from_the_date_it_is_given(data: dict[str, Any], site: Site) -> None:
    """Each festival appears three times, from its next occurrence on (one under way included)."""
    codes = site.codes

    def tet(today: dt.date) -> list[dt.date]:
        found = festivals.calendar(data, codes, today)
        return [o.first for o in found if o.festival.id == "tet"]

    assert tet(dt.date(2025, 6, 15)) == [KNOWN_TET[2026], KNOWN_TET[2027], KNOWN_TET[2028]]
    assert tet(KNOWN_TET[2026]) == [KNOWN_TET[2026], KNOWN_TET[2027], KNOWN_TET[2028]]
    assert tet(KNOWN_TET[2026] + dt.timedelta(days=1))[0] == KNOWN_TET[2027]
    # the temple festival runs from the 22nd to the 27th: on its third day it is still listed
    on = festivals.calendar(data, codes, dt.date(2026, 3, 12))
    temple = [(o.first, o.last) for o in on if o.festival.id == "ky_cung_ta_phu"]
    assert temple[0] == (dt.date(2026, 3, 10), dt.date(2026, 3, 15))
    assert len(temple) == festivals.YEARS
    ids = {o.festival.id for o in on}
    assert ids == set(raw_festivals())


def test_a_festival_on_a_gregorian_date_keeps_its_day(site: Site) -> None:
    """A festival typed with `solar:` is listed on that day every year, without a lunar date."""
    texts = {code: "x" for code in site.codes}
    data = {
        "festivals": {
            "day": {
                "name": texts,
                "place": texts,
                "solar": {"month": 2, "day": 29},
                "source": "s",
                "as_of": "2026",
                "confidence": "high",
            }
        }
    }
    found = festivals.calendar(data, site.codes, dt.date(2026, 1, 1))
    # 29 February comes only in leap years
    assert [o.first for o in found] == [
        dt.date(2028, 2, 29),
        dt.date(2032, 2, 29),
        dt.date(2036, 2, 29),
    ]
    writer = festivals.Writer(site.language(site.default.code), {})
    assert writer.lunar(found[0].festival) == ""


def test_festival_dates_agree_with_the_tourism_facts(data: dict[str, Any]) -> None:
    """The calendar and the festivals page never give two different days for one festival."""
    raw, details = raw_festivals(), data["tourism"]["market_festival_details"]
    pairs = [
        (raw["ky_cung_ta_phu"]["lunar"]["day"], details["ky_cung_ta_phu"]["start_day"]),
        (raw["ky_cung_ta_phu"]["lunar"]["last_day"], details["ky_cung_ta_phu"]["end_day"]),
        (raw["long_tong_ban_chu"]["lunar"]["day"], details["long_tong"]["ban_chu_day"]),
        (raw["ky_lua_fair"]["lunar"]["day"], details["ky_lua_market"]["fair_start_day"]),
        (raw["ky_lua_fair"]["lunar"]["last_day"], details["ky_lua_market"]["fair_end_day"]),
    ]
    for festival_day, fact in pairs:
        assert festival_day == fact["value"]


def test_lunar_dates_are_written_in_each_language(data: dict[str, Any], site: Site) -> None:
    """Readers see the lunar date the way their language says it."""
    by_id = {f.id: f for f in festivals.load(data, site.codes)}
    expected = {
        "vi": ("mùng 4 tháng Giêng", "22–27 tháng Giêng"),
        "en": ("4th day of the 1st lunar month", "22nd–27th day of the 1st lunar month"),
        "zh": ("农历正月初四", "农历正月廿二至廿七"),
    }
    for code, (one_day, several) in expected.items():
        writer = festivals.Writer(site.language(code), data["glossary"])
        assert writer.lunar(by_id["long_tong_ban_chu"]) == one_day
        assert writer.lunar(by_id["ky_cung_ta_phu"]) == several


def test_bad_festival_data_is_a_finding_not_a_traceback(data: dict[str, Any], site: Site) -> None:
    """An editor who types month 13 is told which value, on the page that shows it."""
    broken = {
        **data,
        "festivals": {"tet": {**raw_festivals()["tet"], "lunar": {"month": 13, "day": 1}}},
    }
    language = site.language(site.default.code)
    extra = {
        "languages": site.codes,
        **festivals.page_functions(broken, language, site.codes, 0, "du-lich/lich-le-hoi/"),
    }
    with pytest.raises(RenderError) as caught:
        render_markdown(
            "x\n{{ festival_calendar().years }}\n",
            broken,
            language.code,
            "content/vi/du-lich/lich-le-hoi.md",
            5,
            extra,
        )
    finding = caught.value.finding
    assert (finding.code, finding.line) == ("XL025", 6)
    assert "festivals.tet.lunar.month" in finding.format("en")


# -- the calendar files --------------------------------------------------------------------------


def test_each_language_has_a_calendar_file_with_every_festival(built: Built, site: Site) -> None:
    """A phone that imports any language's file gets every festival for the coming three years,
    on the right lunar days, counted from the build's date."""
    today = festivals.build_date(build_epoch())
    raw = raw_festivals()
    known = 0
    for lang in site.languages:
        cal = calendar_file(built, site, lang.code)
        assert str(cal["x-wr-calname"]) == lang.extra["calendar"]["name"]
        assert str(cal["version"]) == "2.0"
        by_festival: dict[str, list[tuple[dt.date, dt.date]]] = {}
        for event in events(cal):
            festival_id = str(event["uid"]).split("@")[0].rsplit("-", 2)[0]  # <id>-<year>-<lang>
            by_festival.setdefault(festival_id, []).append(span(event))
            # DTSTAMP: the build's day, never the clock
            assert event.decoded("dtstamp").astimezone(festivals.VIETNAM).date() == today
        assert set(by_festival) == set(raw)
        for festival_id, spans in by_festival.items():
            lunar = raw[festival_id]["lunar"]
            assert len(spans) == festivals.YEARS
            assert spans == sorted(spans) and spans[-1][1] >= spans[0][0]
            assert spans[0][1] >= today  # not over at the build's date
            years = set()
            for first, last in spans:
                # back on Vietnam's lunar calendar, each event starts and ends on its lunar days
                start = lunar_vn.solar_to_lunar(first, time_zone=7.0)
                end = lunar_vn.solar_to_lunar(last, time_zone=7.0)
                assert (start.month, start.day) == (lunar["month"], lunar["day"])
                assert (end.month, end.day) == (lunar["month"], lunar.get("last_day", lunar["day"]))
                years.add(start.year)
                if festival_id == "tet" and first.year in KNOWN_TET:
                    assert first == KNOWN_TET[first.year]
                    known += 1
            assert len(years) == festivals.YEARS  # three different years
            # the year before the first one listed was already over at the build's date
            before = festivals.occurrence(
                festivals.load({"festivals": {festival_id: raw[festival_id]}}, site.codes)[0],
                min(years) - 1,
            )
            assert before is None or before.last < today
    assert known, "no Tết of the calendar was checked against a published date"


def test_a_calendar_file_for_a_known_year(data: dict[str, Any], site: Site) -> None:
    """Built in mid-2025, the file holds Tết 2026 on 17 February and the temple festival on
    10–15 March 2026, named in the file's language."""
    names = {
        "vi": ("Tết Nguyên đán", "Lễ hội đền Kỳ Cùng – đền Tả Phủ"),
        "en": ("Lunar New Year (Tết)", "Kỳ Cùng – Tả Phủ Temple Festival"),
        "zh": ("春节", "两庙庙会（Lễ hội đền Kỳ Cùng – đền Tả Phủ）"),
    }
    for code, (tet, temple) in names.items():
        language = site.language(code)
        body = ics.calendar_ics(
            site, language, data, dt.date(2025, 6, 15), language.prefix + "du-lich/lich-le-hoi/"
        )
        found = {
            str(e["summary"]): span(e)
            for e in events(icalendar.Calendar.from_ical(body))
            if span(e)[0].year == 2026
        }
        assert found[tet] == (dt.date(2026, 2, 17), dt.date(2026, 2, 17))
        assert found[temple] == (dt.date(2026, 3, 10), dt.date(2026, 3, 15))


def test_calendar_files_are_the_same_bytes_in_every_build(built: Built, site: Site) -> None:
    """A rebuild of the same commit gives the same files (UIDs and DTSTAMP are not random and
    not the clock), whatever Python's hash seed."""
    epoch = build_epoch()
    script = (
        "import hashlib, os, sys\n"
        "from pathlib import Path\n"
        "from xulang.facts import load_data\n"
        "from xulang.festivals import build_date, CALENDAR_PAGE\n"
        "from xulang.plugin.ics import calendar_ics\n"
        "from xulang.site import load_site\n"
        "root = Path(sys.argv[1]); site = load_site(root).published()\n"
        "data, _ = load_data(root / 'data', root)\n"
        "for lang in site.languages:\n"
        "    url = lang.prefix + CALENDAR_PAGE.removesuffix('.md') + '/'\n"
        "    body = calendar_ics(site, lang, data, build_date(int(sys.argv[2])), url)\n"
        "    print(lang.code, hashlib.sha256(body).hexdigest())\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script, str(ROOT), str(epoch)],
            capture_output=True,
            text=True,
            env={**env, "PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
    in_build = "".join(
        f"{lang.code} "
        + hashlib.sha256(
            (built.site / lang.prefix / festivals.CALENDAR_FILE).read_bytes()
        ).hexdigest()
        + "\n"
        for lang in site.languages
    )
    assert runs[0] == in_build


# -- the page ------------------------------------------------------------------------------------


def page_rows(built: Built, site: Site, code: str) -> dict[str, list[list[str]]]:
    """The calendar page's table rows (festival and place, lunar date, dates), by festival name."""
    soup = built.html(site.language(code).prefix + "du-lich/lich-le-hoi/index.html")
    rows: dict[str, list[list[str]]] = {}
    for table in soup.select("article table"):
        for tr in table.select("tbody tr"):
            cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            rows.setdefault(tr.td.strong.get_text(strip=True), []).append(cells)
    return rows


def test_the_page_shows_the_files_dates_in_each_languages_format(built: Built, site: Site) -> None:
    """The page and the downloaded file agree, and each language writes dates its own way:
    17/2/2026, 17 February 2026, 2026年2月17日."""
    spans_by_language = {}
    for code, written in WRITTEN.items():
        rows = page_rows(built, site, code)
        spans = []
        for event in events(calendar_file(built, site, code)):
            first, last = span(event)
            shown = [row[2] for row in rows[str(event["summary"])]]
            text = written(first) if first == last else None
            assert (
                (text in shown)
                if text
                else any(written(first) in cell and written(last) in cell for cell in shown)
            ), (code, event["summary"], shown)
            spans.append((first, last))
        spans_by_language[code] = sorted(spans)
        # the lunar date is on the page too
        lunar = {"vi": "tháng Giêng", "en": "1st lunar month", "zh": "农历正月"}[code]
        assert all(lunar in row[1] for found in rows.values() for row in found)
    assert spans_by_language["vi"] == spans_by_language["en"] == spans_by_language["zh"]


def test_the_page_types_no_digit(site: Site) -> None:
    """Every date on the page comes from data/ through Jinja: a translator never retypes one."""
    import re

    for lang in site.languages:
        text = (ROOT / "content" / lang.code / festivals.CALENDAR_PAGE).read_text(encoding="utf-8")
        body = text.split("---", 2)[2]
        prose = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", body)
        assert not re.search(r"\d", prose), lang.code


def test_calendar_file_is_served_as_text_calendar(server: str, site: Site) -> None:
    """A phone offers to add the file to its calendar: the audit server sends text/calendar."""
    for lang in site.languages:
        with urllib.request.urlopen(server + lang.prefix + festivals.CALENDAR_FILE) as response:
            assert response.headers["Content-Type"].startswith("text/calendar")


def test_nginx_serves_the_calendar_file_as_text_calendar(
    request: pytest.FixtureRequest, site: Site
) -> None:
    """Production (deploy/nginx) sends the calendar as text/calendar in UTF-8."""
    nginx = str(request.getfixturevalue("nginx_server"))
    for lang in site.languages:
        with urllib.request.urlopen(nginx + lang.prefix + festivals.CALENDAR_FILE) as response:
            assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"


@pytest.mark.browser
def test_the_download_link_gives_the_calendar(tab: Any, server: str, site: Site) -> None:
    """A reader who taps the download link gets the calendar file of the page's language."""
    for lang in site.languages:
        tab.goto(server + lang.prefix + "du-lich/lich-le-hoi/")
        with tab.expect_download() as download:
            tab.click("article a[download]")
        body = Path(download.value.path()).read_bytes()
        cal = icalendar.Calendar.from_ical(body)
        assert str(cal["x-wr-calname"]) == lang.extra["calendar"]["name"]
        assert download.value.suggested_filename.endswith(".ics")
    assert not tab.errors
