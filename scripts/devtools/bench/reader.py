"""Reader side: each language's search index (raw and gzip), and what a first visit transfers.

First visits are measured as devtools.visits measures them (Debian's Chromium, empty cache, the
browser's own network log) against a fresh production build served as deploy/nginx serves it.
"""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from devtools.bench import Problem, attempt
from devtools.bench.synthetic import languages
from devtools.sites import build, serve
from devtools.visits import CHROMIUM, first_visits


def index_sizes(site_dir: Path) -> list[tuple[str, int, int]]:
    """(language, raw bytes, gzip -6 bytes) of each language's search index."""
    sizes = []
    for lang in languages():
        data = (site_dir / lang.prefix / "search" / "search_index.json").read_bytes()
        sizes.append((lang.code, len(data), len(gzip.compress(data, compresslevel=6, mtime=0))))
    return sizes


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="xulang-bench-") as tmp:
        site_dir = Path(tmp) / "site"
        # As `make build` does: the same build as the audit's.
        attempt("the production build", lambda: build(site_dir))
        print("search index per language (downloaded when the reader opens the search):")
        for lang, raw, packed in index_sizes(site_dir):
            print(f"  {lang}: {raw / 1024:.1f} KB raw, {packed / 1024:.1f} KB gzip")
        if not CHROMIUM.exists():
            raise Problem(f"first visits not measured: {CHROMIUM} is missing")
        print(
            "first visit (empty cache, gzip; KB compressed without images, requests with images):"
        )
        with serve(site_dir) as base:
            visits = attempt("first visits", lambda: first_visits(base, site_dir))
        for visit in visits:
            types = ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(visit.by_type.items()))
            print(
                f"  /{visit.path} ({visit.kind}): {visit.bytes / 1024:.1f} KB, "
                f"{visit.requests} requests  [{types}]"
            )
