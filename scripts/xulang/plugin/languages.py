"""The fast path of the language builds: the translations built side by side (parallel.py) and,
in the preview, translations left as they were when nothing they show has changed (preview.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from xulang.plugin import parallel, upstream
from xulang.plugin import search as search_service
from xulang.plugin.mode import Mode
from xulang.plugin.state import Run


class Languages:
    def __init__(self, mode: Mode) -> None:
        self.mode = mode
        self.workers: parallel.Workers | None = None  # the other languages' builds
        self.run: Run | None = None

    def configure(self, run: Run) -> None:
        """A new run (on_config of the default language): route mkdocs-static-i18n's language
        builds here (`join`) when they can run side by side."""
        self.run = run
        if self.workers is not None:
            self.workers.stop()  # the last run failed before it needed them
        routed = upstream.route_language_builds(self.join)
        self.workers = (self.workers or parallel.Workers()) if routed else None

    @property
    def side_by_side(self) -> bool:
        return self.workers is not None

    def start(
        self, config: MkDocsConfig, i18n: upstream.I18n, soft_checks: Callable[[], None]
    ) -> None:
        """From the default language's build, once the output folder is empty: start the other
        languages' builds, and run the editors' other checks meanwhile."""
        if self.workers is not None:
            self.mode.bring_back(config.site_dir)
            others = [
                code
                for code in i18n.build_languages
                if code != i18n.current_language and code not in self.mode.unchanged
            ]
            self.workers.start(
                others,
                lambda locale: self._build_in_child(config, i18n, locale),
                search_service.warm_segmenter,
            )
        if self.workers is not None and not self.mode.production:
            self.workers.background(soft_checks)  # the preview shows, never counts, them
        else:
            soft_checks()  # while the other languages build

    def join(self, config: MkDocsConfig, dirty: bool) -> None:
        """Called by mkdocs-static-i18n for each other language: collect the child's build (or,
        without one, build it here)."""
        assert self.run is not None
        i18n = upstream.i18n_of(config)
        locale = i18n.current_language
        if locale in self.mode.unchanged:
            result = self.mode.last_result(locale)  # its output is where it was
        elif self.workers is None or not self.workers.has(locale):
            mkdocs_build.build(config, dirty=dirty)
            return
        else:
            result = self.workers.join(locale)
        parallel.relog(result)
        if result.error:
            self.stop()
            raise Abort(result.error)
        records, not_found, new = result.state
        kept = parallel.Result(result.search_entries, (records, not_found, None), result.warnings)
        self.mode.keep_result(locale, kept, new)
        self.run.records.extend(records)
        self.run.not_found.update(not_found)
        i18n.search_entries.extend(result.search_entries)

    def _build_in_child(
        self, config: MkDocsConfig, i18n: upstream.I18n, locale: str
    ) -> parallel.Result:
        self.workers = None  # the other children are the parent's, not this process's
        self.mode.child_started()
        return parallel.build_in_child(config, i18n, locale, self._child_state)

    def _child_state(self) -> tuple[Any, ...]:
        assert self.run is not None
        return self.run.records, self.run.not_found, self.mode.child_results()

    def stop(self) -> None:
        if self.workers is not None:
            self.workers.stop()
