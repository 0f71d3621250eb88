"""The translation status report: coverage and freshness per language, section and department."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from xulang import glossary as glossary_model
from xulang.checks.freshness import history_for, stale
from xulang.content import ContentTree


@dataclass
class Tally:
    total: int = 0
    translated: int = 0
    fresh: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.fresh / self.total) if self.total else 100


@dataclass
class StalePage:
    path: str
    source: str
    changes: list[dict[str, str]]


@dataclass
class Report:
    languages: dict[str, Tally] = field(default_factory=dict)
    sections: dict[str, dict[str, Tally]] = field(default_factory=dict)
    owners: dict[str, dict[str, Tally]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    unstamped: list[str] = field(default_factory=list)
    stale: list[StalePage] = field(default_factory=list)
    history: bool = True
    # per language: glossary forms that are Sino-Vietnamese readings, awaiting a native editor
    to_confirm: dict[str, list[dict[str, str]]] = field(default_factory=dict)


def build(tree: ContentTree) -> Report:
    report = Report(history=history_for(tree).available)
    sections: dict[str, dict[str, Tally]] = defaultdict(dict)
    owners: dict[str, dict[str, Tally]] = defaultdict(dict)
    for lang in tree.site.translations:
        overall = report.languages.setdefault(lang.code, Tally())
        for rel, source in sorted(tree.sources.items()):
            section = rel.split("/", 1)[0] if "/" in rel else "(trang chủ / home)"
            owner = str(source.meta.get("owner") or "—")
            tallies = [
                overall,
                sections[section].setdefault(lang.code, Tally()),
                owners[owner].setdefault(lang.code, Tally()),
            ]
            page = tree.pages[lang.code].get(rel)
            for tally in tallies:
                tally.total += 1
            if page is None:
                report.missing.append(f"{tree.site.docs_dir.name}/{lang.code}/{rel}")
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
                    )
                )
                continue
            if changes is None and page.readable:
                report.unstamped.append(page.display)
            for tally in tallies:
                tally.fresh += 1
    report.sections, report.owners = dict(sections), dict(owners)
    glossary = tree.data.get("glossary") or {}
    for lang in tree.site.translations:
        ids = glossary_model.awaiting_native_editor(glossary, lang.code)
        if ids:
            report.to_confirm[lang.code] = [
                {
                    "id": cid,
                    "source": str(glossary[cid].get(tree.site.default.code, "")),
                    "form": str(glossary[cid].get(lang.code, "")),
                }
                for cid in ids
            ]
    return report


def _to_confirm_lines(report: Report) -> list[str]:
    return [
        f"  {lang}: {len(rows)} – " + ", ".join(f"{r['form']} ({r['source']})" for r in rows)
        for lang, rows in report.to_confirm.items()
    ]


def to_json(report: Report) -> str:
    def tally(t: Tally) -> dict[str, Any]:
        return {**asdict(t), "percent": t.percent}

    data = {
        "languages": {k: tally(v) for k, v in report.languages.items()},
        "sections": {s: {k: tally(v) for k, v in d.items()} for s, d in report.sections.items()},
        "owners": {o: {k: tally(v) for k, v in d.items()} for o, d in report.owners.items()},
        "missing": report.missing,
        "unstamped": report.unstamped,
        "stale": [asdict(s) for s in report.stale],
        "history": report.history,
        "to_confirm": report.to_confirm,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _line(name: str, tallies: dict[str, Tally]) -> str:
    cells = [f"{code}: {t.fresh}/{t.total} ({t.percent}%)" for code, t in tallies.items()]
    return f"  {name:<28} " + "   ".join(cells)


def to_text(report: Report) -> str:
    out = ["Bản dịch đã cập nhật / up-to-date translations:"]
    out.append(_line("tất cả / all", report.languages))
    out.append("Theo mục / by section:")
    out += [_line(s, d) for s, d in sorted(report.sections.items())]
    out.append("Theo đơn vị / by department:")
    out += [_line(o, d) for o, d in sorted(report.owners.items())]
    if report.missing:
        out.append("Chưa dịch / missing:")
        out += [f"  {p}" for p in report.missing]
    if report.stale:
        out.append("Cần cập nhật / stale:")
        for page in report.stale:
            out.append(f"  {page.path} (bản gốc / source {page.source}):")
            out += [f"    {c['date']} {c['sha']} {c['subject']}" for c in page.changes]
    if report.unstamped:
        out.append(f"Chưa ghi source_commit / not stamped: {len(report.unstamped)} (xulang stamp)")
    if report.to_confirm:
        out.append(
            "Tên chờ người biên tập bản ngữ xác nhận (data/glossary.yml, han-viet) / "
            "names awaiting a native editor:"
        )
        out += _to_confirm_lines(report)
    if not report.history:
        out.append("(không có lịch sử git / no git history: freshness unknown)")
    return "\n".join(out)


def _bar(t: Tally) -> str:
    return (
        f'<progress value="{t.fresh}" max="{t.total}" aria-label="{t.percent}%"></progress> '
        f"{t.fresh}/{t.total} ({t.percent}%)"
    )


def to_markdown(report: Report) -> str:
    """The same report as a page of the preview site, with progress bars."""
    codes = list(report.languages)
    head = "| | " + " | ".join(codes) + " |\n|---|" + "---|" * len(codes)
    out = ["# Tình trạng bản dịch / Translation status", "", "## Theo mục / By section", "", head]
    for name, tallies in [("**tất cả / all**", report.languages), *sorted(report.sections.items())]:
        out.append(
            f"| {name} | " + " | ".join(_bar(tallies[c]) for c in codes if c in tallies) + " |"
        )
    out += ["", "## Theo đơn vị / By department", "", head]
    for name, tallies in sorted(report.owners.items()):
        out.append(
            f"| {name} | " + " | ".join(_bar(tallies[c]) for c in codes if c in tallies) + " |"
        )
    out += ["", "## Cần cập nhật / Stale", ""]
    if not report.stale:
        out.append("Không có / none.")
    for page in report.stale:
        out.append(f"- `{page.path}` (`{page.source}`)")
        out += [f"    - {c['date']} `{c['sha']}` {c['subject']}" for c in page.changes]
    out += ["", "## Chưa dịch / Missing", ""]
    out += [f"- `{p}`" for p in report.missing] or ["Không có / none."]
    out += ["", "## Tên chờ người biên tập bản ngữ xác nhận / Names awaiting a native editor", ""]
    out += [f"- {line.strip()}" for line in _to_confirm_lines(report)] or ["Không có / none."]
    return "\n".join(out) + "\n"
