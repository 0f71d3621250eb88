"""A reader reports a problem: a mailto: link with the page's title, address and language filled
in, to the one address set in mkdocs.yml (`report_address` of the xulang plugin)."""

from __future__ import annotations

from urllib.parse import quote


def mailto(address: str, ui: dict[str, str], title: str, url: str, language: str) -> str | None:
    """The link, or None when no address is configured. Subject and body come from the
    language's UI strings `report.subject` and `report.body`, with {title}, {url}, {language}."""
    if not address:
        return None
    fields = {"title": title, "url": url, "language": language}
    subject = ui.get("report.subject", "{title}").format(**fields)
    body = ui.get("report.body", "{url}").format(**fields)
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject)}&body={quote(body)}"
