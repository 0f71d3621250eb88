"""The preview's rebuilds as the browser sees them: a failed one shown as an error page in the
open tab (not only in the terminal), and a save that changed nothing answered at once.

MkDocs' live-reload server (mkdocs/livereload, 1.6.1) marks a rebuild as started, runs it, and
marks it visible only when it succeeds: after a failure every page request waits for a rebuild
that never becomes visible, and the browser spins until the editor looks at the terminal. Here
the builder never fails towards the server: the failure is kept, the rebuild counts as done (the
tabs' reload poll answers at once), and page requests get the error page (errorpage.py) with the
server's reload script, until a rebuild succeeds and the tabs reload onto the pages again.

The first build runs before the server exists, and its failure would end `mkdocs serve`: with
live reload on, it is kept instead (`keep_first_failure`, MkDocs 1.6.1 only), and the server
starts with the error page.
"""

from __future__ import annotations

import hashlib
import logging
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import MkDocsException

from xulang import history
from xulang.plugin import errorpage, preview
from xulang.plugin.cache import files_under, tree_stat

log = logging.getLogger("mkdocs.plugins.xulang.preview")

STYLESHEET = "__xulang__/error.css"
# Loaded with the plugin, before `mkdocs serve` starts its first build
_LOADED = time.time()
MKDOCS_VERIFIED = "1.6.1"  # keep_first_failure replaces a name in mkdocs.commands.serve
_first_failure: list[tuple[Exception, list[str]]] = []


def serve(server: Any, config: Any, data_dir: Path) -> None:
    """The preview server: saves noticed at once, the data folder watched (even when the first
    build failed), a failed rebuild shown in the browser, an unchanged save answered at once."""
    preview.notice_saves_at_once(server)
    server.watch(str(data_dir))
    Rebuilds(server, config)


def keep_first_failure() -> None:
    """`mkdocs serve` (on_startup): its first build, if it fails with live reload on, leaves
    its failure here for the server's error page instead of ending the command. With another
    MkDocs version, or without live reload (nothing would ever rebuild), MkDocs' own way."""
    import mkdocs
    from mkdocs.commands import serve as serve_command

    if mkdocs.__version__ != MKDOCS_VERIFIED:
        return
    names = serve_command.__dict__
    original = names["build"]

    def first_build(config: Any, **options: Any) -> None:
        names["build"] = original  # the first build only
        import click

        command = click.get_current_context(silent=True)
        if command is None or not command.params.get("livereload"):
            original(config, **options)
            return
        capture = _Errors()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(capture)
        try:
            original(config, **options)
        except Exception as exc:  # Abort too
            _first_failure[:] = [(exc, capture.messages)]
        finally:
            mkdocs_log.removeHandler(capture)

    names["build"] = first_build


class Rebuilds:
    """Wraps the server's builder and its WSGI application (`on_serve`)."""

    def __init__(self, server: Any, config: Any) -> None:
        self.server = server
        root = Path(config.config_file_path).resolve().parent
        self.voices = _voices(root)
        docs = Path(config.docs_dir).resolve()
        self.docs_dir = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else ""
        self.root = root
        custom = config.theme.custom_dir
        # besides the server's watched paths: the theme blocks, and what MkDocs watches after
        # on_serve (`watch:` in mkdocs.yml)
        self.extra_inputs = [Path(p) for p in [*([custom] if custom else []), *config.watch]]
        self.site_dir = Path(server.root)
        self.page: bytes | None = None  # the error page, while the last rebuild failed
        self.good: tuple[bytes, bytes] | None = None  # (inputs, output) of the last good build
        self.contents = _Contents()
        self.build: Callable[[], None] = server.builder
        self.serve_file = server.get_app()
        self.stylesheet = str(getattr(server, "mount_path", "/")) + STYLESHEET
        server.builder = self.rebuild
        server.set_app(self.app)
        if _first_failure:
            self._failed(*_first_failure.pop())
            return
        # The first build ran before the server existed: it counts as the last good one when
        # no input was written since it began
        inputs, newest = self.inputs()
        if newest < _LOADED:
            self.good = (inputs, tree_stat([self.site_dir]))

    # -- the build ----------------------------------------------------------------------------

    def inputs(self) -> tuple[bytes, float]:
        """What a build reads that an editor can change: the watched files by content (a save
        that leaves a file as it was changes nothing), the theme blocks, the commit; and the
        time the newest of them was written."""
        watched = [Path(p).resolve() for p in getattr(self.server, "_watched_paths", {})]
        h = hashlib.blake2b(digest_size=16)
        newest = 0
        for root in sorted({*watched, *(p.resolve() for p in self.extra_inputs)}):
            for path, size, mtime in files_under(root):
                h.update(path.encode("utf-8", "surrogateescape") + b"\x00")
                h.update(self.contents.of(path, size, mtime) + b"\x00")
                newest = max(newest, mtime)
        h.update((history.git(self.root, "rev-parse", "HEAD") or "").encode())
        return h.digest(), newest / 1e9

    def rebuild(self) -> None:
        """One rebuild of the preview; never raises (see the module's note)."""
        before, _ = self.inputs()
        if (
            self.good is not None
            and self.good[0] == before
            and self.good[1] == tree_stat([self.site_dir])
        ):
            # The project is again as the last good build read it (a mistake undone, a save
            # with no change) and that build's output is untouched (a failed build stops
            # before MkDocs empties the folder): it is what a build would write.
            self.page = None
            log.info("Không đổi từ lần dựng tốt gần nhất / unchanged since the last good build")
            return
        capture = _Errors()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(capture)
        try:
            self.build()
        except Exception as exc:  # Abort too: a SystemExit as well as an Exception
            self._failed(exc, capture.messages)
            return
        finally:
            mkdocs_log.removeHandler(capture)
        self.page = None
        after, _ = self.inputs()  # a save during the build: its own rebuild follows
        self.good = (before, tree_stat([self.site_dir])) if after == before else None

    def _failed(self, exc: Exception, logged: list[str]) -> None:
        failure = errorpage.from_build(exc, logged, self.docs_dir)
        page = errorpage.render(failure, self.voices, self.stylesheet, self.root)
        self.page = page.encode("utf-8")
        if not any(isinstance(e, MkDocsException) for e in errorpage.chain(exc)):
            traceback.print_exc()  # not an input problem: the web team needs the traceback
        said = " / ".join(v.t("title") for v in self.voices if v.t("title"))
        log.error(f"{said}: {self.server.url}")

    # -- the server ---------------------------------------------------------------------------

    def app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        page = self.page
        path = str(environ.get("PATH_INFO", ""))
        if page is None or path.startswith("/livereload/"):
            return self.serve_file(environ, start_response)
        if path == self.stylesheet:
            return _respond(start_response, "200 OK", "text/css", errorpage.STYLESHEET.encode())
        if not _is_page(path):
            return self.serve_file(environ, start_response)  # what the last build left
        body = page
        inject = getattr(self.server, "_inject_js_into_html", None)
        if getattr(self.server, "_watched_paths", None) and inject is not None:
            # MkDocs' reload script, at the rebuild this tab has seen: the end of the next
            # rebuild reloads it
            body = inject(page, getattr(self.server, "_visible_epoch", 0))
        return _respond(start_response, "500 Internal Server Error", "text/html", body)


class _Contents:
    """Each watched file's content digest, read again only when its size or time changed, or
    when it was written less than RACY seconds before it was read (a second save in the same
    tick of a coarse file-system clock keeps size and time: git's "racily clean" rule)."""

    RACY = 2.0

    def __init__(self) -> None:
        self.known: dict[str, tuple[int, int, float, bytes]] = {}

    def of(self, path: str, size: int, mtime: int) -> bytes:
        kept = self.known.get(path)
        if kept and kept[:2] == (size, mtime) and mtime / 1e9 < kept[2] - self.RACY:
            return kept[3]
        read_at = time.time()
        try:
            with open(path, "rb") as file:
                found = hashlib.blake2b(file.read(), digest_size=16).digest()
        except OSError:  # gone between the listing and the read: the next save says
            return b"\xff"
        self.known[path] = (size, mtime, read_at, found)
        return found


def _voices(root: Path) -> list[errorpage.Voice]:
    """The error page's languages, from mkdocs.yml as it is now (read by xulang.site: a build
    that failed early has not read it)."""
    from xulang.site import SiteConfigError, load_site

    try:
        return errorpage.voices(list(load_site(root).languages))
    except SiteConfigError:
        return []  # the page then falls back to the catalogue's words


def _respond(start_response: Callable[..., Any], status: str, kind: str, body: bytes) -> Any:
    start_response(
        status,
        [
            ("Content-Type", f"{kind}; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ],
    )
    return [body]


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return not last or last.endswith(".html") or "." not in last


class _Errors(logging.Handler):
    """The errors logged during one rebuild: MkDocs' and the plugins', and the other languages'
    as their builds hand them back (parallel.relog)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage())
        except Exception:  # a message that cannot be formatted is not worth a crash here
            self.messages.append(str(record.msg))
