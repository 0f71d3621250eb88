"""The preview (`mkdocs serve`): a save noticed when it happens, and a rebuild that does only
what the save changed.

- Saves: MkDocs' live-reload server looks for changed files every half second (watchdog's
  polling observer, which also lists every watched file each time). On Linux the kernel can say at
  once that a file changed (inotify): the preview then starts rebuilding as soon as an editor
  saves. Where inotify is not available (or XULANG_POLLING=1, for folders shared from another
  machine, which inotify does not see), the server keeps polling.
- Rebuilds: `Preview` keeps each page's results between rebuilds (cache.py) and the last build of
  each translation; a translation whose inputs did not change is not built again.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from xulang import history
from xulang.content import ContentTree
from xulang.plugin.cache import CACHED_TEMPLATE, PreviewCache, digest, tree_stat
from xulang.site import Site


def notice_saves_at_once(server: Any) -> None:
    if os.environ.get("XULANG_POLLING") == "1":
        return
    try:
        from watchdog import events
        from watchdog.observers.api import ObservedWatch
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # not Linux
        return

    class SavesOnly(InotifyObserver):
        """Only what changes a file counts: a file written and closed, created, moved or
        deleted. (The build itself opens and reads every page: with every event counted,
        each build would start the next one; a file still being written is not taken either.)"""

        def schedule(
            self,
            event_handler: events.FileSystemEventHandler,
            path: str | Path,
            *,
            recursive: bool = False,
            event_filter: list[type[events.FileSystemEvent]] | None = None,
            follow_symlink: bool = False,
        ) -> ObservedWatch:
            # whatever filter the caller asks for: saves only
            saves: list[type[events.FileSystemEvent]] = [
                events.FileClosedEvent,
                events.FileCreatedEvent,
                events.FileMovedEvent,
                events.FileDeletedEvent,
            ]
            return super().schedule(
                event_handler,
                path,
                recursive=recursive,
                event_filter=saves,
                follow_symlink=follow_symlink,
            )

    paths = dict(getattr(server, "_watched_paths", {}))
    observer = server.observer
    if observer.is_alive() or not paths:
        return  # already running, or a server this code does not know
    if not _inotify_works(next(iter(paths))):
        return  # no inotify here (or no watches left): keep polling
    inotify = SavesOnly()
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = inotify
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)


def _inotify_works(path: str) -> bool:
    """The kernel gives an inotify instance and a watch on `path` (watchdog would only find out
    once the server runs, and then say nothing)."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fd = libc.inotify_init1(os.O_CLOEXEC)
        if fd < 0:
            return False
        try:
            return bool(
                libc.inotify_add_watch(fd, os.fsencode(path), 0x00000008) >= 0
            )  # IN_CLOSE_WRITE
        finally:
            os.close(fd)
    except (OSError, AttributeError):
        return False


class Preview:
    """What `mkdocs serve` keeps between its rebuilds (one instance for the whole session, in
    the plugin): the pages' results (PreviewCache) and the translations' last builds.

    The plugin calls one method per MkDocs event; every key is made of what the result was
    made from (see cache.py), so a rebuild that takes a result from here writes what a fresh
    build would (tests/test_fast_paths.py)."""

    def __init__(self) -> None:
        self.cache = PreviewCache()
        self.inputs = b""  # what every page of this run can show besides its own source
        self.page_inputs = b""  # the same, plus the current language's files and menu
        self.language_inputs: dict[str, bytes] = {}
        self.unchanged: set[str] = set()  # translations this run does not build again
        self.pending: dict[str, tuple[str, bytes]] = {}  # src_uri -> (kind, key) to keep
        self.found: dict[str, bytes] = {}  # src_uri -> key of its finished page, taken from here
        self.asides: set[Path] = set()

    # -- a run: the default language's build, with the others -------------------------------

    def start_run(
        self, config: Any, site: Site, tree: ContentTree, data_dir: Path, skip: bool
    ) -> None:
        """After the checks (on_config): fingerprint the inputs, and find the translations
        whose inputs did not change since their last build (`skip`: they can be left out)."""
        custom = config.theme.custom_dir
        stats = tree_stat(
            [
                Path(config.config_file_path),
                data_dir,
                *([Path(custom)] if custom else []),
                site.docs_dir / "assets",
            ]
        )
        meta = [
            (lang, rel, sorted(page.meta.items(), key=str))
            for lang, pages in sorted(tree.pages.items())
            for rel, page in sorted(pages.items())
        ]
        head = history.git(site.root, "rev-parse", "HEAD") or ""
        self.inputs = digest(stats, meta, head)
        default = site.default.code
        self.language_inputs = {}
        for lang in site.translations:
            # a translation's pages come from its own folder, and from the default language's
            # where it stands in for a missing page
            stands_in = set(tree.pages.get(default, {})) - set(tree.pages.get(lang.code, {}))
            self.language_inputs[lang.code] = digest(
                self.inputs,
                lang.code,
                tree_stat([site.docs_dir / lang.code]),
                tree_stat([site.docs_dir / default]) if stands_in else b"",
            )
        self.unchanged = {
            code
            for code, key in self.language_inputs.items()
            if skip and self.cache.languages.get(code, (None,))[0] == key
        }

    def _aside(self, site_dir: str, code: str) -> Path:
        aside = Path(f"{site_dir.rstrip(os.sep)}.xulang-{code}")
        self.asides.add(aside)
        return aside

    def set_aside(self, site_dir: str) -> None:
        """Before MkDocs empties the output folder: move the unchanged translations away."""
        for code in sorted(self.unchanged):
            built, aside = Path(site_dir) / code, self._aside(site_dir, code)
            shutil.rmtree(aside, ignore_errors=True)
            if built.is_dir():
                os.rename(built, aside)
            else:
                self.unchanged.discard(code)

    def bring_back(self, site_dir: str) -> None:
        """Once the folder is empty: put them back where they were."""
        self.cache.take_new()  # already kept here; each child sends back only what it adds
        for code in sorted(self.unchanged):
            os.rename(self._aside(site_dir, code), Path(site_dir) / code)

    def last_result(self, code: str) -> Any:
        return self.cache.languages[code][1]

    def keep_result(self, code: str, result: Any) -> None:
        self.cache.languages[code] = (self.language_inputs[code], result)

    def shutdown(self) -> None:
        for aside in self.asides:
            shutil.rmtree(aside, ignore_errors=True)

    # -- a language's build ------------------------------------------------------------------

    def build_started(self, search: Any) -> None:
        """on_pre_build of every language's build: Material's index for it is new."""
        if search is not None and hasattr(search, "search_index"):
            self.cache.wrap_search(search.search_index)

    def menu(self, current: str, files: Any, items: list[Any]) -> None:
        self.page_inputs = digest(
            self.inputs, current, sorted(f.src_uri for f in files), _menu(items)
        )

    def jinja(self, dest_uri: str, markdown: str, render: Callable[[], str]) -> str:
        """A page's Jinja output (facts, news list): depends on its Markdown, data/ and every
        page's front matter, all in `inputs`, and on the language it is built in (`dest_uri`)."""
        key = digest(self.inputs, dest_uri, markdown)
        if key in self.cache.jinja:
            self.cache.hits["jinja"] += 1
            return self.cache.jinja[key]
        rendered: str = render()
        self.cache.put("jinja", key, rendered)
        return rendered

    def markdown(self, page: Any, markdown: str, files: Any) -> None:
        key = digest(self.page_inputs, page.file.src_uri, markdown)
        if not self.cache.install_render(page, key, files):
            self.pending[page.file.src_uri] = ("rendered", key)

    def content(self, page: Any, html: str) -> None:
        """The page's HTML is known (on_page_content): keep its conversion, and take the
        finished page from here if it is known (the template is chosen before page_context)."""
        pending = self.pending.pop(page.file.src_uri, None)
        if pending is not None:
            self.cache.keep_render(page, pending[1])
        key = self.cache.page_key(self.page_inputs, page, html)
        if key in self.cache.pages:
            self.cache.hits["pages"] += 1
            self.found[page.file.src_uri] = key
            page.meta["template"] = CACHED_TEMPLATE
        else:
            self.pending[page.file.src_uri] = ("pages", key)

    def context(self, page: Any, context: dict[str, Any]) -> None:
        if page.meta.get("template") == CACHED_TEMPLATE:
            context["xulang_cached_page"] = self.cache.pages[self.found.pop(page.file.src_uri)]

    def finished(self, page: Any, output: str) -> None:
        pending = self.pending.pop(page.file.src_uri, None)
        if pending is not None and pending[0] == "pages":
            self.cache.put("pages", pending[1], output)

    # -- across processes ---------------------------------------------------------------------

    def child_started(self) -> None:
        self.cache.hits.clear()  # a child counts its own

    def child_results(self) -> dict[str, Any]:
        return self.cache.take_new()

    def merge(self, new: dict[str, Any] | None) -> None:
        if new:
            self.cache.merge(new)


def _menu(items: list[Any]) -> list[Any]:
    """The menu as plain data: titles, addresses and nesting."""
    return [
        (
            getattr(i, "title", None),
            getattr(i, "url", None),
            _menu(getattr(i, "children", None) or []),
        )
        for i in items
    ]


# -- the status page ----------------------------------------------------------------------------


def status_file(config: Any, src_uri: str, markdown: str) -> Any:
    """The preview's status page as a file of the build, outside the menu on purpose (MkDocs
    would otherwise warn on every rebuild that it is not in `nav`)."""
    from mkdocs.structure.files import File, InclusionLevel

    return File.generated(config, src_uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
