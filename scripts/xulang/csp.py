"""`xulang csp SITE`: the Content-Security-Policy a built site needs (hashes of Material's inline
scripts), printed, written into the nginx config (`--write`; `make csp`) or compared with it
(`--check`, for CI)."""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
from pathlib import Path

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


class CspError(Exception):
    """The nginx config has no policy line to update."""


def write_csp(config: Path, policy: str) -> bool:
    """Put `policy` into the nginx config's Content-Security-Policy line; True if it changed."""
    text = config.read_text(encoding="utf-8")
    if not CSP_LINE.search(text):
        raise CspError(
            f'{config}: không có dòng `add_header Content-Security-Policy "…" always;` / '
            f'no `add_header Content-Security-Policy "…" always;` line'
        )
    new = CSP_LINE.sub(lambda m: f'{m.group(1)}"{policy}"{m.group(2)}', text, count=1)
    if new != text:
        config.write_text(new, encoding="utf-8")
    return new != text


def configured_csp(config: Path) -> str | None:
    """The policy an nginx config sends now (None without a policy line)."""
    match = CSP_LINE.search(config.read_text(encoding="utf-8"))
    return match.group(0).split('"')[1] if match else None


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `csp` subcommand of `xulang`."""
    csp = sub.add_parser(
        "csp",
        help="chính sách CSP của bản dựng / the Content-Security-Policy of a build",
        description="In (hoặc ghi vào cấu hình nginx) Content-Security-Policy mà bản dựng cần. "
        "Print (or write into the nginx config) the Content-Security-Policy a build needs.",
    )
    csp.add_argument("site", type=Path, help="bản dựng / the built site, e.g. site/")
    group = csp.add_mutually_exclusive_group()
    group.add_argument(
        "--write", type=Path, metavar="NGINX_CONF", help="ghi vào / update the policy line there"
    )
    group.add_argument(
        "--check", type=Path, metavar="NGINX_CONF", help="exit 1 nếu khác / exit 1 if it differs"
    )


def run(args: argparse.Namespace) -> int:
    """Exit 0 done, 1 the config differs (--check), 2 no built site or no policy line."""
    site: Path = args.site
    if not (site / "index.html").exists():
        print(
            f"{site}: chưa có bản dựng (chạy `make build`) / no built site here "
            "(run `make build` first)",
            file=sys.stderr,
        )
        return 2
    policy = content_security_policy(site)
    try:
        if args.write:
            changed = write_csp(args.write, policy)
            print(f"{args.write}: {'đã cập nhật / updated' if changed else 'đã đúng / up to date'}")
        elif args.check:
            if configured_csp(args.check) != policy:
                print(
                    f"{args.check}: Content-Security-Policy khác với {site} / does not match "
                    f"{site}; run `xulang csp {site} --write {args.check}`",
                    file=sys.stderr,
                )
                return 1
        else:
            print(policy)
    except CspError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0
