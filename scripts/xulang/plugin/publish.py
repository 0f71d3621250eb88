"""What may reach the public site, and proof that it is the same from build to build.

- Production builds publish only pages whose `status` is `published` (the model:
  xulang.publication); here, how the build leaves the others out (MkDocs' exclude_docs, the menu).
- HTML comments (editors' notes) are removed before Markdown sees them; each rendered page is
  checked once more for what runs, loads from elsewhere or hides text (data/ can bring it in;
  the rules: xulang.safehtml).
- The build never cleans a folder that holds sources, and the output holds nothing but the site.
- Dates come from SOURCE_DATE_EPOCH, or the last commit, so two builds of a commit are identical.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from xulang.checks import coverage
from xulang.content import ContentTree, Page
from xulang.csp import (  # noqa: F401  (read here by older callers; the tool is `xulang csp`)
    configured_csp,
    content_security_policy,
    inline_script_hashes,
)
from xulang.findings import Finding
from xulang.safehtml import COMMENT, mask_code, scan_html, scan_markdown

# Checks that stop every build, the preview included: unsafe content is never shown, not even to
# the editor who wrote it, and a file that cannot be read safely is never read.
HARD_CHECKS = ("safe-html", "files", "file-names")
# What else stops a production build: a page without a valid status, a translation held back
# while its source is published, a published page linking to an unpublished one.
PUBLISHING_CHECKS = ("status", "publishing")

# -- drafts --------------------------------------------------------------------------------


def missing_translations(tree: ContentTree, view: ContentTree) -> list[Finding]:
    """Published pages without a translation (XL010). A draft source needs none yet; a
    translation that exists but is not published is XL100, not XL010."""
    exists = {page.display for page in tree.all_pages()}
    return [f for f in coverage.missing_translations(view) if f.path not in exists]


def exclude_patterns(hidden: dict[str, list[str]]) -> list[str]:
    """gitignore-style patterns (MkDocs' exclude_docs) for the pages left out."""
    return [
        "/" + re.sub(r"([\\*?\[\]!#])", r"\\\1", f"{code}/{rel}")
        for code, rels in sorted(hidden.items())
        for rel in rels
    ]


def prune_nav(items: Any, hidden: set[str]) -> Any:
    """The `nav` of mkdocs.yml without the left-out pages (and without sections left empty)."""
    if not isinstance(items, list):
        return items
    out: list[Any] = []
    for item in items:
        if isinstance(item, str):
            if item not in hidden:
                out.append(item)
        elif isinstance(item, dict):
            kept = {}
            for title, value in item.items():
                if isinstance(value, str):
                    if value not in hidden:
                        kept[title] = value
                elif isinstance(value, list):
                    children = prune_nav(value, hidden)
                    if children:
                        kept[title] = children
                else:
                    kept[title] = value
            if kept:
                out.append(kept)
        else:
            out.append(item)
    return out


# -- content -------------------------------------------------------------------------------


def strip_comments(markdown: str) -> str:
    """Markdown without HTML comments (outside code), lines kept so that line numbers hold."""
    code_free = mask_code(markdown)
    pieces, last = [], 0
    for match in COMMENT.finditer(code_free):
        pieces.append(markdown[last : match.start()])
        pieces.append("\n" * match.group(0).count("\n"))
        last = match.end()
    pieces.append(markdown[last:])
    return "".join(pieces)


def rendered_markdown_findings(markdown: str, display: str, first_line: int) -> list[Finding]:
    """What is unsafe in a page's Markdown once Jinja has run (data/ values, built strings),
    at the line where it appears (exact unless a Jinja loop above it added lines)."""
    out: list[Finding] = []

    def report(code: str, line: int, **args: Any) -> None:
        out.append(Finding.at(display, line + first_line - 1, code, **args))

    scan_markdown(markdown, report, strict=False)
    return sorted(set(out))


def rendered_findings(html: str, page: Page | None, display: str) -> list[Finding]:
    """What is unsafe in a page's rendered HTML, at the first source line that mentions it."""
    found: list[tuple[str, dict[str, Any]]] = []
    scan_html(html, lambda code, _line, **args: found.append((code, args)), strict=False)
    findings = []
    for code, args in found:
        needle = str(
            args.get("attr") or args.get("url") or args.get("tag") or args.get("how") or ""
        )
        line = _source_line(page, needle)
        findings.append(Finding.at(display, line, code, **args))
    return sorted(set(findings))


def _source_line(page: Page | None, needle: str) -> int:
    if page is None or not needle:
        return 1
    for number, line in enumerate(page.text.split("\n"), 1):
        if needle.lower() in line.lower():
            return number
    return page.body_line


# -- output --------------------------------------------------------------------------------

# Folders of the project that hold what people wrote: a build never writes into, or cleans, them.
SOURCE_FOLDERS = (
    "content",
    "data",
    "overrides",
    "scripts",
    "tests",
    "docs",
    "deploy",
    ".git",
    ".github",
    ".ci",
)


def site_dir_problem(site_dir: Path, root: Path, docs_dir: Path) -> str | None:
    """Why building into `site_dir` could delete someone's files (MkDocs empties it first)."""
    site = site_dir.resolve()
    protected = [
        root.resolve(),
        docs_dir.resolve(),
        *((root / name).resolve() for name in SOURCE_FOLDERS),
    ]
    home = Path.home().resolve()
    for folder in protected:
        if (
            site == folder
            or folder.is_relative_to(site)
            or (folder != root.resolve() and site.is_relative_to(folder))
        ):
            return (
                f"không dựng vào {site_dir}: thư mục này chứa hoặc nằm trong {folder}, "
                f"nơi có tệp của người biên tập / refusing to build into {site_dir}: it holds "
                f"or lies inside {folder}, where people keep their files"
            )
    if site == home or home.is_relative_to(site):
        return f"không dựng vào {site_dir} / refusing to build into {site_dir} (a home folder)"
    if site.is_dir() and any(site.iterdir()) and not _looks_built(site):
        return (
            f"không dựng vào {site_dir}: thư mục không trống và không phải bản dựng trước; "
            f"chọn một thư mục trống / refusing to build into {site_dir}: it is not empty and "
            f"holds no earlier build (MkDocs would delete its files); choose an empty folder"
        )
    return None


def _looks_built(site: Path) -> bool:
    return any(
        (site / name).exists() for name in ("index.html", "404.html", "sitemap.xml", "assets")
    )


# What never belongs in the output: sources, data, settings, dot-files (.git, .env…), backups.
LEAK_SUFFIXES = frozenset(
    [
        ".md",
        ".markdown",
        ".yml",
        ".yaml",
        ".toml",
        ".ini",
        ".cfg",
        ".env",
        ".py",
        ".pyc",
        ".sh",
        ".bak",
        ".orig",
        ".swp",
        ".tmp",
        ".docx",
        ".doc",
        ".xlsx",
        ".xls",
        ".odt",
        ".ods",
        ".psd",
        ".zip",
        ".7z",
        ".rar",
        ".tar",
        ".sql",
        ".sqlite",
        ".db",
        ".pem",
        ".key",
    ]
)
LEAK_NAMES = frozenset(("Makefile", "Dockerfile"))


def leaks(site_dir: Path) -> list[str]:
    """Paths in the output that are not part of the site."""
    found = []
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir)
        if (
            any(part.startswith(".") for part in rel.parts)
            or path.is_file()
            and path.suffix.lower() in LEAK_SUFFIXES
            or path.name in LEAK_NAMES
            or path.is_symlink()
        ):
            found.append(rel.as_posix())
    return found


def remove(site_dir: Path, rels: list[str]) -> None:
    """Delete leaked copies from the output folder (only ever below `site_dir`)."""
    base = site_dir.resolve()
    for rel in rels:
        path = site_dir / rel
        if not path.resolve().is_relative_to(base) and not path.is_symlink():
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def source_date_epoch(root: Path) -> int | None:
    """SOURCE_DATE_EPOCH, or else the time of the last commit (and set it for MkDocs)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if not out.isdigit():
        return None
    os.environ["SOURCE_DATE_EPOCH"] = out  # MkDocs' build date (mkdocs.utils.get_build_date)
    return int(out)


def set_mtimes(site_dir: Path, epoch: int) -> None:
    """Every output file dated at the commit: archives of two builds are identical, and the
    server's ETag/Last-Modified stay the same when the same commit is deployed again."""
    for path in site_dir.rglob("*"):
        if not path.is_symlink():
            os.utime(path, (epoch, epoch))
    os.utime(site_dir, (epoch, epoch))
