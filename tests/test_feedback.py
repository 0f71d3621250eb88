"""A reader can report a problem from any page, in their language, with the page named for them."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from conftest import Built


def test_every_page_offers_a_filled_in_problem_report(built: Built, site_url: str) -> None:
    """The link opens a message to the configured address with the page's title, address and
    language already written, in the reader's language."""
    names = {"": "Tiếng Việt", "en/": "English", "zh/": "简体中文"}
    texts = {"": "Báo lỗi", "en/": "Report a problem", "zh/": "报告本页问题"}
    checked = 0
    for rel in built.pages():
        prefix = next((p for p in ("en/", "zh/") if rel.startswith(p)), "")
        soup = built.html(rel)
        link = soup.select_one("article .xl-report a")
        assert link is not None, rel
        assert link.get_text().startswith(texts[prefix]), rel
        parts = urlsplit(link["href"])
        assert parts.scheme == "mailto" and "@" in unquote(parts.path), rel
        query = parse_qs(parts.query)
        title = soup.find("meta", property="og:title")["content"]
        assert title in query["subject"][0], (rel, query["subject"])
        url = site_url + rel.removesuffix("index.html")
        assert url in query["body"][0] and names[prefix] in query["body"][0], (rel, query["body"])
        checked += 1
    assert checked > 100
