"""`xulang fix`: the repairs that need no judgement, planned first, shown as a diff, then written.

Mechanical means: the same input always gets the same repair, and nothing an editor wrote on
purpose changes. Text: NFC, no byte-order mark, LF line endings, no zero-width or control
characters, a forbidden glossary variant replaced by the one approved form. Names: a file whose
name has diacritics or spaces is renamed (in every language) and every link to it follows, as does
its `nav:` entry in mkdocs.yml. A file that cannot be decoded is reported and left as it is.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from xulang import charsets
from xulang.checks.hygiene import INVISIBLE
from xulang.content import ContentTree
from xulang.filenames import proper_name
from xulang.site import Site

BOM = b"\xef\xbb\xbf"
# Invisible characters and C0 controls other than tab and newline (CR is handled as a line ending).
STRAY = re.compile("[" + "".join(INVISIBLE) + "\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A Markdown link or image: `[text](target "title")` or `[text](<target with spaces>)`.
LINK = re.compile(r"(\]\(\s*)(<[^>\n]+>|[^)\s]+)")


@dataclass
class Change:
    """One file's repair: its text before and after (both empty for a file that is only
    renamed: an image, say), where it goes, and why."""

    path: Path  # where it is now
    target: Path  # where it will be (== path unless renamed)
    old: str
    new: str
    reasons: list[str] = field(default_factory=list)


@dataclass
class Plan:
    changes: dict[Path, Change] = field(default_factory=dict)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    refused: list[tuple[str, str]] = field(default_factory=list)  # renames that would collide

    @property
    def empty(self) -> bool:
        return not any(c.reasons or c.path != c.target for c in self.changes.values())


def decode(raw: bytes) -> str | None:
    """The file's text with a leading BOM dropped, or None when it is not UTF-8."""
    if charsets.utf16(raw):
        return None
    try:
        return raw.removeprefix(BOM).decode("utf-8")
    except UnicodeDecodeError:
        return None


def clean_text(text: str) -> tuple[str, list[str]]:
    """Line endings, Unicode form and invisible characters; returns the text and what changed."""
    reasons = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        reasons.append("CRLF → LF")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        reasons.append("NFC")
    if STRAY.search(text):
        text = STRAY.sub("", text)
        reasons.append("ký tự ẩn / invisible characters")
    return text, reasons


def replacements(glossary: dict[str, Any], lang: str) -> dict[str, str]:
    """Each forbidden variant of `lang` and the one approved form that replaces it: the same
    choice as the finding's (XL061), so the fix is the one the checker proposes."""
    from xulang.checks.terms import single_replacements

    entries = {cid: e for cid, e in glossary.items() if isinstance(e, dict)}
    return {bad: good for (code, bad), good in single_replacements(entries).items() if code == lang}


def replace_variants(text: str, table: dict[str, str]) -> tuple[str, list[str]]:
    if not table:
        return text, []
    pattern = re.compile("|".join(re.escape(b) for b in sorted(table, key=len, reverse=True)))
    seen: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        seen[match.group()] = table[match.group()]
        return table[match.group()]

    text = pattern.sub(swap, text)
    return text, [f"{bad} → {good}" for bad, good in sorted(seen.items())]


def _rename_map(site: Site, files: Iterable[Path]) -> dict[str, str]:
    """content-relative path → new content-relative path, for names with diacritics or spaces;
    a page's translations (same path in every language) are renamed with it."""
    docs = site.docs_dir
    moved: dict[str, str] = {}
    for path in files:
        parts = path.relative_to(docs).parts
        renamed = [
            part if _good_name(part) else proper_name(part, is_dir=i < len(parts) - 1)
            for i, part in enumerate(parts)
        ]
        if list(parts) == renamed:
            continue
        family = [parts] if parts[0] not in site.codes else [(c, *parts[1:]) for c in site.codes]
        for member in family:
            if (docs.joinpath(*member)).is_file():
                moved["/".join(member)] = "/".join([member[0], *renamed[1:]])
    return moved


def _inner(site: Site, rel: str) -> str:
    """A content-relative path without its language folder: what a page's languages share."""
    first, _, rest = rel.partition("/")
    return rest if first in site.codes else rel


def _good_name(name: str) -> bool:
    return name.isascii() and not re.search(r"\s", name)


def _relink(text: str, here: str, moved: dict[str, str]) -> tuple[str, list[str]]:
    """Links in the file at content-relative `here` that lead to a moved file, pointed at its
    new name; the link keeps its own form (relative steps, anchor, query, brackets)."""
    if not moved or "](" not in text:
        return text, []
    base = posixpath.dirname(here)
    seen: list[str] = []

    def fix(match: re.Match[str]) -> str:
        raw = match.group(2)
        bracketed = raw.startswith("<")
        target = raw[1:-1] if bracketed else raw
        path, rest = re.match(r"([^#?]*)(.*)", target, re.S).groups()  # type: ignore[union-attr]
        if not path or ":" in path or path.startswith("/"):
            return match.group()  # another site, mailto:, tel:, or an absolute address
        old = posixpath.normpath(posixpath.join(base, unquote(path)))
        new = moved.get(old)
        if new is None:
            return match.group()
        steps = path.split("/")
        names = 0  # the link's last steps that are names, not `.` or `..`
        while names < len(steps) and steps[-1 - names] not in (".", "..", ""):
            names += 1
        tail = new.split("/")[-names:] if names else []
        old_tail = old.split("/")[-names:] if names else []
        written = steps[: len(steps) - names] + [
            step if before == after else after
            for step, before, after in zip(steps[len(steps) - names :], old_tail, tail, strict=True)
        ]
        link = "/".join(written) + rest
        seen.append(f"{target} → {link}")
        # brackets were there for the spaces; the new name has none
        return match.group(1) + (f"<{link}>" if bracketed and " " in link else link)

    text = LINK.sub(fix, text)
    return text, [f"liên kết / link {s}" for s in seen]


def _nav(site: Site, moved: dict[str, str]) -> tuple[str, str] | None:
    """mkdocs.yml with `nav:` entries of renamed pages changed (entries name the path inside a
    language folder); None when nothing there names them."""
    config = site.root / "mkdocs.yml"
    old = config.read_text(encoding="utf-8")
    new = old
    inner = {
        o.split("/", 1)[1]: n.split("/", 1)[1]
        for o, n in moved.items()
        if o.split("/")[0] in site.codes
    }
    for before, after in sorted(inner.items(), key=lambda kv: -len(kv[0])):
        # `- path`, `- Title: path`, quoted or not, with or without a comment after it
        entry = re.compile(
            r"(?m)(^\s*-\s+(?:[^\n:]+:\s+)?['\"]?)" + re.escape(before) + r"(['\"]?\s*(?:#.*)?$)"
        )
        new = entry.sub(rf"\g<1>{after}\g<2>", new)
    return (old, new) if new != old else None


def plan(tree: ContentTree, paths: Sequence[Path] = ()) -> Plan:
    """Every repair, computed without writing anything."""
    site = tree.site
    docs = site.docs_dir
    everything = sorted(
        p
        for p in docs.rglob("*")
        if p.is_file()
        and not p.is_symlink()
        and not any(part.startswith(".") for part in p.relative_to(docs).parts)
    )
    wanted = [p for p in everything if _within(p, paths)] if paths else everything
    result = Plan()
    texts: dict[Path, str] = {}
    raws: dict[Path, bytes] = {}
    for path in everything:
        if path.suffix != ".md":
            continue
        raw = path.read_bytes()
        text = decode(raw)
        if text is None:
            if path in wanted:
                problem = f"không phải UTF-8 (có thể là {charsets.guess(raw)}) / not UTF-8"
                result.unreadable.append((_display(site, path), problem))
            continue
        texts[path], raws[path] = text, raw
    # a file that cannot be read keeps its name: renaming it would leave links to it broken
    renamable = [p for p in wanted if p.suffix != ".md" or p in texts]
    moved = _rename_map(site, renamable)
    targets = list(moved.values())
    clashes = {old for old, new in moved.items() if (docs / new).exists() or targets.count(new) > 1}
    # a page keeps one name in every language: when one of them cannot move, none does
    held = {_inner(site, old) for old in clashes}
    for old, new in list(moved.items()):
        if _inner(site, old) in held:
            if old in clashes:
                result.refused.append(
                    (f"{docs.name}/{old}", f"{docs.name}/{new} đã có / already exists")
                )
            del moved[old]
    glossary = tree.data.get("glossary") or {}
    tables = {code: replacements(glossary, code) for code in site.codes}
    for path, text in texts.items():
        rel = path.relative_to(docs).as_posix()
        lang = rel.split("/", 1)[0]
        reasons: list[str] = []
        fixed = text
        if path in wanted:
            if raws[path].startswith(BOM):
                reasons.append("BOM")
            fixed, why = clean_text(fixed)
            reasons += why
            fixed, why = replace_variants(fixed, tables.get(lang, {}))
            reasons += why
        fixed, why = _relink(fixed, rel, moved)
        reasons += why
        target = docs / moved.get(rel, rel)
        if reasons or target != path:
            result.changes[path] = Change(path, target, text, fixed, reasons)
    for old, new in moved.items():
        path = docs / old
        if path not in result.changes:
            result.changes[path] = Change(path, docs / new, "", "", [])
    nav = _nav(site, moved)
    if nav:
        config = site.root / "mkdocs.yml"
        result.changes[config] = Change(config, config, nav[0], nav[1], ["nav"])
    return result


def _within(path: Path, roots: Sequence[Path]) -> bool:
    full = path.resolve()
    return any(full == r.resolve() or r.resolve() in full.parents for r in roots)


def _display(site: Site, path: Path) -> str:
    try:
        return path.relative_to(site.root).as_posix()
    except ValueError:
        return path.as_posix()


def diff(plan: Plan, site: Site) -> str:
    """The plan as a unified diff (git's a/ b/ headers), renames announced before their diff."""
    out: list[str] = []
    for change in sorted(plan.changes.values(), key=lambda c: c.path):
        before, after = _display(site, change.path), _display(site, change.target)
        if before != after:
            out.append(f"rename {before} → {after}\n")
        if change.reasons:
            out.append(f"# {after}: {', '.join(change.reasons)}\n")
        lines = difflib.unified_diff(
            change.old.splitlines(keepends=True),
            change.new.splitlines(keepends=True),
            f"a/{before}",
            f"b/{after}",
        )
        out += [
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in lines
        ]
        if change.old == change.new and "BOM" in change.reasons:
            out.append("  (chỉ bỏ BOM / only the byte-order mark goes)\n")
    return "".join(out)


def write(plan: Plan) -> list[Path]:
    """Write the plan: every new file is first written beside its target, then all are moved
    into place, so a failure leaves no file half-written; old names are removed last."""
    staged: list[tuple[Path, Path]] = []  # (temporary file, final path)
    try:
        for change in plan.changes.values():
            if change.path == change.target and not change.reasons:
                continue
            change.target.parent.mkdir(parents=True, exist_ok=True)
            if change.path.suffix == ".md" or change.path.name == "mkdocs.yml":
                data = change.new.encode("utf-8") if change.reasons else change.path.read_bytes()
            else:
                data = change.path.read_bytes()
            fd, name = tempfile.mkstemp(dir=change.target.parent, prefix=".fix-")
            staged.append((Path(name), change.target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(name, change.path.stat().st_mode)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in staged:
        os.replace(tmp, final)
    for change in plan.changes.values():
        if change.path != change.target:
            change.path.unlink()
            _prune(change.path.parent, change.target)
    return [final for _, final in staged]


def _prune(folder: Path, keep: Path) -> None:
    """Remove folders a rename left empty, up to (never including) a folder that holds `keep`."""
    while folder not in keep.parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def run(root: Path, paths: Sequence[Path], apply: bool) -> int:
    """`xulang fix`: 0 nothing to fix (or all written), 1 repairs shown, 2 a file unreadable."""
    import sys

    from xulang.site import load_site

    site = load_site(root)
    tree = ContentTree.load(site)
    result = plan(tree, [p if p.is_absolute() else root / p for p in paths])
    for where, why in result.unreadable:
        print(f"{where}: {why}; không sửa / left untouched", file=sys.stderr)
    for old, why in result.refused:
        print(f"{old}: không đổi tên / not renamed: {why}", file=sys.stderr)
    bad = 2 if result.unreadable or result.refused else 0
    if result.empty:
        return bad
    if not apply:
        sys.stdout.write(diff(result, site))
        print("Ghi các sửa đổi: xulang fix --write / write these repairs: xulang fix --write")
        return bad or 1
    for path in write(result):
        print(f"{_display(site, path)}: đã sửa / fixed")
    return bad
