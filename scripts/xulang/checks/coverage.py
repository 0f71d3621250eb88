"""Coverage checks: every Vietnamese page exists in every language, and nothing else does."""

from __future__ import annotations

from collections.abc import Iterator

from xulang.checks.registry import check
from xulang.content import ContentTree
from xulang.findings import Finding


def missing_translations(tree: ContentTree) -> Iterator[Finding]:
    site = tree.site
    # a language in preparation grows page by page: `xulang status` shows its progress, and the
    # production build leaves it out until `status: preparation` is removed from its declaration
    for lang in (lang for lang in site.translations if not lang.preparing):
        for rel, source in sorted(tree.sources.items()):
            if rel not in tree.pages[lang.code]:
                path = (site.docs_dir / lang.code / rel).relative_to(site.root).as_posix()
                yield Finding.at(
                    path,
                    0,
                    "XL010",
                    lang=lang.code,
                    source=source.display,
                    name=rel.removesuffix(".md"),  # for the hint's `xulang new`
                )


@check("missing-page", "XL010")
def check_missing_page(tree: ContentTree) -> Iterator[Finding]:
    """A page in content/vi/ has a translation at the same path in every other language
    (languages in preparation excepted: they are left out of production).

    bad:  content/vi/du-lich/mau-son.md without content/zh/du-lich/mau-son.md
    good: content/vi/du-lich/mau-son.md, content/en/du-lich/mau-son.md,
          content/zh/du-lich/mau-son.md
    """
    yield from missing_translations(tree)


@check("orphan", "XL011", "XL012")
def check_orphan(tree: ContentTree) -> Iterator[Finding]:
    """A translation has a Vietnamese source at the same path; files sit in a language folder.

    bad:  content/en/tourism/mau-son.md (the source is content/vi/du-lich/mau-son.md)
    good: content/en/du-lich/mau-son.md
    """
    for lang in tree.site.translations:
        for rel, page in sorted(tree.pages[lang.code].items()):
            if rel not in tree.sources:
                source = f"{tree.site.docs_dir.name}/{tree.site.default.code}/{rel}"
                yield Finding.at(page.display, 0, "XL011", source=source)
    yield from tree.stray
