"""The publishing gate: what stops the build, what production leaves out, what leaves the build.

- Before anything is built (on_config): the checks that stop every build, the status rules of
  production, and missing translations; production then works on the published pages only.
- Each rendered page is checked once more (data/ and Jinja can bring in what the sources lacked);
  an unsafe page is written empty and the build stops after that language.
- Last of all (production): nothing but the site in the output, every file dated at the commit.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from xulang import checks, publication
from xulang.content import ContentTree
from xulang.facts import load_data
from xulang.findings import Finding, to_text
from xulang.plugin import publish, search
from xulang.plugin.mode import Mode
from xulang.plugin.preparation import apply as prepare_languages
from xulang.plugin.state import Run, rel_of
from xulang.site import Site

log = logging.getLogger("mkdocs.plugins.xulang")

# Checks the build does not run again: it renders every page it builds itself (plugin/pages.py)
# and reports the same finding at the same line from the same functions; run here too, a Jinja
# mistake was reported twice (as a warning, then as the render error). `missing-page` is decided
# with the sources (findings) or left to the fallback of the preview.
DONE_BY_THE_BUILD = frozenset({"rendering", "missing-page"})


class Gate:
    def __init__(self, mode: Mode, missing_translations: str) -> None:
        self.mode = mode
        self.fallback_allowed = mode.fallback_allowed(missing_translations)
        self.soft_checks: list[str] = []
        self.verbatim: set[str] = set()  # pages whose Markdown reached MkDocs as written

    def open_run(self, config: MkDocsConfig, site: Site, i18n: Any) -> Run:
        """The run's content and facts, once checked: what would stop the build stops it here."""
        self.check_output_folder(config, site.root)  # before MkDocs empties the folder
        # languages in preparation: previewed, left out of production (plugin/preparation.py)
        site, tree = prepare_languages(i18n, site, self.mode.production)
        data, data_findings = load_data(site.data_dir, site.root)
        tree.keep_data(data)
        search.teach_names(data.get("glossary") or {})
        if findings := self.findings(tree) + data_findings:
            raise PluginError(report_of(findings))
        return Run.open(site, self.published(config, tree), data)

    def check_output_folder(self, config: MkDocsConfig, root: Path) -> None:
        """Before MkDocs empties the output folder: never one that holds sources."""
        if self.mode.production and (
            problem := publish.site_dir_problem(Path(config.site_dir), root, Path(config.docs_dir))
        ):
            raise PluginError(problem)

    def findings(self, tree: ContentTree) -> list[Finding]:
        """What stops this build, from the sources; the other checks are kept for later."""
        names = ["readable", "title", "orphan", "notices", *publish.HARD_CHECKS]
        if self.mode.production:  # the preview shows drafts, and these as warnings
            names += publish.PUBLISHING_CHECKS
        found = list(checks.run(tree, names))
        view = publication.published_view(tree)
        if not self.fallback_allowed:
            names.append("missing-page")
            if self.mode.production:  # a draft needs no translation yet
                found += publish.missing_translations(tree, view)
            else:
                found += checks.run(tree, ["missing-page"])
        self.soft_checks = [
            n for n in checks.REGISTRY if n not in names and n not in DONE_BY_THE_BUILD
        ]
        return found

    def published(self, config: MkDocsConfig, tree: ContentTree) -> ContentTree:
        """The tree this build works on. In production, from here on the build sees published
        pages only: not in the files (so no HTML and no search entry), not in the menu,
        switcher, news list, sitemap or feeds."""
        if not self.mode.production:
            return tree
        view = publication.published_view(tree)
        hidden = publication.unpublished(tree, view)
        patterns = publish.exclude_patterns(hidden)
        if patterns:
            import pathspec

            spec = pathspec.gitignore.GitIgnoreSpec.from_lines(patterns)
            config["exclude_docs"] = config.exclude_docs + spec if config.exclude_docs else spec
            config["nav"] = publish.prune_nav(config.nav, set(hidden[tree.site.default.code]))
            log.info("Không đăng / not published (status): " + ", ".join(patterns))
        return view

    def run_soft_checks(self, tree: ContentTree) -> None:
        """The editors' other checks, the same as `xulang check`: warnings (a production build
        with --strict stops on them); the advisory findings (checks.ADVISORY_CODES: a stale
        translation) only inform, as in the checker."""
        for name in self.soft_checks:
            for finding in sorted(checks.run(tree, [name])):
                report = log.info if finding.code in checks.ADVISORY_CODES else log.warning
                report(f"{finding.format('vi')}\n    {finding.format('en')}")

    # -- pages ----------------------------------------------------------------------------

    def rendered_markdown(self, run: Run, rendered: str, display: str, first_line: int) -> str:
        """A page's Markdown after Jinja: editors' notes out; unsafe → written empty."""
        rendered = publish.strip_comments(rendered)
        unsafe = publish.rendered_markdown_findings(rendered, display, first_line)
        if unsafe:  # from data/ or built by Jinja: the page is written empty, the build stops
            run.render_errors.extend(unsafe)
            return ""
        return rendered

    def content(self, run: Run, html: str, page: Any) -> str:
        """The rendered page checked once more; an unsafe one is written empty."""
        if page.file.src_uri in self.verbatim:
            return html  # Markdown as written and checked: nothing came in from data/ or Jinja
        lang = getattr(page.file, "locale", run.site.default.code)
        source = run.tree.pages.get(lang, {}).get(rel_of(page.file.src_uri, lang))
        display = source.display if source else page.file.src_uri
        found = publish.rendered_findings(html, source, display)
        if found:
            run.render_errors.extend(found)
            return ""
        return html

    def banner(self, run: Run, lang: str, rel: str) -> str | None:
        """For the preview's banner: the status of a page that production would leave out."""
        return publication.banner_status(run.tree, lang, rel)

    def stop_on_errors(self, run: Run) -> None:
        """After each language build, before the i18n plugin starts the next one."""
        if run.render_errors:
            errors, run.render_errors = run.render_errors, []
            raise PluginError(report_of(errors))

    def seal(self, site_dir: Path, epoch: int | None) -> None:
        """Last of all: nothing but the site leaves a production build, dated at the commit."""
        if not self.mode.production:
            return
        leaked = publish.leaks(site_dir)
        if leaked:
            publish.remove(site_dir, leaked)
            raise PluginError(
                "Bản dựng có tệp không thuộc trang web (đã xoá khỏi bản dựng) / the output held "
                "files that are not part of the site (removed from the output):\n  "
                + "\n  ".join(leaked)
            )
        if epoch is not None:
            publish.set_mtimes(site_dir, epoch)


def report_of(findings: list[Finding]) -> str:
    count = len(findings)
    head = f"{count} lỗi cần sửa / {count} problem(s) to fix:"
    return "\n".join([head, to_text(findings, "vi"), "", "English:", to_text(findings, "en")])
