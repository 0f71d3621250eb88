"""What one run of the build knows, shared by the plugin's services: read once in on_config."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from xulang.content import ContentTree
from xulang.findings import Finding
from xulang.plugin import publish, share
from xulang.plugin.dates import Dates
from xulang.plugin.head import PageRecord
from xulang.plugin.notices import NoticeConfigError, Notices
from xulang.plugin.upstream import i18n_of
from xulang.site import Site, SiteConfigError, languages_from_i18n


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

    @classmethod
    def open(cls, site: Site, tree: ContentTree, data: dict[str, Any]) -> Run:
        """A run once the gate has let the sources through: the build's date, notices, dates."""
        run = cls(site, tree, data, epoch=publish.source_date_epoch(site.root))
        try:  # on every page: a notice over at the build's date is left out
            run.notices = Notices(site, site.data_dir, run.epoch)
        except NoticeConfigError as exc:
            raise PluginError(str(exc)) from None
        run.dates = Dates(site.root, site.docs_dir.resolve().relative_to(site.root).as_posix())
        run.dates.load()
        return run

    def ui(self, lang: str) -> dict[str, str]:
        """A language's `extra.ui` strings from mkdocs.yml."""
        return dict(self.site.language(lang).extra.get("ui") or {})


def site_of(config: MkDocsConfig, owners: dict[str, Any], data: str, news: str) -> Site:
    """mkdocs.yml, read once: languages, public URL, owners, the data and news folders."""
    root = Path(config.config_file_path).resolve().parent  # `-f mkdocs.yml` is relative
    try:
        languages = languages_from_i18n([dict(x) for x in i18n_of(config).config.languages])
    except SiteConfigError as exc:
        raise PluginError(f"{config.config_file_path}: {exc}") from None
    site_url = (config.site_url or "/").rstrip("/") + "/"
    site = Site(
        root, Path(config.docs_dir), site_url, languages, tuple(owners), data=data, news=news
    )
    if problems := share.check_config(site):
        raise PluginError(f"{config.config_file_path}: " + "; ".join(problems))
    return site


def rel_of(src_uri: str, lang: str) -> str:
    """A page's path inside its language folder: "en/kinh-te/index.md" -> "kinh-te/index.md"."""
    prefix = f"{lang}/"
    return src_uri[len(prefix) :] if src_uri.startswith(prefix) else src_uri
