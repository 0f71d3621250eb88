"""Links reach what they name: the file exists, and the section (`#anchor`) exists on that page.

MkDocs checks the same after rendering (validation in mkdocs.yml: `--strict` stops on it) but in
English, without a line, and only once per distinct mistake; here every link of every language is
reported at its own line, before the build. Links MkDocs leaves alone are left alone here too:
other sites, mail and phone links, Jinja-built targets. A link to a page that exists but is not
published is XL101, and a page missing in this language only is XL010: not repeated here.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from xulang.checks.registry import check
from xulang.content import FRONT_MATTER, ContentTree, Page
from xulang.findings import Finding
from xulang.markdown import EXPLICIT_ID, FENCE, HEADING, HTML_COMMENT, JINJA, _plain
from xulang.slugs import slugify

# ids a page defines besides its headings: attribute lists and HTML attributes
ATTR_ID = re.compile(r"\{:?[^}\n]*?#([\w-]+)[^}\n]*\}")
HTML_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""")


def _heading_ids(text: str) -> list[str]:
    """The ids MkDocs' toc gives the headings of a Markdown text (duplicates get _1, _2…)."""
    ids: list[str] = []
    fence = None
    for raw in HTML_COMMENT.sub("", text).split("\n"):
        marker = FENCE.match(raw)
        if fence or marker:
            if marker and (fence is None or marker.group(1)[0] == fence[0]):
                fence = None if fence else marker.group(1)
            continue
        if not raw.startswith("#") or not (heading := HEADING.match(raw)):
            continue
        explicit = EXPLICIT_ID.search(heading.group(2))
        if explicit:
            ids.append(explicit.group(1))
            continue
        slug = slugify(_plain(EXPLICIT_ID.sub("", heading.group(2))))
        unique, n = slug, 0
        while unique in ids:
            n += 1
            unique = f"{slug}_{n}"
        ids.append(unique)
    return ids


def _rendered(tree: ContentTree, page: Page, body: str) -> str | None:
    """The page body with its Jinja rendered, as the build sees it; None if it cannot be."""
    from xulang.render import render_markdown

    site = tree.site
    lang = site.language(page.lang)
    extra: dict[str, object] = {
        "writing": lang.extra.get("writing") or {},
        "languages": site.codes,
        "default_language": site.default.code,
        "news": [],
        "ui": {},
        "directions": [],
    }
    try:
        return render_markdown(body, tree.data, page.lang, page.display, page.body_line, extra)
    except Exception:  # noqa: BLE001  (a page that does not render is reported by its own check)
        return None


def anchors_of(tree: ContentTree, page: Page) -> set[str] | None:
    """Every id a link may name on `page`; None when they cannot be known (Jinja that fails)."""
    cache = tree.memo.setdefault("anchors", {})
    if page.display in cache:
        return cache[page.display]  # type: ignore[no-any-return]
    text = page.text
    if match := FRONT_MATTER.match(text):
        text = text[match.end() :]
    known: set[str] | None
    jinja_heading = any(
        line.startswith("#") and "{{" in line and not EXPLICIT_ID.search(JINJA.sub("", line))
        for line in text.split("\n")
    )
    if jinja_heading:
        rendered = _rendered(tree, page, text)
        known = None if rendered is None else set(_heading_ids(rendered))
    else:
        known = set(_heading_ids(text))
    if known is not None:
        plain = JINJA.sub(" ", text)
        known |= set(ATTR_ID.findall(plain)) | set(HTML_ID.findall(plain))
    cache[page.display] = known
    return known


def _ignored(target: str) -> bool:
    if "{{" in target or "{%" in target or target.startswith(("/", "mailto:", "tel:")):
        return True
    return bool(urlsplit(target).scheme)


def _suggest(anchor: str, known: set[str]) -> str:
    close = difflib.get_close_matches(anchor, sorted(known), n=3, cutoff=0.5)
    return (": " + ", ".join(f"`#{c}`" for c in close)) if close else ""


def _close_file(missing: Path) -> str:
    """` (`bac-son.md`?)`: the file beside the missing one whose name is closest, if any is."""
    try:
        names = sorted(p.name for p in missing.parent.iterdir() if p.is_file())
    except OSError:
        return ""
    close = difflib.get_close_matches(missing.name, names, n=1, cutoff=0.6)
    return f" (`{close[0]}`?)" if close else ""


def _link_findings(tree: ContentTree, page: Page, line: int, target: str) -> Iterator[Finding]:
    site = tree.site
    parts = urlsplit(target)
    path, anchor = unquote(parts.path), unquote(parts.fragment)
    folder = posixpath.dirname(page.rel)
    if not path:
        target_page: Page | None = page
    else:
        resolved = posixpath.normpath(posixpath.join(page.lang, folder, path))
        head = resolved.split("/", 1)[0]
        if head == ".." or (head in site.codes and head != page.lang):
            return  # out of the content folder, or another language's page: XL046
        if path.endswith("/"):
            return  # a folder: MkDocs reports it as an unrecognised link, XL046 territory
        on_disk = site.docs_dir / resolved
        if not path.endswith(".md"):
            # a file (image, PDF): where it sits, or where the default language keeps it
            rest = resolved.split("/", 1)[1] if head == page.lang and "/" in resolved else ""
            fallback = site.docs_dir / site.default.code / rest if rest else on_disk
            if not on_disk.exists() and not fallback.exists():
                shown = on_disk.relative_to(site.root).as_posix()
                close = _close_file(on_disk)
                yield Finding.at(
                    page.display, line, "XL047", target=target, path=shown, close=close
                )
            return
        rel = resolved.split("/", 1)[1] if "/" in resolved else ""
        target_page = tree.pages.get(page.lang, {}).get(rel)
        if target_page is None:
            source = site.docs_dir / site.default.code / rel
            if on_disk.exists() or source.exists():
                return  # unpublished (XL101) or not yet translated (XL010)
            shown = on_disk.relative_to(site.root).as_posix()
            close = _close_file(on_disk)
            yield Finding.at(page.display, line, "XL047", target=target, path=shown, close=close)
            return
    if not anchor or target_page is None or not target_page.readable:
        return
    known = anchors_of(tree, target_page)
    if known is not None and anchor not in known:
        yield Finding.at(
            page.display,
            line,
            "XL048",
            target=target,
            path=target_page.display,
            anchor=anchor,
            known=_suggest(anchor, known),
        )


@check("link-targets", "XL047", "XL048")
def check_link_targets(tree: ContentTree) -> Iterator[Finding]:
    """Each link of each language leads to a file that exists and, after `#`, to a section that
    exists on that page (a heading's id, or an id written with `{ #id }`).

    bad:  [Bắc Sơn](bac-song.md), [Mẫu Sơn](mau-son.md#khi-hau) on a page without that heading
    good: [Bắc Sơn](bac-son.md), [Mẫu Sơn](mau-son.md#khi-hau) with `## Khí hậu` on mau-son.md
    """
    for page in tree.all_pages():
        if not page.readable or not page.text.strip():
            continue
        body = tree.body(page)
        for element in body.of("link") + body.of("image"):
            if not _ignored(element.value):
                yield from _link_findings(tree, page, element.line, element.value)
