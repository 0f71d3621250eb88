"""The preview (`mkdocs serve`) at 3 × 300 pages: seconds from saving one page to the browser
showing the change, for an edit in each language, with every language still browsable.

Set BENCH_PREVIEW_PAGES (default 300) and BENCH_RUNS (default 3, edits per language).
A real Chromium (Debian's) keeps the edited page open and waits for the text the edit added, as
MkDocs' live reload brings it in; without Chromium the page is fetched over HTTP instead.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from xulang.bench.synthetic import item_name, make_site

BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
PREFIX = {"vi": "", "en": "en/", "zh": "zh/"}
MARK = {
    "vi": "Câu thêm số {n} để đo thời gian.",
    "en": "Sentence {n} added to time the preview.",
    "zh": "为计时新增的第{n}句。",
}


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(check, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if check():
            return time.perf_counter() - start
        time.sleep(0.02)
    raise TimeoutError("the preview did not show the edit")


def measure(root: Path, runs: int) -> dict[str, list[float]]:
    port = _port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("BENCH_PREVIEW_LOG", os.devnull), "w"),
        start_new_session=True,
    )
    page = item_name(1)[:-3] + "/"
    times: dict[str, list[float]] = {lang: [] for lang in PREFIX}
    browser = playwright = None
    try:
        _wait_for(lambda: "<html" in _fetch(base + page), 300)
        if CHROMIUM.exists():
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--no-sandbox"]
            )
        for n in range(runs):
            for lang, prefix in PREFIX.items():
                url = base + prefix + page
                source = root / "content" / lang / item_name(1)
                mark = MARK[lang].format(n=n)
                tab = None
                if browser is not None:
                    tab = browser.new_page()
                    tab.goto(url)
                    time.sleep(0.3)  # the live-reload connection is open
                text = source.read_text(encoding="utf-8")
                start = time.perf_counter()
                source.write_text(text + "\n" + mark + "\n", encoding="utf-8")
                if tab is not None:
                    tab.wait_for_function(
                        "m => document.body.innerText.includes(m)",
                        arg=mark,
                        timeout=120_000,
                        polling=20,
                    )
                    elapsed = time.perf_counter() - start
                    tab.close()
                else:
                    elapsed = _wait_for(lambda: mark in _fetch(url), 120)
                times[lang].append(elapsed)
                for other, other_prefix in PREFIX.items():  # every language still browsable
                    if "<html" not in _fetch(base + other_prefix + page):
                        raise RuntimeError(f"{other_prefix or '/'} is not served after the edit")
    finally:
        if browser is not None:
            browser.close()
        if playwright is not None:
            playwright.stop()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return times


def run() -> None:
    pages = int(os.environ.get("BENCH_PREVIEW_PAGES", "300"))
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        make_site(root, pages)
        times = measure(root, runs)
    how = "Chromium with live reload" if CHROMIUM.exists() else "HTTP polling"
    for lang, values in times.items():
        print(
            f"  preview, 3 × {pages} pages, edit in {lang}: {statistics.median(values):.2f} s "
            f"from save to page shown (median of {len(values)}; {how}); "
            f"all runs: {', '.join(f'{v:.2f}' for v in values)}"
        )


if __name__ == "__main__":
    run()
