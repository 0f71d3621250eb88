"""The preview (`mkdocs serve`) shows a missing translation as the Vietnamese page, with a notice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import ROOT, fetch, preview


def test_preview_shows_fallback_with_notice(make_project: Callable[..., Path]) -> None:
    """An editor previewing an untranslated page sees the Vietnamese text and a notice in the reader's language."""
    project = make_project({"content/zh/du-lich/index.md": None})
    with preview(project) as base:
        soup = BeautifulSoup(fetch(base + "zh/du-lich/"), "html.parser")
        notice = soup.select_one(".xl-fallback")
        assert notice is not None and notice.get("role") == "note"
        assert "译文尚未完成" in notice.get_text()
        assert soup.html["lang"] == "zh-Hans"
        wrapper = notice.find_next_sibling("div")
        assert wrapper["lang"] == "vi"
        vi_title = (project / "content/vi/du-lich/index.md").read_text(encoding="utf-8")
        h1 = wrapper.find("h1").get_text(strip=True).rstrip("¶")
        assert h1 in vi_title
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        hreflangs = {
            l["hreflang"] for l in soup.find_all("link", rel="alternate") if l.get("hreflang")
        }
        assert "zh-Hans" not in hreflangs  # no translation to announce
        # a translated page in the same preview carries no notice
        other = BeautifulSoup(fetch(base + "zh/"), "html.parser")
        assert other.select_one(".xl-fallback") is None


def test_make_serve_previews_all_three_languages() -> None:
    """The README's `make serve` serves Vietnamese, English and Chinese on 127.0.0.1."""
    with preview(ROOT, make=True) as base:
        for path, lang in (("", "vi"), ("en/", "en"), ("zh/", "zh-Hans")):
            soup = BeautifulSoup(fetch(base + path, timeout=120), "html.parser")
            assert soup.html["lang"] == lang


def test_preview_has_translation_status_page(make_project: Callable[..., Path]) -> None:
    """Editors see coverage and freshness with progress bars in the preview; readers never do."""
    project = make_project({"content/zh/du-lich/index.md": None})
    with preview(project) as base:
        soup = BeautifulSoup(fetch(base + "trang-thai/"), "html.parser")
        bars = soup.select("progress")
        assert bars and all(int(b["max"]) >= int(b["value"]) for b in bars)
        assert "content/zh/du-lich/index.md" in soup.get_text()
