"""The preview (`mkdocs serve`) at 3 × 300 pages: seconds from saving one page to the browser
showing the change, for an edit in each language, with every language still browsable.

Set BENCH_PREVIEW_PAGES (default 300) and BENCH_RUNS (default 3, edits per language).
A real Chromium (Debian's) keeps the edited page open and waits for the text the edit added, as
MkDocs' live reload brings it in; without Chromium the page is fetched over HTTP instead. An edit
whose page does not show it is tried again (devtools.bench.TRIES); one that never does is named,
and the other languages are still measured.
"""

from __future__ import annotations

import contextlib
import functools
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from devtools.bench import TRIES, Problem, attempt, first_line
from devtools.bench.synthetic import Prose, item_name, languages, make_site

BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
# The first build of 3 × 300 pages takes a minute or two; a loaded machine may triple it.
START_TIMEOUT = 600
EDIT_TIMEOUT = 120
# Live reload replaces the document: while the new one loads, `document.body` is null (and the
# old execution context is gone), so the test must hold for a document that has no body yet.
SHOWN = "m => document.body !== null && document.body.innerText.includes(m)"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(check: Callable[[], bool], timeout: float, what: str) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if check():
            return time.perf_counter() - start
        time.sleep(0.02)
    raise Problem(f"{what} within {timeout:.0f} s")


def wait_for_text(tab: Any, mark: str, timeout: float) -> None:
    """Until the page in `tab` shows `mark`. The page may reload any number of times meanwhile
    (that is how live reload brings the edit): an error from a document being replaced is waited
    through; a closed tab or the deadline is a Problem."""
    from playwright.sync_api import Error, TimeoutError

    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            tab.wait_for_function(SHOWN, arg=mark, timeout=left * 1000, polling=20)
            return
        except TimeoutError:
            break
        except Error as error:
            if tab.is_closed():
                raise Problem(f"the page was closed while waiting ({first_line(error)})") from None
            time.sleep(0.02)  # the document was being replaced: look at the new one
    raise Problem(f"the page did not show the edit within {timeout:.0f} s")


@contextmanager
def _server(root: Path, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w", encoding="utf-8") as stderr:
        server = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )
        try:
            yield server
        finally:
            _stop(server)


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server and what it started (its session); it may have stopped by itself."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):  # the whole session is gone already
            os.killpg(server.pid, sig)
        try:
            server.wait(timeout=30)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def _chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright, or None (HTTP polling) where it is not installed."""
    if not CHROMIUM.exists():
        yield None
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def edit_and_wait(browser: Any, url: str, source: Path, mark: str) -> float:
    """Seconds from saving `mark` into `source` to the page at `url` showing it."""
    tab = None
    try:
        if browser is not None:
            tab = browser.new_page()
            tab.goto(url)
            time.sleep(0.3)  # the live-reload connection is open
        text = source.read_text(encoding="utf-8")
        start = time.perf_counter()
        source.write_text(text + "\n" + mark + "\n", encoding="utf-8")
        if tab is None:
            return _wait_for(lambda: mark in _fetch(url), EDIT_TIMEOUT, "the page did not show it")
        wait_for_text(tab, mark, EDIT_TIMEOUT)
        return time.perf_counter() - start
    finally:
        if tab is not None and not tab.is_closed():
            tab.close()


def _edit_with_next_mark(browser: Any, url: str, source: Path, marks: Iterator[str]) -> float:
    return edit_and_wait(browser, url, source, next(marks))


def measure(root: Path, runs: int, log: Path) -> tuple[dict[str, list[float]], list[str]]:
    """Seconds of each edit by language, and the problems of the edits that could not be timed."""
    port = _port()
    base = f"http://127.0.0.1:{port}/"
    page = item_name(1)[:-3] + "/"
    prefixes = {lang.code: lang.prefix for lang in languages()}
    times: dict[str, list[float]] = {code: [] for code in prefixes}
    problems: list[str] = []
    with _server(root, port, log) as server:

        def started() -> bool:
            if server.poll() is not None:
                tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
                raise Problem(f"mkdocs serve stopped (exit {server.returncode}):\n{tail}")
            return "<html" in _fetch(base + page)

        _wait_for(started, START_TIMEOUT, "the preview server did not answer")
        with _chromium() as browser:
            prose = {lang.code: Prose(lang) for lang in languages()}
            for n in range(runs):
                for lang, prefix in prefixes.items():
                    source = root / "content" / lang / item_name(1)
                    # A new sentence for each try, so that a late reload of a failed try
                    # cannot pass for the next one.
                    marks = iter([mark(prose[lang], f"{n}-{k}") for k in range(TRIES)])
                    once = functools.partial(
                        _edit_with_next_mark, browser, base + prefix + page, source, marks
                    )
                    try:
                        times[lang].append(attempt(f"edit {n + 1} in {lang}", once))
                    except Problem as problem:
                        problems.append(str(problem))
                        print(f"  {problem}", flush=True)
                    problems += _unserved(base, page, prefixes.values())
    return times, problems


def mark(prose: Prose, label: str) -> str:
    """A sentence the edit adds, in the page's language (the site's own words), and a label
    that no other edit has."""
    return f"{prose.sentences(random.Random(label), 1)} {label}"


def _unserved(base: str, page: str, prefixes: Iterable[str]) -> list[str]:
    """Every language still browsable after an edit: the problems, if any."""
    return [
        f"/{prefix}{page} is not served after the edit"
        for prefix in prefixes
        if "<html" not in _fetch(base + prefix + page)
    ]


def run() -> None:
    pages = int(os.environ.get("BENCH_PREVIEW_PAGES", "300"))
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        make_site(root, pages)
        log = Path(os.environ.get("BENCH_PREVIEW_LOG") or Path(tmp) / "serve.log")
        times, problems = measure(root, runs, log)
    how = "Chromium with live reload" if CHROMIUM.exists() else "HTTP polling"
    for lang, values in times.items():
        if not values:
            print(f"  preview, 3 × {pages} pages, edit in {lang}: not measured")
            continue
        print(
            f"  preview, 3 × {pages} pages, edit in {lang}: {statistics.median(values):.2f} s "
            f"from save to page shown (median of {len(values)}; {how}); "
            f"all runs: {', '.join(f'{v:.2f}' for v in values)}"
        )
    if problems:
        raise Problem(f"{len(problems)} preview measures not taken: {'; '.join(problems)}")


if __name__ == "__main__":
    run()
