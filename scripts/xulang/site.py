"""Read the site's languages, default language and public URL from mkdocs.yml (their one home)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from xulang.yamlread import TOLERANT


def read_config(root: Path) -> Any:
    """mkdocs.yml in `root` as YAML, MkDocs' own tags read as plain values. Raises OSError,
    UnicodeDecodeError or yaml.YAMLError."""
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=TOLERANT)


# The xulang plugin's defaults for its `data_dir` and `news` options (mkdocs.yml), kept here once.
DATA_DIR = "data"
NEWS = "tin-tuc"


class SiteConfigError(Exception):
    """mkdocs.yml is missing, unreadable or lacks the language list."""


@dataclass(frozen=True)
class Language:
    code: str  # folder name under content/ and URL prefix: the i18n `locale`
    name: str  # the language named in itself, e.g. "简体中文"
    default: bool
    bcp47: str  # for lang= and hreflang=, e.g. "zh-Hans"
    og_locale: str  # Open Graph wants language_TERRITORY, e.g. "zh_CN"
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def prefix(self) -> str:
        """URL path prefix relative to the site root: "" for the default language, "xx/" else."""
        return "" if self.default else f"{self.code}/"

    @property
    def preparing(self) -> bool:
        """Declared with `extra: {status: preparation}`: built by the preview only, left out of
        the production build (pages, switcher, hreflang, sitemap, feeds, search, 404) until the
        line is removed. The default language is always published."""
        return not self.default and self.extra.get("status") == PREPARATION

    @property
    def locale(self) -> str:
        """The CLDR locale of its numbers, dates, units and names (Babel): `extra.locale` when
        given, else the language tag (`zh-Hans` -> zh_Hans), else the code."""
        return str(self.extra.get("locale") or self.bcp47.replace("-", "_"))

    @cached_property
    def cldr(self) -> Any:
        """The babel.Locale of `locale` (falls back to the bare language of the code)."""
        from babel import Locale, UnknownLocaleError

        try:
            return Locale.parse(self.locale)
        except (UnknownLocaleError, ValueError):
            return Locale.parse(self.code.split("-")[0].split("_")[0])

    @property
    def script(self) -> str | None:
        """CLDR's script of the locale (Hans, Hant, Latn, Kore…), from its likely subtags when
        the locale does not say (zh -> zh_Hans_CN)."""
        from babel.core import get_global

        if self.cldr.script:
            return str(self.cldr.script)
        likely = str(get_global("likely_subtags").get(str(self.cldr), ""))
        parts = likely.split("_")
        return parts[1] if len(parts) > 2 else None

    @property
    def direction(self) -> str:
        """ "ltr" or "rtl": `extra.direction`, else CLDR's character order for the locale."""
        given = self.extra.get("direction")
        if given in ("ltr", "rtl"):
            return str(given)
        return "rtl" if self.cldr.character_order == "right-to-left" else "ltr"

    def display_name(self, in_language: Language | None = None) -> str:
        """The language named in `in_language` (CLDR), e.g. for messages to editors; in itself
        by default. Falls back to the declared `name`, then the code."""
        where = (in_language or self).cldr
        name = self.cldr.get_display_name(where) if where is not None else None
        return str(name or self.name or self.code)


PREPARATION = "preparation"  # `extra.status` of a language the public does not see yet


@dataclass(frozen=True)
class Site:
    root: Path
    docs_dir: Path
    site_url: str
    languages: tuple[Language, ...]  # the languages this build (or check) works with
    owners: tuple[str, ...] = ()  # department ids a page may name as `owner`
    # every language declared in mkdocs.yml, those in preparation included (empty: `languages`)
    declared_languages: tuple[Language, ...] = ()
    data: str = DATA_DIR  # the facts' folder, relative to root (plugin option `data_dir`)
    news: str = NEWS  # the news folder inside each language (plugin option `news`)
    # what a language in preparation needs before it is published (xulang.preparation)
    minimum_content: tuple[str, ...] = ()

    @property
    def declared(self) -> tuple[Language, ...]:
        """Every declared language, in the order of mkdocs.yml (in preparation or not)."""
        return self.declared_languages or self.languages

    @property
    def public_languages(self) -> tuple[Language, ...]:
        """The languages readers see on the production site: all but those in preparation."""
        return tuple(lang for lang in self.declared if not lang.preparing)

    @property
    def preparing(self) -> tuple[Language, ...]:
        """Languages declared with `status: preparation`."""
        return tuple(lang for lang in self.declared if lang.preparing)

    def published(self) -> Site:
        """The same site as the production build sees it: its languages are the public ones
        (outputs that read `languages` leave the others out); `declared` still lists all."""
        return replace(self, languages=self.public_languages, declared_languages=self.declared)

    @cached_property  # asked for every page and every search entry
    def default(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    @cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    @cached_property
    def translations(self) -> tuple[Language, ...]:
        return tuple(lang for lang in self.languages if not lang.default)

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(code)

    @property
    def data_dir(self) -> Path:
        return self.root / self.data

    @property
    def news_folder(self) -> str:
        """The news folder as a page path prefix: "tin-tuc/"."""
        return self.news.strip("/") + "/"


def languages_from_i18n(entries: list[dict[str, Any]]) -> tuple[Language, ...]:
    """Build Language objects from the mkdocs-static-i18n `languages` list."""
    langs = []
    for entry in entries:
        extra = dict(entry.get("extra") or {})
        ui = extra.get("ui") or {}
        code = str(entry["locale"])
        langs.append(
            Language(
                code=code,
                name=str(entry.get("name", code)),
                default=bool(entry.get("default", False)),
                bcp47=str(ui.get("language", code)),
                og_locale=str(extra.get("og_locale", code)),
                extra=extra,
            )
        )
    if sum(1 for lang in langs if lang.default) != 1:
        raise SiteConfigError("exactly one language must have `default: true`")
    from xulang import locales

    for lang in langs:  # figures formatted by language code follow the declaration
        locales.register(lang.code, lang.locale, lang.extra)
    return tuple(langs)


def i18n_entry(plugins: Any) -> dict[str, Any]:
    """The i18n plugin's options from a raw `plugins:` list or mapping."""
    items = (
        plugins.items()
        if isinstance(plugins, dict)
        else (next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in plugins or [])
    )
    for name, options in items:
        if name == "i18n":
            return dict(options or {})
    raise SiteConfigError("the `i18n` plugin is not configured")


def plugin_options(plugins: Any, name: str) -> dict[str, Any]:
    """One plugin's options from a raw `plugins:` list or mapping ({} when absent)."""
    try:
        items = (
            plugins.items()
            if isinstance(plugins, dict)
            else (next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in plugins or [])
        )
        return next((dict(opts or {}) for n, opts in items if n == name), {})
    except (AttributeError, StopIteration):
        return {}


def load_site(root: Path) -> Site:
    """Read mkdocs.yml in `root`. Raises SiteConfigError with a readable message."""
    path = root / "mkdocs.yml"
    try:
        raw = read_config(root)
    except FileNotFoundError:
        raise SiteConfigError(f"{path}: not found") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise SiteConfigError(f"{path}{line}: cannot be read: {exc}") from None
    if not isinstance(raw, dict):
        raise SiteConfigError(f"{path}: expected a mapping at the top level")
    try:
        languages = languages_from_i18n(i18n_entry(raw.get("plugins"))["languages"])
    except (KeyError, TypeError) as exc:
        raise SiteConfigError(f"{path}: i18n languages are incomplete ({exc})") from None
    except SiteConfigError as exc:
        raise SiteConfigError(f"{path}: {exc}") from None
    options = plugin_options(raw.get("plugins"), "xulang")
    return Site(
        root=root,
        docs_dir=root / str(raw.get("docs_dir", "docs")),
        site_url=_site_url(raw.get("site_url")),
        languages=languages,
        owners=tuple(options.get("owners") or ()),
        data=str(options.get("data_dir") or DATA_DIR),
        news=str(options.get("news") or NEWS),
        minimum_content=tuple(str(p) for p in options.get("minimum_content") or ()),
    )


def _site_url(value: Any) -> str:
    # `!ENV [SITE_URL, default]` reads as a list here: the environment first, then the default
    if isinstance(value, list):
        import os

        names, default = value[:-1], value[-1]
        value = next((os.environ[n] for n in names if os.environ.get(n)), default)
    return str(value or "").rstrip("/") + "/"
