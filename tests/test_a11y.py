"""Accessible to everyone: axe on every page, the keyboard alone, a 360 px screen (Debian's Chromium)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from conftest import Built

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
NARROW = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 800}


def every_page(built: Built) -> list[str]:
    """Every page of every language, with the three 404 pages."""
    pages = [rel.removesuffix("index.html") for rel in built.pages()]
    return pages + ["404.html", "en/404.html", "zh/404.html"]


def axe_report(violations: list[dict[str, object]]) -> list[str]:
    lines = []
    for v in violations:
        nodes = v["nodes"]  # type: ignore[index]
        first = nodes[0]  # type: ignore[index]
        lines.append(
            f"{v['id']} ({len(nodes)}x): {first['target']} {first.get('failureSummary', '')}"
        )  # type: ignore[index,union-attr]
    return lines


@pytest.fixture(scope="module")
def axe_source() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def run_axe(tab: object) -> list[dict[str, object]]:
    # Material sizes its sidebars from script after `load`; let two frames pass so that axe sees
    # the settled page (a sidebar caught mid-resize looked like an unfocusable scroll region once).
    tab.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")  # type: ignore[attr-defined]
    return list(
        tab.evaluate("options => axe.run(document, options).then(r => r.violations)", AXE_OPTIONS)
    )  # type: ignore[attr-defined]


@pytest.fixture
def tab(browser: object) -> Iterator[object]:
    """A tab at desktop width that records console errors."""
    context = browser.new_context(viewport=WIDE)  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.errors = []
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


# -- axe ----------------------------------------------------------------------------------------


def test_axe_finds_nothing_on_any_page(
    browser: object, server: str, built: Built, axe_source: str
) -> None:
    """No page of any language breaks WCAG 2.1 A/AA or axe's best practices (names, contrast, order)."""
    context = browser.new_context(viewport=WIDE)  # type: ignore[attr-defined]
    context.add_init_script(axe_source)  # axe is there on every page, injected by the browser
    tab = context.new_page()
    found: dict[str, list[str]] = {}
    pages = every_page(built)
    for path in pages:
        tab.goto(server + path)
        violations = run_axe(tab)
        if violations:
            found[path] = axe_report(violations)
    context.close()
    assert len(pages) > 120
    assert found == {}


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["wide", "narrow"])
def test_axe_finds_nothing_in_open_menus_and_search(
    browser: object, server: str, axe_source: str, viewport: dict[str, int]
) -> None:
    """The open search (with results), language menu and mobile menu are as accessible as the page."""
    context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
    context.add_init_script(axe_source)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    found: dict[str, list[str]] = {}
    for path, query in (("", "Lạng Sơn"), ("zh/du-lich/mau-son/", "母山")):
        tab.goto(server + path)
        tab.keyboard.press("/")
        tab.fill("input.md-search__input", query)
        tab.press("input.md-search__input", "End")
        tab.wait_for_selector(".md-search-result__link")
        tab.wait_for_timeout(600)  # transitions end: colours are final
        found[f"{path} search"] = axe_report(run_axe(tab))
        tab.keyboard.press("Escape")
        if viewport is NARROW:
            tab.click("button.xl-toggle")
            tab.wait_for_timeout(600)
            found[f"{path} menu"] = axe_report(run_axe(tab))
            tab.keyboard.press("Escape")
        else:
            tab.focus(".md-header__option .md-select button")
            tab.wait_for_timeout(600)
            found[f"{path} languages"] = axe_report(run_axe(tab))
    context.close()
    assert {k: v for k, v in found.items() if v} == {}


def test_stock_theme_problems_are_fixed_not_silenced(built: Built) -> None:
    """The search dialog has a name in the page's language, and no axe rule is switched off anywhere."""
    names = {"index.html": "Tìm kiếm", "en/index.html": "Search", "zh/index.html": "查找"}
    for rel, name in names.items():
        dialog = built.html(rel).select_one(".md-search[role=dialog]")
        assert dialog is not None and dialog.get("aria-label") == name, rel
    # axe runs every rule of the five tags: none is disabled or narrowed to pass
    assert AXE_OPTIONS == {
        "runOnly": {
            "type": "tag",
            "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        },
        "resultTypes": ["violations"],
    }


# -- keyboard -----------------------------------------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return {tag: e.tagName, cls: String(e.className), label: (e.getAttribute('aria-label') || e.textContent).trim().slice(0, 40),
          href: e.getAttribute('href'), outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
          visible: s.visibility === 'visible' && r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
                   && r.left < innerWidth && r.top < innerHeight};
}"""


def tab_until(tab: object, test: object, limit: int = 40) -> dict[str, object]:
    for _ in range(limit):
        tab.keyboard.press("Tab")  # type: ignore[attr-defined]
        focused = tab.evaluate(FOCUSED)  # type: ignore[attr-defined]
        if test(focused):  # type: ignore[operator]
            return focused  # type: ignore[no-any-return]
    raise AssertionError("not reached with the Tab key")


def test_keyboard_switches_language(tab: object, server: str) -> None:
    """With the keyboard alone, a reader opens the language menu and reaches the same page in English."""
    tab.goto(server + "du-lich/mau-son/")  # type: ignore[attr-defined]
    tab_until(
        tab,
        lambda f: (
            f["tag"] == "BUTTON"
            and "md-header__button" in f["cls"]
            and f["label"] == "Chọn ngôn ngữ"
        ),
    )
    english = tab_until(tab, lambda f: f["label"] == "English", limit=4)
    assert english["visible"] and english["outline"], english
    with tab.expect_navigation():  # type: ignore[attr-defined]
        tab.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert urlsplit(tab.url).path == "/en/du-lich/mau-son/"  # type: ignore[attr-defined]
    assert tab.errors == []  # type: ignore[attr-defined]


def test_keyboard_searches_and_opens_a_result(tab: object, server: str) -> None:
    """With the keyboard alone, a reader tabs to search, types, picks a result with the arrows, opens it."""
    tab.goto(server + "en/")  # type: ignore[attr-defined]
    field = tab_until(tab, lambda f: f["tag"] == "INPUT" and "md-search__input" in f["cls"])
    assert field["visible"] and field["outline"], field
    tab.keyboard.type("Mau Son")  # type: ignore[attr-defined]
    tab.wait_for_selector(".md-search-result__link")  # type: ignore[attr-defined]
    tab.keyboard.press("ArrowDown")  # type: ignore[attr-defined]
    result = tab.evaluate(FOCUSED)  # type: ignore[attr-defined]
    assert "md-search-result__link" in result["cls"] and result["outline"], result
    with tab.expect_navigation():  # type: ignore[attr-defined]
        tab.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert urlsplit(tab.url).path == "/en/du-lich/mau-son/"  # type: ignore[attr-defined]
    assert tab.errors == []  # type: ignore[attr-defined]


def test_keyboard_follows_the_main_navigation(tab: object, server: str) -> None:
    """With the keyboard alone, a reader reaches the main sections and opens one."""
    tab.goto(server + "zh/")  # type: ignore[attr-defined]
    tourism = tab_until(tab, lambda f: "md-tabs__link" in f["cls"] and f["label"] == "旅游")
    assert tourism["visible"] and tourism["outline"], tourism
    with tab.expect_navigation():  # type: ignore[attr-defined]
        tab.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert urlsplit(tab.url).path == "/zh/du-lich/"  # type: ignore[attr-defined]


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["wide", "narrow"])
def test_focus_is_always_visible(browser: object, server: str, viewport: dict[str, int]) -> None:
    """Every stop of the Tab key shows where it is: an outline on something on screen, never off it."""
    context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto(server + "khu-kinh-te/")
    hidden = []
    for _ in range(45):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED)
        if not focused["visible"]:  # the search field slides in when it gets focus
            tab.wait_for_timeout(450)
            focused = tab.evaluate(FOCUSED)
        if focused["tag"] == "BODY":
            break
        if not (focused["visible"] and focused["outline"]):
            hidden.append(focused)
    context.close()
    assert hidden == []


# -- a 360 px screen ----------------------------------------------------------------------------


def test_nothing_scrolls_sideways_at_360_px(browser: object, server: str, built: Built) -> None:
    """On a small phone no page is wider than the screen: tables and the map wrap or scroll inside."""
    context = browser.new_context(viewport=NARROW)  # type: ignore[attr-defined]
    tab = context.new_page()
    wide = {}
    for path in every_page(built):
        tab.goto(server + path, wait_until="domcontentloaded")
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            wide[path] = width
    context.close()
    assert wide == {}


def test_menu_opens_and_closes_at_360_px(browser: object, server: str) -> None:
    """On a phone the menu opens and closes by touch and by keyboard (Enter, Escape), and says so."""
    context = browser.new_context(viewport=NARROW)  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto(server + "en/du-lich/mau-son/")
    drawer = ".md-sidebar--primary"
    is_open = "() => document.getElementById('__drawer').checked"
    left = f"() => document.querySelector('{drawer}').getBoundingClientRect().left"
    button = tab.locator("button.xl-toggle")
    assert button.get_attribute("aria-label") == "Navigation"
    assert button.get_attribute("aria-expanded") == "false"
    assert not tab.locator(drawer + " a[href]").first.is_visible()
    button.click()  # by touch or mouse
    tab.wait_for_timeout(400)
    assert tab.evaluate(is_open) and tab.evaluate(left) >= 0
    assert button.get_attribute("aria-expanded") == "true"
    tab.mouse.click(350, 400)  # on the dimmed page beside the menu
    tab.wait_for_timeout(400)
    assert not tab.evaluate(is_open) and tab.evaluate(left) < 0
    # by keyboard: Tab to the button, Enter opens and moves focus inside, Escape closes and returns
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.classList.contains('xl-toggle')")
    tab.keyboard.press("Enter")
    tab.wait_for_timeout(400)
    assert tab.evaluate(is_open)
    assert tab.evaluate(f"document.querySelector('{drawer}').contains(document.activeElement)")
    tab.keyboard.press("Escape")
    tab.wait_for_timeout(400)
    assert not tab.evaluate(is_open)
    assert tab.evaluate("document.activeElement.classList.contains('xl-toggle')")
    context.close()
