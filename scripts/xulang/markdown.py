"""A page body as structure: headings, images, tables, admonitions, code blocks, links, prose.

Not a Markdown renderer: a line scanner that knows fences, Jinja and inline syntax well enough to
compare a translation with its source, with the file line of every element.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FENCE = re.compile(r"^\s*(```+|~~~+)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+([\w-]+)")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*([^)\s]+)[^)]*\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*([^)\s]+)[^)]*\)")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


@dataclass(frozen=True)
class Element:
    kind: str  # heading | image | table | admonition | code | link
    line: int
    value: str = ""
    level: int = 0


@dataclass
class Body:
    elements: list[Element] = field(default_factory=list)
    prose: list[tuple[int, str]] = field(default_factory=list)  # (line, text without markup)
    quotes: list[tuple[int, str]] = field(default_factory=list)  # block quotes: cited as written
    jinja: list[tuple[int, str]] = field(default_factory=list)  # (line, expression)

    def of(self, kind: str) -> list[Element]:
        return [e for e in self.elements if e.kind == kind]


LINK_TEXT = re.compile(r"\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"[*_`]+")
TAG = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    """Inline Markdown to plain words: links keep their text, emphasis and code marks go."""
    # (each substitution only where its marker occurs: this runs on every line of every page)
    if "](" in text:
        text = LINK_TEXT.sub(r"\1", IMAGE.sub(" ", text))
    if "*" in text or "_" in text or "`" in text:
        text = EMPHASIS.sub("", text)
    if "<" in text:
        text = TAG.sub(" ", text)
    return text.strip(" |>-\t")


def parse(text: str, first_line: int = 1) -> Body:
    """Scan a Markdown body whose first line is file line `first_line`."""
    body = Body()
    # Comments never reach readers; blank them but keep line numbers.
    text = HTML_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    fence: str | None = None
    for offset, raw in enumerate(text.split("\n")):
        line = first_line + offset
        marker = FENCE.match(raw)
        if fence:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
            continue
        if marker:
            fence = marker.group(1)
            body.elements.append(Element("code", line))
            continue
        stripped = raw
        if "{" in raw:
            for expression in JINJA.findall(raw):
                body.jinja.append((line, expression))
            stripped = JINJA.sub(" ", raw)
        if stripped.startswith("#") and (heading := HEADING.match(stripped)):
            explicit = EXPLICIT_ID.search(heading.group(2))
            body.elements.append(
                Element(
                    "heading", line, explicit.group(1) if explicit else "", len(heading.group(1))
                )
            )
            body.prose.append((line, _plain(EXPLICIT_ID.sub("", heading.group(2)))))
            continue
        if ("!!!" in stripped or "???" in stripped) and (admonition := ADMONITION.match(stripped)):
            body.elements.append(Element("admonition", line, admonition.group(1).lower()))
            continue
        if TABLE_RULE.match(stripped) and "-" in stripped:
            body.elements.append(Element("table", line))
            continue
        if "](" in stripped:
            for target in IMAGE.findall(stripped):
                body.elements.append(Element("image", line, target))
            for target in LINK.findall(stripped):
                body.elements.append(Element("link", line, target))
        words = _plain(stripped)
        if words:
            (body.quotes if stripped.lstrip().startswith(">") else body.prose).append((line, words))
    return body
