"""A language in preparation (Korean) in the editors' preview: the same reader checks as the others,
and nothing of it in the production build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import Built, copy_project, fetch, preview
from test_a11y import axe_report, axe_source, run_axe  # noqa: F401  (axe_source: a fixture)
from xulang.site import load_site

ROOT = Path(__file__).resolve().parents[1]


def preparing() -> list[tuple[str, list[str]]]:
    """Each language declared in preparation, with the pages already written in it."""
    site = load_site(ROOT)
    found = []
    for lang in site.preparing:
        folder = site.docs_dir / lang.code
        pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))
        found.append((lang.code, pages))
    return found


PREPARING = preparing()


def url_of(code: str, rel: str) -> str:
    page = rel.removesuffix(".md").removesuffix("index")
    return f"{code}/{page}" if page.endswith("/") or not page else f"{code}/{page}/"


def test_a_language_is_in_preparation_with_its_minimum_pages() -> None:
    """Korean is declared in preparation, with its home page and every section index written."""
    assert [code for code, _ in PREPARING] == ["ko"]
    pages = dict(PREPARING)["ko"]
    assert "index.md" in pages
    for section in {p.split("/")[0] for p in pages if "/" in p}:
        assert f"{section}/index.md" in pages
    assert {"huong-dan/lien-he.md", "huong-dan/qua-bien-gioi.md"} <= set(pages)


def test_production_has_no_trace_of_it(built: Built) -> None:
    """The public site has no Korean page, switcher entry, hreflang, sitemap entry, feed or index."""
    for code, _ in PREPARING:
        assert not (built.site / code).exists()
        home = (built.site / "index.html").read_text(encoding="utf-8")
        assert f'hreflang="{code}"' not in home
        assert f'lang="{code}"' not in home
        assert f"/{code}/" not in (built.site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def previewed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The editors' preview (`mkdocs serve`) of a copy of the real project."""
    project = copy_project(tmp_path_factory.mktemp("preview") / "project")
    with preview(project) as url:
        fetch(url, timeout=300)
        yield url


@pytest.mark.browser
@pytest.mark.parametrize(("code", "rel"), [(c, r) for c, pages in PREPARING for r in pages])
def test_preview_pages_pass_the_reader_checks(
    browser: object, previewed: str, axe_source: str, code: str, rel: str
) -> None:
    """Each Korean page in the preview: Korean markup, no console error, nothing axe objects to."""
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script(axe_source)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(previewed + url_of(code, rel))
    assert tab.evaluate("document.documentElement.lang") == code
    title = tab.text_content("h1") or ""
    assert any("\uac00" <= ch <= "\ud7a3" for ch in title), title  # written in Hangul
    assert axe_report(run_axe(tab)) == []
    assert errors == []
    context.close()


@pytest.mark.browser
def test_switcher_reaches_korean_and_back(browser: object, previewed: str) -> None:
    """In the preview the language menu names 한국어, opens the same page in Korean and back."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = {
        lang["locale"]: lang["name"]
        for plugin in config["plugins"]
        if isinstance(plugin, dict) and "i18n" in plugin
        for lang in plugin["i18n"]["languages"]
    }
    tab = browser.new_page()  # type: ignore[attr-defined]
    tab.goto(previewed + "huong-dan/lien-he/")
    for name, path in ((names["ko"], "/ko/huong-dan/lien-he/"), (names["vi"], "/huong-dan/lien-he/")):
        tab.hover(".md-header__option .md-select")
        with tab.expect_navigation():
            tab.click(f"a.md-select__link:text-is('{name}')")
        assert urlsplit(tab.url).path == path
    tab.close()


@pytest.mark.browser
def test_korean_search_in_the_preview(browser: object, previewed: str) -> None:
    """Korean search in the preview finds Korean pages by a Korean word and stays in Korean."""
    tab = browser.new_page()  # type: ignore[attr-defined]
    tab.set_default_timeout(60_000)
    tab.goto(previewed + "ko/")
    tab.keyboard.press("/")
    tab.fill("input.md-search__input", "국경")
    tab.press("input.md-search__input", "End")
    tab.wait_for_selector(".md-search-result__link")
    hrefs = tab.eval_on_selector_all(
        ".md-search-result__link", "els => els.map(e => new URL(e.href).pathname)"
    )
    assert hrefs and all(h.startswith("/ko/") for h in hrefs), hrefs
    tab.close()
