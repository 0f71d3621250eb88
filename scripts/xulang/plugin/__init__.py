"""The MkDocs plugin: a router from MkDocs' events to the services that each own one job.

- gate.py: the publishing gate (checks that stop the build, what production leaves out, the
  output sealed); pages.py: facts into pages (Jinja); context.py: head tags, dates, notices, share
  links as page context; output.py: files that span the languages; search.py: each language's
  search; languages.py with mode.py: the fast paths (languages side by side, the preview's memory).
- Configuration is read once, here (on_config), into `Run` (state.py) and `Site` (xulang.site).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from xulang.plugin import context, output, pages, rebuilds, search, upstream
from xulang.plugin.gate import Gate
from xulang.plugin.languages import Languages
from xulang.plugin.media import Media
from xulang.plugin.mode import Mode, Production, choose
from xulang.plugin.preview import Preview
from xulang.plugin.state import Run, site_of
from xulang.plugin.upstream import i18n_of
from xulang.site import DATA_DIR, NEWS
from xulang.slugs import slugify


class XulangConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' Config.__init_subclass__ is unannotated
    # auto: `mkdocs build` fails on a missing translation, `mkdocs serve` shows the Vietnamese page
    missing_translations = config_options.Choice(("auto", "error", "fallback"), default="auto")
    data_dir = config_options.Type(str, default=DATA_DIR)
    news = config_options.Type(str, default=NEWS)  # each language's news folder
    # department ids a page may name as `owner`, with their names for the status report
    owners = config_options.Type(dict, default={})
    # where readers' "report a problem" messages go (a mailto: link on every page; none if empty)
    report_address = config_options.Type(str, default="")
    # the pages a language in preparation needs before it is published (xulang.preparation):
    # glob patterns of the default language's page paths; default: home and every section index
    minimum_content = config_options.Type(list, default=[])
    # photos, video and attachments: widths, formats, size limits (xulang.media.config)
    media = config_options.Type(dict, default={})


class XulangPlugin(BasePlugin[XulangConfig]):  # type: ignore[no-untyped-call]  # as above
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.mode: Mode = Production()
        self.languages = Languages(self.mode)
        self.gate = Gate(self.mode, "auto")
        self.run: Run | None = None
        self.media = Media()  # photos, video, attachments (plugin/media.py)

    @property
    def preview(self) -> Preview | None:  # the preview's memory, for whoever measures it
        return self.mode.preview

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.mode = choose(command)  # once: production or preview, with or without its memory
        self.languages = Languages(self.mode)
        if command == "serve":
            rebuilds.keep_first_failure()  # shown in the browser, not the end of the preview

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n = i18n_of(config)
        config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
        config.theme.static_templates.discard("sitemap.xml")  # written once, for all languages
        if i18n.building:
            return config  # a nested language build of the same run: already checked
        upstream.check_versions(Path(config.config_file_path).resolve().parent)
        self.languages.stop()  # the last run's, if it failed before it needed them
        self.gate = Gate(self.mode, self.config.missing_translations)
        options = self.config  # read once, here
        site = site_of(config, options.owners, options.data_dir, options.news)
        run = self.run = self.gate.open_run(config, site, i18n)
        self.media.configure(run.site, options.media, config.config_file_path)
        self.languages.configure(run)  # mkdocs-static-i18n's other builds routed there
        self.mode.start_run(config, site, run.tree, skip=self.languages.side_by_side)
        # Material's first inline script embeds `scope`, by default the page's relative path to
        # the root: one script (and one CSP hash) per folder depth. The root path is one place.
        config.extra["scope"] = urlsplit(site.site_url).path or "/"
        return config

    def on_shutdown(self) -> None:
        self.mode.shutdown()
        self.languages.stop()

    def on_build_error(self, *, error: Exception) -> None:
        self.languages.stop()

    @event_priority(100)  # the output folder has just been emptied; nothing is rendered yet
    def _start_languages(self, files: Files, *, config: MkDocsConfig) -> Files:
        i18n = i18n_of(config)
        if not i18n.building and self.run is not None:
            run = self.run
            self.languages.start(config, i18n, lambda: self.gate.run_soft_checks(run.tree))
        return files

    @event_priority(-200)  # after mkdocs-static-i18n has sorted the files by language
    def _own_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        files = self.media.files(files)  # photos' description files stay out
        if self.run is not None:  # the preview's status report page (mode.py)
            self.mode.add_files(config, files, i18n_of(config), self.run.tree)
        return files

    on_files = CombinedEvent(_start_languages, _own_files)

    @event_priority(-100)  # after Material's search has made this build's index (on_config)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not i18n_of(config).building:
            self.mode.set_aside(config.site_dir)  # before MkDocs empties the folder
        self.mode.build_started(
            config.plugins.get("material/search") or config.plugins.get("search")
        )

    @event_priority(-200)  # after mkdocs-static-i18n has made the language's menu
    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.mode.menu(i18n_of(config).current_language, files, nav.items)
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        upstream.template_globals(env)
        self.mode.templates(env)
        return env

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        root = Path(config.config_file_path).resolve().parent  # run is None if it failed early
        rebuilds.serve(server, config, root / self.config.data_dir)
        return server

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Any
    ) -> str:
        assert self.run is not None
        markdown = pages.markdown(self.run, self.gate, self.mode, markdown, page)
        self.mode.markdown(page, markdown, files)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Any) -> str:
        assert self.run is not None
        html = pages.content(self.run, self.gate, html, page)
        html = self.media.content(html, page, self.run.site, Path(config.site_dir))
        self.mode.content(page, html)
        return html

    def on_page_context(
        self, ctx: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> TemplateContext:
        assert self.run is not None
        current, address = i18n_of(config).current_language, self.config.report_address
        extended = cast(dict[str, Any], ctx)  # our own key beside MkDocs' typed ones
        extended["xulang"] = context.for_page(
            self.run, self.gate, page, current, config.site_name, address
        )
        extended["xulang"]["image"] = self.media.lead(page)  # og:image: xl-media-head.html
        self.mode.context(page, extended)
        return ctx

    @event_priority(-200)  # the finished page, after every other plugin
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.mode.finished(page, output)
        return output

    def on_template_context(
        self, ctx: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        if template_name == "404.html" and self.run is not None:
            current = i18n_of(config).current_language
            cast(dict[str, Any], ctx)["xulang"] = context.for_not_found(self.run, current)
        return ctx

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        """Each language's 404 page, kept: written to its folder at the end (no race)."""
        if template_name == "404.html" and self.run is not None:
            context.keep_not_found(self.run, i18n_of(config).current_language, output)
        return output

    @event_priority(100)
    def _post_build_each(self, *, config: MkDocsConfig) -> None:
        if self.run is not None:
            self.gate.stop_on_errors(self.run)

    @event_priority(-200)
    def _post_build_last(self, *, config: MkDocsConfig) -> None:
        """Once every language is built: outputs that span all languages."""
        if i18n_of(config).building or self.run is None:
            return
        output.write_all(Path(config.site_dir), self.run)
        search.finish(Path(config.site_dir), self.run.site)
        self.media.finish(self.run.site, Path(config.site_dir))

    @event_priority(-300)
    def _post_build_seal(self, *, config: MkDocsConfig) -> None:
        if not i18n_of(config).building and self.run is not None:
            self.gate.seal(Path(config.site_dir), self.run.epoch)

    on_post_build = CombinedEvent(_post_build_each, _post_build_last, _post_build_seal)
