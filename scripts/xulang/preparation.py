"""Languages in preparation: what a language needs before the public sees it, and how far it is.

A language is declared in mkdocs.yml before it is complete with `extra: {status: preparation}`.
The preview builds it (untranslated pages show the default language's text under a notice); the
production build leaves it out entirely. It becomes a full language by removing that one line,
once its minimum content is translated and published:

    plugins:
      - xulang:
          minimum_content: [index.md, "*/index.md"]   # the default: home and every section index
      - i18n:
          languages:
            - locale: ko
              extra:
                status: preparation
                minimum_content: [index.md, huong-dan/lien-he.md]   # this language's own list

Patterns are matched (fnmatch, `*` stays within one folder) against the default language's page
paths. `xulang status` shows each language's progress through `progress()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import PurePosixPath

from xulang.content import ContentTree, Page
from xulang.site import Language, Site

DEFAULT_MINIMUM = ("index.md", "*/index.md")


@dataclass(frozen=True)
class Progress:
    """A language's minimum content: pages translated and published, and pages still missing
    (absent, unreadable or not `status: published`). Paths relative to the language folder."""

    lang: str
    done: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Ready to become a full language (remove `status: preparation`)."""
        return not self.missing

    @property
    def total(self) -> int:
        return len(self.done) + len(self.missing)


def minimum_content(site: Site, lang: Language) -> tuple[str, ...]:
    """The patterns of the pages `lang` needs: its own `extra.minimum_content`, else the xulang
    plugin's `minimum_content`, else the home page and every section index."""
    own = lang.extra.get("minimum_content")
    patterns = own if own else site.minimum_content or DEFAULT_MINIMUM
    if isinstance(patterns, str):
        patterns = [patterns]
    return tuple(str(p) for p in patterns)


def _matches(rel: str, pattern: str) -> bool:
    # `*` stays inside one folder: "*/index.md" is every section index, not every index
    parts, wanted = PurePosixPath(rel).parts, PurePosixPath(pattern).parts
    return len(parts) == len(wanted) and all(
        fnmatchcase(p, w) for p, w in zip(parts, wanted, strict=True)
    )


def minimum_pages(site: Site, tree: ContentTree, lang: Language) -> list[str]:
    """The default language's pages that `lang` must have translated and published."""
    patterns = minimum_content(site, lang)
    return sorted(rel for rel in tree.sources if any(_matches(rel, p) for p in patterns))


def _published(tree: ContentTree, page: Page) -> bool:
    """Published as the production build publishes (the content model's statuses)."""
    from xulang.publication import is_published

    return is_published(tree, page)


def progress(site: Site, tree: ContentTree, lang: str | Language) -> Progress:
    """How far `lang` is with its minimum content. `tree` must hold the language's pages (load it
    from the site of `xulang.site.load_site`, which declares every language)."""
    language = lang if isinstance(lang, Language) else _declared(site, lang)
    pages = tree.pages.get(language.code, {})
    done: list[str] = []
    missing: list[str] = []
    for rel in minimum_pages(site, tree, language):
        page = pages.get(rel)
        (done if page is not None and _published(tree, page) else missing).append(rel)
    return Progress(language.code, done, missing)


def _declared(site: Site, code: str) -> Language:
    for lang in site.declared:
        if lang.code == code:
            return lang
    raise KeyError(code)


def public_tree(tree: ContentTree, site: Site) -> ContentTree:
    """`tree` as a build for `site` (its public languages) sees it: the pages of languages in
    preparation left out (and not taken for stray files either)."""
    pages = {code: by_rel for code, by_rel in tree.pages.items() if code in site.codes}
    return tree.view(pages, site)
