"""Publishing safety: content is not code, and files cannot hurt the build.

Each check runs in `xulang check` and stops every build (`mkdocs build` and `mkdocs serve`), so an
editor sees the same `path:line` finding in both. The rules themselves are in xulang.safehtml,
which the plugin also applies to each page's rendered HTML (xulang.plugin.publish). What is
published (statuses, drafts) is xulang.publication, checked in checks/publication.py.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from xulang import yamlread
from xulang.checks.registry import check
from xulang.content import SHARED_FOLDER, ContentTree, Page
from xulang.findings import Finding
from xulang.media.sidecar import is_sidecar
from xulang.publication import PUBLISHED, effective_status  # noqa: F401  (read here by xulang.preparation)
from xulang.safehtml import (
    Report,
    clean_url,
    code_scheme,
    is_external,
    line_of,
    scan_html,
    scan_markdown,
    short,
)
from xulang.slugs import slugify


def _reporter(display: str, out: list[Finding]) -> Report:
    seen: set[tuple[int, str, tuple[tuple[str, Any], ...]]] = set()

    def report(code: str, line: int, **args: Any) -> None:
        key = (line, code, tuple(sorted(args.items())))
        if key not in seen:
            seen.add(key)
            out.append(Finding.at(display, line, code, **args))

    return report


# The same text always gives the same findings; the preview checks the whole tree after every
# save, and most of it has not changed since the last time.
_MEMO: dict[tuple[str, str, str], list[Finding]] = {}


def _memo(kind: str, display: str, text: str, work: Callable[[], list[Finding]]) -> list[Finding]:
    key = (kind, display, text)
    found = _MEMO.get(key)
    if found is None:
        if len(_MEMO) > 20_000:
            _MEMO.clear()
        found = _MEMO[key] = work()
    return list(found)


def page_findings(page: Page) -> list[Finding]:
    meta = repr(
        sorted((k, page.meta_lines.get(k), page.meta.get(k)) for k in ("title", "description"))
    )
    return _memo("page", page.display, page.text + "\x00" + meta, lambda: _page_findings(page))


def _page_findings(page: Page) -> list[Finding]:
    out: list[Finding] = []
    report = _reporter(page.display, out)
    scan_markdown(page.text, report)
    # Templates print the title and description as they are: no markup there either.
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str) and "<" in value:
            at = page.meta_lines.get(key, 1)
            scan_html(value, lambda code, _line, at=at, **args: report(code, at, **args))
    return out


CSS_URL = re.compile(r"""@import\s+(?:url\(\s*)?['"]?([^'")\s;]+)|url\(\s*['"]?\s*([^'")\s]+)""")


def scan_asset(path: Path, display: str, out: list[Finding]) -> None:
    """SVG files run scripts when opened; CSS files may load from elsewhere."""
    report = _reporter(display, out)
    text = path.read_bytes().decode("utf-8", errors="replace")
    if path.suffix.lower() == ".svg":
        scan_html(text, report, strict=False)
    elif path.suffix.lower() == ".css":
        for match in CSS_URL.finditer(text):
            url = match.group(1) or match.group(2) or ""
            if is_external(url):
                report("XL113", line_of(text, match.start()), tag="style", url=short(url))
            elif code_scheme(url) and not clean_url(url).startswith("data:image/"):
                report("XL112", line_of(text, match.start()), url=short(url))


@check("safe-html", "XL110", "XL111", "XL112", "XL113", "XL114", "XL115", "XL116", "XL117")
def check_safe_html(tree: ContentTree) -> Iterator[Finding]:
    """Raw HTML in a page is limited to a safe list: nothing that runs, embeds, loads from another
    server or hides text. SVG and CSS files in content/ load nothing from elsewhere either.

    bad:  <iframe src="https://maps.example.com/…"></iframe>, <span style="display:none">…</span>,
          ![Bản đồ](https://cdn.example.com/map.png), [Tải](javascript:void(0))
    good: ![Bản đồ](../assets/images/ban-do.png), [Cổng dịch vụ công](https://dichvucong.gov.vn/)
    """
    for page in tree.all_pages():
        if page.readable:
            yield from page_findings(page)
    out: list[Finding] = []
    for path, display in _walk(tree):
        if (
            path.suffix.lower() in (".svg", ".css")
            and path.is_file()
            and not path.is_symlink()
            and path.stat().st_size <= MAX_FILE_BYTES
        ):
            scan_asset(path, display, out)
    yield from out
    yield from data_findings(tree)


def data_findings(tree: ContentTree) -> Iterator[Finding]:
    """data/*.yml values reach pages through Jinja as they are: the same rules apply to them."""
    data_dir = tree.site.data_dir
    if not data_dir.is_dir():
        return
    for path in sorted(data_dir.glob("*.yml")):
        try:
            text = path.read_bytes().decode("utf-8").lstrip("\ufeff")
        except UnicodeDecodeError:
            continue  # reported by the data loader (XL001)
        work = partial(_data_file_findings, tree, path, text)
        yield from _memo("data", _display(tree, path), text, work)


def _data_file_findings(tree: ContentTree, path: Path, text: str) -> list[Finding]:
    try:
        node = yamlread.compose(text)
    except yaml.YAMLError:
        return []  # reported by the data loader (XL020)
    out: list[Finding] = []
    report = _reporter(_display(tree, path), out)
    stack = [node] if node is not None else []
    while stack:
        item = stack.pop()
        if isinstance(item, yaml.ScalarNode):
            if "<" in str(item.value):
                line = item.start_mark.line + 1
                scan_html(
                    str(item.value),
                    lambda code, _l, line=line, out=report, **args: out(code, line, **args),
                )
        elif isinstance(item, yaml.SequenceNode):
            stack.extend(item.value)
        elif isinstance(item, yaml.MappingNode):
            stack.extend(value for _, value in item.value)
    return sorted(out)


# -- files: names, links, sizes, types -------------------------------------------------------

MAX_FILE_BYTES = 5_000_000  # an image or a PDF for the web; a page has its own limit (content.py)
IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")
PUBLISHABLE_IN_LANGUAGE = frozenset((".md", *IMAGES, ".pdf"))
# Video and its captions (the `media` check holds them to their own limits, xulang.media)
VIDEOS = (".mp4", ".webm", ".vtt")
PUBLISHABLE_IN_ASSETS = frozenset((*IMAGES, *VIDEOS, ".ico", ".pdf", ".css", ".js", ".woff2"))


def _walk(tree: ContentTree) -> Iterator[tuple[Path, str]]:
    """Every file and folder under content/ except dot-files (which MkDocs never publishes),
    without following symbolic links, in a stable order."""
    root = tree.site.docs_dir
    if not root.is_dir():
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in [*dirs, *sorted(f for f in files if not f.startswith("."))]:
            path = Path(folder) / name
            yield path, _display(tree, path)


def _display(tree: ContentTree, path: Path) -> str:
    try:
        return path.relative_to(tree.site.root).as_posix()
    except ValueError:
        return path.as_posix()


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


@check("files", "XL106", "XL107", "XL108", "XL109")
def check_files(tree: ContentTree) -> Iterator[Finding]:
    """Nothing in content/ leads outside it, loops, is too large, or is a kind of file that is not
    published (documents to convert, data, backups).

    bad:  content/vi/so-lieu -> /home/bientap/Tai-lieu (a symbolic link), content/vi/bao-cao.docx
    good: content/vi/du-lich/anh-mau-son.jpg (a real file, under 5 MB)
    """
    root = os.path.realpath(tree.site.docs_dir)
    codes = set(tree.site.codes)
    for path, display in _walk(tree):
        line = 0 if path.is_dir() and not path.is_symlink() else 1
        if path.is_symlink():
            target = os.readlink(path)
            real = os.path.realpath(path)
            if not os.path.exists(real) or not _inside(real, root):
                yield Finding.at(display, line, "XL107", target=target)
            elif os.path.isdir(real) and _inside(os.path.realpath(path.parent), real):
                yield Finding.at(display, line, "XL108", target=target)
            continue
        if path.is_dir():
            continue
        parts = path.relative_to(tree.site.docs_dir).parts
        suffix = path.suffix.lower()
        if len(parts) > 1 and parts[0] in codes:
            allowed = PUBLISHABLE_IN_LANGUAGE
        elif len(parts) > 1 and parts[0] == SHARED_FOLDER:
            allowed = PUBLISHABLE_IN_ASSETS
        else:
            continue  # a file at the top of content/ is reported by the `orphan` check (XL012)
        if suffix not in allowed and not (allowed is PUBLISHABLE_IN_ASSETS and is_sidecar(path)):
            yield Finding.at(
                display, 1, "XL109", ext=suffix or path.name, allowed=" ".join(sorted(allowed))
            )
        elif suffix not in (".md", *VIDEOS) and path.stat().st_size > MAX_FILE_BYTES:
            size = path.stat().st_size
            yield Finding.at(display, 1, "XL106", size=f"{size / 1e6:.1f} MB", limit="5 MB")


def suggested_name(name: str, is_dir: bool) -> str:
    stem, suffix = (name, "") if is_dir else os.path.splitext(name)
    return slugify(stem) + suffix.lower()


@check("file-names", "XL120", "XL121", "XL122")
def check_file_names(tree: ContentTree) -> Iterator[Finding]:
    """File and folder names are ASCII without spaces, and no two differ only in case:
    they become addresses, and Windows and macOS cannot keep both of two such files.

    bad:  content/vi/du-lich/Mẫu Sơn.md, content/vi/du-lich/Mau-son.md beside mau-son.md
    good: content/vi/du-lich/mau-son.md
    """
    from xulang.checks.news import buildable_name  # a suggested name that builds

    by_folder: dict[tuple[Path, str], list[tuple[Path, str]]] = {}
    for path, display in _walk(tree):
        name = path.name
        is_dir = path.is_dir() and not path.is_symlink()
        line = 0 if is_dir else 1
        if not name.isascii():
            suggested = buildable_name(tree, path, suggested_name(name, is_dir))
            yield Finding.at(display, line, "XL122", suggested=suggested)
        elif re.search(r"\s", name):
            suggested = buildable_name(tree, path, suggested_name(name, is_dir))
            yield Finding.at(display, line, "XL121", suggested=suggested)
        key = (path.parent, unicodedata.normalize("NFC", name).casefold())
        by_folder.setdefault(key, []).append((path, display))
    for (_, _), same in sorted(by_folder.items(), key=lambda item: item[1][0][1]):
        same.sort(key=lambda entry: (entry[0].name != entry[0].name.lower(), entry[0].name))
        first = same[0][1]
        for path, display in same[1:]:
            line = 0 if path.is_dir() else 1
            yield Finding.at(display, line, "XL120", other=first)
