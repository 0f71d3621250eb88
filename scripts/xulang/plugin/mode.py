"""Production build or preview: chosen once per command, asked instead of branching everywhere.

- `Production` (`mkdocs build`, gh-deploy): publishes `status: published` pages only, refuses a
  missing translation (unless `missing_translations: fallback`), keeps nothing between builds.
- `PreviewMode` (`mkdocs serve` with XULANG_PREVIEW_CACHE=0): every page, drafts with a banner.
- `CachedPreview` (`mkdocs serve`): the same, taking from the preview's memory (preview.py) what
  did not change since the last rebuild.

The preview-cache hooks of `Production` and `PreviewMode` do nothing: the fast path is simply
absent, and the router calls the same methods in every mode.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Any

from xulang import report
from xulang.content import ContentTree
from xulang.plugin import share
from xulang.plugin.cache import install_templates
from xulang.plugin.parallel import Result
from xulang.plugin.preview import Preview, status_file
from xulang.plugin.upstream import I18n
from xulang.site import Site

STATUS_PAGE = "trang-thai/index.md"  # the preview's status report, never built by `mkdocs build`


class Production:
    production = True
    command = "build"
    preview: Preview | None = None  # the preview's memory between rebuilds

    @property
    def unchanged(self) -> AbstractSet[str]:
        """Translations this run does not build again (their output is kept as it was)."""
        return frozenset()

    def fallback_allowed(self, setting: str) -> bool:
        """`missing_translations`: auto refuses a missing translation in production only."""
        return setting == "fallback" or (setting == "auto" and not self.production)

    # -- the preview cache (nothing to do here) -----------------------------------------------

    def start_run(self, config: Any, site: Site, tree: ContentTree, skip: bool) -> None:
        pass

    def shutdown(self) -> None:
        pass

    def set_aside(self, site_dir: str) -> None:
        pass

    def bring_back(self, site_dir: str) -> None:
        pass

    def last_result(self, locale: str) -> Result:
        raise KeyError(locale)  # never asked: `unchanged` is empty

    def keep_result(self, locale: str, result: Result, new: dict[str, Any] | None) -> None:
        pass

    def child_started(self) -> None:
        pass

    def child_results(self) -> dict[str, Any] | None:
        return None

    def build_started(self, search: Any) -> None:
        pass

    def menu(self, current: str, files: Any, items: list[Any]) -> None:
        pass

    def add_files(self, config: Any, files: Any, i18n: I18n, tree: ContentTree) -> None:
        pass  # production publishes the editors' pages only

    def templates(self, env: Any) -> None:
        pass

    def jinja(self, dest_uri: str, markdown: str, render: Callable[[], str]) -> str:
        return render()

    def markdown(self, page: Any, markdown: str, files: Any) -> None:
        pass

    def qr(self, url: str) -> str:
        return share.qr_svg(url)

    def content(self, page: Any, html: str) -> None:
        pass

    def context(self, page: Any, context: dict[str, Any]) -> None:
        pass

    def finished(self, page: Any, output: str) -> None:
        pass


class PreviewMode(Production):
    production = False
    command = "serve"

    def add_files(self, config: Any, files: Any, i18n: I18n, tree: ContentTree) -> None:
        """The translation status report as a page of the default language, not in the menu."""
        if i18n.current_language == i18n.default_language:
            page = report.to_markdown(report.build(tree))
            files.append(status_file(config, STATUS_PAGE, page))


class CachedPreview(PreviewMode):
    """The preview with its memory between rebuilds (never `mkdocs build`)."""

    preview: Preview

    def __init__(self) -> None:
        self.preview = Preview()

    @property
    def unchanged(self) -> AbstractSet[str]:
        return self.preview.unchanged

    def start_run(self, config: Any, site: Site, tree: ContentTree, skip: bool) -> None:
        self.preview.start_run(config, site, tree, site.data_dir, skip=skip)

    def shutdown(self) -> None:
        self.preview.shutdown()

    def set_aside(self, site_dir: str) -> None:
        self.preview.set_aside(site_dir)  # before MkDocs empties the folder

    def bring_back(self, site_dir: str) -> None:
        self.preview.bring_back(site_dir)

    def last_result(self, locale: str) -> Result:
        result: Result = self.preview.last_result(locale)  # its output is where it was
        return result

    def keep_result(self, locale: str, result: Result, new: dict[str, Any] | None) -> None:
        self.preview.keep_result(locale, result)
        self.preview.merge(new)

    def child_started(self) -> None:
        self.preview.child_started()

    def child_results(self) -> dict[str, Any] | None:
        return self.preview.child_results()

    def build_started(self, search: Any) -> None:
        self.preview.build_started(search)

    def menu(self, current: str, files: Any, items: list[Any]) -> None:
        self.preview.menu(current, files, items)

    def templates(self, env: Any) -> None:
        install_templates(env, self.preview.cache)

    def jinja(self, dest_uri: str, markdown: str, render: Callable[[], str]) -> str:
        return self.preview.jinja(dest_uri, markdown, render)

    def markdown(self, page: Any, markdown: str, files: Any) -> None:
        self.preview.markdown(page, markdown, files)

    def qr(self, url: str) -> str:
        return self.preview.cache.qr_code(url, share.qr_svg)

    def content(self, page: Any, html: str) -> None:
        if html:
            self.preview.content(page, html)

    def context(self, page: Any, context: dict[str, Any]) -> None:
        self.preview.context(page, context)

    def finished(self, page: Any, output: str) -> None:
        self.preview.finished(page, output)


Mode = Production  # every mode answers the same methods


def choose(command: str) -> Mode:
    """The mode of one MkDocs command: the preview is `mkdocs serve`, everything else publishes."""
    if command != "serve":
        return Production()
    if os.environ.get("XULANG_PREVIEW_CACHE", "1") != "0":
        return CachedPreview()
    return PreviewMode()
