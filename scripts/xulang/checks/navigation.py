"""The menu (`nav:` in mkdocs.yml) and the pages agree, as `mkdocs build --strict` requires.

MkDocs warns (and --strict stops) when a page is neither in `nav:` nor matched by `not_in_nav:`,
and when `nav:` names a file that does not exist; it names neither a line nor a fix. The same two
rules here, with the line of mkdocs.yml. Pages only: the menu is written with the default
language's paths and the i18n plugin gives every language the same one.
"""

from __future__ import annotations

import difflib
import functools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from xulang import yamlread
from xulang.checks.news import DATED_NAME, is_news_item
from xulang.checks.registry import check
from xulang.content import ContentTree
from xulang.findings import Finding
from xulang.site import Site

CONFIG = "mkdocs.yml"


@dataclass(frozen=True)
class Menu:
    entries: tuple[tuple[str, int], ...]  # (page path, line in mkdocs.yml)
    not_in_nav: tuple[str, ...]  # gitignore-style patterns, relative to docs_dir

    def lists(self, rel: str) -> bool:
        return any(entry == rel for entry, _ in self.entries)

    def leaves_out(self, path: str) -> bool:
        """Whether `not_in_nav:` matches a path inside docs_dir (e.g. "vi/tin-tuc/x.md")."""
        if not self.not_in_nav:
            return False
        return bool(_spec(self.not_in_nav).match_file(path))


@functools.cache
def _spec(patterns: tuple[str, ...]) -> Any:
    import pathspec  # MkDocs' own reader of `not_in_nav`

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _scalars(node: yaml.Node) -> Iterator[tuple[str, int]]:
    """Page paths of a composed `nav:` node, with their lines (titles and URLs left out)."""
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value)
        if value.endswith(".md") and "://" not in value:
            yield value, node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _scalars(value)


def load_menu(root: Path) -> Menu | None:
    """`nav:` and `not_in_nav:` of mkdocs.yml; None without a `nav:` (MkDocs then lists all)."""
    try:
        # composed, not constructed: tags such as !ENV need no constructor, lines are kept
        top: Any = yamlread.compose((root / CONFIG).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # the configuration's own problems are reported when it is loaded
    if not isinstance(top, yaml.MappingNode):
        return None
    nav = patterns = None
    for key, value in top.value:
        if key.value == "nav":
            nav = value
        elif key.value == "not_in_nav" and isinstance(value, yaml.ScalarNode):
            patterns = str(value.value)
    if nav is None:
        return None
    lines = tuple(p.strip() for p in (patterns or "").splitlines() if p.strip())
    return Menu(tuple(_scalars(nav)), lines)


def menu_of(site: Site) -> Menu | None:
    return load_menu(site.root)


def needs_menu_entry(site: Site, rel: str) -> bool:
    """Whether a new page at `rel` must be added to `nav:` to build (news items need not)."""
    menu = menu_of(site)
    if menu is None or menu.lists(rel):
        return False
    return not menu.leaves_out(f"{site.default.code}/{rel}")


@check("navigation", "XL035", "XL036")
def check_navigation(tree: ContentTree) -> Iterator[Finding]:
    """Every page is in the menu (`nav:` of mkdocs.yml) or left out on purpose (`not_in_nav:`,
    news items), and every page the menu names exists.

    bad:  content/vi/du-lich/bac-son.md, and no `- du-lich/bac-son.md` under `nav:`
    good: `nav:` lists `- du-lich/bac-son.md` under `- Du lịch:`
    """
    site = tree.site
    menu = menu_of(site)
    if menu is None:
        return
    default = site.default.code
    # on disk, not in the tree: the build's tree holds published pages only, and a menu entry
    # for a draft is dropped by the build, not an error
    missing = [(rel, line) for rel, line in menu.entries if not _exists(site, rel)]
    folded = Counter(rel.casefold() for rel in tree.sources)
    unlisted = [
        (rel, page)
        for rel, page in sorted(tree.sources.items())
        if not menu.lists(rel)
        and not menu.leaves_out(f"{default}/{rel}")
        # a news item named without its date: XL152 says how to rename it
        and not (is_news_item(site, rel) and not DATED_NAME.match(rel.rpartition("/")[2]))
        # a name the file-names check refuses (XL120-XL122): renamed first, listed after
        and not _badly_named(rel, folded)
    ]
    meant: dict[str, str] = {}  # a menu entry with a typo -> the page it names
    for rel, _ in missing:
        similar = difflib.get_close_matches(rel, [r for r, _ in unlisted], n=1, cutoff=0.8)
        if similar:
            meant[rel] = similar[0]
    for rel, page in unlisted:
        if rel not in meant.values():  # one cause, one finding: the typo in the menu (XL036)
            yield Finding.at(page.display, 0, "XL035", rel=rel)
    for rel, line in missing:
        shown = (site.docs_dir / default / rel).relative_to(site.root).as_posix()
        guess = f" (`{meant[rel]}`?)" if rel in meant else ""
        yield Finding.at(CONFIG, line, "XL036", rel=rel, path=shown, close=guess)


def _badly_named(rel: str, folded: Counter[str]) -> bool:
    return not rel.isascii() or any(c.isspace() for c in rel) or folded[rel.casefold()] > 1


def _exists(site: Site, rel: str) -> bool:
    return (site.docs_dir / site.default.code / rel).is_file()
