"""Full production builds of the site grown to 3 × 300 and 3 × 1,000 pages: ours against plain.

The tree (devtools.bench.synthetic) is this repository's site plus synthetic news items. "This site"
builds it as `make build` does (`mkdocs build --strict` with the repository's mkdocs.yml: the
languages side by side, curated menu, per-language search). "Plain stack" builds the same files
with the same versions configured as their documentation shows (search, mkdocs-static-i18n with
the three languages, Material without a menu of its own: every page in the menu) — the baseline.

Printed for each: wall time (median of BENCH_RUNS, default 3), time per page, peak memory (the
largest sum of proportional set sizes, PSS, of the build's processes, sampled every 20 ms in one
more run: shared pages counted once), the HTML size of one synthetic news page, and each
language's search index (raw and gzip -6). BENCH_SIZES chooses the sizes (default "300,1000").
A build that fails is tried again (devtools.bench.TRIES); one that keeps failing is named and the
other sizes and stacks are still measured.
"""

from __future__ import annotations

import functools
import gzip
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from devtools.bench import Problem, attempt
from devtools.bench.synthetic import item_name, languages, make_site

BIN = Path(sys.executable).parent


def plain_config() -> dict[str, Any]:
    """The plain stack's mkdocs.yml: the same languages, configured as the documentation shows."""
    declared = [
        {"locale": lang.code, "name": lang.name, **({"default": True} if lang.default else {})}
        for lang in languages()
    ]
    return {
        "site_name": "Lạng Sơn",
        "docs_dir": "content",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": declared}}],
    }


def search_indexes() -> dict[str, str]:
    """Each language's search index in a build of this site (one for all in the plain stack's)."""
    return {lang.code: f"{lang.prefix}search/search_index.json" for lang in languages()}


# 3 × 1,000 pages take a few minutes on two busy cores; an hour is a hang.
BUILD_TIMEOUT = 3600


@dataclass
class Build:
    wall: float
    peak_mb: float


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        todo.extend(int(c) for c in children)
    return found


def build(root: Path, config: str, out: Path, sample: bool = False) -> Build:
    """One `mkdocs build --strict` (the plain stack without --strict: its own warnings are not
    ours to fix); with `sample`, the peak memory of all its processes (reading /proc costs CPU:
    the timed runs do not sample)."""
    shutil.rmtree(out, ignore_errors=True)
    args = [str(BIN / "mkdocs"), "build", "--clean", "-q", "-f", config, "-d", str(out)]
    if config == "mkdocs.yml":
        args.insert(2, "--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    peak = 0
    start = time.perf_counter()
    process = subprocess.Popen(
        args,
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its forked language builds are stopped with it on a timeout
    )
    stop = threading.Event()

    def sample_memory() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, sum(_pss_kb(pid) for pid in _descendants(process.pid)))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample_memory)
    if sample:
        sampler.start()
    try:
        _, stderr = process.communicate(timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise Problem(f"{config}: the build did not finish in {BUILD_TIMEOUT} s") from None
    finally:
        stop.set()
        if sample:
            sampler.join()
    wall = time.perf_counter() - start
    if process.returncode:
        raise Problem(f"{config}: the build failed\n{stderr[-3000:]}")
    return Build(wall, peak / 1024)


def sizes(site: Path) -> str:
    page = site / item_name(1)[:-3] / "index.html"
    parts = [f"news page HTML {page.stat().st_size / 1024:.0f} KB"]
    indexes = {
        lang: site / path for lang, path in search_indexes().items() if (site / path).exists()
    }
    for lang, path in indexes.items():
        raw = path.read_bytes()
        label = lang if len(indexes) > 1 else "all languages"
        parts.append(
            f"search {label} {len(raw) / 1024:.0f} KB, "
            f"{len(gzip.compress(raw, compresslevel=6, mtime=0)) / 1024:.0f} KB gzip"
        )
    return "; ".join(parts)


def measure(root: Path, label: str, config: str, out: Path, runs: int, pages: int) -> float:
    """Median wall time of `runs` builds, printed with the peak memory of one more and sizes."""
    count = len(languages())
    timed = functools.partial(build, root, config, out)
    measured = [attempt(f"{label}, build {n + 1}", timed) for n in range(runs)]
    sampled = functools.partial(build, root, config, out, sample=True)
    peak = attempt(f"{label}, sampled build", sampled).peak_mb
    wall = statistics.median(m.wall for m in measured)
    print(
        f"  {count} × {pages} pages, {label}: {wall:.1f} s (median of {runs}; runs "
        f"{', '.join(f'{m.wall:.1f}' for m in measured)}), "
        f"{wall / (count * pages) * 1000:.1f} ms/page, "
        f"peak {peak:.0f} MB (one more run, sampled); {sizes(out)}",
        flush=True,
    )
    return wall


def run() -> None:
    sizes_wanted = [int(s) for s in os.environ.get("BENCH_SIZES", "300,1000").split(",")]
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    per_page: dict[tuple[str, int], float] = {}
    problems: list[str] = []
    count = len(languages())
    for pages in sizes_wanted:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "site-src"
            make_site(root, pages)
            (root / "mkdocs.plain.yml").write_text(
                yaml.safe_dump(plain_config(), allow_unicode=True), encoding="utf-8"
            )
            results = {}
            for label, config in (("plain stack", "mkdocs.plain.yml"), ("this site", "mkdocs.yml")):
                out = Path(tmp) / f"out-{label.replace(' ', '-')}"
                try:
                    wall = measure(root, label, config, out, runs, pages)
                except Problem as problem:
                    problems.append(f"{count} × {pages} pages, {problem}")
                    print(
                        f"  {count} × {pages} pages, {label}: not measured ({problem})", flush=True
                    )
                    continue
                results[label] = wall
                per_page[(label, pages)] = wall / (count * pages)
            if len(results) == 2:
                ratio = results["this site"] / results["plain stack"]
                print(
                    f"  {count} × {pages} pages: this site takes {ratio:.2f} "
                    "of the plain stack's time"
                )
    for label in ("plain stack", "this site"):
        if (label, 300) in per_page and (label, 1000) in per_page:
            ratio = per_page[(label, 1000)] / per_page[(label, 300)]
            print(f"  {label}: time per page at {count} × 1,000 / at {count} × 300 = {ratio:.2f}")
    if problems:
        raise Problem(f"{len(problems)} builds not measured: {'; '.join(problems)}")


if __name__ == "__main__":
    run()
