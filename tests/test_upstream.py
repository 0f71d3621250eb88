"""The build's edits of Material (scripts/xulang/plugin/upstream.py): refused on an unverified
version, present in the built scripts, and the search worker named as the installed theme names it.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Built, copy_project, mkdocs
from xulang.plugin import upstream

SCRIPTS = Path("assets") / "javascripts"


def fake_distribution(folder: Path, name: str, version: str) -> None:
    """Another version of an installed distribution, found first on PYTHONPATH: its metadata
    only, with the real one's entry points (MkDocs finds the theme through them); the code is
    still the installed one."""
    info = folder / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
    )
    real = importlib.metadata.distribution(name).read_text("entry_points.txt") or ""
    (info / "entry_points.txt").write_text(real, encoding="utf-8")


def test_another_material_version_is_refused_clearly(tmp_path: Path) -> None:
    """After `pip install -U mkdocs-material`, the build stops and says why instead of publishing a
    site whose search edits may silently fail."""
    project = copy_project(tmp_path / "project")
    fakes = tmp_path / "fakes"
    fake_distribution(fakes, "mkdocs-material", "9.8.99")
    site = tmp_path / "site"
    path = os.pathsep.join([str(fakes), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    result = mkdocs(
        "build", "--strict", "--site-dir", str(site), cwd=project, env={"PYTHONPATH": path}
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    # our finding, in both languages, at the line where the verified versions are declared
    found = re.search(r"scripts/xulang/plugin/upstream\.py:(\d+): XL160 ", output)
    assert found, output[-3000:]
    assert "mkdocs-material 9.8.99" in output and "9.8.2" in output, output[-3000:]
    assert "đang cài" in output and "is installed" in output, output[-3000:]
    assert not (site / "index.html").exists()  # refused before anything was built


def test_the_verified_versions_are_the_installed_ones() -> None:
    """The pins and the versions the edits were checked against agree (else every build stops)."""
    assert {name: upstream.installed(name) for name in upstream.VERIFIED} == upstream.VERIFIED


def test_every_search_edit_is_in_the_built_scripts(built: Built) -> None:
    """Chinese whole-word search, unaccented highlighting, the index loaded on demand and no
    sitemap requests per language: each edit is in the scripts readers download."""
    scripts = built.site / SCRIPTS
    assert upstream.unpatched(built.site) == []
    (worker,) = sorted((scripts / "workers").glob("search.*.min.js"))
    (bundle,) = sorted(scripts.glob("bundle.*.min.js"))
    worker_js, bundle_js = worker.read_text(encoding="utf-8"), bundle.read_text(encoding="utf-8")
    # the segmentation loop tries the whole query: j <= query.length
    assert re.search(
        r"for\(let (\w+)=(\w+)\+1;\1<=(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)", worker_js
    )
    assert not re.search(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice", worker_js)
    # the highlighter folds diacritics: "a" stands for all its Vietnamese forms (escaped)
    forms_of_a = "".join(f"\\u{ord(c):04x}" for c in upstream.FORMS["a"])
    assert f'a:"{forms_of_a}"' in bundle_js
    assert '.normalize("NFD")' in bundle_js
    # the index is fetched when the search opens, and the highlighter runs on ?h= pages only
    assert 'location.protocol!=="file:"' not in bundle_js
    assert "/[?&]h=/.test(location.search)" in bundle_js
    # no handler fetching <alternate>/sitemap.xml is ever called
    handler = re.search(
        r"function (\w+)\(\{document\$:\w+\}\)\{let \w+=new Map;\w+\.pipe\(\w+\(\(\)=>\w+\("
        r'"link\[rel=alternate\]"\)\)',
        bundle_js,
    )
    assert handler and not re.search(
        re.escape(handler[1]) + r"\(\{document\$:", bundle_js[handler.end() :]
    )
    # every edit is applied once, not twice
    for patch in upstream.PATCHES:
        text = worker_js if patch.files.startswith("workers/") else bundle_js
        assert text.count(patch.mark) == 1, patch.what


def test_pages_name_the_search_worker_that_exists(built: Built) -> None:
    """Search works on every kind of page: the worker file each page names is in the output, and
    it is the installed Material's (no file name typed in a template)."""
    installed = upstream.search_worker()
    assert (built.site / installed).is_file()
    pages = ["index.html", "404.html", *sorted({p for p in built.pages() if p.count("/") >= 2})[:3]]
    for rel in pages:
        soup = BeautifulSoup((built.site / rel).read_text(encoding="utf-8"), "html.parser")
        config = json.loads(soup.find("script", id="__config").get_text())
        named = config["search"]
        # relative to the page, or (404 pages, served at any depth) an absolute path
        target = (
            built.site / ("assets/" + named.split("/assets/", 1)[1])
            if named.startswith("/")
            else (built.site / rel).parent / named
        )
        assert target.resolve().is_file(), (rel, named)
        assert named.endswith(installed.rsplit("/", 1)[-1]), (rel, named)
    main = (Path(__file__).resolve().parent.parent / "overrides" / "main.html").read_text(
        encoding="utf-8"
    )
    assert not re.search(r"search\.[0-9a-f]{8}\.min\.js", main)


def test_a_changed_material_partial_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Material partial that overrides/ copies is no longer the one copied (a patched install
    of the same version): the build names it instead of serving a stale copy."""
    from mkdocs.exceptions import PluginError

    root = Path(__file__).resolve().parent.parent
    upstream.check_versions(root)  # as installed: nothing to say
    monkeypatch.setitem(upstream.COPIED_PARTIALS, "search.html", "0" * 64)
    with pytest.raises(PluginError) as refused:
        upstream.check_versions(root)
    message = str(refused.value)
    assert "scripts/xulang/plugin/upstream.py:" in message and " XL161 " in message
    assert "partials/search.html" in message and "English:" in message
