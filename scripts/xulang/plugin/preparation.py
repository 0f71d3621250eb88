"""Languages in preparation in the build: the preview shows them, production leaves them out.

A language declared with `extra: {status: preparation}` (xulang.preparation) is, in the
production build, not built at all: mkdocs-static-i18n's own `build: false` for it (set in
upstream.py, with every other use of that plugin's internals: no pages, no entry in its language
list or search plugin), and the build's `Site` lists the public languages only, so that
everything the xulang plugin writes for each language (switcher, hreflang, sitemap alternates,
feeds, search index, 404 page) leaves it out too. Its pages are not checked against
the default language's either: a language in preparation is incomplete by design. The preview
builds it as any other language, untranslated pages under the fallback notice.

Removing `status: preparation` makes it a full language: nothing here applies any more, and a
missing translation is refused as for every language.
"""

from __future__ import annotations

from typing import Any

from xulang.content import ContentTree
from xulang.plugin import upstream
from xulang.preparation import public_tree
from xulang.site import Site


def apply(i18n: Any, site: Site, production: bool) -> tuple[Site, ContentTree]:
    """The site and content tree this build works with. `i18n` is mkdocs-static-i18n's plugin;
    call before its own on_config (priority -100) has run, i.e. from the xulang plugin's."""
    tree = ContentTree.load(site)  # every declared language: a preparing one's folder is no stray
    if not production or not site.preparing:
        return site, tree
    upstream.leave_out_languages(i18n, {lang.code for lang in site.preparing})
    public = site.published()
    return public, public_tree(tree, public)
