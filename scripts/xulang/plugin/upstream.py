"""Every place where the build reaches into Material's or mkdocs-static-i18n's own code."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def i18n_of(config: MkDocsConfig) -> Any:
    """The running mkdocs-static-i18n plugin (its `building`, `current_language`, …)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError(f"{config.config_file_path}: the `i18n` plugin must be configured")
    return i18n
