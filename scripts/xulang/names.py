"""What readers and department heads call things, in each language: sections, departments, pages.

Each name is declared once in mkdocs.yml. A section is named by its menu entry (`nav:`, translated
by each language's `nav_translations`); a department by the xulang plugin's `owners:` (a name, a
name per language, or the glossary concept that names it in every language); a page by its title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from xulang import glossary as glossary_model
from xulang.content import ContentTree, Page
from xulang.site import Site, i18n_entry, plugin_options, read_config

HOME = ""  # the section of the pages at the top of a language folder (the home page)


@dataclass(frozen=True)
class Names:
    lang: str
    sections: dict[str, str] = field(default_factory=dict)  # folder ("" = home) -> name
    departments: dict[str, str] = field(default_factory=dict)  # owner id -> name

    def section(self, folder: str) -> str:
        return self.sections.get(folder) or folder or "/"

    def department(self, owner: str) -> str:
        return self.departments.get(owner) or owner or "—"


def section_of(rel: str) -> str:
    """The section (top folder) of a page path inside a language folder; "" for the home page."""
    return rel.split("/", 1)[0] if "/" in rel else HOME


def page_url(site: Site, lang: str, rel: str) -> str:
    """The page's address relative to the site root, as the build writes it (directory URLs)."""
    path = PurePosixPath(rel)
    stem = path.parent if path.name == "index.md" else path.with_suffix("")
    address = "" if stem.as_posix() == "." else stem.as_posix() + "/"
    return site.language(lang).prefix + address


def title(tree: ContentTree, page: Page) -> str:
    """The page's title as readers see it; its source's title, then its path, when it has none."""
    own = str(page.meta.get("title") or "").strip()
    if own:
        return own
    source = tree.source_of(page)
    theirs = str(source.meta.get("title") or "").strip() if source else ""
    return theirs or page.rel


def _config(site: Site) -> dict[str, Any]:
    raw = read_config(site.root)
    return raw if isinstance(raw, dict) else {}


def _sections(config: dict[str, Any], translations: dict[str, str]) -> dict[str, str]:
    """Folder -> menu name, from the top level of `nav:` (a section's entries share a folder)."""
    found: dict[str, str] = {}
    for item in config.get("nav") or []:
        if not isinstance(item, dict):
            continue
        for name, value in item.items():
            paths = [value] if isinstance(value, str) else _paths(value)
            folders = {section_of(p) for p in paths}
            if len(folders) == 1:
                found.setdefault(folders.pop(), translations.get(str(name), str(name)))
    return found


def _paths(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [p for v in value for p in _paths(v)]
    if isinstance(value, dict):
        return [p for v in value.values() for p in _paths(v)]
    return []


def _departments(
    owners: dict[str, Any], lang: str, default: str, glossary: dict[str, Any]
) -> dict[str, str]:
    found: dict[str, str] = {}
    for owner, declared in owners.items():
        if isinstance(declared, dict) and declared.get("glossary"):
            entry = glossary.get(str(declared["glossary"])) or {}
            name = glossary_model.form(entry, lang) or glossary_model.form(entry, default)
        elif isinstance(declared, dict):
            name = declared.get(lang) or declared.get(default)
        else:
            name = declared
        found[str(owner)] = str(name or owner)
    return found


def load(tree: ContentTree, lang: str | None = None) -> Names:
    """The names in `lang` (the default language when None or not a language of the site)."""
    site = tree.site
    codes = {language.code for language in site.declared}
    code = lang if lang in codes else site.default.code
    config = _config(site)
    translations: dict[str, str] = {}
    try:
        for entry in i18n_entry(config.get("plugins")).get("languages") or []:
            if str(entry.get("locale")) == code:
                translations = {
                    str(k): str(v) for k, v in (entry.get("nav_translations") or {}).items()
                }
    except Exception:  # a broken i18n block is the site loader's to report
        translations = {}
    owners = plugin_options(config.get("plugins"), "xulang").get("owners") or {}
    glossary = tree.data.get("glossary") or {}
    return Names(
        code,
        _sections(config, translations),
        _departments(owners if isinstance(owners, dict) else {}, code, site.default.code, glossary),
    )
