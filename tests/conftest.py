"""Shared fixtures: one real build of the site per session, fixture projects, a server, a browser."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"
PROJECT_PARTS = ("mkdocs.yml", "overrides", "content", "data")


def mkdocs(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs` command of this environment."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [str(BIN / "mkdocs"), *args], cwd=cwd, env=full_env, capture_output=True, text=True
    )


@dataclass
class Built:
    root: Path  # the project that was built
    site: Path  # its output
    log: str

    def html(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / rel).read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[str]:
        """Every page's output path relative to the site, 404 pages excluded."""
        return sorted(
            p.relative_to(self.site).as_posix()
            for p in self.site.rglob("index.html")
            if "assets" not in p.parts
        )


@pytest.fixture(scope="session")
def site_url() -> str:
    from xulang.site import read_config

    raw = read_config(ROOT)
    value = raw["site_url"]
    # `!ENV [SITE_URL, default]`: the default, since the tests do not set SITE_URL
    return str(value[-1] if isinstance(value, list) else value).rstrip("/") + "/"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real site, built once for the session exactly as `make build` does."""
    out = tmp_path_factory.mktemp("site")
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--clean", "--site-dir", str(out)],
        cwd=ROOT,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return Built(ROOT, out, result.stderr)


def copy_project(dest: Path) -> Path:
    """The project's own files (configuration, theme blocks, pages, data) copied to `dest`."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A copy of the real project in tmp_path, optionally with files changed or removed."""

    def make(files: dict[str, str | bytes | None] | None = None) -> Path:
        project = tmp_path / "project"
        if not project.exists():
            copy_project(project)
        for rel, body in (files or {}).items():
            path = project / rel
            if body is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(body, bytes):
                path.write_bytes(body)
            else:
                path.write_text(body, encoding="utf-8")
        return project

    return make


@pytest.fixture(scope="session")
def server(built: Built) -> Iterator[str]:
    """The built site over HTTP on a free port of 127.0.0.1, answered as deploy/nginx does
    (gzip, each language's 404 page): the same server `make audit` measures."""
    from devtools.sites import serve

    with serve(built.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str, timeout: float = 90) -> str:
    """GET `url`, waiting (up to `timeout` seconds) for a server that is still starting."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@contextlib.contextmanager
def preview(project: Path, *, make: bool = False) -> Iterator[str]:
    """`mkdocs serve` (or the README's `make serve`) in `project` on a free port: yields the base
    URL, then stops the server and checks that it printed no traceback."""
    address = f"127.0.0.1:{free_port()}"
    argv = (
        ["make", "--no-print-directory", "serve", f"ADDR={address}"]
        if make
        else [str(BIN / "mkdocs"), "serve", "--no-livereload", "--dev-addr", address]
    )
    proc = subprocess.Popen(
        argv,
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        yield f"http://{address}/"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err, err


@pytest.fixture
def tab(browser: object, server: str) -> Iterator[object]:
    """A fresh browser tab that records every request and console error, and blocks other origins."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.requests = []
    page.errors = []

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        page.requests.append(url)
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            route.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def search(tab: object, server: str, path: str, query: str) -> tuple[list[str], list[str]]:
    """Type a query into the site's search: the result links (best first) and the marked words."""
    tab.goto(server + path)  # type: ignore[attr-defined]
    tab.keyboard.press("/")  # type: ignore[attr-defined]
    tab.fill("input.md-search__input", query)  # type: ignore[attr-defined]
    # Material reads the query on keyup (or when its index is ready): a key it ignores
    tab.press("input.md-search__input", "End")  # type: ignore[attr-defined]
    tab.wait_for_selector(".md-search-result__link")  # type: ignore[attr-defined]
    hrefs = tab.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-search-result__link", "els => els.map(e => new URL(e.href).pathname)"
    )
    marks = tab.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-search-result mark", "els => els.map(e => e.textContent.trim())"
    )
    return list(hrefs), list(marks)
