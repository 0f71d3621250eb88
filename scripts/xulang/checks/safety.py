"""Publishing safety: content is not code, files cannot hurt the build, drafts stay unpublished.

Each check runs in `xulang check` and stops every build (`mkdocs build` and `mkdocs serve`), so an
editor sees the same `path:line` finding in both. The HTML rules are also applied by the plugin to
each page's rendered HTML (xulang.plugin.publish), which catches what data/ brings in through Jinja.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from xulang.checks import check
from xulang.content import FRONT_MATTER, SHARED_FOLDER, ContentTree, Page
from xulang.findings import Finding
from xulang.media.sidecar import is_sidecar
from xulang.slugs import slugify

# -- the HTML an editor may write ------------------------------------------------------------

# Formatting and structure that Markdown cannot express well; nothing that runs, embeds or submits.
SAFE_TAGS = frozenset(
    ["a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr", "svg"]
)
# Simple drawings (the corridor map is one): shapes and text, allowed inside <svg> only (outside it,
# <title> or <desc> would be text that browsers never show).
SVG_TAGS = frozenset(
    ["g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "title", "desc", "defs", "marker", "lineargradient", "radialgradient", "stop", "clippath"]
)
# Elements that run code, embed another document or page, submit data, or change the page's head.
FORBIDDEN_TAGS = frozenset(
    ["script", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "meta", "link", "style", "form", "input", "button", "select", "textarea", "template", "slot", "foreignobject", "animate", "set", "handler", "listener"]
)
# Attributes that load or submit something, or that only make sense with code.
FORBIDDEN_ATTRS = frozenset(
    ["srcdoc", "formaction", "action", "http-equiv", "background", "dynsrc", "lowsrc", "ping", "manifest"]
)
URL_ATTRS = frozenset(["href", "src", "srcset", "poster", "data", "cite", "longdesc", "usemap", "xlink:href"])
# Attributes whose URL the browser fetches as soon as the page loads.
RESOURCE_ATTRS = frozenset(["src", "srcset", "poster", "data"])
RESOURCE_HREF_TAGS = frozenset(["use", "image", "feimage", "link"])
# `data:` URLs are refused too: they hide a document or a script inside an address.
CODE_SCHEMES = frozenset(["javascript", "vbscript", "data", "file", "livescript"])
HIDDEN_STYLES = (
    (re.compile(r"display\s*:\s*none"), "display:none"),
    (re.compile(r"visibility\s*:\s*(hidden|collapse)"), "visibility:hidden"),
    (re.compile(r"(?<![\w-])opacity\s*:\s*0*\.?0*\s*(;|!|$)"), "opacity:0"),
    (re.compile(r"(?<![\w-])font-size\s*:\s*0*\.?0*(px|pt|em|rem|%)?\s*(;|!|$)"), "font-size:0"),
    (
        re.compile(r"(?<![\w-])(max-)?(width|height)\s*:\s*0*\.?0*(px|em|rem|%)?\s*(;|!|$)"),
        "size 0",
    ),
    (re.compile(r"color\s*:\s*transparent"), "color:transparent"),
    (
        re.compile(r"(text-indent|left|right|top|margin-left|margin-top)\s*:\s*-\s*\d{3,}"),
        "off screen",
    ),
    (re.compile(r"clip(-path)?\s*:"), "clip"),
)

Report = Callable[..., None]  # report(code, line, **args)


def _clean_url(value: str) -> str:
    # Browsers ignore control characters and whitespace inside a scheme: "java\tscript:" runs.
    return re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(value)).lower()


def code_scheme(url: str) -> str | None:
    match = re.match(r"([a-z][a-z0-9+.-]*):", _clean_url(url))
    return match.group(1) if match and match.group(1) in CODE_SCHEMES else None


def is_external(url: str) -> bool:
    cleaned = _clean_url(url)
    return cleaned.startswith("//") or bool(urlsplit(cleaned).netloc)


def hidden_by(style: str) -> str | None:
    style = style.lower()
    return next((how for pattern, how in HIDDEN_STYLES if pattern.search(style)), None)


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "…"


def inspect_tag(
    tag: str,
    attrs: list[tuple[str, str | None]],
    report: Report,
    line: int,
    *,
    strict: bool = True,
    in_svg: bool = False,
) -> None:
    """Report what is unsafe about one element. `strict` applies the safe list of editors' HTML;
    without it (rendered pages, SVG files) only what runs, loads, embeds or hides is refused."""
    tag = tag.lower()
    if tag in FORBIDDEN_TAGS:
        report("XL110", line, tag=tag)
        return
    if strict and tag not in SAFE_TAGS and not (in_svg and tag in SVG_TAGS):
        report("XL114", line, tag=tag)
    inspect_attrs(tag, attrs, report, line, strict=strict)


def inspect_attrs(
    tag: str, attrs: list[tuple[str, str | None]], report: Report, line: int, *, strict: bool = True
) -> None:
    for name, value in attrs:
        name = name.lower()
        value = value or ""
        if name.startswith("on"):
            report("XL111", line, attr=name)
        elif name == "hidden":
            report("XL115", line, how="hidden")
        elif name == "style":
            how = hidden_by(value)
            if how:
                report("XL115", line, how=how)
            elif strict:  # the site's Content-Security-Policy blocks inline styles anyway
                report("XL116", line, attr=name)
        elif name in FORBIDDEN_ATTRS:
            report("XL116", line, attr=name)
        if name in URL_ATTRS:
            urls = (
                [part.split()[0] for part in value.split(",") if part.strip()]
                if name == "srcset"
                else [value]
            )
            for url in urls:
                if code_scheme(url):
                    report("XL112", line, url=_short(url))
                elif is_external(url) and (
                    name in RESOURCE_ATTRS
                    or (name in ("href", "xlink:href") and tag in RESOURCE_HREF_TAGS)
                ):
                    report("XL113", line, tag=tag, url=_short(url))


class _Parser(HTMLParser):
    def __init__(self, report: Report, first_line: int, strict: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.report, self.first_line, self.strict = report, first_line, strict
        self.svg = 0  # depth of <svg> elements around the current tag

    def _inspect(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0] + self.first_line - 1
        inspect_tag(tag, attrs, self.report, line, strict=self.strict, in_svg=self.svg > 0)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inspect(tag, attrs)
        self.svg += tag.lower() == "svg"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inspect(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag.lower() == "svg" and self.svg:
            self.svg -= 1
        elif tag.lower() in FORBIDDEN_TAGS:  # `</script>` alone still ends the page's own scripts
            self.report("XL110", self.getpos()[0] + self.first_line - 1, tag=tag.lower())


def scan_html(text: str, report: Report, first_line: int = 1, *, strict: bool = True) -> None:
    """Report every unsafe element or attribute of an HTML fragment, lines from `first_line`."""
    parser = _Parser(report, first_line, strict)
    try:
        parser.feed(text)
        parser.close()
    except AssertionError:  # html.parser gives up on some broken markup; what it read is reported
        pass


# -- Markdown: find the raw HTML, links and images, with file lines -------------------------------

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
COMMENT = re.compile(r"<!--.*?-->", re.S)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
AUTOLINK = re.compile(
    r"<(?:https?|ftp)://[^<>\s]*>|<mailto:[^<>\s]*>|<[^<>\s@]+@[^<>\s@]+\.\w+>", re.I
)
URL_IN_PARENS = r"\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)"  # one level of parentheses: f(x)
IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]" + URL_IN_PARENS)
LINK = re.compile(r"(?<!!)\[(?:[^\]\\]|\\.)*\]" + URL_IN_PARENS)
REF_IMAGE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\](?:\[([^\]]*)\])?(?!\()")
REF_DEF = re.compile(r"^[ ]{0,3}\[([^\]]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)", re.M)
ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*?)[ \t]*\}")
ATTR = re.compile(r"""([A-Za-z_:][\w:.-]*)(?:[ \t]*=[ \t]*("[^"]*"|'[^']*'|[^\s"'}]+))?""")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_code(text: str) -> str:
    """`text` with fenced code blocks and inline code blanked: what Markdown prints as code."""
    lines = text.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        marker = FENCE.match(line)
        if fence is not None:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
            lines[number] = " " * len(line)
        elif marker:
            fence = marker.group(1)
            lines[number] = " " * len(line)
    return INLINE_CODE.sub(_blank, "\n".join(lines))


def masked(text: str) -> tuple[str, list[int]]:
    """`text` with front matter, code, Jinja, comments and autolinks blanked (lines and columns
    kept), and the offsets of comments that are never closed."""
    match = FRONT_MATTER.match(text)
    if match:
        text = _blank(match) + text[match.end() :]
    text = COMMENT.sub(_blank, mask_code(text))
    unclosed = [m.start() for m in re.finditer(r"<!--", text)]
    text = text.replace("<!--", "    ")  # so the scanner sees what follows an unclosed comment
    text = JINJA.sub(_blank, text)
    text = AUTOLINK.sub(_blank, text)
    return text, unclosed


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def scan_markdown(text: str, report: Report, *, strict: bool = True) -> None:
    """Every unsafe thing in a Markdown page (its whole text, front matter included)."""
    body, unclosed = masked(text)
    for offset in unclosed:
        report("XL117", _line(body, offset))
    scan_html(body, report, strict=strict)
    for match in IMAGE.finditer(body):
        url, line = match.group(1), _line(body, match.start())
        if code_scheme(url):
            report("XL112", line, url=_short(url))
        elif is_external(url):
            report("XL113", line, tag="img", url=_short(url))
    for match in LINK.finditer(body):
        if code_scheme(match.group(1)):
            report("XL112", _line(body, match.start()), url=_short(match.group(1)))
    refs: dict[str, str] = {}
    for match in REF_DEF.finditer(body):
        refs[match.group(1).strip().lower()] = match.group(2)
        if code_scheme(match.group(2)):
            report("XL112", _line(body, match.start()), url=_short(match.group(2)))
    for match in REF_IMAGE.finditer(body):
        url = refs.get((match.group(2) or match.group(1)).strip().lower())
        if url and is_external(url):
            report("XL113", _line(body, match.start()), tag="img", url=_short(url))
    for match in ATTR_LIST.finditer(body):
        attrs = [
            (m.group(1), (m.group(2) or "").strip("\"'")) for m in ATTR.finditer(match.group(1))
        ]
        looks_like_attr_list = match.group(0).startswith("{:") or any(
            m.group(2) is not None for m in ATTR.finditer(match.group(1))
        )
        if looks_like_attr_list:
            inspect_attrs("", attrs, report, _line(body, match.start()), strict=strict)
        elif any(name.lower() == "hidden" for name, _ in attrs) and len(attrs) == 1:
            report("XL115", _line(body, match.start()), how="hidden")


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
                report("XL113", _line(text, match.start()), tag="style", url=_short(url))
            elif code_scheme(url) and not _clean_url(url).startswith("data:image/"):
                report("XL112", _line(text, match.start()), url=_short(url))


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
        if path.suffix.lower() in (".svg", ".css") and path.is_file() and not path.is_symlink():
            if path.stat().st_size <= MAX_FILE_BYTES:
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
        yield from _memo(
            "data", _display(tree, path), text, lambda: _data_file_findings(tree, path, text)
        )


def _data_file_findings(tree: ContentTree, path: Path, text: str) -> list[Finding]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
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


# -- drafts --------------------------------------------------------------------------------

STATUSES = ("draft", "review", "published")
PUBLISHED = "published"


def status_of(page: Page) -> str | None:
    """The page's own `status`, or None when it is missing or not one of STATUSES."""
    value = page.meta.get("status")
    return value if isinstance(value, str) and value in STATUSES else None


def effective_status(tree: ContentTree, page: Page) -> str | None:
    """A translation is published only when its Vietnamese source is published too."""
    own = status_of(page)
    source = tree.source_of(page)
    if own == PUBLISHED and source is not None and status_of(source) != PUBLISHED:
        return status_of(source)
    return own


def link_target(page: Page, target: str) -> str | None:
    """The page path (inside the language folder) a relative Markdown link points to, if any."""
    target = target.split("#", 1)[0].split("?", 1)[0]
    if not target or target.startswith("/") or urlsplit(target).scheme:
        return None
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), target))
    if target.endswith("/"):
        rel = posixpath.join(rel, "index.md")
    return rel if rel.endswith(".md") and not rel.startswith("..") else None


@check("publishing", "XL101")
def check_publishing(tree: ContentTree) -> Iterator[Finding]:
    """A published page does not link to a draft or a page under review: the production build
    leaves those out, and the link would lead nowhere.

    bad:  [Lễ hội](le-hoi.md) while content/vi/du-lich/le-hoi.md has `status: draft`
    good: the link added once le-hoi.md has `status: published`
    """
    for page in tree.all_pages():
        if not page.readable or effective_status(tree, page) != PUBLISHED:
            continue
        for element in tree.body(page).of("link"):
            rel = link_target(page, element.value)
            target = tree.pages[page.lang].get(rel) if rel else None
            if target is None and rel:
                target = tree.sources.get(rel)  # the preview's stand-in for a missing translation
            if target is None or not target.readable:
                continue
            status = effective_status(tree, target)
            if status in ("draft", "review"):
                yield Finding.at(
                    page.display, element.line, "XL101", target=target.display, status=status
                )
