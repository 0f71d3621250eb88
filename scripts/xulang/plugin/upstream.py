"""Every edit of Material's and mkdocs-static-i18n's code, scripts and templates, in one place.

Verified against the versions in VERIFIED. Any other installed version stops the build before
anything is built (XL160): each edit below assumes code that a release may move or change. To
upgrade, check each edit against the new release, then update VERIFIED (and COPIED_PARTIALS).

What is edited:
- Material's built scripts, in the output folder once every language is built (PATCHES):
  1. search worker: a Chinese query that is itself one indexed word is matched whole. Material's
     `segment` loop stops one character short (`j < query.length`), so 地质公园 became 地.
  2. bundle: words typed without diacritics are highlighted on the page a result opens (our lunr
     files fold diacritics; each vowel and d of the highlight pattern becomes a class of its
     Vietnamese forms).
  3. bundle: the search index is downloaded when the reader opens the search, not on every first
     visit (40–50 KB compressed).
  4. bundle: the highlighter starts only on a page opened from a search result (`?h=`).
  5. bundle: the handler that fetched `<alternate>/sitemap.xml` for every hreflang link is
     removed (a request per language to a URL that does not exist).
- Material's templates: overrides/main.html's `config` block is base.html's with `base` at the
  language's root and the search worker's file name found here (`search_worker`), never typed;
  overrides/partials/{alternate,language,nav-item,search}.html are copies of Material's partials
  with one change each (named in their first comment); their originals are checked unchanged.
- Material's search plugin, in the preview only: `SearchIndex.add_entry_from_context` answered
  from the preview's memory (`around_search_entries`).
- mkdocs-static-i18n: its per-language `build()` calls routed to the plugin (the languages built
  side by side), its state read (`i18n_of`) and set in a child build as its own loop does.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol, cast

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from xulang import forks
from xulang.findings import Finding, to_text

VERIFIED = {"mkdocs-material": "9.8.2", "mkdocs-static-i18n": "1.3.1"}
# sha256 of the Material partials that overrides/partials/ copies, as Material 9.8.2 ships them
COPIED_PARTIALS = {
    "alternate.html": "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b",
    "language.html": "3a44516f305006ac794f51a45ad7b532cf270916d8e92e8c42784e58b2eff0a3",
    "nav-item.html": "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
    "search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    "../base.html": "a919e32d2225e09ecbdeb8076ca6ce9ca0836329760bf7871a04172569b77842",
}
MATERIAL = "mkdocs-material"
SCRIPTS = Path("assets") / "javascripts"


# -- the versions --------------------------------------------------------------------------


def check_versions(root: Path) -> None:
    """Stop the build, with findings in both languages, unless Material and mkdocs-static-i18n
    are the versions every edit here was verified against."""
    problems = [
        _finding(root, "VERIFIED = ", "XL160", package=name, installed=found, verified=wanted)
        for name, wanted in VERIFIED.items()
        if (found := installed(name)) != wanted
    ]
    if not problems:
        for name, digest in COPIED_PARTIALS.items():
            original = material_templates() / "partials" / name
            if not original.is_file() or _sha256(original) != digest:
                what = f"partials/{name}".replace("partials/../", "") + " (as overrides/ copies it)"
                problems.append(_moved(root, what, "material/templates", "COPIED_PARTIALS = "))
    if problems:
        raise PluginError(_report(problems))


def installed(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "—"


def material_templates() -> Path:
    """The installed Material's templates folder (found without importing the theme)."""
    spec = importlib.util.find_spec("material")
    if spec is None or spec.origin is None:
        raise PluginError(f"{MATERIAL} is not installed / {MATERIAL} chưa được cài")
    return Path(spec.origin).resolve().parent / "templates"


@cache
def search_worker() -> str:
    """The search worker's path in the output, e.g. assets/javascripts/workers/search.a7633da7.
    min.js: its name carries a hash that changes with each Material release."""
    found = sorted((material_templates() / SCRIPTS / "workers").glob("search.*.min.js"))
    if len(found) != 1:
        raise PluginError(_report([_moved(None, "workers/search.*.min.js", "material", "")]))
    return (SCRIPTS / "workers" / found[0].name).as_posix()


def template_globals(env: Any) -> None:
    """What the theme's templates need from here, in every template (main.html's `config`)."""
    env.globals["xulang_search_worker"] = search_worker()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _finding(root: Path | None, anchor: str, code: str, **args: str) -> Finding:
    """A finding at the line of this file that holds `anchor` (where the fix goes)."""
    here = Path(__file__).resolve()
    lines = here.read_text(encoding="utf-8").split("\n")
    line = next((n for n, text in enumerate(lines, 1) if anchor and text.startswith(anchor)), 0)
    try:
        shown = here.relative_to(root.resolve()).as_posix() if root else here.as_posix()
    except ValueError:
        shown = here.as_posix()
    return Finding.at(shown, line, code, **args)


def _moved(root: Path | None, what: str, where: str, anchor: str) -> Finding:
    version = installed(MATERIAL)
    return _finding(root, anchor, "XL161", package=MATERIAL, version=version, what=what, file=where)


def _report(findings: list[Finding]) -> str:
    head = "Không dựng với bản mã nguồn ngoài chưa kiểm / not building against unverified code:"
    return "\n".join([head, to_text(findings, "vi"), "", "English:", to_text(findings, "en")])


# -- Material's built scripts ----------------------------------------------------------------


@dataclass(frozen=True)
class Patch:
    files: str  # glob under assets/javascripts/ of the output
    what: str  # the code it edits, as an error names it
    mark: str  # left in the script: the edit is done (and a test can see it)
    edit: Callable[[str], tuple[str, int]]  # (new text, times the code was found)


def _once(
    regex: re.Pattern[str], replace: Callable[[re.Match[str]], str]
) -> Callable[[str], tuple[str, int]]:
    def edit(text: str) -> tuple[str, int]:
        matches = list(regex.finditer(text))
        if len(matches) != 1:
            return text, len(matches)
        m = matches[0]
        return text[: m.start()] + replace(m) + text[m.end() :], 1

    return edit


# 1. for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e
WHOLE_WORD = "/* xulang: whole Chinese word */"
_SEGMENT_LOOP = re.compile(
    r"for\(let (\w+)=0;\1<(\w+)\.length;\1\+\+\)for\(let (\w+)=\1\+1;\3<\2\.length;\3\+\+\)"
    r"\2\.slice\(\1,\3\)in \w+"
)


def _whole_word(m: re.Match[str]) -> str:
    return WHOLE_WORD + m[0].replace(f"{m[3]}<{m[2]}.length;", f"{m[3]}<={m[2]}.length;")


# 2. the highlighter's query: ${n.replace(/[|\\{}()[\]^$+*?.-]/g,"\\$&").replace(r,"|")}
HIGHLIGHT = "/* xulang: highlight without diacritics */"
FORMS = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "d": "dđ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
}
_HIGHLIGHT_PATTERN = re.compile(
    r'\$\{(\w+)\.replace\(/\[\|\\\\\{\}\(\)\[\\\]\^\$\+\*\?\.-\]/g,"\\\\\$&"\)'
    r'\.replace\((\w+),"\|"\)\}'
)


def _highlight(m: re.Match[str]) -> str:
    # \u escapes: the bundle stays ASCII, whatever charset a server announces for it
    forms = ",".join(
        f'{base}:"' + "".join(f"\\u{ord(c):04x}" for c in chars) + '"'
        for base, chars in FORMS.items()
    )
    expand = (
        '.normalize("NFD").replace(/[\\u0300-\\u036f]/g,"").replace(/[\\u0110\\u0111]/g,"d")'
        f'.replace(/[adeiouy]/gi,c=>"["+({{{forms}}})[c.toLowerCase()]+"]")'
    )
    return m[0][:-1] + expand + HIGHLIGHT + "}"


# 3. L($(location.protocol!=="file:"),Je("search")): fetch now over HTTP, or when search opens
LAZY = "/* xulang: index when search opens */"
_EAGER_INDEX = re.compile(r'(\w+\()\$\(location\.protocol!=="file:"\)(,\w+\("search"\)\))')


def _lazy(m: re.Match[str]) -> str:
    return f"{m[1]}{LAZY}$(!1){m[2]}"


# 4. ...me("content").map(e=>V("search.highlight")?Ai(e,{index$:zi,location$:Kt}):y)
HIGHLIGHTER = "/* xulang: highlighter on ?h= only */"
_HIGHLIGHTER = re.compile(r'(\w+)\("search\.highlight"\)\?(\w+\(\w+,\{index\$:)')


def _highlighter(m: re.Match[str]) -> str:
    return f'{m[1]}("search.highlight")&&{HIGHLIGHTER}/[?&]h=/.test(location.search)?{m[2]}'


# 5. function Xo({document$:e}){let t=new Map;e.pipe(...("link[rel=alternate]")) and its call
NO_ALTERNATES = "/* xulang: alternate handler removed */"
_HANDLER = re.compile(
    r"function (\w+)\(\{document\$:\w+\}\)\{let \w+=new Map;\w+\.pipe\(\w+\(\(\)=>\w+\("
    r'"link\[rel=alternate\]"\)\)'
)


def _no_alternates(text: str) -> tuple[str, int]:
    handler = _HANDLER.search(text)
    if handler is None:
        return text, 0
    call = re.compile(re.escape(handler[1]) + r"\(\{document\$:\w+\}\);")
    return call.subn(NO_ALTERNATES, text)


PATCHES = (
    Patch(
        "workers/search.*.min.js",
        "query segmentation loop",
        WHOLE_WORD,
        _once(_SEGMENT_LOOP, _whole_word),
    ),
    Patch("bundle.*.min.js", "highlight pattern", HIGHLIGHT, _once(_HIGHLIGHT_PATTERN, _highlight)),
    Patch("bundle.*.min.js", "search index subscription", LAZY, _once(_EAGER_INDEX, _lazy)),
    Patch("bundle.*.min.js", "highlighter set-up", HIGHLIGHTER, _once(_HIGHLIGHTER, _highlighter)),
    Patch("bundle.*.min.js", "alternate-link handler", NO_ALTERNATES, _no_alternates),
)


def patch_scripts(site_dir: Path, root: Path | None = None) -> None:
    """Apply PATCHES to Material's scripts in the output; each expects its code exactly once."""
    scripts = site_dir / SCRIPTS
    for patch in PATCHES:
        files = sorted(scripts.glob(patch.files))
        if not files:
            where = (SCRIPTS / patch.files).as_posix()
            raise PluginError(_report([_moved(root, "(not written)", where, "PATCHES = ")]))
        for path in files:
            text = path.read_text(encoding="utf-8")
            if patch.mark in text:
                continue  # done already (a preview rebuild that kept this file)
            new, count = patch.edit(text)
            if count != 1:
                what = f"{patch.what} ({count}×)"
                raise PluginError(_report([_moved(root, what, path.name, "PATCHES = ")]))
            path.write_text(new, encoding="utf-8")


def unpatched(site_dir: Path) -> list[str]:
    """The PATCHES missing from a built site's scripts (none after a good build)."""
    scripts = site_dir / SCRIPTS
    return [
        f"{patch.files}: {patch.what}"
        for patch in PATCHES
        if not (files := sorted(scripts.glob(patch.files)))
        or any(patch.mark not in p.read_text(encoding="utf-8") for p in files)
    ]


# -- Material's search plugin (the preview's memory) --------------------------------------------

Around = Callable[[Any, Callable[[Any], None], list[dict[str, Any]]], None]


def around_search_entries(index: Any, around: Around) -> None:
    """Material's SearchIndex.add_entry_from_context(page) becomes around(page, original,
    index.entries): `around` may answer from elsewhere or call the original."""
    original = index.add_entry_from_context

    def add_entry_from_context(page: Any) -> None:
        around(page, original, index.entries)

    index.add_entry_from_context = add_entry_from_context


# -- mkdocs-static-i18n --------------------------------------------------------------------------


class I18n(Protocol):
    """What the build reads of the running mkdocs-static-i18n plugin (1.3.1)."""

    building: bool  # True inside the build of a language other than the default
    current_language: str
    default_language: str
    build_languages: list[str]
    search_entries: list[dict[str, Any]]
    config: Any  # its options: `languages`, …


def i18n_of(config: MkDocsConfig) -> I18n:
    """The running mkdocs-static-i18n plugin."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError(f"{config.config_file_path}: the `i18n` plugin must be configured")
    return cast(I18n, i18n)


def leave_out_languages(i18n: I18n, codes: set[str]) -> None:
    """Languages mkdocs-static-i18n does not build at all: its documented per-language option
    `build: false` (no pages, no entry in its switcher or search plugin), set on the running
    plugin's language entries before its own on_config (priority -100) reads them."""
    for entry in i18n.config.languages:
        if entry.locale in codes:
            entry.build = False


def enter_language_build(i18n: I18n, locale: str) -> None:
    """In a child process: the state mkdocs-static-i18n's loop sets before it builds `locale`.
    Its build must not empty the output folder, which the other languages are writing into."""
    from mkdocs import utils

    def keep(directory: str) -> None:
        pass

    i18n.building = True
    i18n.current_language = locale
    utils.clean_directory = keep


_JOIN: list[Callable[[Any, bool], None]] = []  # the running plugin's join_language


def _join(config: Any, dirty: bool = False) -> None:
    _JOIN[0](config, dirty)


_join.xulang_join = True  # type: ignore[attr-defined]  # a mark on the function: already routed


def route_language_builds(join: Callable[[Any, bool], None]) -> bool:
    """Make mkdocs-static-i18n's per-language `build()` calls go to `join`, when the languages
    can be built side by side (else leave it alone and say so)."""
    import mkdocs_static_i18n.plugin as i18n_module

    current = getattr(i18n_module, "build", None)
    routable = current is mkdocs_build.build or getattr(current, "xulang_join", False)
    if not forks.available() or not routable:
        return False
    _JOIN[:] = [join]
    i18n_module.build = _join
    return True
