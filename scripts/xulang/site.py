"""Read the site's languages, default language and public URL from mkdocs.yml (their one home)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class _TolerantLoader(yaml.SafeLoader):
    """Safe loader that reads MkDocs' custom tags (!ENV, !relative, python/name) as plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


class SiteConfigError(Exception):
    """mkdocs.yml is missing, unreadable or lacks the language list."""


@dataclass(frozen=True)
class Language:
    code: str  # folder name under content/ and URL prefix, e.g. "zh"
    name: str  # the language named in itself, e.g. "简体中文"
    default: bool
    bcp47: str  # for lang= and hreflang=, e.g. "zh-Hans"
    og_locale: str  # Open Graph wants language_TERRITORY, e.g. "zh_CN"
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def prefix(self) -> str:
        """URL path prefix relative to the site root: "" for the default language, "en/" otherwise."""
        return "" if self.default else f"{self.code}/"


@dataclass(frozen=True)
class Site:
    root: Path
    docs_dir: Path
    site_url: str
    languages: tuple[Language, ...]
    owners: tuple[str, ...] = ()  # department ids a page may name as `owner`

    @property
    def default(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    @property
    def translations(self) -> tuple[Language, ...]:
        return tuple(lang for lang in self.languages if not lang.default)

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(code)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"


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
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
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
    return Site(
        root=root,
        docs_dir=root / str(raw.get("docs_dir", "docs")),
        site_url=_site_url(raw.get("site_url")),
        languages=languages,
        owners=tuple(plugin_options(raw.get("plugins"), "xulang").get("owners") or ()),
    )


def _site_url(value: Any) -> str:
    # `!ENV [SITE_URL, default]` reads as a list here: the environment first, then the default
    if isinstance(value, list):
        import os

        names, default = value[:-1], value[-1]
        value = next((os.environ[n] for n in names if os.environ.get(n)), default)
    return str(value or "").rstrip("/") + "/"
