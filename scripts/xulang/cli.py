"""The `xulang` command for editors: main(argv) -> int, exit 0 clean, 1 findings, 2 usage or input."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from xulang import checks
from xulang.content import ContentTree
from xulang.facts import load_data
from xulang.findings import Finding, to_json, to_text
from xulang.site import SiteConfigError, load_site


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xulang",
        description="Công cụ cho biên tập viên trang Lạng Sơn / Tools for the Lạng Sơn site's editors.",
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (with mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser(
        "check",
        help="kiểm tra nội dung / check content",
        description="Kiểm tra trang và dữ liệu, in `tệp:dòng: MÃ thông báo (cách sửa)`. "
        "Check pages and data; print `path:line: CODE message (how to fix)`.",
    )
    check.add_argument("paths", nargs="*", type=Path, help="only findings in these files or folders")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of the messages")
    check.add_argument("--list", action="store_true", help="list every check with bad and good examples")
    return parser


def _selected(finding: Finding, root: Path, paths: Sequence[Path]) -> bool:
    if not paths:
        return True
    target = (root / finding.path).resolve()
    for path in paths:
        wanted = path.resolve()
        if target == wanted or wanted in target.parents:
            return True
    return False


def cmd_check(args: argparse.Namespace) -> int:
    if args.list:
        for check in checks.REGISTRY.values():
            print(f"{check.name} ({', '.join(check.codes)})")
            print("    " + check.doc.replace("\n", "\n    "))
            print()
        return 0
    root = args.root.resolve()
    site = load_site(root)
    tree = ContentTree.load(site)
    findings = list(checks.run(tree))
    _, data_findings = load_data(site.data_dir, root)
    findings += data_findings
    findings = [f for f in findings if _selected(f, root, args.paths)]
    if args.format == "json":
        print(to_json(findings, args.lang))
    elif findings:
        print(to_text(findings, args.lang))
    return 1 if findings else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and 2
    try:
        if args.command == "check":
            return cmd_check(args)
    except SiteConfigError as exc:
        print(f"xulang: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"xulang: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 2
    return 2
