"""Places of data/places.yml as one page language sees them: names, coordinates, direction links."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import quote

from xulang import glossary as glossary_model
from xulang.facts import FactError, format_number

KINDS = ("town", "gate", "sight")
COUNTRIES = ("vn", "cn")


@dataclass(frozen=True)
class Service:
    """A map service a language's readers use, from `extra.directions` in mkdocs.yml."""

    name: str
    url: str  # with {lat}, {lon} (WGS84 decimal degrees) and {name} (URL-encoded)

    def link(self, place: Place) -> str:
        assert place.lat is not None and place.lon is not None
        # replace(), not format(): a URL template may hold other braces one day, and a missing
        # placeholder should leave the URL as written rather than fail the build
        return (
            self.url.replace("{lat}", place.lat)
            .replace("{lon}", place.lon)
            .replace("{name}", quote(place.name, safe=""))
        )


@dataclass(frozen=True)
class Place:
    id: str
    name: str  # the full form in the page's language
    label: str  # the map's label
    kind: str
    country: str
    lat: str | None  # as typed in data/, so that links and text keep the source's precision
    lon: str | None
    note: str

    @property
    def placed(self) -> bool:
        return self.lat is not None

    @property
    def point(self) -> tuple[float, float]:
        assert self.lat is not None and self.lon is not None
        return float(self.lat), float(self.lon)


def fill(ui: dict[str, str], key: str, default: str, **values: str) -> str:
    """A reader's string from the language's `ui:` (mkdocs.yml, `map.<key>`), filled in; a
    placeholder it does not know stops the build with a finding rather than a traceback."""
    template = ui.get(key, default)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        raise FactError(
            "XL025", name=f"ui.map.{key}", problem=f"placeholders: {sorted(values)}"
        ) from None


def services(directions: Any) -> list[Service]:
    """The language's map services; a malformed entry stops the build with a finding."""
    found = []
    for entry in directions or []:
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("url"):
            raise FactError("XL025", name="extra.directions", problem="each needs name and url")
        found.append(Service(str(entry["name"]), str(entry["url"])))
    return found


def _coordinate(value: Any, name: str, low: float, high: float) -> str:
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        raise FactError("XL025", name=name, problem="not a number") from None
    if not math.isfinite(number) or not low <= number <= high:
        raise FactError("XL025", name=name, problem=f"outside {low}…{high}")
    return text


def _names(key: str, raw: dict[str, Any], glossary: dict[str, Any], lang: str) -> tuple[str, str]:
    """(full form, label) in `lang`: the glossary's forms, else the place's own `name:` forms."""
    entry: dict[str, Any] = {}
    if raw.get("glossary"):
        entry = glossary.get(str(raw["glossary"])) or {}
        if not isinstance(entry, dict) or not entry:
            raise FactError("XL021", name=f"glossary.{raw['glossary']}")
    own = raw.get("name") or {}
    full = glossary_model.form(entry, lang) if entry else None
    short = glossary_model.form(entry, lang, short=True) if entry else None
    if full is None and isinstance(own, dict) and own.get(lang):
        full = str(own[lang])
        short = str((own.get("short") or {}).get(lang) or full)
    if full is None or short is None:
        raise FactError("XL024", name=f"places.{key}.name", lang=lang)
    return full, (full if raw.get("short") is False else short)


def load(data: Any, glossary: dict[str, Any], lang: str, ui: dict[str, str]) -> dict[str, Place]:
    """Every place of data/places.yml, in file order, named in `lang`."""
    if not isinstance(data, dict) or not isinstance(data.get("places"), dict):
        raise FactError("XL021", name="places.places")
    places = {}
    for key, raw in data["places"].items():
        where = f"places.{key}"
        if not isinstance(raw, dict) or "value" not in raw:
            raise FactError("XL025", name=where, problem="expected a fact with `value:`")
        if raw.get("kind") not in KINDS or raw.get("country") not in COUNTRIES:
            raise FactError("XL025", name=where, problem=f"kind {KINDS}, country {COUNTRIES}")
        name, label = _names(key, raw, glossary, lang)
        if raw.get("opposite"):
            other = glossary.get(str(raw["opposite"])) or {}
            other_form = glossary_model.form(other, lang, short=True)
            if other_form is None:
                raise FactError("XL024", name=f"glossary.{raw['opposite']}", lang=lang)
            label = fill(ui, "place.opposite", "{name} ({other})", name=label, other=other_form)
        lat = lon = None
        if raw["value"] is not None:
            value = raw["value"]
            if not isinstance(value, dict) or "lat" not in value or "lon" not in value:
                raise FactError("XL025", name=where, problem="value needs lat and lon")
            lat = _coordinate(value["lat"], f"{where}.lat", -90, 90)
            lon = _coordinate(value["lon"], f"{where}.lon", -180, 180)
        note = raw.get("note") or {}
        if note and lang not in note:
            raise FactError("XL024", name=f"{where}.note", lang=lang)
        places[key] = Place(
            key,
            name,
            label,
            str(raw["kind"]),
            str(raw["country"]),
            lat,
            lon,
            str(note.get(lang, "")),
        )
    return places


def coordinates(place: Place, lang: str, ui: dict[str, str]) -> str:
    """The place's coordinates written the language's way (decimal sign, hemisphere words).
    The language's template names north and east: every place of this province is there."""
    assert place.lat is not None and place.lon is not None

    def number(text: str) -> str:
        decimals = len(text.split(".", 1)[1]) if "." in text else 0
        return format_number(abs(float(text)), lang, decimals)

    return fill(
        ui, "place.coordinates", "{lat}, {lon}", lat=number(place.lat), lon=number(place.lon)
    )


def place_list(
    data: Any,
    glossary: dict[str, Any],
    lang: str,
    ui: dict[str, str],
    directions: Any,
    *,
    placed: bool = True,
) -> str:
    """The places with coordinates (each with its direction links), or those without, as one
    HTML block."""
    found = [p for p in load(data, glossary, lang, ui).values() if p.placed == placed]
    links = services(directions)
    items = []
    for place in found:
        parts = [f"<strong>{escape(place.name)}</strong>"]
        if place.placed:
            parts.append(
                escape(ui.get("place.dash", " – "))
                + f'<span class="xl-places__coords">{escape(coordinates(place, lang, ui))}</span>'
            )
        item = "".join(parts)
        if place.note:
            item += f'<br><span class="xl-places__note">{escape(place.note)}</span>'
        if place.placed and links:
            anchors = " · ".join(
                f'<a href="{escape(s.link(place))}" data-service="{escape(s.name)}">'
                f"{escape(s.name)}</a>"
                for s in links
            )
            label = escape(ui.get("place.links", ""))
            item += f'<br><span class="xl-places__links">{label} {anchors}</span>'
        items.append(
            f'<li id="xl-place-{escape(place.id)}" data-place="{escape(place.id)}">{item}</li>'
        )
    kind = "placed" if placed else "unplaced"
    return f'<ul class="xl-places xl-places--{kind}">' + "".join(items) + "</ul>"
