"""The map page: places drawn from data/places.yml where they are, named in the reader's language,
each linked to the map service its readers use; places without coordinates listed, not drawn."""

from __future__ import annotations

import math
import re
import subprocess
from itertools import combinations
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from conftest import BIN, ROOT, Built
from xulang.render import RenderError, render_markdown

PAGE = "huong-dan/ban-do.md"
OUTPUT = {
    "vi": "huong-dan/ban-do/index.html",
    "en": "en/huong-dan/ban-do/index.html",
    "zh": "zh/huong-dan/ban-do/index.html",
}
# What each audience opens: OpenStreetMap for Vietnamese and English readers; Amap (高德) and Baidu
# for Chinese readers, whose phones have them and for whom OpenStreetMap is slow or blocked.
SERVICES = {
    "vi": ["www.openstreetmap.org"],
    "en": ["www.openstreetmap.org"],
    "zh": ["uri.amap.com", "api.map.baidu.com"],
}
SCALE_UNIT = {"vi": "km", "en": "km", "zh": "公里"}
HAN = re.compile(r"[\u3400-\u9fff]")
MARKERS = "circle.xl-placemap__marker, rect.xl-placemap__marker, polygon.xl-placemap__marker"


def places() -> dict[str, dict[str, object]]:
    return yaml.safe_load((ROOT / "data/places.yml").read_text(encoding="utf-8"))["places"]


def glossary() -> dict[str, dict[str, object]]:
    return yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))


def point(place: dict[str, object]) -> tuple[float, float]:
    value = place["value"]
    assert isinstance(value, dict)
    return float(value["lat"]), float(value["lon"])


def names(pid: str, lang: str) -> set[str]:
    """The forms a place may be labelled with in `lang`: its glossary forms, else its own."""
    place = places()[pid]
    found = set()
    for entry in (glossary().get(str(place.get("glossary"))) or {}, place.get("name") or {}):
        assert isinstance(entry, dict)
        for form in (entry.get(lang), (entry.get("short") or {}).get(lang)):
            if form and entry.get(f"{lang}_basis") != "none":
                found.add(str(form))
    return found


def figure(built: Built, lang: str) -> Tag:
    soup = BeautifulSoup((built.site / OUTPUT[lang]).read_text(encoding="utf-8"), "html.parser")
    found = soup.select_one("article figure.xl-placemap")
    assert found is not None, lang
    return found


def centre(marker: Tag) -> tuple[float, float]:
    """Where a marker points: a circle's centre, a square's middle, a triangle's centroid."""
    if marker.name == "circle":
        return float(marker["cx"]), float(marker["cy"])
    if marker.name == "rect":
        return (
            float(marker["x"]) + float(marker["width"]) / 2,
            float(marker["y"]) + float(marker["height"]) / 2,
        )
    xy = [tuple(map(float, p.split(","))) for p in str(marker["points"]).split()]
    return sum(p[0] for p in xy) / len(xy), sum(p[1] for p in xy) / len(xy)


def number(text: str, lang: str) -> float:
    digits = re.search(r"\d[\d.,]*", text)
    assert digits, text
    raw = digits.group().rstrip(".,")
    raw = raw.replace(".", "").replace(",", ".") if lang == "vi" else raw.replace(",", "")
    return float(raw)


def scale_bar(svg: Tag, lang: str) -> float:
    """viewBox units per km, as the panel's scale bar says: its length over the km it is labelled."""
    bar = svg.select_one('[data-role="scale-bar"]')
    assert bar is not None
    xs = [float(v) for v in re.findall(r"[MH]\s*([\d.]+)", str(bar.path["d"]))]
    label = bar.text.strip()
    assert label.endswith(SCALE_UNIT[lang]), label
    return (max(xs) - min(xs)) / number(label, lang)


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_map_places_each_place_where_its_coordinates_say(built: Built) -> None:
    """Every place with coordinates is on the map, inside its panel, north up, at the scale bar's scale."""
    data = places()
    placed = {pid for pid, p in data.items() if p["value"] is not None}
    for lang in OUTPUT:
        seen = set()
        for svg in figure(built, lang).select("svg[data-panel]"):
            ground = svg.select_one(".xl-placemap__ground")
            width, height = float(ground["width"]), float(ground["height"])
            per_km = scale_bar(svg, lang)
            drawn = {}
            for link in svg.select("a.xl-placemap__place"):
                pid = link["data-place"]
                x, y = centre(link.select_one(MARKERS))
                assert 0 < x < width and 0 < y < height, (lang, pid, x, y)
                drawn[pid] = (x, y)
            for a, b in combinations(drawn, 2):
                (xa, ya), (xb, yb) = drawn[a], drawn[b]
                (lat_a, lon_a), (lat_b, lon_b) = point(data[a]), point(data[b])
                assert (xb - xa) * (lon_b - lon_a) > 0 and (yb - ya) * (lat_b - lat_a) < 0, (a, b)
                km = km_between(point(data[a]), point(data[b]))
                assert math.dist(drawn[a], drawn[b]) / per_km == pytest.approx(km, rel=0.02), (a, b)
            seen |= set(drawn)
        assert seen == placed, lang


def test_map_labels_each_place_in_the_page_language(built: Built) -> None:
    """A reader sees Hà Nội, Hanoi or 河内 on the map, as the page's language writes the name."""
    for lang in OUTPUT:
        for link in figure(built, lang).select("svg a.xl-placemap__place"):
            label = link.find("text").get_text()
            assert any(label.startswith(form) for form in names(link["data-place"], lang)), (
                lang,
                label,
            )
            outside = re.sub(r"（[^（）]*）", "", label)
            if lang == "zh":
                assert HAN.search(label) and not re.search(r"[A-Za-zÀ-ỹ]", outside), label
            else:
                assert not HAN.search(label), (lang, label)
        desc = figure(built, lang).select("svg desc")
        assert desc and all(d.get_text(strip=True) for d in desc), lang


def check_link(href: str, place: dict[str, object], lang: str) -> str:
    """The service a direction link opens, after checking it carries the place's coordinates."""
    url = urlsplit(href)
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    lat, lon = point(place)
    assert url.scheme == "https" and url.hostname in SERVICES[lang], href
    if url.hostname == "www.openstreetmap.org":
        found = (float(query["mlat"]), float(query["mlon"]))
    elif url.hostname == "uri.amap.com":
        lon_s, lat_s = query["position"].split(",")
        found = (float(lat_s), float(lon_s))
        assert query["coordinate"] == "wgs84" and HAN.search(unquote(query["name"])), href
    else:
        lat_s, lon_s = query["location"].split(",")
        found = (float(lat_s), float(lon_s))
        assert query["coord_type"] == "wgs84" and HAN.search(query["title"]), href
    assert found == (lat, lon), href
    return str(url.hostname)


def test_each_place_links_to_the_map_service_of_its_readers(built: Built) -> None:
    """Tapping a place opens OpenStreetMap (vi, en) or Amap and Baidu (zh) at that very place."""
    data = places()
    for lang in OUTPUT:
        fig = figure(built, lang)
        items = fig.find_next("ul", class_="xl-places--placed").find_all("li")
        listed = {li["data-place"]: li.strong.get_text() for li in items}
        for link in fig.select("svg a.xl-placemap__place"):
            assert check_link(link["href"], data[link["data-place"]], lang) == SERVICES[lang][0]
            # a screen reader names the place as the list does, and the service it opens
            assert link["aria-label"].startswith(listed[link["data-place"]]), link["aria-label"]
        assert {li["data-place"] for li in items} == {
            p for p, v in data.items() if v["value"] is not None
        }
        for li in items:
            hosts = [check_link(a["href"], data[li["data-place"]], lang) for a in li.find_all("a")]
            assert hosts == SERVICES[lang], (lang, li["data-place"], hosts)


def test_places_without_coordinates_are_listed_not_placed(built: Built) -> None:
    """Cốc Nam, Bình Nghi and the others without coordinates are named on the page, never drawn."""
    unplaced = {pid for pid, p in places().items() if p["value"] is None}
    assert {
        "coc_nam",
        "chi_ma",
        "binh_nghi",
        "phia_po",
        "chi_lang_pass",
        "bac_son",
        "ky_lua_market",
    } <= unplaced
    for lang in OUTPUT:
        fig = figure(built, lang)
        drawn = {a["data-place"] for a in fig.select("svg a.xl-placemap__place")}
        assert not drawn & unplaced, lang
        listed = fig.find_next("ul", class_="xl-places--unplaced")
        assert {li["data-place"] for li in listed.find_all("li")} == unplaced, lang
        assert not listed.find("a"), lang
        for li in listed.find_all("li"):
            assert any(form in li.get_text() for form in names(li["data-place"], lang)), (lang, li)
        # a sentence says why these are not on the map
        assert listed.find_previous_sibling("p").get_text(strip=True), lang


def test_each_panel_has_a_scale_bar_a_north_arrow_and_a_text_alternative(built: Built) -> None:
    """Readers can tell distance and north, and a screen reader user hears what the map shows."""
    for lang in OUTPUT:
        fig = figure(built, lang)
        panels = fig.select("svg[data-panel]")
        assert len(panels) >= 2, lang
        for svg in panels:
            assert scale_bar(svg, lang) > 0
            arrow = svg.select_one('[data-role="north-arrow"]')
            tip = [tuple(map(float, p.split(","))) for p in arrow.polygon["points"].split()]
            assert tip[0][1] == min(y for _, y in tip) and arrow.text.strip(), lang  # points up
            drawing = svg.select_one('g[role="img"]')
            labelled = [svg.find(id=i) for i in drawing["aria-labelledby"].split()]
            assert [t.name for t in labelled] == ["title", "desc"], lang
            assert fig.find(id=svg["aria-labelledby"]).name == "p"  # the panel's visible heading
            # links sit beside the drawing: inside role="img" they would be hidden from screen readers
            assert not drawing.find("a"), lang


def test_map_loads_nothing_and_needs_no_inline_styles(built: Built) -> None:
    """The map shows behind the Great Firewall and under the site's CSP: no tiles, scripts, styles."""
    for lang in OUTPUT:
        fig = figure(built, lang)
        assert not fig.find(["script", "image", "use", "foreignobject", "iframe", "img", "style"])
        for tag in fig.find_all(True):
            assert "style" not in tag.attrs and not any(a.startswith("on") for a in tag.attrs), (
                tag.name
            )
            for attr in ("src", "xlink:href"):
                assert attr not in tag.attrs, tag
            if tag.name != "a" and tag.get("href"):
                raise AssertionError(tag)


def test_map_page_passes_the_writing_checks() -> None:
    """Editors see no finding for the map page in any language (`xulang check`)."""
    paths = [f"content/{lang}/{PAGE}" for lang in OUTPUT]
    result = subprocess.run(
        [str(BIN / "xulang"), "check", *paths],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"glossary": "ha-noi"}, "XL021"),  # a glossary id mistyped
        ({"value": {"lat": "21,0283", "lon": "105.8542"}}, "XL025"),  # a decimal comma
        ({"note": {"vi": "Thủ đô."}}, "XL024"),  # a note without the page's language
    ],
)
def test_a_mistake_in_places_yml_is_a_finding_at_the_page_line(
    change: dict[str, object], code: str
) -> None:
    """An editor's slip in data/places.yml stops the build with `path:line: CODE`, no traceback."""
    data = yaml.safe_load((ROOT / "data/places.yml").read_text(encoding="utf-8"))
    data["places"]["hanoi"].update(change)
    markdown = "# Map\n\n{{ place_map() }}\n"
    directions = [{"name": "OpenStreetMap", "url": "https://www.openstreetmap.org/?mlat={lat}"}]
    with pytest.raises(RenderError) as caught:
        render_markdown(
            markdown,
            {"glossary": glossary(), "places": data},
            "en",
            "content/en/huong-dan/ban-do.md",
            7,
            {"ui": {}, "directions": directions},
        )
    assert str(caught.value.finding).startswith(f"content/en/huong-dan/ban-do.md:9: {code} ")


@pytest.mark.browser
@pytest.mark.parametrize("lang", list(OUTPUT))
def test_map_reads_on_a_phone(tab: object, server: str, lang: str) -> None:
    """On a 360 px phone the labels are legible, inside their panel, and cover no other label or place."""
    tab.set_viewport_size({"width": 360, "height": 740})  # type: ignore[attr-defined]
    tab.goto(server + OUTPUT[lang].removesuffix("index.html"))  # type: ignore[attr-defined]
    panels = tab.evaluate(  # type: ignore[attr-defined]
        """() => [...document.querySelectorAll('figure.xl-placemap svg[data-panel]')].map(svg => {
          const box = r => ({l: r.left, t: r.top, r: r.right, b: r.bottom});
          const labels = [...svg.querySelectorAll('a text, .xl-placemap__insetlabel')];
          return {
            svg: box(svg.getBoundingClientRect()),
            labels: labels.map(t => ({text: t.textContent, ...box(t.getBoundingClientRect()),
              px: parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a})),
            markers: [...svg.querySelectorAll('.xl-placemap__marker')].map(m => box(m.getBoundingClientRect())),
          };
        })"""
    )
    overflow = tab.evaluate("() => document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert overflow <= 360
    for panel in panels:
        outer, labels = panel["svg"], panel["labels"]
        for label in labels:
            assert label["px"] >= 12, label
            assert outer["l"] <= label["l"] and label["r"] <= outer["r"] + 0.5, label
            for marker in panel["markers"]:
                assert overlap(label, marker) <= 2, (label, marker)
        for a, b in combinations(labels, 2):
            assert overlap(a, b) <= 2, (a, b)
    assert all(urlsplit(url).hostname == "127.0.0.1" for url in tab.requests)  # type: ignore[attr-defined]


def overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Area (square CSS pixels) two boxes share."""
    dx = min(a["r"], b["r"]) - max(a["l"], b["l"])
    dy = min(a["b"], b["b"]) - max(a["t"], b["t"])
    return dx * dy if dx > 0 and dy > 0 else 0.0
