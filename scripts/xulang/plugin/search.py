"""Each language's search: Chinese segmented with the glossary's names, one index per language
with its own lunr settings, and Material's search scripts edited (xulang.plugin.upstream)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from xulang import glossary as glossary_model
from xulang.plugin import upstream
from xulang.site import Site


def warm_segmenter() -> None:
    """Load jieba's dictionary (about half a second) once, in the process that forks the
    language builds, instead of once in each build that meets Chinese text."""
    try:
        import jieba
    except ImportError:  # Material then indexes Chinese unsegmented, as it would anyway
        return
    import logging

    jieba.setLogLevel(logging.WARNING)  # its "Building prefix dict" lines on stderr
    jieba.initialize()


# jieba splits names it does not know into pieces (淇穷江 -> 淇 / 穷江, 侬族 -> 侬 / 族), and a
# reader who types the name then finds nothing. Short names from the glossary are taught to it as
# words; longer ones are left to its own segmentation, which keeps their common parts findable
# (蜜果叶烤鸭 -> 烤鸭).
NAME_MAX = 4
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def teach_names(glossary: dict[str, Any]) -> None:
    """Every short Han-script form of the glossary becomes one word for the Chinese index."""
    try:
        import jieba
    except ImportError:
        return
    warm_segmenter()
    for entry in glossary_model.entries(glossary).values():
        for value in [*entry.values(), *(entry.get("short") or {}).values()]:
            if isinstance(value, str) and len(value) <= NAME_MAX and HAN.fullmatch(value):
                jieba.add_word(value)


# -- each language's own index ---------------------------------------------------------------------


def finish(site_dir: Path, site: Site) -> None:
    """Once every language is built: an index per language, and Material's scripts patched."""
    split_search_index(site_dir, site, settings(site))
    upstream.patch_scripts(site_dir, site.root)


def settings(site: Site) -> dict[str, dict[str, object]]:
    """Each language's lunr settings from `extra.search` in mkdocs.yml (lang, separator)."""
    return {lang.code: dict(lang.extra.get("search") or {}) for lang in site.languages}


def split_search_index(site_dir: Path, site: Site, settings: dict[str, dict[str, object]]) -> None:
    """One search index per language at <prefix>search/search_index.json, holding only that
    language's pages, with locations relative to that language's root and its own lunr settings.

    mkdocs-static-i18n writes one index for all languages; every reader would download all of
    them and get results in languages they did not ask for.
    """
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    docs: dict[str, list[dict[str, object]]] = {lang.code: [] for lang in site.languages}
    for doc in index["docs"]:
        location = str(doc["location"])
        lang = next((t for t in site.translations if location.startswith(t.prefix)), site.default)
        docs[lang.code].append({**doc, "location": location[len(lang.prefix) :]})
    for lang in site.languages:
        config = {**index["config"], **settings.get(lang.code, {})}
        target = site_dir / lang.prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"config": config, "docs": docs[lang.code]}, ensure_ascii=False, separators=(",", ":")
        )
        target.write_text(text, encoding="utf-8")
