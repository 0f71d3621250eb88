"""Notices on every page and in each language's feed, in the reader's language and time zones.

A notice whose end has passed at the build's date (SOURCE_DATE_EPOCH, else the last commit, so
that two builds of one commit stay identical) is not built at all. One still to come or running is
built with its hours as `data-start`/`data-end`; content/assets/javascripts/notices.js hides it
outside them by the reader's clock, and without JavaScript it shows, with its dates written out.

Per language in mkdocs.yml (`extra:`): `time_zones` (the zones its readers see the dates in, each
with its name in that language) and `ui` strings: `notice.title.<severity>` (the heading of a
notice typed without a title), `notice.when` (a span of time) and `notice.moment` (one time, a
CLDR date pattern for Babel).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime
from markupsafe import Markup, escape

from xulang import notices as model
from xulang.notices import Notice
from xulang.site import Language, Site

ANCHOR = "xl-notice-"  # the notice's id on every page, and its feed entry's link
# Material's admonition type for each severity (its colours and icons)
STYLES = {"info": "info", "warning": "warning", "danger": "danger"}
MOMENT = "y-MM-dd HH:mm"  # a language without `notice.moment`: still unambiguous
WHEN = "{start} – {end} ({zone})"


class NoticeConfigError(Exception):
    """A language's `time_zones` in mkdocs.yml cannot be used."""


@dataclass(frozen=True)
class Zone:
    info: dt.tzinfo
    name: str  # as the language says it: "giờ Hà Nội", "北京时间"


def zones(lang: Language) -> list[Zone]:
    """The zones a language shows times in (mkdocs.yml `extra.time_zones`), in order."""
    found = []
    for entry in lang.extra.get("time_zones") or []:
        where = f"mkdocs.yml: languages: {lang.code}: extra: time_zones"
        if not isinstance(entry, dict) or not entry.get("zone") or not entry.get("name"):
            raise NoticeConfigError(
                f"{where}: each entry needs `zone` (e.g. Asia/Ho_Chi_Minh) and `name`"
            )
        try:
            info = ZoneInfo(str(entry["zone"]))
        except (ZoneInfoNotFoundError, ValueError):
            raise NoticeConfigError(f"{where}: unknown time zone {entry['zone']!r}") from None
        found.append(Zone(info, str(entry["name"])))
    return found


def build_moment(epoch: int | None) -> dt.datetime:
    """The build's date: what "already over" is measured against."""
    if epoch is None:
        return dt.datetime.now(dt.UTC)
    return dt.datetime.fromtimestamp(epoch, dt.UTC)


class Notices:
    """The notices of one build, shown per language (computed once per language and process)."""

    def __init__(self, site: Site, data_dir: Path, epoch: int | None) -> None:
        # the checker's findings stop the build before this (check "notices"); what is left is sound
        public = [lang.code for lang in site.public_languages]
        found, _ = model.load(data_dir, site.root, site.codes, public)
        self.site = site
        self.moment = build_moment(epoch)
        self.notices = model.still_to_come(found, self.moment)
        self.zones = {lang.code: zones(lang) for lang in site.languages}
        self._shown: dict[str, list[dict[str, Any]]] = {}

    def for_page(self, code: str) -> list[dict[str, Any]]:
        """What overrides/partials/xl-notices.html shows on each page of the language `code`."""
        if code not in self._shown:
            lang = self.site.language(code)
            self._shown[code] = [self._shown_in(n, lang) for n in self.notices]
        return self._shown[code]

    def _shown_in(self, notice: Notice, lang: Language) -> dict[str, Any]:
        return {
            "id": ANCHOR + notice.id,
            "style": STYLES[notice.severity],
            "title": _title(notice, lang, self.site),
            "text": _in(notice.text, lang, self.site),
            "start": notice.start.isoformat(),
            "end": notice.end.isoformat(),
            "when": when(notice, lang, self.zones[lang.code]),
        }

    def feed_items(self, code: str) -> list[dict[str, str]]:
        """Entries for the language's Atom feed (plugin/output.py), dated at their start."""
        lang = self.site.language(code)
        items = []
        for notice in self.notices:
            spans = " ".join(str(line.striptags()) for line in when(notice, lang, self.zones[code]))
            items.append(
                {
                    "title": _title(notice, lang, self.site),
                    "date": notice.start.date().isoformat(),
                    "stamp": notice.start.isoformat(),  # the time it starts, with its offset
                    "description": f"{_in(notice.text, lang, self.site)}\n{spans}",
                    "url": f"{lang.prefix}#{ANCHOR}{notice.id}",  # on every page: the home page's
                }
            )
        return items


def _ui(lang: Language) -> dict[str, Any]:
    return dict(lang.extra.get("ui") or {})


def _in(texts: dict[str, str], lang: Language, site: Site) -> str:
    """The text in `lang`; a language in preparation may have none yet: the default's text."""
    return texts.get(lang.code) or texts[site.default.code]


def _title(notice: Notice, lang: Language, site: Site) -> str:
    if notice.title:
        return _in(notice.title, lang, site)
    return str(_ui(lang).get(f"notice.title.{notice.severity}") or notice.severity)


def _locale(lang: Language) -> Locale:
    for tag in (lang.bcp47, lang.code):
        try:
            return Locale.parse(tag, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("root")  # CLDR's language-neutral data: month numbers, not names


def moment(value: dt.datetime, lang: Language) -> str:
    """One time in the language's own way: "07:00 ngày 1/2/2027", "2027年2月1日07:00"."""
    pattern = str(_ui(lang).get("notice.moment") or MOMENT)
    return str(format_datetime(value, pattern, tzinfo=value.tzinfo, locale=_locale(lang)))


def when(notice: Notice, lang: Language, shown_in: Sequence[Zone]) -> list[Markup]:
    """The notice's span, once per zone of the language, each time in a <time> element:
    "Từ 07:00 ngày 5/2/2027 đến 17:00 ngày 7/2/2027 (giờ Hà Nội)". Without zones: as typed."""
    template = str(_ui(lang).get("notice.when") or WHEN)
    lines = []
    for zone in shown_in or [Zone(notice.start.tzinfo or dt.UTC, _offset(notice.start))]:
        start, end = notice.start.astimezone(zone.info), notice.end.astimezone(zone.info)
        parts = {
            "start": _time(start, lang),
            "end": _time(end, lang),
            "zone": escape(zone.name),
        }
        text = escape(template)
        for key, value in parts.items():
            text = Markup(text.replace("{" + key + "}", value))
        lines.append(text)
    return lines


def _time(value: dt.datetime, lang: Language) -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(value.isoformat(), moment(value, lang))


def _offset(value: dt.datetime) -> str:
    offset = value.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
