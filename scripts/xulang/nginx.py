"""The part of the nginx config that depends on the languages: each public language's 404 page.

deploy/nginx/langson-site.conf holds it between two marker lines; `xulang nginx --write CONF`
fills it from mkdocs.yml (the public languages: a language in preparation is not on the public
site, so it has no location), `xulang nginx --check CONF` fails when it is out of date
(tests/test_nginx.py runs the check).
"""

from __future__ import annotations

import re
from pathlib import Path

from xulang.site import Site

BEGIN = "# BEGIN languages (xulang nginx --write: from mkdocs.yml, do not edit by hand)"
END = "# END languages"
BLOCK = re.compile(re.escape(BEGIN) + r"\n.*?" + re.escape(END), re.S)


class NginxConfigError(Exception):
    """The config file lacks the marker lines, or cannot be read."""


def language_block(site: Site) -> str:
    """The 404 directives of the production site: the default language's page for any address,
    each other public language's page under its prefix."""
    default = site.default
    lines = [BEGIN, f"error_page 404 /{default.prefix}404.html;"]
    for lang in site.public_languages:
        if lang.default:
            continue
        lines += [f"location /{lang.prefix} {{", f"    error_page 404 /{lang.prefix}404.html;", "}"]
    lines.append(END)
    return "\n".join(lines)


def _read(config: Path) -> str:
    try:
        text = config.read_text(encoding="utf-8")
    except OSError as exc:
        raise NginxConfigError(f"{config}: {exc.strerror}") from None
    if not BLOCK.search(text):
        raise NginxConfigError(f"{config}: no `{BEGIN}` … `{END}` block")
    return text


def configured_block(config: Path) -> str:
    """The language block as the config file has it."""
    match = BLOCK.search(_read(config))
    assert match is not None  # _read checked it
    return match.group(0)


def write(config: Path, site: Site) -> bool:
    """Put the site's language block into `config`; True if the file changed."""
    text = _read(config)
    new = BLOCK.sub(lambda _: language_block(site), text, count=1)
    if new == text:
        return False
    config.write_text(new, encoding="utf-8")
    return True


def up_to_date(config: Path, site: Site) -> bool:
    return configured_block(config) == language_block(site)
