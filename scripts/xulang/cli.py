"""The `xulang` command for editors: main(argv) -> int; exit 0 clean, 1 findings, 2 bad input."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from xulang import checks, csp, messages, report, scaffold
from xulang import stamp as stamp_module
from xulang.content import ContentTree
from xulang.facts import load_data
from xulang.findings import Finding, to_json, to_text
from xulang.site import SiteConfigError, load_site
from xulang.stamp import StampError
from xulang.stamp import stamp as stamp_page


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xulang",
        description=(
            "Công cụ cho biên tập viên trang Lạng Sơn / Tools for the Lạng Sơn site's editors."
        ),
    )
    parser.add_argument(
        "--root", type=Path, default=Path("."), help="project folder (with mkdocs.yml)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser(
        "check",
        help="kiểm tra nội dung / check content",
        description="Kiểm tra trang và dữ liệu, in `tệp:dòng: MÃ thông báo (cách sửa)`. "
        "Check pages and data; print `path:line: CODE message (how to fix)`.",
    )
    check.add_argument(
        "paths", nargs="*", type=Path, help="only findings in these files or folders"
    )
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--lang", choices=("vi", "en"), default="vi", help="language of the messages"
    )
    check.add_argument(
        "--list", action="store_true", help="list every check with bad and good examples"
    )
    check.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="CHECK",
        help="leave out a check by name, e.g. --skip freshness (see --list)",
    )
    status = sub.add_parser(
        "status",
        help="tình trạng bản dịch / translation status",
        description="Độ phủ và độ mới của bản dịch theo ngôn ngữ, mục và đơn vị. "
        "Coverage and freshness per language, section and department.",
    )
    status.add_argument(
        "--format",
        choices=("text", "json", "md"),
        default="text",
        help="md: Markdown thuần để dán vào báo cáo / plain Markdown to paste into a report",
    )
    status.add_argument(
        "--lang",
        choices=("vi", "en"),
        default="vi",
        help="ngôn ngữ của nhãn và tên / language of the labels and names",
    )
    new = sub.add_parser(
        "new",
        help="tạo trang mới ở mọi ngôn ngữ / create a page in every language",
        description="Tạo content/<lang>/SECTION/NAME.md cho mọi ngôn ngữ từ mẫu (trang đã có: "
        "chỉ các bản dịch còn thiếu; tin: tên và `date:` theo ngày hôm nay); không ghi đè. "
        "Create the page in every language from templates (an existing page: its missing "
        "translations only; a news item: named and dated today); never overwrites.",
    )
    new.add_argument("name", metavar="SECTION/NAME", help="ví dụ / e.g. du-lich/mau-son")
    sub.add_parser(
        "codes",
        help="bảng mã lỗi cho docs/ / finding codes reference for docs/",
        description="In bảng mọi mã lỗi (Markdown), nguồn của docs/ma-loi.md. "
        "Print every finding code as Markdown, the source of docs/ma-loi.md.",
    )
    stamp = sub.add_parser(
        "stamp",
        help="ghi phiên bản bản gốc vào bản dịch / record the source version in translations",
        description="Ghi `source_commit` (commit mới nhất của bản gốc) vào bản dịch. "
        "Record in each translation the latest commit of its source page.",
    )
    stamp.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="translations: content/<lang>/… files or folders",
    )
    stamp.add_argument(
        "--commit",
        action="store_true",
        help="rồi commit riêng các bản dịch vừa ghi ([editorial]) / then commit the stamped "
        "translations, and nothing else, as an editorial commit",
    )
    period = sub.add_parser(
        "report",
        help="báo cáo theo kỳ / what was published in a period",
        description="Từ lịch sử git: trong kỳ đã đăng gì, theo đơn vị và ngôn ngữ (trang và tin "
        "mới, trang cập nhật, bản dịch theo kịp bản gốc, còn thiếu hay cũ cuối kỳ, độ phủ đầu và "
        "cuối kỳ), sẵn để dán vào báo cáo. From git history: what was published in the period, "
        "per department and language, ready to paste into a report.",
    )
    period.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    period.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    period.add_argument("--owner", metavar="ID", help="chỉ một đơn vị / one department only")
    period.add_argument("--format", choices=("md", "csv", "json"), default="md")
    period.add_argument(
        "--lang",
        choices=("vi", "en"),
        default="vi",
        help="ngôn ngữ của nhãn và tên / language of the labels and names",
    )
    sub.add_parser(
        "commands",
        help="bảng lệnh cho docs/ / command reference for docs/",
        description="In trợ giúp của mọi lệnh (Markdown), nguồn của docs/lenh.md. "
        "Print every command's help as Markdown, the source of docs/lenh.md.",
    )
    fix = sub.add_parser(
        "fix",
        help="sửa lỗi máy móc / repair mechanical mistakes",
        description="Sửa những lỗi không cần cân nhắc: NFC, BOM, CRLF, ký tự ẩn, biến thể cấm "
        "trong bảng thuật ngữ, tên tệp có dấu hay dấu cách (đổi tên ở mọi ngôn ngữ, cùng liên kết "
        "và nav). Mặc định chỉ in diff. Repair what needs no judgement: NFC, BOM, CRLF, invisible "
        "characters, forbidden glossary variants, file names with diacritics or spaces (renamed in "
        "every language with their links and nav entry). Prints a diff unless --write.",
    )
    fix.add_argument("paths", nargs="*", type=Path, help="only these files or folders")
    fix.add_argument(
        "--write", action="store_true", help="ghi các sửa đổi / write the repairs (atomically)"
    )
    nginx = sub.add_parser(
        "nginx",
        help="khối ngôn ngữ của cấu hình nginx / the nginx config's language block",
        description="In (hoặc ghi vào cấu hình nginx) trang 404 của từng ngôn ngữ công khai "
        "trong mkdocs.yml. Print (or write into the nginx config) each public language's 404 "
        "page, from mkdocs.yml.",
    )
    where = nginx.add_mutually_exclusive_group()
    where.add_argument("--write", type=Path, metavar="CONF", help="ghi vào / write into CONF")
    where.add_argument(
        "--check", type=Path, metavar="CONF", help="CONF đã đúng? / is CONF current?"
    )
    csp.add_parser(sub)
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
    unknown = set(args.skip) - set(checks.REGISTRY)
    if unknown:
        print(
            f"xulang check: --skip {', '.join(sorted(unknown))}: "
            "không có / unknown (xulang check --list)",
            file=sys.stderr,
        )
        return 2
    findings = checks.run_split(tree, [n for n in checks.REGISTRY if n not in args.skip])
    _, data_findings = load_data(site.data_dir, root)
    findings += data_findings
    findings = [f for f in findings if _selected(f, root, args.paths)]
    errors = checks.blocking(findings)
    if args.format == "json":
        print(to_json(findings, args.lang))
    elif findings:
        warnings = [f for f in findings if f not in errors]
        if errors:
            print(to_text(errors, args.lang))
        if warnings:  # what the build publishes anyway, with a notice to readers
            print("Cảnh báo, không chặn bản dựng / warnings, the build goes on:")
            print(to_text(warnings, args.lang))
    return 1 if errors else 0


def cmd_status(args: argparse.Namespace) -> int:
    tree = ContentTree.load(load_site(args.root.resolve()))
    result = report.build(tree, args.lang)
    if args.format == "json":
        print(report.to_json(result))
    elif args.format == "md":
        print(report.to_markdown(result, args.lang, base=result.site_url, bars=False), end="")
    else:
        print(report.to_text(result, args.lang))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    tree = ContentTree.load(load_site(root))
    try:
        pages = scaffold.plan(tree, args.name)
        scaffold.create(pages)
    except scaffold.ScaffoldError as exc:
        print(f"xulang new: {exc}", file=sys.stderr)
        return 1
    for page in pages:
        print(f"{page.path.relative_to(root)}")
    from xulang.checks.navigation import needs_menu_entry

    if any(p.source and needs_menu_entry(tree.site, p.rel) for p in pages):
        rel = pages[0].rel
        print(
            f"Thêm dòng `- {rel}` vào `nav:` trong mkdocs.yml / "
            f"add a line `- {rel}` to `nav:` in mkdocs.yml"
        )
    return 0


def cmd_stamp(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    tree = ContentTree.load(load_site(root))
    from xulang.checks.freshness import history_for

    history = history_for(tree)
    if not history.available:
        print("xulang stamp: không có lịch sử git / no git history here", file=sys.stderr)
        return 2
    by_path = {page.path.resolve(): page for page in tree.all_pages()}
    targets = []
    for path in args.paths:
        full = (root / path).resolve() if not path.is_absolute() else path.resolve()
        found = [p for f, p in by_path.items() if f == full or full in f.parents]
        if not found:
            print(f"xulang stamp: {path}: không có trang nào / no page there", file=sys.stderr)
            return 2
        targets += [p for p in found if tree.source_of(p) is not None]
    if args.commit and (dirty := stamp_module.not_committed(history, targets)):
        for page in dirty:
            print(
                f"xulang stamp: {page.display}: có thay đổi chưa commit; commit bản dịch trước / "
                "has uncommitted changes; commit the translation first",
                file=sys.stderr,
            )
        return 1
    status = 0
    for page in sorted(targets, key=lambda p: p.display):
        try:
            sha = stamp_page(tree, history, page)
            print(f"{page.display}: source_commit {sha[:10]}")
        except StampError as exc:
            print(f"xulang stamp: {exc}", file=sys.stderr)
            status = 1
    changed = [page for page in targets if history.dirty(page.display)]
    if args.commit and status == 0 and changed:
        done = stamp_module.commit(root, changed)
        if done is None:
            return 1
        print(f"commit {done}: {stamp_module.STAMP_MESSAGE.strip()}")
    return status


def cmd_commands(args: argparse.Namespace) -> int:
    from xulang import commandref

    print(commandref.reference(_parser()), end="")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from xulang import periodtext

    return periodtext.run(
        args.root.resolve(), args.start, args.end, args.owner, args.format, args.lang
    )


def cmd_fix(args: argparse.Namespace) -> int:
    from xulang import fix

    return fix.run(args.root.resolve(), args.paths, args.write)


def cmd_codes(args: argparse.Namespace) -> int:
    print(messages.reference())
    return 0


def cmd_nginx(args: argparse.Namespace) -> int:
    """The nginx config's language block (each public language's 404 page) from mkdocs.yml."""
    from xulang import nginx

    site = load_site(args.root.resolve())
    try:
        if args.write:
            changed = nginx.write(args.write, site)
            print(f"{args.write}: {'cập nhật / updated' if changed else 'không đổi / unchanged'}")
        elif args.check:
            if not nginx.up_to_date(args.check, site):
                print(
                    f"{args.check}: khối ngôn ngữ đã cũ, chạy `xulang nginx --write` / the "
                    "language block is out of date: run `xulang nginx --write`",
                    file=sys.stderr,
                )
                return 1
        else:
            print(nginx.language_block(site))
    except nginx.NginxConfigError as exc:
        print(f"xulang nginx: {exc}", file=sys.stderr)
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and 2
    try:
        commands = {
            "check": cmd_check,
            "status": cmd_status,
            "new": cmd_new,
            "stamp": cmd_stamp,
            "codes": cmd_codes,
            "nginx": cmd_nginx,
            "fix": cmd_fix,
            "report": cmd_report,
            "commands": cmd_commands,
            "csp": csp.run,
        }
        return commands[args.command](args)
    except SiteConfigError as exc:
        print(f"xulang: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"xulang: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 2
    return 2
