"""How current a page is: "Updated" (the last commit that changed the page's text in its language,
`[editorial]` commits left out) and "Reviewed" (the date an editor sets as `reviewed:` in front
matter), for the page, its print-out and its JSON-LD `dateModified`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xulang.facts import format_date
from xulang.history import History


@dataclass(frozen=True)
class PageDates:
    updated: str | None  # ISO date, YYYY-MM-DD
    reviewed: str | None

    def context(self, lang: str) -> dict[str, Any]:
        """What the template shows: each date as ISO (for <time datetime>) and in the language."""
        return {
            key: {"iso": value, "text": format_date(value, lang)}
            for key, value in (("updated", self.updated), ("reviewed", self.reviewed))
            if value
        }


class Dates:
    """One `git log` of the whole content folder, read once per build (before the language builds
    fork, so each of them shares it)."""

    def __init__(self, root: Path, folder: str) -> None:
        self.history = History(root, folder)

    def load(self) -> None:
        if self.history.available:
            self.history.by_file  # noqa: B018  (read once, here)

    def of(self, display: str, meta: dict[str, Any]) -> PageDates:
        commits = self.history.by_file.get(display, []) if self.history.available else []
        updated = next((c.date for c in commits if not c.editorial), None)
        return PageDates(updated, reviewed_date(meta.get("reviewed")))


def reviewed_date(value: Any) -> str | None:
    """`reviewed:` as written in front matter (YAML reads 2026-11-30 as a date), or None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat() if value else None
    except ValueError:
        return None  # reported by the front-matter check (XL034)
