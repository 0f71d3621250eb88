"""The translations built side by side with the default language, one forked process each.

mkdocs-static-i18n builds the default language, then, from its `on_post_build`, each other
language in turn by calling MkDocs' `build()` again. Here each other language's build starts in a
child process (`os.fork`) as soon as the default build has emptied the output folder, does exactly
what that later call would do, and hands back what the parent needs to finish: the language's
search entries, our page records and 404 page, and its warnings. The i18n plugin's call then only
collects the child's result. Same builds, same order of outputs; on two cores about half the time.

Used only where `os.fork` exists, with mkdocs-static-i18n 1.3 (its loop is routed here by
upstream.py, which checks it first); otherwise, or with XULANG_PARALLEL=0, the languages are
built one after the other as before.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from xulang import forks
from xulang.plugin.upstream import I18n, enter_language_build

log = logging.getLogger("mkdocs.plugins.xulang")


@dataclass
class Result:
    """What a language's build hands back to the parent."""

    search_entries: list[dict[str, Any]] = field(default_factory=list)
    state: Any = None  # the plugin's own per-language outputs (records, 404 page)
    warnings: list[tuple[str, int, str]] = field(default_factory=list)
    error: str = ""


_QUIET = (
    "Documentation built in",
    "Building documentation to directory",
    "Cleaning site directory",
)


class _Capture(logging.Filter):
    """In a child: keep warnings and errors for the parent (which logs and counts them for
    --strict) instead of printing them here."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str]] = []
        self._seen: set[int] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            # as in mkdocs-static-i18n's own loop: one "built in" line, the parent's
            return not str(record.msg).startswith(_QUIET)
        if id(record) not in self._seen:
            self._seen.add(id(record))
            self.records.append((record.name, record.levelno, record.getMessage()))
        return False


class Workers:
    """The children of one run of the site build: started from the default language's build,
    joined when mkdocs-static-i18n asks for each other language."""

    def __init__(self) -> None:
        self.children: dict[str, forks.Forked] = {}
        self.detached: list[int] = []

    def start(
        self, locales: list[str], build_one: Callable[[str], Result], warm: Callable[[], None]
    ) -> None:
        warm()  # what every build would load for itself, loaded once before the fork
        self.children = forks.start_all({locale: partial(build_one, locale) for locale in locales})

    def background(self, work: Callable[[], None]) -> None:
        """Run `work` in a child nobody waits for (the preview's warnings: printed, not counted)."""
        self.reap()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            try:
                os.nice(19)  # the rebuild the editor waits for comes first
                work()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(0)
        self.detached.append(pid)

    def reap(self) -> None:
        for pid in list(self.detached):
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                self.detached.remove(pid)

    def has(self, locale: str) -> bool:
        return locale in self.children

    def join(self, locale: str) -> Result:
        try:
            result: Result = self.children.pop(locale).result()
        except forks.ForkError as exc:
            return Result(error=f"the build of '{locale}': {exc}")
        return result

    def stop(self) -> None:
        """Children not joined (the parent's build failed first): end them."""
        for child in self.children.values():
            child.kill()
        self.children = {}


def build_in_child(
    config: MkDocsConfig, i18n: I18n, locale: str, collect: Callable[[], Any]
) -> Result:
    """In a child: what mkdocs-static-i18n's loop does for one language, then the results."""
    capture = _Capture()
    for logger in (logging.getLogger("mkdocs"), logging.getLogger()):
        for handler in logger.handlers:
            handler.addFilter(capture)
    enter_language_build(i18n, locale)
    # --strict is the parent's: it logs this build's warnings again and counts them with its own
    config["strict"] = False
    error = ""
    try:
        mkdocs_build.build(config, dirty=False)
    except Abort as exc:  # its message was logged as an error, which goes back to the parent
        error = str(exc) or "Aborted"
    entries = list(getattr(i18n, "search_entries", []))
    return Result(search_entries=entries, state=collect(), warnings=capture.records, error=error)


def relog(result: Result) -> None:
    """A child's warnings, logged by the parent: printed once and counted by --strict."""
    for name, level, message in result.warnings:
        logging.getLogger(name).log(level, message)
