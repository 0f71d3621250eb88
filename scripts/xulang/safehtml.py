"""What is safe in what editors write: HTML, Markdown links and images, attribute lists.

Nothing that runs, embeds another document, loads from another server, submits data or hides
text. The rules apply to pages and data/ values as written (`xulang check`, checks/safety.py) and
to each page once rendered (the build's publishing gate, plugin/publish.py), which catches what
data/ brings in through Jinja. `report(code, line, **args)` receives each finding.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import urlsplit

from xulang.content import FRONT_MATTER


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# -- the HTML an editor may write ------------------------------------------------------------

# Formatting and structure that Markdown cannot express well; nothing that runs, embeds or submits.
SAFE_TAGS = _words(
    "a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div "
    "dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture "
    "pre q rp rt ruby s samp small source span strong sub summary sup table tbody td "
    "tfoot th thead time tr u ul var wbr svg"
)
# Simple drawings (the corridor map is one): shapes and text, allowed inside <svg> only (outside it,
# <title> or <desc> would be text that browsers never show).
SVG_TAGS = _words(
    "g path rect circle ellipse line polyline polygon text tspan title desc defs marker "
    "lineargradient radialgradient stop clippath"
)
# Elements that run code, embed another document or page, submit data, or change the page's head.
FORBIDDEN_TAGS = _words(
    "script noscript iframe frame frameset object embed applet portal base meta link "
    "style form input button select textarea template slot foreignobject animate set "
    "handler listener"
)
# Attributes that load or submit something, or that only make sense with code.
FORBIDDEN_ATTRS = _words(
    "srcdoc formaction action http-equiv background dynsrc lowsrc ping manifest"
)
URL_ATTRS = _words("href src srcset poster data cite longdesc usemap xlink:href")
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


def clean_url(value: str) -> str:
    # Browsers ignore control characters and whitespace inside a scheme: "java\tscript:" runs.
    return re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(value)).lower()


def code_scheme(url: str) -> str | None:
    match = re.match(r"([a-z][a-z0-9+.-]*):", clean_url(url))
    return match.group(1) if match and match.group(1) in CODE_SCHEMES else None


def is_external(url: str) -> bool:
    cleaned = clean_url(url)
    return cleaned.startswith("//") or bool(urlsplit(cleaned).netloc)


def hidden_by(style: str) -> str | None:
    style = style.lower()
    return next((how for pattern, how in HIDDEN_STYLES if pattern.search(style)), None)


def short(url: str) -> str:
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
                    report("XL112", line, url=short(url))
                elif is_external(url) and (
                    name in RESOURCE_ATTRS
                    or (name in ("href", "xlink:href") and tag in RESOURCE_HREF_TAGS)
                ):
                    report("XL113", line, tag=tag, url=short(url))


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


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def scan_markdown(text: str, report: Report, *, strict: bool = True) -> None:
    """Every unsafe thing in a Markdown page (its whole text, front matter included)."""
    body, unclosed = masked(text)
    for offset in unclosed:
        report("XL117", line_of(body, offset))
    scan_html(body, report, strict=strict)
    for match in IMAGE.finditer(body):
        url, line = match.group(1), line_of(body, match.start())
        if code_scheme(url):
            report("XL112", line, url=short(url))
        elif is_external(url):
            report("XL113", line, tag="img", url=short(url))
    for match in LINK.finditer(body):
        if code_scheme(match.group(1)):
            report("XL112", line_of(body, match.start()), url=short(match.group(1)))
    refs: dict[str, str] = {}
    for match in REF_DEF.finditer(body):
        refs[match.group(1).strip().lower()] = match.group(2)
        if code_scheme(match.group(2)):
            report("XL112", line_of(body, match.start()), url=short(match.group(2)))
    for match in REF_IMAGE.finditer(body):
        url = refs.get((match.group(2) or match.group(1)).strip().lower())
        if url and is_external(url):
            report("XL113", line_of(body, match.start()), tag="img", url=short(url))
    for match in ATTR_LIST.finditer(body):
        attrs = [
            (m.group(1), (m.group(2) or "").strip("\"'")) for m in ATTR.finditer(match.group(1))
        ]
        looks_like_attr_list = match.group(0).startswith("{:") or any(
            m.group(2) is not None for m in ATTR.finditer(match.group(1))
        )
        if looks_like_attr_list:
            inspect_attrs("", attrs, report, line_of(body, match.start()), strict=strict)
        elif any(name.lower() == "hidden" for name, _ in attrs) and len(attrs) == 1:
            report("XL115", line_of(body, match.start()), how="hidden")
