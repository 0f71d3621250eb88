"""The MkDocs plugin: facts into pages, checks at build time, head tags, per-language outputs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from xulang import checks, festivals, report
from xulang.checks.freshness import stale
from xulang.content import ContentTree
from xulang.facts import format_date, load_data
from xulang.findings import Finding, to_text
from xulang.plugin import feedback, ics, output, parallel, preview, publish, seo, share
from xulang.plugin import search as search_worker
from xulang.plugin.cache import install_templates
from xulang.plugin.dates import Dates, PageDates
from xulang.plugin.head import PageRecord, not_found_context, page_context
from xulang.plugin.notices import NoticeConfigError, Notices
from xulang.plugin.preview import Preview
from xulang.render import RenderError, render_markdown
from xulang.site import Site, SiteConfigError, languages_from_i18n
from xulang.slugs import slugify

log = get_plugin_logger(__name__)


class XulangConfig(Config):
    # auto: `mkdocs build` fails on a missing translation, `mkdocs serve` shows the Vietnamese page
    missing_translations = config_options.Choice(("auto", "error", "fallback"), default="auto")
    data_dir = config_options.Type(str, default="data")
    # department ids a page may name as `owner`, with their names for the status report
    owners = config_options.Type(dict, default={})
    # where readers' "report a problem" messages go (a mailto: link on every page; none if empty)
    report_address = config_options.Type(str, default="")


class XulangPlugin(BasePlugin[XulangConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.site: Site | None = None
        self.tree: ContentTree | None = None
        self.data: dict[str, Any] = {}
        self.records: list[PageRecord] = []
        self.not_found: dict[str, bytes] = {}
        self.render_errors: list[Finding] = []
        self.epoch: int | None = None  # SOURCE_DATE_EPOCH or the last commit: output file dates
        self.preview: Preview | None = None  # the preview's memory between rebuilds
        self.workers: parallel.Workers | None = None  # the other languages' builds, side by side
        self.notices: Notices | None = None  # data/notices.yml as each language shows it
        self.dates: Dates | None = None  # pages' Updated dates, from git

    # -- set-up ---------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        # The preview keeps what pages rendered to between its rebuilds (never `mkdocs build`).
        keep = command == "serve" and os.environ.get("XULANG_PREVIEW_CACHE", "1") != "0"
        self.preview = Preview() if keep else None

    def _i18n(self, config: MkDocsConfig) -> Any:
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError(f"{config.config_file_path}: the `i18n` plugin must be configured")
        return i18n

    @property
    def fallback_allowed(self) -> bool:
        mode = self.config.missing_translations
        return mode == "fallback" or (mode == "auto" and self.command == "serve")

    @property
    def production(self) -> bool:
        """`mkdocs build` (and gh-deploy) publish `status: published` only; the preview all."""
        return self.command != "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n = self._i18n(config)
        config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
        # The sitemap is written once for all languages in on_post_build.
        config.theme.static_templates.discard("sitemap.xml")
        if i18n.building:
            return config  # a nested language build of the same run: already checked
        if self.workers is not None:
            self.workers.stop()  # the last run failed before it needed them
        routed = parallel.route_language_builds(self.join_language)
        self.workers = (self.workers or parallel.Workers()) if routed else None
        self.soft_checks: list[str] = []
        self.verbatim: set[str] = set()  # pages whose Markdown reached MkDocs as written
        root = Path(config.config_file_path).resolve().parent  # `-f mkdocs.yml` is relative
        try:
            languages = languages_from_i18n([dict(lang) for lang in i18n.config.languages])
        except SiteConfigError as exc:
            raise PluginError(f"{config.config_file_path}: {exc}") from None
        site_url = (config.site_url or "/").rstrip("/") + "/"
        self.site = Site(
            root, Path(config.docs_dir), site_url, languages, tuple(self.config.owners)
        )
        if problems := share.check_config(self.site):
            raise PluginError(f"{config.config_file_path}: " + "; ".join(problems))
        self.records, self.not_found, self.render_errors = [], {}, []
        if self.production and (
            problem := publish.site_dir_problem(Path(config.site_dir), root, Path(config.docs_dir))
        ):
            raise PluginError(problem)  # before MkDocs empties the folder
        self.tree = ContentTree.load(self.site)
        names = ["readable", "title", "orphan", "notices", *publish.HARD_CHECKS]
        if self.production:
            names.append("publishing")
        findings = list(checks.run(self.tree, names))
        view = publish.published_view(self.tree)
        if self.production:
            findings += publish.status_findings(self.tree)
        if not self.fallback_allowed:
            names.append("missing-page")
            if self.production:  # a draft needs no translation yet
                findings += publish.missing_translations(self.tree, view)
            else:
                findings += checks.run(self.tree, ["missing-page"])
        self.data, data_findings = load_data(root / self.config.data_dir, root)
        findings += data_findings
        search_worker.teach_names(self.data.get("glossary") or {})
        if findings:
            raise PluginError(_report(findings))
        self.soft_checks = [n for n in checks.REGISTRY if n not in names and n != "missing-page"]
        if self.production:
            self._leave_out_unpublished(config, view)
        self.epoch = publish.source_date_epoch(root)
        try:  # on every page: a notice over at the build's date is left out
            self.notices = Notices(self.site, root / self.config.data_dir, self.epoch)
        except NoticeConfigError as exc:
            raise PluginError(str(exc)) from None
        self.dates = Dates(root, Path(config.docs_dir).resolve().relative_to(root).as_posix())
        self.dates.load()
        if self.preview is not None:
            self.preview.start_run(
                config,
                self.site,
                self.tree,
                root / self.config.data_dir,
                skip=self.workers is not None,
            )
        # Material's first inline script embeds `scope`, by default the page's relative path to
        # the root: one script (and one Content-Security-Policy hash) per folder depth. The site's
        # root path is the same place, written once.
        config.extra["scope"] = urlsplit(site_url).path or "/"
        return config

    def on_shutdown(self) -> None:
        if self.preview is not None:
            self.preview.shutdown()
        if self.workers is not None:
            self.workers.stop()

    def _leave_out_unpublished(self, config: MkDocsConfig, view: ContentTree) -> None:
        """From here on the build sees published pages only: not in the files (so no HTML and
        no search entry), not in the menu, switcher, news list, sitemap or feeds."""
        assert self.tree is not None and self.site is not None
        hidden = publish.unpublished(self.tree, view)
        patterns = publish.exclude_patterns(hidden)
        if patterns:
            import pathspec

            spec = pathspec.gitignore.GitIgnoreSpec.from_lines(patterns)
            config["exclude_docs"] = config.exclude_docs + spec if config.exclude_docs else spec
            config["nav"] = publish.prune_nav(config.nav, set(hidden[self.site.default.code]))
            log.info("Không đăng / not published (status): " + ", ".join(patterns))
        self.tree = view

    @event_priority(100)  # the output folder has just been emptied; nothing is rendered yet
    def _start_languages(self, files: Files, *, config: MkDocsConfig) -> Files:
        """From the default language's build: start the other languages' builds alongside."""
        i18n = self._i18n(config)
        if i18n.building:
            return files
        if self.workers is not None:
            unchanged = set()
            if self.preview is not None:
                self.preview.bring_back(config.site_dir)
                unchanged = self.preview.unchanged
            others = [
                code
                for code in i18n.build_languages
                if code != i18n.current_language and code not in unchanged
            ]
            self.workers.start(
                others,
                lambda locale: self._build_in_child(config, i18n, locale),
                search_worker.warm_segmenter,
            )
        if self.workers is not None and not self.production:
            self.workers.background(self._run_soft_checks)  # the preview shows, never counts, them
        else:
            self._run_soft_checks()  # while the other languages build
        return files

    def _run_soft_checks(self) -> None:
        """The editors' other checks, the same as `xulang check`: warnings (a production build
        with --strict stops on them); freshness only informs, since a stale page is published
        with a notice to readers."""
        assert self.tree is not None
        for name in self.soft_checks:
            report = log.info if name in SOFT_CHECKS else log.warning
            for finding in sorted(checks.run(self.tree, [name])):
                report(f"{finding.format('vi')}\n    {finding.format('en')}")

    def join_language(self, config: MkDocsConfig, dirty: bool) -> None:
        """Called by mkdocs-static-i18n for each other language: collect the child's build (or,
        without one, build it here)."""
        i18n = self._i18n(config)
        locale = i18n.current_language
        if self.preview is not None and locale in self.preview.unchanged:
            result = self.preview.last_result(locale)  # its output is where it was
        elif self.workers is None or not self.workers.has(locale):
            parallel.mkdocs_build.build(config, dirty=dirty)
            return
        else:
            result = self.workers.join(locale)
        parallel.relog(result)
        if result.error:
            self.workers.stop()
            raise Abort(result.error)
        records, not_found, new = result.state
        if self.preview is not None:
            kept = parallel.Result(
                result.search_entries, (records, not_found, None), result.warnings
            )
            self.preview.keep_result(locale, kept)
            self.preview.merge(new)
        self.records.extend(records)
        self.not_found.update(not_found)
        i18n.search_entries.extend(result.search_entries)

    def _build_in_child(self, config: MkDocsConfig, i18n: Any, locale: str) -> parallel.Result:
        self.workers = None  # the other children are the parent's, not this process's
        if self.preview is not None:
            self.preview.child_started()
        return parallel.build_in_child(config, i18n, locale, self._child_state)

    def _child_state(self) -> tuple[Any, ...]:
        new = self.preview.child_results() if self.preview is not None else None
        return self.records, self.not_found, new

    @event_priority(-100)  # after Material's search has made this build's index (on_config)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.preview is None:
            return
        if not self._i18n(config).building:
            self.preview.set_aside(config.site_dir)  # before MkDocs empties the folder
        self.preview.build_started(
            config.plugins.get("material/search") or config.plugins.get("search")
        )

    @event_priority(-200)  # after mkdocs-static-i18n has made the language's menu
    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.preview is not None:
            self.preview.menu(self._i18n(config).current_language, files, nav.items)
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.preview is not None:
            install_templates(env, self.preview.cache)
        return env

    def on_build_error(self, *, error: Exception) -> None:
        if self.workers is not None:
            self.workers.stop()

    @event_priority(-200)  # after mkdocs-static-i18n has sorted the files by language
    def _status_page(self, files: Files, *, config: MkDocsConfig) -> Files:
        """In the preview only: the translation status report as a page, at /trang-thai/."""
        i18n = self._i18n(config)
        if (
            self.command == "serve"
            and self.tree is not None
            and i18n.current_language == i18n.default_language
        ):
            page = report.to_markdown(report.build(self.tree))
            files.append(File.generated(config, STATUS_PAGE, content=page))
        return files

    on_files = CombinedEvent(_start_languages, _status_page)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        preview.notice_saves_at_once(server)
        server.watch(str(Path(config.config_file_path).resolve().parent / self.config.data_dir))
        return server

    # -- pages ----------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Any
    ) -> str:
        markdown = self._markdown(markdown, page)
        if self.preview is not None:
            self.preview.markdown(page, markdown, files)
        return markdown

    def _markdown(self, markdown: str, page: MkPage) -> str:
        assert self.site is not None and self.tree is not None
        lang = getattr(page.file, "locale", self.site.default.code)
        rel = _rel(page.file.src_uri, lang)
        source = self.tree.pages.get(lang, {}).get(rel)
        display = source.display if source else page.file.src_uri
        first_line = source.body_line if source else 1
        written = markdown
        markdown = publish.strip_comments(markdown)  # editors' notes never reach readers
        if "{{" not in markdown and "{%" not in markdown and markdown == written:
            # No Jinja, no comment: MkDocs gets what the source check (on_config) passed.
            self.verbatim.add(page.file.src_uri)
            return markdown
        self.verbatim.discard(page.file.src_uri)
        ui = {k.split(".", 1)[1]: v for k, v in self._ui(lang).items() if k.startswith("map.")}
        # The news list only for the pages that use it (the news index): built for every page
        # it made the build quadratic in the number of news items.
        news = news_items(self.tree, lang, rel) if "news" in markdown else []
        writing = self.site.language(lang).extra.get("writing") or {}
        extra = {
            "news": news,
            "ui": ui,
            "writing": writing,
            "languages": self.site.codes,
            "default_language": self.site.default.code,
        }
        # the map page: the map services each place links to (mkdocs.yml, `extra.directions`)
        extra["directions"] = self.site.language(lang).extra.get("directions") or []
        if (
            "festival_calendar" in markdown
        ):  # the festival calendar page: dates from the build's date
            extra.update(
                festivals.page_functions(
                    self.data, self.site.language(lang), self.site.codes, self.epoch, page.url
                )
            )

        def render() -> str:
            return render_markdown(markdown, self.data, lang, display, first_line, extra)

        try:
            if self.preview is not None:
                rendered = self.preview.jinja(page.file.src_uri, markdown, render)
            else:
                rendered = render()
        except RenderError as exc:
            self.render_errors.append(exc.finding)
            return markdown
        rendered = publish.strip_comments(rendered)
        unsafe = publish.rendered_markdown_findings(rendered, display, first_line)
        if unsafe:  # from data/ or built by Jinja: the page is written empty, the build stops
            self.render_errors.extend(unsafe)
            return ""
        return rendered

    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Any) -> str:
        """The rendered page is checked once more: data/ and Jinja can bring in what the source
        check could not see. An unsafe page is written empty, and the build then stops."""
        assert self.site is not None and self.tree is not None
        html = self._checked_content(html, page)
        if html:  # print writes each link's address after it: absolute ones for internal links
            html = share.mark_links(html, self.site.site_url + page.url)
        if self.preview is not None and html:
            self.preview.content(page, html)
        return html

    def _checked_content(self, html: str, page: MkPage) -> str:
        assert self.site is not None and self.tree is not None
        if page.file.src_uri in self.verbatim:
            return html  # Markdown as written and checked: nothing came in from data/ or Jinja
        lang = getattr(page.file, "locale", self.site.default.code)
        source = self.tree.pages.get(lang, {}).get(_rel(page.file.src_uri, lang))
        display = source.display if source else page.file.src_uri
        findings = publish.rendered_findings(html, source, display)
        if findings:
            self.render_errors.extend(findings)
            return ""
        return html

    def on_page_context(
        self, context: dict[str, Any], *, page: MkPage, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        assert self.site is not None and self.tree is not None
        current = self._i18n(config).current_language
        file_lang = getattr(page.file, "locale", current)
        record = PageRecord(
            lang=current,
            rel=_rel(page.file.src_uri, file_lang),
            url=page.url,
            fallback=file_lang != current,
        )
        self.records.append(record)
        context["xulang"] = page_context(self.site, self.tree, record, self._stale_since(record))
        context["xulang"]["notices"] = self.notices.for_page(current) if self.notices else []
        dates = self._dates(record)
        context["xulang"]["dates"] = dates.context(record.lang) if dates else {}
        context["xulang"]["report"] = feedback.mailto(
            self.config.report_address,
            self._ui(current),
            page.title or "",
            self.site.site_url + page.url,
            self.site.language(current).name,
        )
        context["xulang"]["structured_data"] = seo.for_page(
            self.site,
            self.tree,
            self.data,
            record,
            config.site_name,
            modified=dates.updated if dates else None,
        )
        # its QR code and share links (xl-share.html); the home page is shared as the site
        home = record.rel == "index.md"
        title = config.site_name if home else str(page.title or config.site_name)
        context["xulang"]["share"] = share.for_page(
            self.site, self.site.language(current), record.url, title
        )
        if not self.production:  # the preview marks what production would leave out
            context["xulang"]["unpublished"] = publish.banner_status(self.tree, current, record.rel)
        if self.preview is not None:
            self.preview.context(page, context)
        return context

    @event_priority(-200)  # the finished page, after every other plugin
    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        if self.preview is not None:
            self.preview.finished(page, output)
        return output

    def on_template_context(
        self, context: dict[str, Any], *, template_name: str, config: MkDocsConfig
    ) -> dict[str, Any]:
        if template_name == "404.html" and self.site is not None:
            current = self._i18n(config).current_language
            context["xulang"] = not_found_context(self.site, current)
            shown = self.notices.for_page(current or self.site.default.code) if self.notices else []
            context["xulang"]["notices"] = shown
        return context

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """Each language's 404 page as rendered: every language build writes the same 404.html
        (languages built side by side would race on it); the right one goes to each language's
        folder at the end."""
        if template_name == "404.html":
            current = self._i18n(config).current_language
            self.not_found[current] = output_content.encode("utf-8", errors="xmlcharrefreplace")
        return output_content

    # -- outputs --------------------------------------------------------------------------

    @event_priority(100)
    def _post_build_each(self, *, config: MkDocsConfig) -> None:
        """After each language build, before the i18n plugin starts the next one."""
        if self.render_errors:
            errors, self.render_errors = self.render_errors, []
            raise PluginError(_report(errors))

    @event_priority(-200)
    def _post_build_last(self, *, config: MkDocsConfig) -> None:
        """Once every language is built: outputs that span all languages."""
        if self._i18n(config).building or self.site is None:
            return
        site_dir = Path(config.site_dir)
        output.write_not_found_pages(site_dir, self.site, self.not_found)
        output.write_sitemap(site_dir, self.site, self.records)
        output.write_robots(site_dir, self.site)
        output.write_feeds(site_dir, self.site, self._feeds())
        try:
            ics.write_calendars(site_dir, self.site, self.data, self.records, self.epoch)
        except ics.CalendarError as exc:
            raise PluginError(str(exc)) from None
        output.split_search_index(site_dir, self.site, self._search_settings())
        try:
            output.patch_theme_bundle(site_dir)
        except output.OutputError as exc:
            raise PluginError(str(exc)) from None
        try:
            search_worker.patch_search(site_dir)
        except search_worker.SearchPatchError as exc:
            raise PluginError(str(exc)) from None

    @event_priority(-300)
    def _post_build_seal(self, *, config: MkDocsConfig) -> None:
        """Last of all: nothing but the site leaves a production build, dated at the commit."""
        if self._i18n(config).building or not self.production:
            return
        site_dir = Path(config.site_dir)
        leaked = publish.leaks(site_dir)
        if leaked:
            publish.remove(site_dir, leaked)
            raise PluginError(
                "Bản dựng có tệp không thuộc trang web (đã xoá khỏi bản dựng) / the output held "
                "files that are not part of the site (removed from the output):\n  "
                + "\n  ".join(leaked)
            )
        if self.epoch is not None:
            publish.set_mtimes(site_dir, self.epoch)

    on_post_build = CombinedEvent(_post_build_each, _post_build_last, _post_build_seal)

    def _stale_since(self, record: PageRecord) -> str | None:
        """When a translation fell behind its source: the date of the oldest unfollowed change."""
        assert self.tree is not None
        page = self.tree.pages.get(record.lang, {}).get(record.rel)
        if record.fallback or page is None or self.tree.source_of(page) is None:
            return None
        changes = stale(self.tree, page)
        return format_date(changes[-1].date, record.lang) if changes else None

    def _dates(self, record: PageRecord) -> PageDates | None:
        """A page's dates, for a page written in its language (not a preview's stand-in)."""
        page = (
            None
            if record.fallback
            else self.tree.pages.get(record.lang, {}).get(record.rel)
            if self.tree
            else None
        )
        if page is None or self.dates is None:
            return None
        return self.dates.of(page.display, page.meta)

    def _ui(self, lang: str) -> dict[str, str]:
        assert self.site is not None
        return dict(self.site.language(lang).extra.get("ui") or {})

    def _search_settings(self) -> dict[str, dict[str, object]]:
        """Each language's lunr settings from `extra.search` in mkdocs.yml (lang, separator)."""
        assert self.site is not None
        return {lang.code: dict(lang.extra.get("search") or {}) for lang in self.site.languages}

    def _feeds(self) -> dict[str, tuple[str, list[dict[str, str]]]]:
        """Each language's published news items (no preview stand-ins), newest first."""
        assert self.site is not None and self.tree is not None
        feeds = {}
        for lang in self.site.languages:
            items = []
            for record in self.records:
                if record.lang != lang.code or record.fallback:
                    continue
                if not record.rel.startswith(NEWS_FOLDER) or record.rel == NEWS_FOLDER + "index.md":
                    continue
                meta = self.tree.pages[lang.code][record.rel].meta
                items.append(
                    {
                        "title": str(meta.get("title", "")),
                        "date": str(meta.get("date", "")),
                        "description": str(meta.get("description", "")),
                        "url": record.url,
                    }
                )
            if self.notices is not None:  # entries dated at their start
                items += self.notices.feed_items(lang.code)
            items.sort(key=lambda item: (item["date"], item["url"]), reverse=True)
            title = str((lang.extra.get("ui") or {}).get("feed.title", lang.name))
            feeds[lang.code] = (title, items)
        return feeds


NEWS_FOLDER = "tin-tuc/"
STATUS_PAGE = "trang-thai/index.md"  # preview only: never built by `mkdocs build`
SOFT_CHECKS = {"freshness"}


def news_items(tree: ContentTree, lang: str, rel: str) -> list[dict[str, Any]]:
    """News pages of one language, newest first, with links relative to the page `rel`."""
    items = []
    here = Path(rel).parent
    for other, page in tree.pages.get(lang, {}).items():
        if not other.startswith(NEWS_FOLDER) or other == NEWS_FOLDER + "index.md":
            continue
        link = Path(os.path.relpath(other, here)).as_posix()
        items.append(
            {
                "title": page.meta.get("title", ""),
                "date": str(page.meta.get("date", "")),
                "description": page.meta.get("description", ""),
                "link": link,
            }
        )
    return sorted(items, key=lambda item: (item["date"], item["link"]), reverse=True)


def _rel(src_uri: str, lang: str) -> str:
    prefix = f"{lang}/"
    return src_uri[len(prefix) :] if src_uri.startswith(prefix) else src_uri


def _report(findings: list[Finding]) -> str:
    count = len(findings)
    head = f"{count} lỗi cần sửa / {count} problem(s) to fix:"
    return "\n".join([head, to_text(findings, "vi"), "", "English:", to_text(findings, "en")])
