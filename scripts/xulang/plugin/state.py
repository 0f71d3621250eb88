"""What one run of the build knows, shared by the plugin's services: read once in on_config."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xulang.content import ContentTree
from xulang.findings import Finding
from xulang.plugin.dates import Dates
from xulang.plugin.head import PageRecord
from xulang.plugin.notices import Notices
from xulang.site import Site


@dataclass
class Run:
    """The site, its content and its facts for this run, and what the language builds collect."""

    site: Site
    tree: ContentTree  # from the publishing gate on: the pages this build publishes
    data: dict[str, Any] = field(default_factory=dict)
    epoch: int | None = None  # SOURCE_DATE_EPOCH or the last commit: output file dates
    notices: Notices | None = None  # data/notices.yml as each language shows it
    dates: Dates | None = None  # pages' Updated dates, from git
    # collected by every language's build (children hand theirs back: parallel.py)
    records: list[PageRecord] = field(default_factory=list)
    not_found: dict[str, bytes] = field(default_factory=dict)  # lang -> its rendered 404 page
    render_errors: list[Finding] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.site.root

    def ui(self, lang: str) -> dict[str, str]:
        """A language's `extra.ui` strings from mkdocs.yml."""
        return dict(self.site.language(lang).extra.get("ui") or {})


def rel_of(src_uri: str, lang: str) -> str:
    """A page's path inside its language folder: "en/kinh-te/index.md" -> "kinh-te/index.md"."""
    prefix = f"{lang}/"
    return src_uri[len(prefix) :] if src_uri.startswith(prefix) else src_uri
