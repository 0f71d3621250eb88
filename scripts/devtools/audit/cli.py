"""The audit's command line: build or take a site, serve it, run the chosen checks, judge them."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import devtools.audit
from devtools.audit.lighthouse import BUDGET, lighthouse
from devtools.audit.links import linkcheck
from devtools.audit.tools import AuditSetupError, ensure_tools
from devtools.audit.vnu import FILTERED, vnu
from devtools.sites import BuildError, build, language_prefixes, serve
from devtools.visits import first_visits

CHECKS = ("lighthouse", "vnu", "links", "transfer")
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
TRANSFER_BYTES = 120 * 1024
TRANSFER_REQUESTS = 12


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.audit",
        description=(devtools.audit.__doc__ or "").splitlines()[0],
    )
    parser.add_argument(
        "--site", type=Path, help="a built site (default: build one into a temporary folder)"
    )
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--skip", default="", help=f"comma-separated: {','.join(CHECKS)}")
    args = parser.parse_args(argv)
    checks = set(CHECKS) - set(filter(None, args.skip.split(",")))
    try:
        ensure_tools(checks)
        with tempfile.TemporaryDirectory(prefix="xulang-audit-") as tmp:
            site_dir = args.site
            if site_dir is None:
                site_dir = Path(tmp) / "site"
                print("building the site", flush=True)
                build(site_dir)
            return audit(site_dir.resolve(), checks, args.runs)
    except (AuditSetupError, BuildError) as exc:
        print(f"audit: {exc}", file=sys.stderr)
        return 2


def audit(site_dir: Path, checks: set[str], runs: int) -> int:
    """Run the chosen checks on the served site; print every measure; 1 under any budget."""
    failures: list[str] = []
    prefixes = language_prefixes(site_dir)
    with serve(site_dir) as base:
        if "vnu" in checks:
            failures += check_html(site_dir)
        if "links" in checks:
            failures += check_links([base + prefix for prefix in prefixes])
        if "transfer" in checks:
            failures += check_transfer(base, site_dir)
        if "lighthouse" in checks:
            urls = [base + prefix + page for prefix in prefixes for page in PAGES]
            failures += check_lighthouse(urls, runs)
    if failures:
        print(f"audit FAILED: {'; '.join(failures)}")
        return 1
    print("audit passed: every budget met")
    return 0


def check_html(site_dir: Path) -> list[str]:
    result = vnu(site_dir)
    print(f"vnu: {len(result.errors)} errors in {result.files} HTML files", flush=True)
    for start, count in result.filtered.items():
        print(f"  filtered ({count}x): {start}\n    because: {FILTERED[start]}")
    for error in result.errors[:50]:
        print(f"  {error}")
    return [f"vnu: {len(result.errors)} errors"] if result.errors else []


def check_links(homes: list[str]) -> list[str]:
    links = linkcheck(homes)
    print(
        f"linkchecker: {len(links.broken)} broken links or anchors ({links.checked} links checked)",
        flush=True,
    )
    for problem in links.broken[:50]:
        print(f"  {problem}")
    return [f"linkchecker: {len(links.broken)} broken"] if links.broken else []


def check_transfer(base: str, site_dir: Path) -> list[str]:
    failures = []
    for row in first_visits(base, site_dir):
        mark = ""
        if row.kind == "content" and (
            row.bytes > TRANSFER_BYTES or row.requests > TRANSFER_REQUESTS
        ):
            mark = "  OVER BUDGET"
            failures.append(f"transfer {row.path}: {row.bytes} B in {row.requests} requests")
        print(
            f"transfer: /{row.path} ({row.kind}): {row.bytes / 1024:.1f} KB compressed "
            f"(images excluded), {row.requests} requests{mark}",
            flush=True,
        )
    return failures


def check_lighthouse(urls: list[str], runs: int) -> list[str]:
    failures = []
    print(
        f"lighthouse 12.2.3, mobile, median of {runs} runs "
        "(performance / accessibility / best practices / SEO):",
        flush=True,
    )
    for url in urls:
        scores = lighthouse(url, runs)
        medians = {c: int(statistics.median(v)) for c, v in scores.items()}
        low = [c for c, floor in BUDGET.items() if medians[c] < floor]
        runs_text = "  ".join(f"{c[:4]} {v}" for c, v in scores.items())
        path = "/" + url.split("/", 3)[3]
        print(
            f"  {path}: {' / '.join(str(medians[c]) for c in BUDGET)}"
            f"{'  UNDER BUDGET: ' + ', '.join(low) if low else ''}   [{runs_text}]",
            flush=True,
        )
        if low:
            failures.append(f"lighthouse {path}: {', '.join(low)}")
    return failures
