"""The translation status report: coverage and freshness per language, section and department,
with every page that needs work named by its title and address."""

from __future__ import annotations

import html
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from xulang import glossary as glossary_model
from xulang import names as names_model
from xulang.checks.freshness import history_for, stale
from xulang.content import ContentTree, Page
from xulang.placeholders import find_placeholders


class Label(NamedTuple):
    """A heading of the report in the two languages of the project's tools (as messages.py)."""

    vi: str
    en: str


LABELS = {
    "title": Label("Tình trạng bản dịch", "Translation status"),
    "all": Label("tất cả", "all"),
    "by_section": Label("Theo mục", "By section"),
    "by_department": Label("Theo đơn vị", "By department"),
    "stale": Label("Cần cập nhật theo bản gốc", "Behind their source"),
    "missing": Label("Chưa dịch", "Not translated"),
    "untranslated": Label("Còn chữ mẫu, chưa dịch", "Still the template text"),
    "unstamped": Label(
        "Chưa ghi phiên bản bản gốc (chạy `xulang stamp`)",
        "Source version not recorded (run `xulang stamp`)",
    ),
    "preparing": Label("Ngôn ngữ đang chuẩn bị", "Languages in preparation"),
    "to_confirm": Label(
        "Tên chờ người biên tập bản ngữ xác nhận (data/glossary.yml, han-viet)",
        "Names awaiting a native editor (data/glossary.yml, han-viet)",
    ),
    "none": Label("Không có.", "None."),
    "no_history": Label(
        "Không có lịch sử git: chưa biết bản dịch nào cũ.",
        "No git history: freshness unknown.",
    ),
    "up_to_date": Label("bản dịch đã cập nhật", "translations up to date"),
    "source": Label("bản gốc", "source"),
    "pages": Label("trang tối thiểu đã đăng", "minimum pages published"),
    "still": Label("còn thiếu", "still missing"),
}


def label(key: str, lang: str) -> str:
    text = LABELS[key]
    return text.en if lang == "en" else text.vi


@dataclass
class Tally:
    total: int = 0
    translated: int = 0
    fresh: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.fresh / self.total) if self.total else 100


@dataclass
class PageRef:
    """A page as a person knows it: its title, its address, and where its file is."""

    path: str  # content/<lang>/<rel>
    lang: str
    title: str
    url: str  # relative to the site root, e.g. "en/du-lich/mau-son/"
    section: str
    owner: str


@dataclass
class StalePage:
    path: str
    source: str
    changes: list[dict[str, str]]
    page: PageRef | None = None


@dataclass
class Preparing:
    lang: str
    name: str
    done: int
    total: int
    missing: list[str]  # titles of the minimum pages still to translate and publish


@dataclass
class Report:
    languages: dict[str, Tally] = field(default_factory=dict)
    sections: dict[str, dict[str, Tally]] = field(default_factory=dict)
    owners: dict[str, dict[str, Tally]] = field(default_factory=dict)
    missing: list[PageRef] = field(default_factory=list)
    untranslated: list[PageRef] = field(default_factory=list)  # still the template's text
    unstamped: list[PageRef] = field(default_factory=list)
    stale: list[StalePage] = field(default_factory=list)
    history: bool = True
    # per language: glossary forms that are Sino-Vietnamese readings, awaiting a native editor
    to_confirm: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    names: names_model.Names = field(default_factory=lambda: names_model.Names(""))
    preparing: list[Preparing] = field(default_factory=list)
    site_url: str = ""
    language_names: dict[str, str] = field(default_factory=dict)  # code -> its own name


def _ref(tree: ContentTree, source: Page, lang: str, page: Page | None) -> PageRef:
    root = tree.site.docs_dir.relative_to(tree.site.root).as_posix()
    return PageRef(
        path=f"{root}/{lang}/{source.rel}",
        lang=lang,
        title=names_model.title(tree, page or source),
        url=names_model.page_url(tree.site, lang, source.rel),
        section=names_model.section_of(source.rel),
        owner=str(source.meta.get("owner") or ""),
    )


def build(tree: ContentTree, lang: str | None = None) -> Report:
    """The report, with names in `lang` (the default language when None)."""
    report = Report(
        history=history_for(tree).available,
        names=names_model.load(tree, lang),
        site_url=tree.site.site_url,
        language_names={language.code: language.name for language in tree.site.languages},
    )
    sections: dict[str, dict[str, Tally]] = defaultdict(dict)
    owners: dict[str, dict[str, Tally]] = defaultdict(dict)
    for language in tree.site.translations:
        overall = report.languages.setdefault(language.code, Tally())
        for rel, source in sorted(tree.sources.items()):
            owner = str(source.meta.get("owner") or "")
            tallies = [
                overall,
                sections[names_model.section_of(rel)].setdefault(language.code, Tally()),
                owners[owner].setdefault(language.code, Tally()),
            ]
            page = tree.pages[language.code].get(rel)
            for tally in tallies:
                tally.total += 1
            if page is None:
                if not language.preparing:  # its progress is told apart (`preparing`)
                    report.missing.append(_ref(tree, source, language.code, None))
                continue
            if page.readable and find_placeholders(page.text):
                report.untranslated.append(_ref(tree, source, language.code, page))
                continue
            for tally in tallies:
                tally.translated += 1
            changes = stale(tree, page) if page.readable else None
            if changes:
                report.stale.append(
                    StalePage(
                        page.display,
                        source.display,
                        [
                            {"sha": c.sha[:10], "date": c.date, "subject": c.subject}
                            for c in changes
                        ],
                        _ref(tree, source, language.code, page),
                    )
                )
                continue
            if page.readable and not page.meta.get("source_commit"):
                report.unstamped.append(_ref(tree, source, language.code, page))
            for tally in tallies:
                tally.fresh += 1
    report.sections, report.owners = dict(sections), dict(owners)
    glossary = tree.data.get("glossary") or {}
    for language in tree.site.translations:
        ids = glossary_model.awaiting_native_editor(glossary, language.code)
        if ids:
            report.to_confirm[language.code] = [
                {
                    "id": cid,
                    "source": str(glossary[cid].get(tree.site.default.code, "")),
                    "form": str(glossary[cid].get(language.code, "")),
                }
                for cid in ids
            ]
    report.preparing = _preparing(tree, report.names.lang)
    return report


def _preparing(tree: ContentTree, lang: str) -> list[Preparing]:
    """Each language in preparation and how far its minimum content is."""
    from xulang import preparation

    found = []
    for language in tree.site.preparing:
        progress = preparation.progress(tree.site, tree, language)
        found.append(
            Preparing(
                language.code,
                language.name,
                len(progress.done),
                progress.total,
                [names_model.title(tree, tree.sources[rel]) for rel in progress.missing],
            )
        )
    return found


def to_json(report: Report) -> str:
    def tally(t: Tally) -> dict[str, Any]:
        return {**asdict(t), "percent": t.percent}

    def stale_page(s: StalePage) -> dict[str, Any]:
        page = asdict(s.page) if s.page else {}
        return {**page, "path": s.path, "source": s.source, "changes": s.changes}

    data = {
        "lang": report.names.lang,
        "languages": {k: tally(v) for k, v in report.languages.items()},
        "sections": {s: {k: tally(v) for k, v in d.items()} for s, d in report.sections.items()},
        "owners": {o: {k: tally(v) for k, v in d.items()} for o, d in report.owners.items()},
        "names": {"sections": report.names.sections, "owners": report.names.departments},
        "missing": [asdict(p) for p in report.missing],
        "untranslated": [asdict(p) for p in report.untranslated],
        "unstamped": [asdict(p) for p in report.unstamped],
        "stale": [stale_page(s) for s in report.stale],
        "preparing": [asdict(p) for p in report.preparing],
        "history": report.history,
        "to_confirm": report.to_confirm,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _cell(t: Tally) -> str:
    return f"{t.fresh}/{t.total} ({t.percent}%)"


def _rows(report: Report) -> list[tuple[str, list[tuple[str, dict[str, Tally]]]]]:
    names = report.names
    by_section = sorted(report.sections.items(), key=lambda kv: names.section(kv[0]))
    by_owner = sorted(report.owners.items(), key=lambda kv: names.department(kv[0]))
    return [
        ("by_section", [(names.section(k), v) for k, v in by_section]),
        ("by_department", [(names.department(k), v) for k, v in by_owner]),
    ]


def _where(report: Report, page: PageRef) -> str:
    return f"{report.names.section(page.section)}, {report.names.department(page.owner)}"


def to_text(report: Report, lang: str = "vi") -> str:
    """For the terminal: names in the report's language, each page by title, address and file."""
    out = [f"{label('title', lang)} ({label('up_to_date', lang)}):"]
    out.append(
        f"  {label('all', lang):<40} "
        + "   ".join(f"{code}: {_cell(t)}" for code, t in report.languages.items())
    )
    for key, rows in _rows(report):
        out.append(f"{label(key, lang)}:")
        out += [
            f"  {name:<40} " + "   ".join(f"{code}: {_cell(t)}" for code, t in tallies.items())
            for name, tallies in rows
        ]

    def pages(key: str, refs: list[PageRef]) -> None:
        if refs:
            out.append(f"{label(key, lang)}: {len(refs)}")
            out.extend(
                f"  [{p.lang}] {p.title} – {report.site_url}{p.url} ({p.path}; {_where(report, p)})"
                for p in refs
            )

    pages("missing", report.missing)
    pages("untranslated", report.untranslated)
    if report.stale:
        out.append(f"{label('stale', lang)}: {len(report.stale)}")
        for s in report.stale:
            ref = s.page
            name = f"[{ref.lang}] {ref.title} – {report.site_url}{ref.url}" if ref else s.path
            out.append(f"  {name} ({s.path}; {label('source', lang)} {s.source}):")
            out += [f"    {c['date']} {c['subject']}" for c in s.changes]
    pages("unstamped", report.unstamped)
    for prep in report.preparing:
        out.append(
            f"{label('preparing', lang)}: {prep.name} ({prep.lang}) {prep.done}/{prep.total} "
            f"{label('pages', lang)}"
            + (f"; {label('still', lang)}: {', '.join(prep.missing)}" if prep.missing else "")
        )
    if report.to_confirm:
        out.append(f"{label('to_confirm', lang)}:")
        out += _to_confirm_lines(report)
    if not report.history:
        out.append(f"({label('no_history', lang)})")
    return "\n".join(out)


def _to_confirm_lines(report: Report) -> list[str]:
    return [
        f"  {code}: {len(rows)} – " + ", ".join(f"{r['form']} ({r['source']})" for r in rows)
        for code, rows in report.to_confirm.items()
    ]


def _bar(t: Tally) -> str:
    return (
        f'<progress value="{t.fresh}" max="{t.total}" aria-label="{t.percent}%"></progress> '
        f"{_cell(t)}"
    )


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")


def to_markdown(
    report: Report, lang: str = "vi", *, base: str | None = None, bars: bool = True
) -> str:
    """The report as Markdown. For the preview's status page (the defaults): progress bars, links
    relative to /trang-thai/ and each page's file for the editor. For pasting (`bars=False`,
    `base` = the public address): plain Markdown, pages by title and link only."""
    preview = bars
    prefix = "../" if base is None else base
    cell = _bar if bars else _cell
    codes = list(report.languages)
    columns = [report.language_names.get(c, c) for c in codes]
    head = "| | " + " | ".join(columns) + " |\n|---|" + "---|" * len(codes)
    out = [f"# {label('title', lang)}", ""]
    for key, rows in _rows(report):
        out += [f"## {label(key, lang)}", "", head]
        if key == "by_section":
            rows = [(f"**{label('all', lang)}**", report.languages), *rows]
        out += [
            f"| {_escape(name)} | " + " | ".join(cell(t[c]) for c in codes if c in t) + " |"
            for name, t in rows
        ]
        out.append("")

    def link(page: PageRef) -> str:
        where = _where(report, page)
        if preview:
            # An HTML link: MkDocs checks Markdown links against the pages of the language being
            # built, and the status page links to the other languages' pages too.
            anchor = f'<a href="{prefix}{page.url}">{html.escape(page.title)}</a>'
            return f"- {page.lang}: {anchor} ({where}) – `{page.path}`"
        return f"- {page.lang}: [{_escape(page.title)}]({prefix}{page.url}) ({where})"

    sections = [
        ("stale", [s.page for s in report.stale if s.page]),
        ("missing", report.missing),
        ("untranslated", report.untranslated),
        ("unstamped", report.unstamped),
    ]
    changes = {s.page.path: s.changes for s in report.stale if s.page}
    for key, refs in sections:
        out += [f"## {label(key, lang)}", ""]
        for page in refs:
            out.append(link(page))
            out += [
                f"    - {c['date']}: {_escape(c['subject'])}" for c in changes.get(page.path, [])
            ]
        if not refs:
            out.append(label("none", lang))
        out.append("")
    if report.preparing:
        out += [f"## {label('preparing', lang)}", ""]
        for prep in report.preparing:
            still = f"; {label('still', lang)}: {', '.join(prep.missing)}" if prep.missing else ""
            count = f"{prep.done}/{prep.total} {label('pages', lang)}"
            out.append(f"- {prep.name} ({prep.lang}): {count}{still}")
        out.append("")
    out += [f"## {label('to_confirm', lang)}", ""]
    out += [f"- {line.strip()}" for line in _to_confirm_lines(report)] or [label("none", lang)]
    if not report.history:
        out += ["", label("no_history", lang)]
    return "\n".join(out) + "\n"
