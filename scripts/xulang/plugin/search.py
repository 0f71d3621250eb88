"""Changes to Material 9.8.2's search, applied to the built copies of its scripts.

- Chinese queries keep their last word (search worker). Material splits a Chinese query into words
  it finds in the index (`segment` in src/templates/assets/javascripts/integrations/search/query/
  segment/index.ts), but its inner loop stops one character short (`j < query.length`): a query
  that is itself one indexed word is never matched whole. 地质公园 ("geopark", a word of the index)
  became 地 and matched 地理 ("geography") first. With `j <= query.length` the whole word is tried.
- Words typed without diacritics are highlighted on the page a result opens (theme bundle). Our
  lunr files (content/assets/javascripts/lunr/min/lunr.vi.min.js, lunr.en-vi.min.js) fold
  diacritics, so the result link carries `?h=mau+son`; Material's highlighter matches that
  literally and would mark nothing in "Mẫu Sơn". Each vowel and d of the highlight pattern becomes
  a class of its Vietnamese forms (a → [aàáảãạăằắẳẵặâầấẩẫậ]).
- The search index is downloaded when the reader opens the search, not with every page (theme
  bundle). Material already waits like this for pages opened from disk (file:); over HTTP it
  fetched the whole index (40–50 KB compressed, a third of a first visit) on every first visit,
  once for the search and once more for the highlighter, which now starts only on a page opened
  from a search result (`?h=…` in its address: the site has no instant navigation, so the
  address cannot change without loading a page).

Each change names the minified code it expects and stops the build if a Material upgrade moved it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from xulang import glossary as glossary_model
from xulang.site import Site


class SearchPatchError(Exception):
    pass


# -- worker: whole Chinese words ------------------------------------------------------------------

WHOLE_WORD_MARK = "/* xulang: whole Chinese word */"
# for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e
_SEGMENT_LOOP = re.compile(
    r"for\(let (\w+)=0;\1<(\w+)\.length;\1\+\+\)for\(let (\w+)=\1\+1;\3<\2\.length;\3\+\+\)"
    r"\2\.slice\(\1,\3\)in \w+"
)


def _whole_word(m: re.Match[str]) -> str:
    loop = m[0].replace(f"{m[3]}<{m[2]}.length;{m[3]}++", f"{m[3]}<={m[2]}.length;{m[3]}++")
    return WHOLE_WORD_MARK + loop


# -- bundle: highlight without diacritics ----------------------------------------------------------

HIGHLIGHT_MARK = "/* xulang: highlight without diacritics */"
_FORMS = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "d": "dđ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
}
# The query pattern of Material's highlighter:
#   ${n.replace(/[|\\{}()[\]^$+*?.-]/g,"\\$&").replace(r,"|")}
_HIGHLIGHT_PATTERN = re.compile(
    r'\$\{(\w+)\.replace\(/\[\|\\\\\{\}\(\)\[\\\]\^\$\+\*\?\.-\]/g,"\\\\\$&"\)'
    r'\.replace\((\w+),"\|"\)\}'
)


def _highlight(m: re.Match[str]) -> str:
    # \u escapes: the bundle stays ASCII, whatever charset a server announces for it
    forms = ",".join(
        f'{base}:"' + "".join(f"\\u{ord(c):04x}" for c in chars) + '"'
        for base, chars in _FORMS.items()
    )
    expand = (
        '.normalize("NFD").replace(/[\\u0300-\\u036f]/g,"").replace(/[\\u0110\\u0111]/g,"d")'
        f'.replace(/[adeiouy]/gi,c=>"["+({{{forms}}})[c.toLowerCase()]+"]")'
    )
    return m[0][:-1] + expand + HIGHLIGHT_MARK + "}"


# -- bundle: index on demand -----------------------------------------------------------------------

LAZY_MARK = "/* xulang: index when search opens */"
# L($(location.protocol!=="file:"),Je("search")): fetch now over HTTP, or when the search opens
_EAGER_INDEX = re.compile(r'(\w+\()\$\(location\.protocol!=="file:"\)(,\w+\("search"\)\))')


def _lazy(m: re.Match[str]) -> str:
    return f"{m[1]}{LAZY_MARK}$(!1){m[2]}"


HIGHLIGHTER_MARK = "/* xulang: highlighter on ?h= only */"
# ...me("content").map(e=>V("search.highlight")?Ai(e,{index$:zi,location$:Kt}):y)
_HIGHLIGHTER = re.compile(r'(\w+)\("search\.highlight"\)\?(\w+\(\w+,\{index\$:)')


def _highlighter(m: re.Match[str]) -> str:
    return f'{m[1]}("search.highlight")&&{HIGHLIGHTER_MARK}/[?&]h=/.test(location.search)?{m[2]}'


# -- applying --------------------------------------------------------------------------------------

Patch = tuple[str, str, re.Pattern[str], Callable[[re.Match[str]], str], str]
PATCHES: tuple[Patch, ...] = (
    (
        "workers/search.*.min.js",
        "query segmentation loop",
        _SEGMENT_LOOP,
        _whole_word,
        WHOLE_WORD_MARK,
    ),
    ("bundle.*.min.js", "highlight pattern", _HIGHLIGHT_PATTERN, _highlight, HIGHLIGHT_MARK),
    ("bundle.*.min.js", "search index subscription", _EAGER_INDEX, _lazy, LAZY_MARK),
    ("bundle.*.min.js", "highlighter set-up", _HIGHLIGHTER, _highlighter, HIGHLIGHTER_MARK),
)


def patch_search(site_dir: Path) -> None:
    scripts = site_dir / "assets" / "javascripts"
    for pattern, what, regex, replace, mark in PATCHES:
        files = sorted(scripts.glob(pattern))
        if not files:
            raise SearchPatchError(
                f"assets/javascripts/{pattern}: Material's script was not written"
            )
        for path in files:
            text = path.read_text(encoding="utf-8")
            if mark in text:
                continue
            matches = list(regex.finditer(text))
            if len(matches) != 1:
                raise SearchPatchError(
                    f"{path.name}: Material's {what} was found {len(matches)} times, not once; "
                    "this Material version needs scripts/xulang/plugin/search.py revised"
                )
            m = matches[0]
            path.write_text(text[: m.start()] + replace(m) + text[m.end() :], encoding="utf-8")


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


# jieba splits names it does not know into pieces (淇穷江 -> 淇 / 穷江, 侬族 -> 侬 / 族), and a reader who
# types the name then finds nothing. Short names from the glossary are taught to it as words; longer
# ones are left to its own segmentation, which keeps their common parts findable (蜜果叶烤鸭 -> 烤鸭).
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
    from xulang.plugin.output import OutputError, patch_theme_bundle

    split_search_index(site_dir, site, settings(site))
    try:
        patch_theme_bundle(site_dir)
        patch_search(site_dir)
    except (OutputError, SearchPatchError) as exc:
        raise PluginError(str(exc)) from None


def settings(site: Site) -> dict[str, dict[str, object]]:
    """Each language's lunr settings from `extra.search` in mkdocs.yml (lang, separator)."""
    return {lang.code: dict(lang.extra.get("search") or {}) for lang in site.languages}


def split_search_index(site_dir: Path, site: Site, settings: dict[str, dict[str, object]]) -> None:
    """One search index per language at <prefix>search/search_index.json, holding only that
    language's pages, with locations relative to that language's root and its own lunr settings.

    mkdocs-static-i18n writes one index for all languages; every reader would download all three and
    get results in languages they did not ask for.
    """
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    docs: dict[str, list[dict[str, object]]] = {lang.code: [] for lang in site.languages}
    for doc in index["docs"]:
        location = str(doc["location"])
        lang = next((l for l in site.translations if location.startswith(l.prefix)), site.default)
        docs[lang.code].append({**doc, "location": location[len(lang.prefix) :]})
    for lang in site.languages:
        config = {**index["config"], **settings.get(lang.code, {})}
        target = site_dir / lang.prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"config": config, "docs": docs[lang.code]}, ensure_ascii=False, separators=(",", ":")
        )
        target.write_text(text, encoding="utf-8")
