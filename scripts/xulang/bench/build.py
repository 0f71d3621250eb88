"""Full builds of synthetic trees (3 × 300 and 3 × 1,000 pages): ours against the plain stack.

Set BENCH_SIZES (e.g. "50" or "300,1000") and BENCH_RUNS (default 3) to choose the work.
"""

from __future__ import annotations

import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
SENTENCES = {
    "vi": "Lạng Sơn là tỉnh biên giới miền núi ở vùng Đông Bắc, có nhiều cửa khẩu, danh thắng và lễ hội truyền thống.",
    "en": "Lạng Sơn is a mountainous border province in the north-east, with many border gates, sights and festivals.",
    "zh": "谅山省是越南东北部的山区边境省份，拥有多个口岸、众多名胜和传统节庆活动。",
}
PLAIN_CONFIG = {
    "site_name": "bench",
    "docs_dir": "content",
    "theme": {"name": "material", "font": False},
    "plugins": [
        "search",
        {"i18n": {"docs_structure": "folder", "languages": [
            {"locale": "vi", "default": True, "name": "Tiếng Việt"},
            {"locale": "en", "name": "English"},
            {"locale": "zh", "name": "简体中文"},
        ]}},
    ],
}


def page(lang: str, n: int) -> str:
    """About 650 words (or the Chinese equivalent) in six sections."""
    text = SENTENCES[lang]
    para = (text if lang == "zh" else text + " ") * (6 if lang == "zh" else 5)
    body = "".join(f"## {text.split()[0] if lang != 'zh' else text[:4]} {i}\n\n{para}\n\n{para}\n\n" for i in range(1, 7))
    return (f"---\ntitle: Page {n}\ndescription: {text}\nowner: so-ngoai-vu\nstatus: published\n---\n\n"
            f"# Page {n}\n\n{para}\n\n{body}")


def make_tree(root: Path, pages: int, ours: bool) -> None:
    for lang in SENTENCES:
        folder = root / "content" / lang / "tin-tuc"
        folder.mkdir(parents=True)
        (root / "content" / lang / "index.md").write_text(page(lang, 0), encoding="utf-8")
        for n in range(1, pages):
            (folder / f"p{n:04d}.md").write_text(page(lang, n), encoding="utf-8")
    nav = ["index.md", {"Tin tức": [f"tin-tuc/p{n:04d}.md" for n in range(1, pages)]}]
    if ours:
        config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
        config["site_url"] = "https://example.test/"
        config["nav"] = nav
        for part in ("overrides", "data"):
            shutil.copytree(ROOT / part, root / part)
        shutil.copytree(ROOT / "content" / "assets", root / "content" / "assets")
        for plugin in config["plugins"]:
            if isinstance(plugin, dict) and "xulang" in plugin:
                plugin["xulang"]["missing_translations"] = "error"
    else:
        config = {**PLAIN_CONFIG, "nav": nav}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def build(root: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one `mkdocs build`."""
    out = root / "site"
    shutil.rmtree(out, ignore_errors=True)
    script = ("import resource, sys\nfrom mkdocs.__main__ import cli\n"
              "try:\n    cli(['build', '-q', '-d', sys.argv[1]])\nexcept SystemExit as e:\n    code = e.code\n"
              "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\nsys.exit(code or 0)\n")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", script, str(out)], cwd=root, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    wall = time.perf_counter() - start
    if result.returncode:
        raise RuntimeError(result.stderr[-2000:])
    rss = next(int(l.split()[1]) for l in result.stdout.splitlines() if l.startswith("MAXRSS"))
    return wall, rss / 1024


def sizes(site: Path) -> dict[str, str]:
    html = site / "tin-tuc" / "p0001" / "index.html"
    out = {"page HTML": f"{html.stat().st_size / 1024:.0f} KB"}
    for lang, prefix in (("vi", ""), ("en", "en/"), ("zh", "zh/")):
        index = site / prefix / "search" / "search_index.json"
        if index.exists():
            raw = index.read_bytes()
            out[f"search {lang}"] = f"{len(raw) / 1024:.0f} KB, {len(gzip.compress(raw)) / 1024:.0f} KB gzip"
    return out


def run() -> None:
    sizes_wanted = [int(s) for s in os.environ.get("BENCH_SIZES", "300,1000").split(",")]
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    for pages in sizes_wanted:
        results = {}
        for label, ours in (("plain stack", False), ("this site", True)):
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(tmp)
                make_tree(root, pages, ours)
                measured = [build(root) for _ in range(runs)]
                wall = statistics.median(m[0] for m in measured)
                rss = max(m[1] for m in measured)
                results[label] = wall
                extra = ", ".join(f"{k} {v}" for k, v in sizes(root / "site").items())
                print(f"  3 × {pages} pages, {label}: {wall:.1f} s (median of {runs}), "
                      f"{wall / (3 * pages) * 1000:.1f} ms/page, peak {rss:.0f} MB; {extra}")
        print(f"  3 × {pages} pages: this site / plain = {results['this site'] / results['plain stack']:.2f}")


if __name__ == "__main__":
    run()
