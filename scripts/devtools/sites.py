"""A fresh production build of this repository, and a built site served as deploy/nginx serves it.

The audit measures the served site, the benchmarks measure first visits against it, and the tests
(`server` fixture) browse it: one server, so the numbers are the ones readers get.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from devtools import ROOT

GZIP_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "image/svg+xml",
)
# A loaded machine (two shared cores) builds the real site in about a minute; ten is a hang.
BUILD_TIMEOUT = 600


class BuildError(Exception):
    """The production build failed or did not finish; the message says which and why."""


def build(out: Path) -> None:
    """`mkdocs build --strict --clean` of this repository into `out`, as `make build` does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    args = [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--clean"]
    try:
        run = subprocess.run(
            [*args, "--site-dir", str(out)],
            check=False,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise BuildError(f"mkdocs build did not finish in {BUILD_TIMEOUT} s") from None
    if run.returncode != 0:
        raise BuildError(f"mkdocs build failed:\n{run.stderr[-4000:]}")


def language_prefixes(site_dir: Path) -> tuple[str, ...]:
    """The address prefix of each language of a built site: "" for the default language at the
    root, then every folder with its own 404 page (each built language has one)."""
    others = sorted(p.parent.name + "/" for p in site_dir.glob("*/404.html"))
    return ("", *others)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files as deploy/nginx/langson-site.conf serves them: gzip (level 6, text types of
    512 bytes or more) and each language's own 404 page. `LinkChecker: allow` lifts LinkChecker's
    limit of 10 requests a second on this server."""

    # The base class's own attribute, read per request: extended, not replaced.
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".xml": "application/xml",
        ".ics": "text/calendar",  # the festival calendars; not in Python's own table
    }

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "allow")
        super().end_headers()

    def send_head(self) -> BinaryIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not wants_gzip or not ctype.startswith(GZIP_TYPES):
            return super().send_head()
        body = path.read_bytes()
        encoded = len(body) >= 512
        if encoded:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header(
            "Content-Type", ctype + ("; charset=utf-8" if "charset" not in ctype else "")
        )
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        first = self.path.lstrip("/").split("/", 1)[0]
        # A language's own 404 page sits in its folder; the default language's at the root.
        own = Path(self.directory) / first / "404.html" if first else None
        page = own if own is not None and own.is_file() else Path(self.directory) / "404.html"
        body = page.read_bytes() if page.exists() else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """The built site on a free port of 127.0.0.1; yields its base address."""
    handler = functools.partial(Handler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
