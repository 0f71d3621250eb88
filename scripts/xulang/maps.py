"""The map page's map: an SVG drawn at build time from data/places.yml, in the page's language.

No tiles, scripts or fonts from anywhere: each panel is a plain equirectangular projection (degrees
of longitude shortened by the cosine of the panel's middle latitude), north up, with a scale bar
and a north arrow. There is no border line: the fact sheet has no data for it, so each marker
says its country instead (solid: Vietnam, hollow: China). Places too close together for one scale
get a panel of their own, outlined as an inset on a panel above and drawn only there.

The drawing is a role="img" group named by the panel's title and described by <desc>; the places
are links beside it, not inside it: a link inside role="img" is hidden from assistive technology
(axe: nested-interactive).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Any

from xulang.facts import FactError, format_number, quantity_text
from xulang.maplabels import FONT, MARKER, Box, arrange, label_at, place_label
from xulang.places import Place, coordinates, fill, load, services

EARTH_RADIUS_KM = 6371.0  # the mean radius: a scale bar needs no better at these distances
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
WIDTH = 360  # viewBox units: about one CSS pixel each on a 360 px phone, whose labels must read
MARGIN = 8
FOOTER = 40  # the scale bar and the north arrow, below the map area
PAD = 0.14  # room around the outermost places, as a share of the panel's larger extent
ASPECT = (0.6, 1.15)  # height / width of a panel's map area, whatever its places


@dataclass(frozen=True)
class Frame:
    """A panel's geographic bounds and the map area they are drawn into."""

    south: float
    west: float
    north: float
    east: float
    scale: float  # viewBox units per degree of latitude
    cos: float  # how much shorter a degree of longitude is, at the middle latitude

    @property
    def width(self) -> float:
        return (self.east - self.west) * self.cos * self.scale

    @property
    def height(self) -> float:
        return (self.north - self.south) * self.scale

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        return (
            MARGIN + (lon - self.west) * self.cos * self.scale,
            MARGIN + (self.north - lat) * self.scale,
        )

    @property
    def units_per_km(self) -> float:
        return self.scale / KM_PER_DEGREE

    @classmethod
    def around(cls, points: list[tuple[float, float]]) -> Frame:
        """Bounds that hold `points` with room for labels, at a readable height/width ratio."""
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        middle = (min(lats) + max(lats)) / 2
        cos = math.cos(math.radians(middle))
        height, width = max(lats) - min(lats), (max(lons) - min(lons)) * cos  # degrees of latitude
        extent = max(height, width, 1e-4)
        height, width = height + 2 * PAD * extent, width + 2 * PAD * extent
        height = max(height, width * ASPECT[0])  # widen or heighten, never crop
        width = max(width, height / ASPECT[1])
        lat0, lon0 = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
        south, north = lat0 - height / 2, lat0 + height / 2
        west, east = lon0 - width / cos / 2, lon0 + width / cos / 2
        return cls(south, west, north, east, (WIDTH - 2 * MARGIN) / width, cos)


def nice_length(km: float) -> float:
    """The longest 1, 2 or 5 × 10ⁿ km not over `km`: a scale bar reads in round numbers."""
    power = 10.0 ** math.floor(math.log10(km))
    return max(step * power for step in (1, 2, 5) if step * power <= km)


def _km(value: float, lang: str) -> str:
    decimals = 0 if value >= 1 else len(f"{value:g}".split(".")[1])
    return quantity_text(format_number(value, lang, decimals), "km", lang)


def _marker(place: Place, x: float, y: float) -> str:
    cls = f"xl-placemap__marker xl-placemap__marker--{place.country}"
    data = f'data-lat="{place.lat}" data-lon="{place.lon}" class="{cls}"'
    if place.kind == "gate":
        s = MARKER - 0.5
        box = f'x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}"'
        return f"<rect {box} {data}/>"
    if place.kind == "sight":
        r = MARKER + 1.5
        points = " ".join(
            f"{x + r * math.sin(a):.1f},{y - r * math.cos(a):.1f}"
            for a in (0, 2 * math.pi / 3, 4 * math.pi / 3)
        )
        return f'<polygon points="{points}" {data}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{MARKER}" {data}/>'


def _north_arrow(x: float, y: float, letter: str) -> str:
    return (
        f'<g class="xl-placemap__north" data-role="north-arrow">'
        f'<polygon points="{x:.1f},{y - 14:.1f} {x + 7:.1f},{y + 6:.1f} {x:.1f},{y + 1:.1f} '
        f'{x - 7:.1f},{y + 6:.1f}"/>'
        f'<text x="{x + 12:.1f}" y="{y + 4:.1f}" text-anchor="start">{escape(letter)}</text></g>'
    )


def _scale_bar(frame: Frame, y: float, lang: str) -> tuple[str, float]:
    km = nice_length(frame.width / frame.units_per_km * 0.3)
    length = km * frame.units_per_km
    x0, x1 = MARGIN + 4, MARGIN + 4 + length
    svg = (
        f'<g class="xl-placemap__scale" data-role="scale-bar" data-km="{km:g}" '
        f'data-length="{length:.2f}">'
        f'<path d="M{x0:.1f},{y - 6:.1f} V{y:.1f} H{x1:.1f} V{y - 6:.1f}"/>'
        f'<text x="{x1 + 6:.1f}" y="{y:.1f}" text-anchor="start">{escape(_km(km, lang))}</text></g>'
    )
    return svg, km


def panel_svg(
    key: str,
    number: int,
    title: str,
    places: list[Place],
    frame: Frame,
    insets: list[tuple[int, Frame, list[Place]]],
    lang: str,
    ui: dict[str, str],
    link: Any,
) -> str:
    """One panel: the drawing (role="img") and, after it, each place as a link."""
    map_height = round(frame.height + 2 * MARGIN, 1)
    height = round(map_height + FOOTER, 1)
    area = Box(3, 3, WIDTH - 6, map_height - 6)
    uid = f"xl-pm-{key}"
    points = {p.id: frame.xy(*p.point) for p in places}
    taken = [
        Box(x - MARKER - 1, y - MARKER - 1, 2 * MARKER + 2, 2 * MARKER + 2)
        for x, y in points.values()
    ]
    drawing = [
        f'<rect x="0" y="0" width="{WIDTH}" height="{map_height}" class="xl-placemap__ground"/>'
    ]
    for detail_number, detail, shown in insets:
        x0, y0 = frame.xy(detail.north, detail.west)
        x1, y1 = frame.xy(detail.south, detail.east)
        box = Box(x0, y0, max(x1 - x0, 4), max(y1 - y0, 4))
        drawing.append(
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.w:.1f}" height="{box.h:.1f}" '
            f'class="xl-placemap__inset" data-role="inset" data-panel="{detail_number}"/>'
        )
        if min(box.w, box.h) >= 20:  # where they are told apart: small dots, named on their panel
            for place in shown:
                if place.id not in points:
                    dx, dy = frame.xy(*place.point)
                    drawing.append(
                        f'<circle cx="{dx:.1f}" cy="{dy:.1f}" r="2.5" class="xl-placemap__dot"/>'
                    )
        taken.append(box)  # the outline's inside stays clear: its places are drawn on their panel
        text = fill(ui, "place.inset", "{n}", n=str(detail_number))
        around = label_at(box.x + box.w / 2, box.y + box.h / 2, text, 0)
        # beside the outline, above or below it first (outside it, where nothing else is drawn)
        spots = [
            around[2].moved(0, -box.h / 2 - 2),
            around[3].moved(0, box.h / 2 + 2),
            around[0].moved(box.w / 2 + 3, 0),
            around[1].moved(-box.w / 2 - 3, 0),
        ]
        spot = place_label(spots, taken[:-1], area)
        taken.append(spot.box)
        drawing.append(
            f'<text x="{spot.x:.1f}" y="{spot.y:.1f}" text-anchor="{spot.anchor}" '
            f'class="xl-placemap__insetlabel">{escape(text)}</text>'
        )
    bar, km = _scale_bar(frame, height - FOOTER / 2 + 4, lang)
    drawing.append(bar)
    drawing.append(_north_arrow(WIDTH - 30, height - FOOTER / 2, ui.get("place.north", "N")))
    sep = ui.get("place.sep", "; ")
    described = sep.join(
        fill(
            ui,
            "place.item",
            "{name} ({coordinates})",
            name=p.label,
            coordinates=coordinates(p, lang, ui),
        )
        for p in places
    )
    desc = fill(ui, "place.desc", "{places}", scale=_km(km, lang), places=described)
    links = []
    layout = arrange(points, {p.id: p.label for p in places}, taken, area)
    for place in places:
        x, y = points[place.id]
        spot = layout[place.id]
        href, name = link(place)
        links.append(
            f'<a href="{escape(href)}" aria-label="{escape(name)}" class="xl-placemap__place" '
            f'data-place="{escape(place.id)}">{_marker(place, x, y)}'
            f'<text x="{spot.x:.1f}" y="{spot.y:.1f}" text-anchor="{spot.anchor}">'
            f"{escape(place.label)}</text></a>"
        )
    heading = fill(ui, "place.panel", "{n}. {title}", n=str(number), title=title)
    return (
        f'<div class="xl-placemap__panel"><p class="xl-placemap__title" id="{uid}-h">'
        f"{escape(heading)}</p>"
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="group" aria-labelledby="{uid}-h" font-size="{FONT}" data-panel="{key}">'
        f'<title id="{uid}-t">{escape(heading)}</title>'
        f'<g role="img" aria-labelledby="{uid}-t {uid}-d"><desc id="{uid}-d">{escape(desc)}</desc>'
        + "".join(drawing)
        + "</g>"
        + "".join(links)
        + "</svg></div>"
    )


def _legend(ui: dict[str, str]) -> str:
    """The key to the markers, as text with the symbols drawn beside it."""
    symbols = {
        "vn": '<circle cx="8" cy="8" r="6" class="xl-placemap__marker xl-placemap__marker--vn"/>',
        "cn": '<circle cx="8" cy="8" r="6" class="xl-placemap__marker xl-placemap__marker--cn"/>',
        "town": '<circle cx="8" cy="8" r="6" class="xl-placemap__key"/>',
        "gate": '<rect x="2.5" y="2.5" width="11" height="11" class="xl-placemap__key"/>',
        "sight": '<polygon points="8,0.5 15,13 1,13" class="xl-placemap__key"/>',
    }
    items = "".join(
        '<li><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16" '
        f'aria-hidden="true" focusable="false">{svg}</svg> '
        f"{escape(ui.get('place.' + key, key))}</li>"
        for key, svg in symbols.items()
    )
    return f'<ul class="xl-placemap__legend">{items}</ul>'


def place_map(
    data: Any, glossary: dict[str, Any], lang: str, ui: dict[str, str], directions: Any
) -> str:
    """Every panel of data/places.yml `maps:` as one figure, with a legend and a caption."""
    places = load(data, glossary, lang, ui)
    raw = data.get("maps") if isinstance(data, dict) else None
    if not isinstance(raw, dict) or not raw:
        raise FactError("XL021", name="places.maps")
    panels: dict[str, dict[str, Any]] = {
        str(k): (v if isinstance(v, dict) else {}) for k, v in raw.items()
    }
    first = services(directions)[:1]

    def link(place: Place) -> tuple[str, str]:
        if not first:
            raise FactError(
                "XL025", name="extra.directions", problem="no map service for this language"
            )
        name = fill(ui, "place.link", "{name}: {service}", name=place.name, service=first[0].name)
        return first[0].link(place), name

    numbers = {key: n for n, key in enumerate(panels, 1)}
    members: dict[str, list[Place]] = {}
    details: dict[str, list[str]] = {}
    for key, panel in panels.items():
        chosen = []
        for pid in panel.get("places") or []:
            if pid not in places:
                raise FactError("XL021", name=f"places.places.{pid}")
            if not places[pid].placed:
                raise FactError(
                    "XL025", name=f"places.maps.{key}", problem=f"{pid} has no coordinates"
                )
            chosen.append(places[pid])
        if not chosen:
            raise FactError("XL025", name=f"places.maps.{key}", problem="no places")
        members[key] = chosen
        details[key] = [str(d) for d in panel.get("details") or []]
        for detail in details[key]:
            if detail not in panels or numbers[detail] <= numbers[key]:
                raise FactError(
                    "XL025", name=f"places.maps.{key}.details", problem=f"{detail}: a later panel"
                )
    # From the last panel up: a panel's bounds hold its places and the outlines of its details.
    frames: dict[str, Frame] = {}
    for key in reversed(list(panels)):
        corners = [(f.south, f.west) for f in (frames[d] for d in details[key])]
        corners += [(f.north, f.east) for f in (frames[d] for d in details[key])]
        frames[key] = Frame.around([p.point for p in members[key]] + corners)
    drawn = []
    for key, panel in panels.items():
        title = (panel.get("title") or {}).get(lang)
        if not title:
            raise FactError("XL024", name=f"places.maps.{key}.title", lang=lang)
        insets = [(numbers[d], frames[d], members[d]) for d in details[key]]
        drawn.append(
            panel_svg(
                key, numbers[key], str(title), members[key], frames[key], insets, lang, ui, link
            )
        )
    caption = " ".join(escape(ui.get(k, "")) for k in ("place.caption", "place.hint"))
    return (
        '<figure class="xl-placemap"><div class="xl-placemap__panels">'
        + "".join(drawn)
        + f"</div><figcaption>{_legend(ui)}<p>{caption}</p></figcaption></figure>"
    )
