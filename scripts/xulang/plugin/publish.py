"""What may reach the public site, and proof that it is the same from build to build.

- Production builds publish only pages whose `status` is `published` (in every language); the
  preview shows drafts with a banner. Unpublished pages leave the files, the menu, the search index,
  the sitemap, the feeds and the language switcher, because the plugin then works on a tree that
  holds published pages only.
- HTML comments (editors' notes) are removed before Markdown sees them; each rendered page is
  checked once more for what runs, loads from elsewhere or hides text (data/ can bring it in).
- The build never cleans a folder that holds sources, and the output holds nothing but the site.
- Dates come from SOURCE_DATE_EPOCH, or the last commit, so two builds of a commit are identical.
- `main(["csp", SITE])` prints the Content-Security-Policy the built pages need (hashes of
  Material's inline scripts); `make csp` writes it into deploy/nginx/langson-site.conf.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xulang.checks import coverage
from xulang.checks.safety import (
    COMMENT,
    PUBLISHED,
    STATUSES,
    effective_status,
    mask_code,
    scan_html,
    scan_markdown,
    status_of,
)
from xulang.content import ContentTree, Page
from xulang.findings import Finding

# Checks that stop every build, the preview included: unsafe content is never shown, not even to
# the editor who wrote it, and a file that cannot be read safely is never read.
HARD_CHECKS = ("safe-html", "files", "file-names")

# -- drafts --------------------------------------------------------------------------------


def published_view(tree: ContentTree) -> ContentTree:
    """The same tree with only the pages a production build publishes."""
    pages = {
        code: {
            rel: page
            for rel, page in by_rel.items()
            if page.readable and effective_status(tree, page) == PUBLISHED
        }
        for code, by_rel in tree.pages.items()
    }
    return ContentTree(tree.site, pages, tree.stray)


def unpublished(tree: ContentTree, view: ContentTree) -> dict[str, list[str]]:
    """lang -> page paths left out of the production build."""
    return {
        code: sorted(set(by_rel) - set(view.pages[code])) for code, by_rel in tree.pages.items()
    }


def status_findings(tree: ContentTree) -> list[Finding]:
    """What stops a production build about `status`: a page without a valid one (the checker's
    XL030/XL031), and a translation not published while its source is (XL100)."""
    findings = []
    for page in tree.all_pages():
        if not page.readable or not page.text.strip():
            continue
        value = page.meta.get("status")
        if value is None or value == "":
            findings.append(Finding.at(page.display, 1, "XL030", key="status"))
        elif status_of(page) is None:
            findings.append(
                Finding.at(
                    page.display,
                    page.meta_lines.get("status", 1),
                    "XL031",
                    key="status",
                    value=value,
                    allowed=", ".join(STATUSES),
                )
            )
        source = tree.source_of(page)
        if (
            source is not None
            and status_of(source) == PUBLISHED
            and status_of(page) in ("draft", "review")
        ):
            findings.append(
                Finding.at(
                    page.display,
                    page.meta_lines.get("status", 1),
                    "XL100",
                    status=status_of(page),
                    source=source.display,
                )
            )
    return findings


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


def banner_status(tree: ContentTree, lang: str, rel: str) -> str | None:
    """For the preview's banner: the status of a page that production would leave out."""
    page = tree.pages.get(lang, {}).get(rel) or tree.sources.get(rel)
    if page is None or not page.readable:
        return None
    status = effective_status(tree, page)
    if status == PUBLISHED:
        return None
    return status or str(page.meta.get("status") or "—")


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


# -- Content-Security-Policy -----------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
NOT_CODE = re.compile(r"""\btype\s*=\s*["']?(application/(ld\+)?json|text/template)""", re.I)


def inline_script_hashes(site_dir: Path) -> list[str]:
    """'sha256-…' of every distinct inline script the built pages run (JSON data blocks do not
    run and need none)."""
    hashes = set()
    for path in sorted(site_dir.rglob("*.html")):
        for match in INLINE_SCRIPT.finditer(path.read_text(encoding="utf-8")):
            attrs, body = match.group(1), match.group(2)
            if re.search(r"\bsrc\s*=", attrs, re.I) or NOT_CODE.search(attrs):
                continue
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(hashes)


def content_security_policy(site_dir: Path) -> str:
    """The policy the site satisfies: everything from our own origin, inline scripts by hash,
    no inline styles, no plugins, no framing."""
    directives = [
        ("default-src", "'none'"),
        ("script-src", " ".join(["'self'", *inline_script_hashes(site_dir)])),
        ("style-src", "'self'"),
        ("img-src", "'self' data:"),  # Material's icons are data: SVG in its stylesheet
        ("media-src", "'self'"),  # video and its captions (xulang.media), from the site itself
        ("font-src", "'self'"),
        ("connect-src", "'self'"),  # the search worker fetches the search index
        ("worker-src", "'self'"),
        ("manifest-src", "'self'"),
        ("base-uri", "'none'"),
        ("form-action", "'self'"),
        ("frame-ancestors", "'none'"),
        ("object-src", "'none'"),
    ]
    return "; ".join(f"{name} {value}" for name, value in directives)


CSP_LINE = re.compile(r'^(\s*add_header\s+Content-Security-Policy\s+)"[^"]*"(\s+always;.*)$', re.M)


def write_csp(config: Path, policy: str) -> bool:
    """Put `policy` into the nginx config's Content-Security-Policy line; True if it changed."""
    text = config.read_text(encoding="utf-8")
    if not CSP_LINE.search(text):
        raise SystemExit(f'{config}: no `add_header Content-Security-Policy "…" always;` line')
    new = CSP_LINE.sub(lambda m: f'{m.group(1)}"{policy}"{m.group(2)}', text, count=1)
    if new != text:
        config.write_text(new, encoding="utf-8")
    return new != text


def configured_csp(config: Path) -> str | None:
    match = CSP_LINE.search(config.read_text(encoding="utf-8"))
    return match.group(0).split('"')[1] if match else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m xulang.plugin.publish",
        description="Content-Security-Policy của bản dựng / the CSP a build needs",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    csp = sub.add_parser("csp", help="print (or write into the nginx config) the policy of a build")
    csp.add_argument("site", type=Path, help="the built site, e.g. site/")
    group = csp.add_mutually_exclusive_group()
    group.add_argument(
        "--write", type=Path, metavar="NGINX_CONF", help="update the policy line there"
    )
    group.add_argument(
        "--check", type=Path, metavar="NGINX_CONF", help="exit 1 if it differs there"
    )
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"{args.site}: no built site here (run `make build` first)", file=sys.stderr)
        return 2
    policy = content_security_policy(args.site)
    if args.write:
        changed = write_csp(args.write, policy)
        print(f"{args.write}: {'updated' if changed else 'already up to date'}")
    elif args.check:
        if configured_csp(args.check) != policy:
            print(
                f"{args.check}: the Content-Security-Policy does not match {args.site}; run "
                f"`python -m xulang.plugin.publish csp {args.site} --write {args.check}`",
                file=sys.stderr,
            )
            return 1
    else:
        print(policy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
