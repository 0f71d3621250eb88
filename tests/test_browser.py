"""What a reader does in a real browser (Debian's Chromium): switch language, stay on our origin."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import search

pytestmark = pytest.mark.browser

DEEP = "khu-kinh-te/"


@pytest.fixture
def page(tab: object) -> object:
    """The shared recording tab (conftest.tab)."""
    return tab


def switch_to(tab: object, name: str) -> None:
    tab.hover(".md-header__option .md-select")  # type: ignore[attr-defined]
    with tab.expect_navigation():  # type: ignore[attr-defined]
        tab.click(f"a.md-select__link:text-is('{name}')")  # type: ignore[attr-defined]


def platform_fonts(tab: object, selector: str) -> list[dict[str, object]]:
    """The installed fonts the renderer actually used to draw the element's text."""
    cdp = tab.context.new_cdp_session(tab)  # type: ignore[attr-defined]
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    cdp.send("CSS.enable")
    return list(cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"])


def test_switching_language_keeps_the_page(page: object, server: str) -> None:
    """On a deep page, choosing another language opens the same page in that language."""
    page.goto(server + DEEP)  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.lang") == "vi"  # type: ignore[attr-defined]
    switch_to(page, "English")
    assert urlsplit(page.url).path == "/en/" + DEEP  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.lang") == "en"  # type: ignore[attr-defined]
    switch_to(page, "简体中文")
    assert urlsplit(page.url).path == "/zh/" + DEEP  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"  # type: ignore[attr-defined]
    switch_to(page, "Tiếng Việt")
    assert urlsplit(page.url).path == "/" + DEEP  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ["", DEEP, "en/", "en/" + DEEP, "zh/", "zh/" + DEEP])
def test_every_request_stays_on_our_origin(page: object, server: str, path: str) -> None:
    """Behind a firewall the page loads fully: no request leaves the site, no console error."""
    page.goto(server + path, wait_until="networkidle")  # type: ignore[attr-defined]
    page.keyboard.press("/")  # type: ignore[attr-defined]  # Material's search shortcut
    page.fill("input.md-search__input", "Lạng Sơn")  # type: ignore[attr-defined]
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    foreign = [u for u in page.requests if urlsplit(u).hostname != "127.0.0.1"]  # type: ignore[attr-defined]
    assert foreign == []
    assert page.errors == []  # type: ignore[attr-defined]


def test_chinese_renders_with_a_cjk_font(page: object, server: str) -> None:
    """Chinese text is drawn with a CJK font, not as empty boxes."""
    page.goto(server + "zh/")  # type: ignore[attr-defined]
    family = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")  # type: ignore[attr-defined]
    assert "Noto Sans CJK SC" in family, family
    fonts = platform_fonts(page, ".md-content h1")
    assert fonts and all("CJK" in f["familyName"] for f in fonts), fonts


def test_vietnamese_diacritics_come_from_one_font(page: object, server: str) -> None:
    """Vietnamese letters with stacked marks are drawn by one font, not patched from several."""
    page.goto(server + DEEP)  # type: ignore[attr-defined]
    page.evaluate(
        "document.querySelector('.md-content h1').textContent = 'Đồng Đăng – Lạng Sơn: ệ ẫ ữ ặ ỡ'"
    )  # type: ignore[attr-defined]
    fonts = platform_fonts(page, ".md-content h1")
    assert len(fonts) == 1, fonts


def test_missing_page_answers_in_its_language(page: object, server: str) -> None:
    """A wrong address under /en/ shows the English 404 page with working styles."""
    response = page.goto(server + "en/no-such-page/")  # type: ignore[attr-defined]
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == "en"  # type: ignore[attr-defined]
    assert page.inner_text("h1") == "Page not found"  # type: ignore[attr-defined]
    # the one expected error is the document's own 404 status; styles and scripts all loaded
    assert len(page.errors) == 1 and "404" in page.errors[0]  # type: ignore[attr-defined]
    color = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")  # type: ignore[attr-defined]
    assert color == "rgb(20, 83, 45)"


@pytest.mark.parametrize(
    ("path", "query", "first"),
    [
        ("", "Mẫu Sơn", "/du-lich/mau-son/"),
        ("en/", "Friendship Pass", "/en/du-lich/huu-nghi/"),
        ("zh/", "友谊关", "/zh/du-lich/huu-nghi/"),
        ("zh/", "母山", "/zh/du-lich/mau-son/"),
    ],
)
def test_search_finds_pages_in_the_readers_language(
    page: object, server: str, path: str, query: str, first: str
) -> None:
    """Each language searches its own pages only; a Chinese name finds its page first."""
    results, _ = search(page, server, path, query)
    assert results[0] == first
    prefix = "/" + path
    for href in results:
        if path:
            assert href.startswith(prefix), href
        else:
            assert not href.startswith(("/en/", "/zh/")), href
    assert page.errors == []  # type: ignore[attr-defined]
