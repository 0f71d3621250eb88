"""The content tree: pages mirrored path for path under content/<lang>/, read with line numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from xulang import charsets
from xulang.findings import Finding
from xulang.markdown import Body, parse
from xulang.site import Site
from xulang.yamlread import LOADER

# The same front matter rule as MkDocs (mkdocs/utils/meta.py), so both read a page alike.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
OPENING = re.compile(r"^-{3}[ \t]*\n")
# A page with one of these is not read further: every other check would report its consequences.
UNREADABLE = frozenset({"XL001", "XL003", "XL004", "XL007", "XL105"})
SHARED_FOLDER = "assets"
TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


@dataclass
class Page:
    """One Markdown file of one language, as an editor wrote it."""

    path: Path  # absolute
    rel: str  # path inside the language folder, e.g. "kinh-te/index.md"
    lang: str
    display: str  # path shown in findings, relative to the project root
    text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1  # file line where the Markdown body starts
    findings: list[Finding] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return not any(f.code in UNREADABLE for f in self.findings)


# A page is text an editor types: far below this. A bigger file is a mistake (a pasted export,
# an embedded image) and would slow every build and every reader; it is refused, not read.
MAX_PAGE_BYTES = 1_000_000


# The last reading of each page and the bytes it was read from: the preview reads every page on
# each rebuild, and a file whose bytes are the same reads the same (a Page is not changed once
# read; every tree of a run shares its pages).
_READ: dict[tuple[str, str, str, str], tuple[bytes, Page]] = {}


def read_page(path: Path, rel: str, lang: str, display: str) -> Page:
    """Read one page; every problem becomes a Finding on the page, never an exception."""
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        page = Page(path=path, rel=rel, lang=lang, display=display)
        too_big = Finding.at(display, 1, "XL105", size=f"{size / 1e6:.2f} MB", limit="1 MB")
        page.findings.append(too_big)
        return page
    raw = path.read_bytes()
    key = (str(path), rel, lang, display)
    kept = _READ.get(key)
    if kept is not None and kept[0] == raw:
        return kept[1]
    page = _read(Page(path=path, rel=rel, lang=lang, display=display), raw)
    _READ[key] = (raw, page)
    return page


def _read(page: Page, raw: bytes) -> Page:
    display = page.display
    if charsets.utf16(raw):  # ASCII text in UTF-16 is valid UTF-8 with NULs: catch it first
        page.findings.append(Finding.at(display, 1, "XL001", guess="UTF-16"))
        return page
    if raw.startswith(b"\xef\xbb\xbf"):
        page.findings.append(Finding.at(display, 1, "XL006"))
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        page.findings.append(Finding.at(display, line, "XL001", guess=charsets.guess(raw)))
        return page
    page.text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not page.text.strip():
        page.findings.append(Finding.at(display, 1, "XL002"))
        return page
    match = FRONT_MATTER.match(page.text)
    if match is None:
        if OPENING.match(page.text):  # opened, never closed: MkDocs would read it all as text
            page.findings.append(Finding.at(display, 1, "XL007"))
        return page
    page.body_line = page.text[: match.end()].count("\n") + 1
    # MkDocs strips blank lines after the front matter before rendering
    rest = page.text[match.end() :]
    page.body_line += len(rest) - len(rest.lstrip("\n"))
    try:
        meta = yaml.load(match.group(1), Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        page.findings.append(Finding.at(display, line, "XL003", problem=problem))
        return page
    except ValueError as exc:  # a date YAML recognises but no calendar has: 2025-13-01
        line = _bad_value_line(match.group(1))
        page.findings.append(Finding.at(display, line, "XL003", problem=str(exc)))
        return page
    if meta is None:
        return page
    if not isinstance(meta, dict):
        page.findings.append(Finding.at(display, 2, "XL004"))
        return page
    page.meta = meta
    # top-level keys start a line at column 0; +2: the opening --- is line 1
    page.meta_lines = {
        m.group(1): number + 2
        for number, line in enumerate(match.group(1).split("\n"))
        if (m := TOP_KEY.match(line))
    }
    return page


def _bad_value_line(front: str) -> int:
    """The file line of the first front matter line whose value YAML cannot build."""
    for number, line in enumerate(front.split("\n")):
        try:
            yaml.load(line, Loader=LOADER)
        except ValueError:
            return number + 2
        except yaml.YAMLError:
            continue  # part of a value that spans lines: fine in its context
    return 1


@dataclass(eq=False)  # compared and cached by identity
class ContentTree:
    """All pages of all languages, plus files that sit where no page should."""

    site: Site
    pages: dict[str, dict[str, Page]]  # lang -> rel -> Page
    stray: list[Finding]
    _bodies: dict[str, Body] = field(default_factory=dict, repr=False)
    _data: dict[str, Any] | None = field(default=None, repr=False)
    memo: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)  # per-check caches

    def body(self, page: Page) -> Body:
        """The page's structure (headings, links, prose…), parsed once."""
        key = page.display
        if key not in self._bodies:
            text = page.text
            match = FRONT_MATTER.match(text)
            if match:
                text = text[match.end() :]
                text = text[len(text) - len(text.lstrip("\n")) :]
            self._bodies[key] = parse(text, page.body_line)
        return self._bodies[key]

    @property
    def data(self) -> dict[str, Any]:
        """data/*.yml, loaded once (unreadable files are reported by the `data` check)."""
        if self._data is None:
            from xulang.facts import load_data

            self._data, _ = load_data(self.site.data_dir, self.site.root)
        return self._data

    def keep_data(self, data: dict[str, Any]) -> None:
        """data/*.yml as the build has just read it: not read a second time."""
        self._data = data

    def view(self, pages: dict[str, dict[str, Page]], site: Site | None = None) -> ContentTree:
        """The same project with fewer pages (or languages), sharing what was read of data/."""
        return ContentTree(site or self.site, pages, self.stray, _data=self._data)

    def source_of(self, page: Page) -> Page | None:
        return None if page.lang == self.site.default.code else self.sources.get(page.rel)

    def translations(self) -> Iterator[tuple[Page, Page]]:
        """(translation, source) pairs of readable pages."""
        for lang in self.site.translations:
            for rel, page in sorted(self.pages[lang.code].items()):
                source = self.sources.get(rel)
                if source is not None and page.readable and source.readable:
                    yield page, source

    @classmethod
    def load(cls, site: Site) -> ContentTree:
        pages: dict[str, dict[str, Page]] = {code: {} for code in site.codes}
        stray: list[Finding] = []
        root = site.docs_dir
        if not root.is_dir():
            return cls(site, pages, stray)
        folders = ", ".join([*site.codes, SHARED_FOLDER])
        for path in sorted(root.rglob("*")):
            if not path.is_file() or any(p.startswith(".") for p in path.relative_to(root).parts):
                continue  # dot-files and dot-folders (.git, .obsidian): MkDocs never publishes them
            if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
                continue  # never read: the `files` check refuses a link out of content/
            parts = path.relative_to(root).parts
            display = _display(site, path)
            if parts[0] in site.codes and path.suffix == ".md":
                rel = PurePosixPath(*parts[1:]).as_posix()
                pages[parts[0]][rel] = read_page(path, rel, parts[0], display)
            elif parts[0] == SHARED_FOLDER or (parts[0] in site.codes and len(parts) > 1):
                continue  # shared assets, and images kept beside a page
            else:
                stray.append(Finding.at(display, 0, "XL012", folders=folders))
        return cls(site, pages, stray)

    def all_pages(self) -> Iterator[Page]:
        for code in self.site.codes:
            yield from self.pages[code].values()

    @property
    def sources(self) -> dict[str, Page]:
        return self.pages[self.site.default.code]


def _display(site: Site, path: Path) -> str:
    try:
        return path.relative_to(site.root).as_posix()
    except ValueError:
        return path.as_posix()
