"""`xulang report`: what was published in a period, per department and language, read from git.

The province's foreign-information plan asks each department for periodic reports of its work.
The answer is in the history: the pages as they stood at the start of the period (the last commit
before its first day) and at its end (the last commit of its last day), and the commits between.
A page counts once it has `status: published`; a translation still holding the template's text is
not translated; a commit that is editorial, or changed only line endings, Unicode form or
whitespace, is not an update (as for the "Updated" date readers see).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from xulang import names as names_model
from xulang.content import FRONT_MATTER, ContentTree
from xulang.history import History, git
from xulang.placeholders import find_placeholders
from xulang.yamlread import LOADER

DATED = re.compile(r"(\d{4}-\d{2}-\d{2})")


class PeriodError(Exception):
    """The period cannot be reported (bad dates, no history before its end)."""


@dataclass(frozen=True)
class Snap:
    """One page file at one commit: its front matter and whether it is still the template."""

    meta: dict[str, Any]
    template: bool

    @property
    def published(self) -> bool:
        return self.meta.get("status") == "published"


@dataclass
class Item:
    lang: str
    kind: str  # new | news | updated | followed | missing | stale
    department: str  # owner id
    title: str
    url: str
    path: str
    date: str = ""  # ISO


@dataclass
class Coverage:
    total: int = 0  # published source pages
    translated: int = 0  # published translations that are not the template
    fresh: int = 0  # of those, not behind their source

    @property
    def percent(self) -> int:
        return round(100 * self.translated / self.total) if self.total else 100


@dataclass
class Period:
    start: str
    end: str
    owner: str | None
    items: list[Item] = field(default_factory=list)
    coverage: dict[str, dict[str, dict[str, Coverage]]] = field(default_factory=dict)
    # department -> language -> {"start": Coverage, "end": Coverage}


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PeriodError(
            f"`{value}`: ngày viết dạng năm-tháng-ngày / a date is written year-month-day, "
            "e.g. 2026-01-31"
        ) from None


def _snapshot(root: Path, rev: str | None, folder: str) -> dict[str, Snap]:
    """Every Markdown file under `folder` at commit `rev` (none before the first commit)."""
    if rev is None:
        return {}
    listing = git(root, "-c", "core.quotepath=off", "ls-tree", "-r", rev, "--", folder) or ""
    wanted = {}
    for line in listing.splitlines():
        info, _, path = line.partition("\t")
        parts = info.split()
        if path.endswith(".md") and len(parts) == 3 and parts[1] == "blob":
            wanted[parts[2]] = path
    result = subprocess.run(
        ["git", "cat-file", "--batch"],
        cwd=root,
        input="".join(f"{sha}\n" for sha in wanted).encode(),
        capture_output=True,
        check=False,
    )
    data, at, snaps = result.stdout, 0, {}
    while at < len(data):
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) < 3:
            continue
        size = int(header[2])
        text = data[at : at + size].decode("utf-8", "replace").removeprefix("\ufeff")
        at += size + 1
        snaps[wanted[header[0].decode()]] = _read(text.replace("\r\n", "\n"))
    return snaps


def _read(text: str) -> Snap:
    match = FRONT_MATTER.match(text)
    meta: Any = None
    if match:
        try:
            meta = yaml.load(match.group(1), Loader=LOADER)
        except yaml.YAMLError:
            meta = None
    return Snap(meta if isinstance(meta, dict) else {}, bool(find_placeholders(text)))


def _rev_before(root: Path, day: dt.date) -> str | None:
    """The last commit made before `day` began (author dates, as the "Updated" dates)."""
    out = git(root, "log", "--format=%H %ad", "--date=short", "HEAD") or ""
    for line in out.splitlines():
        sha, _, date = line.partition(" ")
        if date < day.isoformat():
            return sha
    return None


@dataclass
class _Span:
    """The period's two snapshots and the histories that judge them."""

    tree: ContentTree
    folder: str
    first: str  # ISO days
    last: str
    before: dict[str, Snap]
    after: dict[str, Snap]
    history: History  # every language, up to the end
    at_end: History  # the source language, up to the end
    at_start: History  # the source language, up to the start

    def path(self, code: str, rel: str) -> str:
        return f"{self.folder}/{code}/{rel}"

    def sources(self, snaps: dict[str, Snap]) -> dict[str, Snap]:
        """Published pages of the source language in a snapshot, by path inside the language."""
        prefix = f"{self.folder}/{self.tree.site.default.code}/"
        return {
            p.removeprefix(prefix): s
            for p, s in snaps.items()
            if p.startswith(prefix) and s.published
        }

    def changed_on(self, file: str) -> list[str]:
        """Days in the period of the commits that changed what readers read in `file`."""
        return sorted(
            c.date
            for c in self.history.by_file.get(file, [])
            if not c.editorial and self.first <= c.date <= self.last
        )

    def behind(self, snaps: dict[str, Snap], history: History, code: str, rel: str) -> bool:
        """The translation in `snaps` does not record the source's last change in `history`."""
        recorded = str(snaps[self.path(code, rel)].meta.get("source_commit") or "")
        source = self.path(self.tree.site.default.code, rel)
        if not recorded or not history.known(recorded):
            return True
        return bool(history.changes_since(source, recorded))


def build(tree: ContentTree, start: str, end: str, owner: str | None = None) -> Period:
    site = tree.site
    first, last = _day(start), _day(end)
    if last < first:
        raise PeriodError(f"--to {end} trước / is before --from {start}")
    root = site.root
    folder = site.docs_dir.relative_to(root).as_posix()
    end_rev = _rev_before(root, last + dt.timedelta(days=1))
    if end_rev is None:
        raise PeriodError(f"không có commit nào tới / no commit up to {end}")
    start_rev = _rev_before(root, first)
    source_folder = f"{folder}/{site.default.code}"
    span = _Span(
        tree,
        folder,
        first.isoformat(),
        last.isoformat(),
        _snapshot(root, start_rev, folder),
        _snapshot(root, end_rev, folder),
        History(root, folder, rev=end_rev),
        History(root, source_folder, rev=end_rev),
        History(root, source_folder, rev=start_rev or end_rev),
    )
    period = Period(span.first, span.last, owner)
    sources_start, sources_end = span.sources(span.before), span.sources(span.after)
    # what readers could read: a language in preparation is left out until it is published
    for language in site.public_languages:
        for rel in sorted(set(sources_end) | set(sources_start)):
            source = sources_end.get(rel) or sources_start[rel]
            dept = str(source.meta.get("owner") or "")
            if not owner or dept == owner:
                _page(span, period, language.code, rel, dept, sources_start, sources_end)
    return period


def _page(
    span: _Span,
    period: Period,
    code: str,
    rel: str,
    dept: str,
    sources_start: dict[str, Snap],
    sources_end: dict[str, Snap],
) -> None:
    """What one page in one language adds to the report: an item, and its coverage counts."""
    site = span.tree.site
    default = code == site.default.code
    file = span.path(code, rel)
    now, then = span.after.get(file), span.before.get(file)
    done_now = bool(now and now.published and not now.template and rel in sources_end)
    done_then = bool(then and then.published and not then.template and rel in sources_start)
    coverage = period.coverage.setdefault(dept, {}).setdefault(
        code, {"start": Coverage(), "end": Coverage()}
    )
    for key, snaps, history, sources, done in (
        ("start", span.before, span.at_start, sources_start, done_then),
        ("end", span.after, span.at_end, sources_end, done_now),
    ):
        if rel in sources:
            coverage[key].total += 1
            coverage[key].translated += done
            coverage[key].fresh += done and (default or not span.behind(snaps, history, code, rel))
    source = sources_end.get(rel) or sources_start[rel]
    shown = now if now and now.meta.get("title") else source
    item = Item(
        code,
        "",
        dept,
        str(shown.meta.get("title") or rel),
        names_model.page_url(site, code, rel),
        file,
    )
    days = span.changed_on(file)
    news = site.news_folder
    translation = not default and rel in sources_end
    behind = translation and done_now and span.behind(span.after, span.at_end, code, rel)
    followed = (
        translation
        and done_now
        and done_then
        and not behind
        and then is not None
        and now is not None
        and then.meta.get("source_commit") != now.meta.get("source_commit")
    )
    if done_now and not done_then:
        is_news = rel.startswith(news) and rel != f"{news}index.md"
        dated = DATED.match(rel.removeprefix(news)) if is_news else None
        when = str(now.meta.get("date") or "") if now and is_news else ""
        when = when or (dated.group(1) if dated else "") or (days[0] if days else "")
        period.items.append(replace(item, kind="news" if is_news else "new", date=when[:10]))
    elif followed:  # a translation brought up to date: its source moved, it followed
        day = _stamp_day(span.history, file, span.first)
        period.items.append(replace(item, kind="followed", date=day))
    elif done_now and days:
        period.items.append(replace(item, kind="updated", date=days[-1]))
    if translation and not done_now:
        period.items.append(replace(item, kind="missing"))
    elif behind:
        period.items.append(replace(item, kind="stale"))


def _stamp_day(history: History, file: str, first: str) -> str:
    """The day a translation was last brought up to date (its last commit, editorial included)."""
    dates = [c.date for c in history.by_file.get(file, []) if c.date >= first]
    return dates[0] if dates else ""
