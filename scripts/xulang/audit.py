"""`make audit`: Lighthouse, the Nu HTML checker and LinkChecker against a built site on 127.0.0.1.

    python -m xulang.audit [--site DIR] [--runs N] [--skip lighthouse,vnu,links,transfer]

Builds the site (unless --site names a built one), serves it on a free port of 127.0.0.1 the way
deploy/nginx serves it (gzip, each language's own 404 page), and fails (exit 1) under the budgets
of the reader-experience issue:

- Lighthouse 12.2.3, mobile preset, home and three content pages per language, median of --runs:
  accessibility 100, best practices >= 95, SEO 100, performance >= 90;
- a content page's first visit: <= 120 KB compressed (images excluded), <= 12 requests;
- the Nu HTML checker: no error, except the stock theme's messages in VNU_FILTERED (with reasons);
- LinkChecker over HTTP: no broken link, no missing anchor.

Tools are installed on first use: npm packages into .cache/audit (never a browser: Lighthouse uses
Debian's /usr/bin/chromium), LinkChecker into this Python environment. Exit 2 when one is missing
and cannot be installed.
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "audit"
CHROMIUM = Path("/usr/bin/chromium")
NPM_TOOLS = {"lighthouse": "12.2.3", "vnu-jar": "26.9.27"}
LINKCHECKER = "linkchecker==10.6.0"
LANG_PREFIXES = ("", "en/", "zh/")
# Home and five content pages of each language: a page of figures and tables, a sight, the
# longest prose page, the border page and the map.
PAGES = (
    "",
    "khu-kinh-te/cua-khau/",
    "du-lich/mau-son/",
    "gioi-thieu/dia-ly/",
    "huong-dan/qua-bien-gioi/",  # the page a visitor acts on: tables, links, the QR code
    "huong-dan/ban-do/",  # the map: the heaviest inline SVG
)
BUDGET = {"performance": 90, "accessibility": 100, "best-practices": 95, "seo": 100}
TRANSFER_BYTES = 120 * 1024
TRANSFER_REQUESTS = 12

# Messages of the Nu HTML checker about markup the stock theme writes where no block reaches,
# each with the reason it is left as it is. Anything else fails the audit.
VNU_FILTERED = {
    "Attribute “autocomplete” is only allowed when the input type is": (
        'Material 9.8.2\'s base.html writes autocomplete="off" on its two hidden checkboxes '
        "(__drawer, __search) so that Firefox does not restore them open; base.html has no block "
        "around them, and overriding the whole file would fork the theme."
    ),
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.": (
        "Material 9.8.2's partials/toc.html labels the table of contents for the __toc checkbox, "
        "which partials/nav-item.html writes only on pages that are not a section's index; the "
        "label toggles nothing there and is hidden on wide screens."
    ),
}

GZIP_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "image/svg+xml",
)


class AuditSetupError(Exception):
    pass


# -- serving ------------------------------------------------------------------------------------


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files as deploy/nginx/langson-site.conf serves them: gzip (level 6, text types of
    512 bytes or more) and each language's own 404 page. `LinkChecker: allow` lifts LinkChecker's
    limit of 10 requests a second on this server."""

    languages: tuple[str, ...] = ("en", "zh")
    extensions_map = {  # noqa: RUF012  (the base class's own attribute, read per request)
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

    def send_head(self):  # type: ignore[no-untyped-def]
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
        if len(body) >= 512:
            body = gzip.compress(body, compresslevel=6, mtime=0)
            encoded = True
        else:
            encoded = False
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
        prefix = f"{first}/" if first in self.languages else ""
        page = Path(self.directory) / prefix / "404.html"
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


# -- tools --------------------------------------------------------------------------------------


def npm_tool(name: str) -> Path:
    return CACHE / "node_modules" / name


def ensure_tools(need: set[str]) -> None:
    """Install what the chosen checks need, once: npm packages (exact versions) into .cache/audit,
    LinkChecker with pip into this environment."""
    missing = [
        f"{name}@{version}"
        for name, version in NPM_TOOLS.items()
        if not _npm_installed(name, version)
    ]
    if missing and ({"lighthouse", "vnu"} & need):
        if shutil.which("npm") is None:
            raise AuditSetupError(
                "npm is missing (Node.js 20 and npm are needed for Lighthouse and vnu-jar)"
            )
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"installing {' '.join(missing)} into {CACHE.relative_to(ROOT)}", flush=True)
        run = subprocess.run(
            [
                "npm",
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "--prefix",
                str(CACHE),
                *missing,
            ],
            check=False,
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            raise AuditSetupError(f"npm install failed:\n{run.stderr}")
    if "links" in need and _linkchecker() is None:
        print(f"installing {LINKCHECKER}", flush=True)
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                LINKCHECKER,
            ],
            check=False,
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            raise AuditSetupError(f"pip install {LINKCHECKER} failed:\n{run.stderr}")
    if "vnu" in need and shutil.which("java") is None:
        raise AuditSetupError("java is missing (the Nu HTML checker needs Java 11 or newer)")
    if "lighthouse" in need and not CHROMIUM.exists():
        raise AuditSetupError(f"{CHROMIUM} is missing (apt-get install chromium)")


def _npm_installed(name: str, version: str) -> bool:
    manifest = npm_tool(name) / "package.json"
    try:
        return bool(json.loads(manifest.read_text(encoding="utf-8")).get("version") == version)
    except (OSError, ValueError):
        return False


def _linkchecker() -> Path | None:
    path = Path(sys.executable).parent / "linkchecker"
    return path if path.exists() else None


# -- Lighthouse ---------------------------------------------------------------------------------


def lighthouse(url: str, runs: int) -> dict[str, list[int]]:
    """Each category's score (0-100) in each of `runs` runs of Lighthouse's mobile preset."""
    scores: dict[str, list[int]] = {category: [] for category in BUDGET}
    binary = npm_tool(".bin") / "lighthouse"
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            run = subprocess.run(
                [
                    str(binary),
                    url,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    f"--only-categories={','.join(BUDGET)}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                ],
                env=env,
                check=False,
                capture_output=True,
                text=True,
                timeout=300,
            )
            if run.returncode != 0 or not report.exists():
                raise AuditSetupError(f"lighthouse {url} failed:\n{run.stderr[-2000:]}")
            data = json.loads(report.read_text(encoding="utf-8"))
        for category in BUDGET:
            score = data["categories"][category]["score"]
            scores[category].append(round((score or 0) * 100))
        failed = [
            f"{audit['id']} ({audit.get('score')})"
            for category in BUDGET
            for ref in data["categories"][category]["auditRefs"]
            if ref.get("weight")
            and (audit := data["audits"][ref["id"]]).get("score") is not None
            and audit["score"] < 1
            and category != "performance"
        ]
        if failed:
            print(f"      not passed: {', '.join(sorted(set(failed)))}", flush=True)
    return scores


# -- the Nu HTML checker ------------------------------------------------------------------------


@dataclass
class VnuResult:
    errors: list[str] = field(default_factory=list)
    filtered: dict[str, int] = field(default_factory=dict)  # message start -> count
    files: int = 0


def vnu(site_dir: Path) -> VnuResult:
    jar = npm_tool("vnu-jar") / "build" / "dist" / "vnu.jar"
    run = subprocess.run(
        [
            "java",
            "-jar",
            str(jar),
            "--skip-non-html",
            "--errors-only",
            "--format",
            "json",
            str(site_dir),
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    try:
        messages = json.loads(run.stderr or "{}").get("messages", [])
    except ValueError:
        raise AuditSetupError(f"vnu.jar printed no JSON:\n{run.stderr[-2000:]}") from None
    result = VnuResult(files=sum(1 for _ in site_dir.rglob("*.html")))
    for message in messages:
        if message.get("type") != "error":
            continue
        text = str(message.get("message", ""))
        known = next((start for start in VNU_FILTERED if text.startswith(start)), None)
        if known is not None:
            result.filtered[known] = result.filtered.get(known, 0) + 1
            continue
        where = str(message.get("url", "")).removeprefix("file:").removeprefix(str(site_dir) + "/")
        result.errors.append(f"{where}:{message.get('lastLine', '?')}: {text}")
    return result


# -- LinkChecker --------------------------------------------------------------------------------


@dataclass
class LinkResult:
    checked: int = 0
    broken: list[str] = field(default_factory=list)


# LinkChecker run as root switches to `nobody`, who cannot read a Python installed under /root (it
# then fails on its first lazy import). It only reads our own server on 127.0.0.1 here: it runs as
# the user who started the audit.
LINKCHECKER_AS_IS = (
    "import sys, linkcheck.command.linkchecker as lc; lc.drop_privileges = lambda: None; "
    "sys.argv[0] = 'linkchecker'; lc.linkchecker()"
)


def linkcheck(base: str) -> LinkResult:
    """Every link and anchor reachable from the three home pages, over HTTP (anchors are only
    checked over HTTP). Links to other sites are listed by LinkChecker but not fetched."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "linkcheckerrc"
        # Outbound links (official sites, share and map services), mailto: and tel: are listed
        # but never fetched or looked up: the audit runs offline, and a reader's page load never
        # fetches them either (tests/test_contacts.py keeps each a well-formed https address).
        config.write_text(
            "[checking]\nthreads=4\nmaxrequestspersecond=100\n\n[AnchorCheck]\n\n"
            "[filtering]\nignore=\n  ^mailto:\n  ^tel:\n  ^https?://(?!127\\.0\\.0\\.1[:/])\n",
            encoding="utf-8",
        )
        run = subprocess.run(
            [
                sys.executable,
                "-c",
                LINKCHECKER_AS_IS,
                "--config",
                str(config),
                "--no-status",
                "--output=csv",
                "--verbose",
                base,
                *[base + prefix for prefix in LANG_PREFIXES if prefix],
            ],
            check=False,
            capture_output=True,
            text=True,
            timeout=900,
        )
    rows = [line for line in run.stdout.splitlines() if line and not line.startswith("#")]
    result = LinkResult()
    if rows:
        reader = csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";")
        for row in reader:
            result.checked += 1
            if row.get("valid") == "True" and not row.get("warningstring"):
                continue
            problem = row.get("warningstring") or row.get("result") or "invalid"
            result.broken.append(f"{row.get('urlname')} (on {row.get('parentname')}): {problem}")
    if run.returncode not in (0, 1):
        raise AuditSetupError(f"linkchecker failed ({run.returncode}):\n{run.stderr[-2000:]}")
    if run.returncode == 1 and not result.broken:
        result.broken.append(f"linkchecker reported problems:\n{run.stderr[-2000:]}")
    return result


# -- main ---------------------------------------------------------------------------------------


def build(out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "--strict",
            "--clean",
            "--site-dir",
            str(out),
        ],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        raise AuditSetupError(f"mkdocs build failed:\n{run.stderr[-4000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m xulang.audit", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--site", type=Path, help="a built site (default: build one into a temporary folder)"
    )
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--skip", default="", help="comma-separated: lighthouse,vnu,links,transfer")
    args = parser.parse_args(argv)
    checks = {"lighthouse", "vnu", "links", "transfer"} - set(filter(None, args.skip.split(",")))
    try:
        ensure_tools(checks)
        with tempfile.TemporaryDirectory(prefix="xulang-audit-") as tmp:
            site_dir = args.site
            if site_dir is None:
                site_dir = Path(tmp) / "site"
                print("building the site", flush=True)
                build(site_dir)
            return _audit(site_dir.resolve(), checks, args.runs)
    except AuditSetupError as exc:
        print(f"audit: {exc}", file=sys.stderr)
        return 2


def _audit(site_dir: Path, checks: set[str], runs: int) -> int:
    failures: list[str] = []
    with serve(site_dir) as base:
        if "vnu" in checks:
            result = vnu(site_dir)
            print(f"vnu: {len(result.errors)} errors in {result.files} HTML files", flush=True)
            for start, count in result.filtered.items():
                print(f"  filtered ({count}x): {start}\n    because: {VNU_FILTERED[start]}")
            for error in result.errors[:50]:
                print(f"  {error}")
            if result.errors:
                failures.append(f"vnu: {len(result.errors)} errors")
        if "links" in checks:
            links = linkcheck(base)
            print(
                f"linkchecker: {len(links.broken)} broken links or anchors "
                f"({links.checked} links checked)",
                flush=True,
            )
            for problem in links.broken[:50]:
                print(f"  {problem}")
            if links.broken:
                failures.append(f"linkchecker: {len(links.broken)} broken")
        if "transfer" in checks:
            from xulang.bench.reader import first_visits

            for row in first_visits(base, site_dir):
                mark = ""
                if row.kind == "content" and (
                    row.bytes > TRANSFER_BYTES or row.requests > TRANSFER_REQUESTS
                ):
                    mark = "  OVER BUDGET"
                    failures.append(
                        f"transfer {row.path}: {row.bytes} B in {row.requests} requests"
                    )
                print(
                    f"transfer: /{row.path} ({row.kind}): {row.bytes / 1024:.1f} KB compressed "
                    f"(images excluded), {row.requests} requests{mark}",
                    flush=True,
                )
        if "lighthouse" in checks:
            print(
                f"lighthouse 12.2.3, mobile, median of {runs} runs "
                "(performance / accessibility / best practices / SEO):",
                flush=True,
            )
            for prefix in LANG_PREFIXES:
                for page in PAGES:
                    url = base + prefix + page
                    scores = lighthouse(url, runs)
                    medians = {c: int(statistics.median(v)) for c, v in scores.items()}
                    low = [c for c, floor in BUDGET.items() if medians[c] < floor]
                    runs_text = "  ".join(f"{c[:4]} {v}" for c, v in scores.items())
                    print(
                        f"  /{prefix}{page}: {medians['performance']} / {medians['accessibility']} / "
                        f"{medians['best-practices']} / {medians['seo']}"
                        f"{'  UNDER BUDGET: ' + ', '.join(low) if low else ''}   [{runs_text}]",
                        flush=True,
                    )
                    if low:
                        failures.append(f"lighthouse /{prefix}{page}: {', '.join(low)}")
    if failures:
        print(f"audit FAILED: {'; '.join(failures)}")
        return 1
    print("audit passed: every budget met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
