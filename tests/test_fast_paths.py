"""The fast paths write the same site as the plain, slow ones (issue 7).

- A production build with the translations built side by side in forked processes equals, byte
  for byte, the build made one language after the other (XULANG_PARALLEL=0): same pages, links and
  search entries, same 404 pages, sitemap and feeds.
- The preview's rebuild after an edit, taking unchanged pages and unchanged languages from its
  memory, equals a preview build of the edited tree made from nothing.
- A translation's errors and warnings still stop the build when it is built in another process.
- The preview notices a save once (inotify) and does not rebuild in a loop.
- The benchmark commands run and print their figures.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import BIN, ROOT, Built, fetch, free_port, mkdocs

LANG_PREFIXES = ("", "en/", "zh/")


def _files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _links(html: bytes) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [a.get("href", "") for a in soup.find_all("a")]


def _search_entries(site: Path) -> dict[str, list[tuple[str, str, str]]]:
    out = {}
    for prefix in LANG_PREFIXES:
        docs = json.loads(
            (site / prefix / "search" / "search_index.json").read_text(encoding="utf-8")
        )["docs"]
        out[prefix or "vi"] = sorted((d["location"], d["title"], d["text"]) for d in docs)
    return out


def assert_same_site(fast: Path, plain: Path) -> None:
    fast_files, plain_files = _files(fast), _files(plain)
    assert sorted(fast_files) == sorted(plain_files), "not the same files"
    pages = [name for name in plain_files if name.endswith(".html")]
    assert len(pages) > 100
    for name in pages:  # the readable differences first, then every byte
        assert _links(fast_files[name]) == _links(plain_files[name]), f"links differ in {name}"
    assert _search_entries(fast) == _search_entries(plain)
    different = [name for name in plain_files if fast_files[name] != plain_files[name]]
    assert different == [], f"{len(different)} files differ, e.g. {different[:5]}"


def test_languages_built_side_by_side_write_the_same_site(built: Built, tmp_path: Path) -> None:
    plain = tmp_path / "one-after-another"
    result = mkdocs(
        "build",
        "--strict",
        "--clean",
        "--site-dir",
        str(plain),
        cwd=ROOT,
        env={"XULANG_PARALLEL": "0"},
    )
    assert result.returncode == 0, result.stderr
    assert_same_site(built.site, plain)


def test_a_translation_built_in_another_process_still_stops_the_build(make_project) -> None:
    project = make_project(
        {
            # an error in English (a fact that does not exist) and a warning only in Chinese
            "content/en/du-lich/mau-son.md": (ROOT / "content/en/du-lich/mau-son.md").read_text(
                encoding="utf-8"
            )
            + "\n{{ q(data.province.no_such_fact) }}\n",
        }
    )
    result = mkdocs(
        "build", "--strict", "--clean", "--site-dir", str(project / "site"), cwd=project
    )
    assert result.returncode != 0
    assert "content/en/du-lich/mau-son.md:" in result.stderr
    assert "Traceback" not in result.stderr

    project = make_project(
        {
            "content/en/du-lich/mau-son.md": (ROOT / "content/en/du-lich/mau-son.md").read_text(
                encoding="utf-8"
            )
        }
    )
    zh = project / "content/zh/du-lich/mau-son.md"
    zh.write_text(
        zh.read_text(encoding="utf-8") + "\n[坏链接](no-such-page.md)\n", encoding="utf-8"
    )
    result = mkdocs(
        "build", "--strict", "--clean", "--site-dir", str(project / "site"), cwd=project
    )
    assert result.returncode != 0
    # MkDocs' own link warning, raised in the Chinese build's process, printed by the parent
    assert "is not found among documentation files" in result.stderr
    output = result.stdout + result.stderr
    assert "Aborted with" in output and "strict mode" in output
    assert "Traceback" not in result.stderr


# One preview session in its own process (the preview keeps its memory in the plugin, which
# MkDocs keeps between rebuilds of one process): a first build, an edit, a rebuild. Prints what
# was built and how much came from memory.
PREVIEW_SESSION = r"""
import json, logging, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

site_dir, url = sys.argv[1], "http://127.0.0.1:8000/"
edits = json.loads(sys.argv[2])
built = []
class Languages(logging.Handler):
    def emit(self, record):
        message = record.getMessage()
        if "Building '" in message:
            built.append(message.split("'")[1])
logging.getLogger("mkdocs").addHandler(Languages())
logging.getLogger("mkdocs").setLevel(logging.INFO)

def config():
    c = load_config(config_file="mkdocs.yml", site_dir=site_dir)
    c.site_url = url
    return c

c = config()
c.plugins.on_startup(command="serve", dirty=False)
report = []
for step in range(2 if edits else 1):
    if step:
        for rel, text in edits.items():
            path = Path(rel)
            path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
        c = config()
    built.clear()
    build(c, serve_url=url)
    preview = c.plugins["xulang"].preview
    cache = preview.cache if preview is not None else None
    skipped = preview.unchanged if preview is not None else set()
    report.append({"languages": sorted(set(built) | {"en", "zh"} - skipped),
                   "hits": dict(cache.hits) if cache is not None else {}})
    if cache is not None:
        cache.hits.clear()
print(json.dumps(report))
"""


def preview_session(project: Path, site: Path, edits: dict[str, str], **env: str) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-c", PREVIEW_SESSION, str(site), json.dumps(edits)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_preview_rebuild_from_memory_equals_a_fresh_preview_build(
    make_project, tmp_path: Path
) -> None:
    project = make_project()
    edits = {
        "content/en/du-lich/mau-son.md": "\nOne more sentence about the mountain, added in the preview.\n",
        "content/vi/tin-tuc/2025-04-17-unesco-cong-nhan-cong-vien-dia-chat-toan-cau-lang-son.md": "\nMột câu viết thêm trong bản xem trước.\n",
    }
    warm = preview_session(project, tmp_path / "warm", edits)
    first, second = warm
    assert first["languages"] == ["en", "vi", "zh"]
    # after edits in vi and en only: Chinese is not built again, and almost every page of the
    # languages that are comes from memory
    assert second["languages"] == ["en", "vi"]
    assert second["hits"]["pages"] >= 80 and second["hits"]["rendered"] >= 80, second["hits"]
    # each page address's QR code is made once: the second build takes them from memory, the
    # English build's too (its child handed them back)
    assert second["hits"]["qr"] >= 2 * 80, second["hits"]  # vi and en
    # the same edited tree, built once from nothing
    fresh = preview_session(project, tmp_path / "fresh", {}, XULANG_PREVIEW_CACHE="0")
    assert fresh[0]["hits"] == {}
    assert_same_site(tmp_path / "warm", tmp_path / "fresh")
    for prefix in LANG_PREFIXES:  # the edits are there
        text = (tmp_path / "warm" / prefix / "du-lich/mau-son/index.html").read_text(
            encoding="utf-8"
        )
        assert ("added in the preview" in text) == (prefix == "en/")


def test_the_preview_notices_a_save_once(make_project) -> None:
    project = make_project()
    port = free_port()
    log = project / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        url = f"http://127.0.0.1:{port}/en/du-lich/mau-son/"
        assert "<html" in fetch(url, timeout=120)
        page = project / "content/en/du-lich/mau-son.md"
        page.write_text(
            page.read_text(encoding="utf-8") + "\nSaved once, seen once.\n", encoding="utf-8"
        )
        deadline = time.monotonic() + 60
        while "Saved once, seen once." not in fetch(url) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "Saved once, seen once." in fetch(url)
        time.sleep(3)  # a build that set off the next one would show here
        text = log.read_text(encoding="utf-8")
        assert text.count("Detected file changes") == 1, text[-3000:]
        for prefix in LANG_PREFIXES:  # every language still served
            assert "<html" in fetch(f"http://127.0.0.1:{port}/{prefix}du-lich/mau-son/")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@pytest.mark.parametrize(
    "module, env, expected",
    [
        (
            "build",
            {"BENCH_SIZES": "60", "BENCH_RUNS": "1"},
            r"3 × 60 pages, this site: [\d.]+ s .* peak \d+ MB .*news page HTML \d+ KB; search vi",
        ),
        (
            "preview",
            {"BENCH_PREVIEW_PAGES": "60", "BENCH_RUNS": "1"},
            r"preview, 3 × 60 pages, edit in zh: [\d.]+ s",
        ),
    ],
)
def test_the_benchmarks_run(module: str, env: dict[str, str], expected: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "devtools.bench", module],
        capture_output=True,
        text=True,
        timeout=900,
        # The development tools run from the checkout, as `make bench` runs them.
        env={**os.environ, **env, "PYTHONPATH": str(ROOT / "scripts")},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(expected, result.stdout), result.stdout
