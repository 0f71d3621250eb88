"""The development tools (scripts/devtools): out of the product, and benchmarks that never crash."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

# The page the preview benchmark waits on, as live reload treats it: it reloads itself while it is
# watched, and the new document arrives slowly (its <head> first, its <body> half a second later),
# so that for a while the document has no body at all (what crashed the benchmark on a loaded
# machine: "Cannot read properties of null (reading 'innerText')").
RELOADING = (
    b"<!doctype html><html><head><title>old</title></head><body>old text"
    b"<script>setTimeout(() => location.reload(), 50)</script></body></html>"
)
SLOW_HEAD = b"<!doctype html><html><head><title>new</title>"
SLOW_BODY = b"</head><body>the edit is shown</body></html>"


@contextmanager
def reloading_site(reloads: int) -> Iterator[str]:
    """A page that reloads itself `reloads` times, then comes back slowly with the edit."""
    served = {"count": 0}

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            served["count"] += 1
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if served["count"] <= reloads:
                self.wfile.write(RELOADING)
                return
            self.wfile.write(SLOW_HEAD)
            self.wfile.flush()
            time.sleep(0.5)
            self.wfile.write(SLOW_BODY)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.browser
def test_preview_benchmark_waits_through_reloads(browser: Any) -> None:
    """`make bench` on a loaded machine ends in a traceback when the page reloads while timed."""
    from devtools.bench.preview import wait_for_text

    with reloading_site(reloads=5) as url:
        tab = browser.new_page()
        try:
            tab.goto(url)
            wait_for_text(tab, "the edit is shown", timeout=30)
            assert "the edit is shown" in tab.inner_text("body")
        finally:
            tab.close()


@pytest.mark.browser
def test_preview_benchmark_names_an_edit_never_shown(browser: Any) -> None:
    """A page that never shows the edit hangs the benchmark or crashes it instead of naming it."""
    from devtools.bench import Problem
    from devtools.bench.preview import wait_for_text

    with reloading_site(reloads=10**6) as url:
        tab = browser.new_page()
        try:
            tab.goto(url)
            start = time.monotonic()
            with pytest.raises(Problem, match="did not show the edit within 3 s"):
                wait_for_text(tab, "the edit is shown", timeout=3)
            assert time.monotonic() - start < 10
        finally:
            tab.close()


def test_a_failing_benchmark_is_named_and_the_others_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One broken measure ends `make bench` in a traceback and loses the measures after it."""
    from devtools.bench import Problem, attempt
    from devtools.bench.runner import run_all

    tries = []

    def flaky() -> None:
        tries.append(1)
        if len(tries) < 2:
            raise RuntimeError("the page was reloaded")  # a loaded machine: once, then fine
        print("  flaky: 1.0 s")

    def broken() -> None:
        attempt("the edit in one language", lambda: (_ for _ in ()).throw(OSError("gone")))

    def after() -> None:
        print("  after: 2.0 s")

    code = run_all(
        {
            "flaky": ("retried", lambda: attempt("flaky", flaky)),
            "broken": ("never measured", broken),
            "after": ("still measured", after),
        }
    )
    out, err = capsys.readouterr()
    assert code == 1
    assert "flaky: 1.0 s" in out and "after: 2.0 s" in out
    assert "Traceback" not in out + err
    assert err.strip().count("\n") == 0  # one line
    assert err.startswith("bench: 1 of 3 benchmarks could not take every measure: broken: ")
    assert "the edit in one language: OSError: gone (3 tries)" in err
    with pytest.raises(Problem):
        attempt("always", lambda: 1 / 0, tries=2)


def test_bench_command_refuses_an_unknown_benchmark_in_one_line() -> None:
    """A typo in `python -m devtools.bench NAME` prints a traceback instead of the names."""
    result = subprocess.run(
        [sys.executable, "-m", "devtools.bench", "no-such-bench"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "bench: no benchmark named no-such-bench (there are: build, checker, preview, reader)"
    )


def test_the_product_does_not_import_the_development_tools() -> None:
    """The installed package breaks where scripts/devtools is absent (it is never installed)."""
    imports = subprocess.run(
        ["grep", "-rlE", r"^\s*(from|import) devtools", str(ROOT / "scripts" / "xulang")],
        capture_output=True,
        text=True,
    )
    assert imports.stdout == ""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'include = ["xulang*"]' in pyproject


def test_preview_benchmark_names_a_server_that_stopped(tmp_path: Path) -> None:
    """A preview server that dies (bad config, out of memory) ends the benchmark in a traceback."""
    from devtools.bench import Problem
    from devtools.bench.preview import measure

    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins: [no-such-plugin]\n")
    log = tmp_path / "serve.log"
    with pytest.raises(Problem, match=r"mkdocs serve stopped \(exit [1-9]\d*\):\n.*ERROR"):
        measure(tmp_path, runs=1, log=log)
