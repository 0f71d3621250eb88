"""What a reader's first visit transfers, measured in Debian's Chromium.

From the browser's own network log (Chrome DevTools Protocol: Network domain), with an empty cache,
against a built site served as deploy/nginx serves it (gzip level 6; devtools.sites.serve). Bytes
are compressed bytes on the wire, headers included, images excluded; requests count every request,
images included. Used by the audit's transfer budget and by the reader benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devtools.sites import language_prefixes

CHROMIUM = Path("/usr/bin/chromium")
# One page of each kind in every language; the news item is the newest one of the build.
KINDS = (
    ("home", ""),
    ("section", "khu-kinh-te/"),
    ("content", "khu-kinh-te/cua-khau/"),
    ("content", "du-lich/mau-son/"),
    ("content", "gioi-thieu/dia-ly/"),
)


@dataclass
class Visit:
    path: str
    kind: str
    bytes: int = 0  # compressed, headers included, images excluded
    requests: int = 0  # every request, images included
    by_type: dict[str, int] = field(default_factory=dict)


def newest_news(site_dir: Path) -> str:
    items = sorted(p.parent.name for p in (site_dir / "tin-tuc").glob("2*/index.html"))
    return f"tin-tuc/{items[-1]}/" if items else ""


def first_visits(
    base: str, site_dir: Path, browser: Any = None, only: str | None = None
) -> list[Visit]:
    """A first visit of one page of each kind (or of kind `only`) in every language of the built
    site, each in a fresh browser context, in the given Playwright browser or in a Chromium
    launched for it."""
    kinds = list(KINDS)
    if news := newest_news(site_dir):
        kinds.append(("news", news))
    kinds = [(kind, path) for kind, path in kinds if only in (None, kind)]
    if browser is not None:
        return [
            _visit(browser, base, prefix + path, kind)
            for prefix in language_prefixes(site_dir)
            for kind, path in kinds
        ]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            return first_visits(base, site_dir, launched, only)
        finally:
            launched.close()


def _visit(browser: Any, base: str, path: str, kind: str) -> Visit:
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    seen: dict[str, dict[str, Any]] = {}

    def sent(event: dict[str, Any]) -> None:
        url = event["request"]["url"]
        if not url.startswith("data:"):
            seen.setdefault(event["requestId"], {"url": url, "type": event.get("type", "Other")})

    def received(event: dict[str, Any]) -> None:
        if event["requestId"] in seen:
            seen[event["requestId"]]["type"] = event.get("type", "Other")

    def finished(event: dict[str, Any]) -> None:
        if event["requestId"] in seen:
            seen[event["requestId"]]["bytes"] = int(event["encodedDataLength"])

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.responseReceived", received)
    cdp.on("Network.loadingFinished", finished)
    page.goto(base + path, wait_until="networkidle")
    page.wait_for_timeout(300)
    # The search worker's script finishes loading in the worker's own log, not the page's: its
    # size comes from the page's Resource Timing entry, which the browser measures the same way.
    timing = dict(
        page.evaluate("performance.getEntriesByType('resource').map(e => [e.name, e.transferSize])")
    )
    context.close()
    visit = Visit(path=path, kind=kind, requests=len(seen))
    for request in seen.values():
        size = request.get("bytes") or int(timing.get(request["url"], 0))
        kind_of = str(request["type"])
        visit.by_type[kind_of] = visit.by_type.get(kind_of, 0) + size
        if kind_of != "Image":
            visit.bytes += size
    return visit
