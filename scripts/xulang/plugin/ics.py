"""The festival calendar as an iCalendar file per language, for a phone's calendar to import;
written once every language is built, beside each language's calendar page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import icalendar

from xulang import festivals
from xulang.facts import FactError
from xulang.findings import Finding
from xulang.plugin.head import PageRecord
from xulang.site import Language, Site


class CalendarError(Exception):
    """data/festivals.yml or a language's `extra.calendar` cannot make the file (a finding)."""


def dtstamp(today: dt.date) -> dt.datetime:
    """DTSTAMP: the start of the build's day in Vietnam, in UTC. From the build's date, never the
    clock, so that two builds of one commit give the same bytes."""
    return dt.datetime.combine(today, dt.time(), tzinfo=festivals.VIETNAM).astimezone(dt.UTC)


def calendar_ics(
    site: Site, language: Language, data: dict[str, Any], today: dt.date, page_url: str
) -> bytes:
    """One language's calendar: an all-day event for each coming occurrence of each festival."""
    writer = festivals.Writer(language, data.get("glossary") or {})
    host = urlsplit(site.site_url).hostname or "localhost"
    url = site.site_url + page_url
    stamp = dtstamp(today)
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{host}//{festivals.CALENDAR_FILE}//{language.bcp47.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", str(writer.setting("name")))
    cal.add("x-wr-caldesc", str(writer.setting("note")))
    for held in festivals.calendar(data, site.codes, today):
        festival = held.festival
        lunar = writer.lunar(festival)
        about = [str(writer.setting("lunar")).format(lunar=lunar)] if lunar else []
        event = icalendar.Event()
        # stable: the same event keeps its UID from build to build (a phone updates, not doubles,
        # it on a second import); one per language, as each file is a calendar of its own
        event.add("uid", f"{festival.id}-{held.year}-{language.code}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", held.first)
        event.add("dtend", held.last + dt.timedelta(days=1))  # all-day: the end is exclusive
        event.add("summary", writer.name(festival))
        event.add("location", str(writer.setting("location")).format(place=writer.place(festival)))
        event.add("description", " ".join([*about, str(writer.setting("note")), url]))
        event.add("url", url)
        event.add("transp", "TRANSPARENT")  # a festival day does not make the reader busy
        cal.add_component(event)
    return bytes(cal.to_ical())


def write_calendars(
    site_dir: Path, site: Site, data: dict[str, Any], records: list[PageRecord], epoch: int | None
) -> list[Path]:
    """<prefix>du-lich/lich-le-hoi.ics for each language whose calendar page was built (in its
    own language: a preview stand-in page gets no file)."""
    today = festivals.build_date(epoch)
    written = []
    for record in records:
        if record.rel != festivals.CALENDAR_PAGE or record.fallback:
            continue
        language = site.language(record.lang)
        target = site_dir / language.prefix / festivals.CALENDAR_FILE
        try:
            body = calendar_ics(site, language, data, today, record.url)
        except FactError as exc:
            finding = Finding.at(f"data/{festivals.DATA}.yml", 0, exc.code, **exc.args_)
            raise CalendarError(f"{finding.format('vi')}\n{finding.format('en')}") from None
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        written.append(target)
    return written
