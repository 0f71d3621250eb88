"""`xulang report`: the period report's words and formats (Markdown to paste into a report,
CSV, JSON) over the model of xulang.period."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import asdict
from pathlib import Path

from xulang import names as names_model
from xulang.content import ContentTree
from xulang.history import git
from xulang.period import Coverage, Period, PeriodError, build
from xulang.report import Label

LABELS = {
    "title": Label("Báo cáo kết quả thông tin đối ngoại trên cổng", "Report of the site's work"),
    "period": Label("Kỳ báo cáo", "Period"),
    "department": Label("Đơn vị", "Department"),
    "new": Label("Trang mới", "New pages"),
    "news": Label("Tin mới", "News items"),
    "updated": Label("Trang được cập nhật", "Pages updated"),
    "followed": Label("Bản dịch được cập nhật theo bản gốc", "Translations brought up to date"),
    "missing": Label("Còn chưa dịch cuối kỳ", "Still not translated at the end"),
    "stale": Label("Bản dịch còn cũ cuối kỳ", "Translations behind their source at the end"),
    "coverage": Label("Độ phủ bản dịch", "Translation coverage"),
    "language": Label("Ngôn ngữ", "Language"),
    "start": Label("Đầu kỳ", "Start"),
    "end": Label("Cuối kỳ", "End"),
    "up_to_date": Label("đã cập nhật", "up to date"),
    "none": Label("Không có.", "None."),
}
KINDS = ("new", "news", "updated", "followed", "missing", "stale")


def label(key: str, lang: str) -> str:
    text = LABELS[key]
    return text.en if lang == "en" else text.vi


def _date(iso: str, lang: str, site_lang: str) -> str:
    """A day as the labels' language writes it in a table (CLDR's year-month-day skeleton)."""
    from babel.dates import format_skeleton

    from xulang.locales import locale_of

    if not iso:
        return ""
    return str(format_skeleton("yMd", dt.date.fromisoformat(iso), locale=locale_of(site_lang)))


def _content_lang(tree: ContentTree, lang: str) -> str:
    """The site language whose names go with labels in `lang` (the default when there is none)."""
    return lang if lang in tree.site.codes else tree.site.default.code


def to_markdown(period: Period, tree: ContentTree, lang: str = "vi") -> str:
    code = _content_lang(tree, lang)
    names = names_model.load(tree, code)
    site = tree.site
    out = [
        f"# {label('title', lang)}",
        "",
        f"{label('period', lang)}: {_date(period.start, lang, code)} – "
        f"{_date(period.end, lang, code)}",
        "",
    ]
    departments = sorted(period.coverage, key=names.department)
    for dept in departments:
        out += [f"## {names.department(dept)}", ""]
        for language in site.languages:
            mine = [i for i in period.items if i.department == dept and i.lang == language.code]
            out += [f"### {language.name}", ""]
            if not mine:
                out += [label("none", lang), ""]
                continue
            for kind in KINDS:
                rows = [i for i in mine if i.kind == kind]
                if not rows:
                    continue
                out.append(f"**{label(kind, lang)}: {len(rows)}**")
                out.append("")
                for row in sorted(rows, key=lambda r: (r.date, r.title)):
                    when = f"{_date(row.date, lang, code)}: " if row.date else ""
                    out.append(f"- {when}[{_escape(row.title)}]({site.site_url}{row.url})")
                out.append("")
        out += [f"**{label('coverage', lang)}**", ""]
        out.append(f"| {label('language', lang)} | {label('start', lang)} | {label('end', lang)} |")
        out.append("|---|---|---|")
        for language in site.translations:
            both = period.coverage[dept].get(language.code)
            if both:
                out.append(
                    f"| {language.name} | {_coverage(both['start'], lang)} | "
                    f"{_coverage(both['end'], lang)} |"
                )
        out.append("")
    return "\n".join(out)


def _coverage(c: Coverage, lang: str) -> str:
    return f"{c.translated}/{c.total} ({c.percent}%; {c.fresh} {label('up_to_date', lang)})"


def _escape(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def to_csv(period: Period, tree: ContentTree, lang: str = "vi") -> str:
    names = names_model.load(tree, _content_lang(tree, lang))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["department", "department_name", "language", "kind", "date", "title", "url"])
    for item in sorted(period.items, key=lambda i: (i.department, i.lang, i.kind, i.date)):
        writer.writerow(
            [
                item.department,
                names.department(item.department),
                item.lang,
                item.kind,
                item.date,
                item.title,
                tree.site.site_url + item.url,
            ]
        )
    for dept, languages in sorted(period.coverage.items()):
        for code, both in languages.items():
            for key in ("start", "end"):
                c = both[key]
                writer.writerow(
                    [
                        dept,
                        names.department(dept),
                        code,
                        f"coverage_{key}",
                        "",
                        f"{c.translated}/{c.total} ({c.fresh} fresh)",
                        "",
                    ]
                )
    return out.getvalue()


def to_json(period: Period, tree: ContentTree, lang: str = "vi") -> str:
    names = names_model.load(tree, _content_lang(tree, lang))
    data = {
        "from": period.start,
        "to": period.end,
        "owner": period.owner,
        "departments": {d: names.department(d) for d in period.coverage},
        "items": [asdict(i) for i in period.items],
        "coverage": {
            d: {
                code: {k: {**asdict(c), "percent": c.percent} for k, c in both.items()}
                for code, both in langs.items()
            }
            for d, langs in period.coverage.items()
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def run(root: Path, start: str, end: str, owner: str | None, form: str, lang: str) -> int:
    import sys

    from xulang.site import load_site

    tree = ContentTree.load(load_site(root))
    if git(root, "rev-parse", "--verify", "HEAD") is None:
        print("xulang report: không có lịch sử git / no git history here", file=sys.stderr)
        return 2
    if owner and owner not in tree.site.owners:
        known = ", ".join(tree.site.owners)
        print(f"xulang report: --owner {owner}: không có / unknown ({known})", file=sys.stderr)
        return 2
    try:
        period = build(tree, start, end, owner)
    except PeriodError as exc:
        print(f"xulang report: {exc}", file=sys.stderr)
        return 2
    writer = {"md": to_markdown, "csv": to_csv, "json": to_json}[form]
    sys.stdout.write(writer(period, tree, lang).rstrip("\n") + "\n")
    return 0
