"""Git as the record of translation: which commits changed a source page, and since when."""

from __future__ import annotations

import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

EDITORIAL_MARKS = ("[editorial]", "editorial: true", "editorial: yes")

# A commit's history never changes: what was read for one (root, folder, commit) is kept for the
# next read in the same process (the preview reads it on every rebuild; it changes on a commit)
_READ: dict[tuple[str, str, str, str], object] = {}
_KEPT = 16


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # YYYY-MM-DD
    subject: str
    editorial: bool  # marked as not changing meaning: translations need not follow


def git(root: Path, *args: str) -> str | None:
    """Output of a git command in `root`, or None when git or the repository is not there."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8", check=False
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


class History:
    """Commits that touched each file under one folder, read with a single `git log`."""

    def __init__(self, root: Path, folder: str, rev: str = "HEAD") -> None:
        self.root = root
        self.folder = folder
        self.rev = rev  # the history as it stood at this commit (HEAD: now)

    @cached_property
    def commit(self) -> str | None:
        """The full hash `rev` names now (None: no repository, or no such commit)."""
        out = git(self.root, "rev-parse", "--verify", "--quiet", f"{self.rev}^{{commit}}")
        return out.strip() if out else None

    @cached_property
    def available(self) -> bool:
        return self.commit is not None

    def _kept(self, what: str, read: Callable[[], Any]) -> Any:
        """`read()` once per commit: the history of a commit is what it was."""
        if self.commit is None:
            return read()
        key = (str(self.root), self.folder, self.commit, what)
        if key not in _READ:
            if len(_READ) >= _KEPT:
                del _READ[next(iter(_READ))]
            _READ[key] = read()
        return _READ[key]

    @cached_property
    def order(self) -> dict[str, int]:
        """Every commit reachable from HEAD, newest first, with its position."""
        kept: dict[str, int] = self._kept("order", self._read_order)
        return kept

    def _read_order(self) -> dict[str, int]:
        out = git(self.root, "rev-list", self.commit or self.rev) or ""
        return {sha: i for i, sha in enumerate(out.split())}

    @cached_property
    def by_file(self) -> dict[str, list[Commit]]:
        """path (relative to the repository root) -> commits that changed it, newest first.

        A commit that changed a file's line endings, Unicode form or whitespace only (a Windows
        re-save, a macOS paste) is marked editorial for that file: no word changed, so readers
        see no new date and translations do not fall behind."""
        kept: dict[str, list[Commit]] = self._kept("by_file", self._read_by_file)
        return kept

    def _read_by_file(self) -> dict[str, list[Commit]]:
        out = (
            git(
                self.root,
                "-c",
                "core.quotepath=off",
                "log",
                "--no-renames",
                "--date=short",
                "--raw",
                "--no-abbrev",
                # numstat under these options leaves out files whose change is whitespace only
                "--numstat",
                "--ignore-all-space",
                "--ignore-cr-at-eol",
                "--ignore-blank-lines",
                "--format=%x00%H%x1f%ad%x1f%s%x1f%b%x1e",
                self.commit or self.rev,
                "--",
                self.folder,
            )
            or ""
        )
        records: list[tuple[Commit, list[tuple[str, str, str]], dict[str, tuple[str, str]]]] = []
        for record in out.split("\x00")[1:]:
            head, _, names = record.partition("\x1e")
            sha, date, subject, body = (head.split("\x1f") + ["", "", "", ""])[:4]
            text = f"{subject}\n{body}".lower()
            commit = Commit(sha, date, subject, any(mark in text for mark in EDITORIAL_MARKS))
            raw: list[tuple[str, str, str]] = []  # (path, old blob, new blob)
            counted: dict[str, tuple[str, str]] = {}  # path -> (lines added, lines deleted)
            for line in names.split("\n"):
                if line.startswith(":"):
                    fields, _, path = line.partition("\t")
                    parts = fields.split()
                    raw.append((path, parts[2], parts[3]) if parts[4] == "M" else (path, "", ""))
                elif line.count("\t") >= 2:
                    added, deleted, path = line.split("\t", 2)
                    counted[path] = (added, deleted)
            records.append((commit, raw, counted))
        cosmetic = _cosmetic_changes(self.root, records)
        files: dict[str, list[Commit]] = {}
        for commit, raw, _ in records:
            for path, old, new in raw:
                if not commit.editorial and (old, new) in cosmetic:
                    files.setdefault(path, []).append(replace(commit, editorial=True))
                else:
                    files.setdefault(path, []).append(commit)
        return files

    def latest(self, path: str) -> Commit | None:
        commits = self.by_file.get(path)
        return commits[0] if commits else None

    def known(self, sha: str) -> bool:
        return (
            any(full.startswith(sha) for full in self.order) if len(sha) < 40 else sha in self.order
        )

    def changes_since(self, path: str, sha: str) -> list[Commit]:
        """Commits to `path` that came after `sha`, newest first, editorial ones left out."""
        full = next((s for s in self.order if s.startswith(sha)), None)
        if full is None:
            return []
        limit = self.order[full]
        return [
            c
            for c in self.by_file.get(path, [])
            if self.order.get(c.sha, limit) < limit and not c.editorial
        ]

    def dirty(self, path: str) -> bool:
        return bool(git(self.root, "status", "--porcelain", "--", path))

    @cached_property
    def uncommitted(self) -> frozenset[str]:
        """Files under the folder with changes not committed yet (staged, unstaged or new)."""
        out = git(
            self.root, "status", "--porcelain", "-z", "--untracked-files=all", "--", self.folder
        )
        entries = (out or "").split("\x00")
        return frozenset(entry[3:] for entry in entries if len(entry) > 3)


def meaning(data: bytes) -> bytes:
    """What a reader reads in a file: its text without BOM, in NFC, with no whitespace at all.
    Two versions with the same meaning differ only in how an editor's machine saved them."""
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        return data
    return "".join(unicodedata.normalize("NFC", text).split()).encode("utf-8")


def _cosmetic_changes(
    root: Path,
    records: list[tuple[Commit, list[tuple[str, str, str]], dict[str, tuple[str, str]]]],
) -> set[tuple[str, str]]:
    """(old blob, new blob) pairs of modified files whose change is not one a reader can see."""
    found: set[tuple[str, str]] = set()
    suspects: set[tuple[str, str]] = set()
    for commit, raw, counted in records:
        if commit.editorial:
            continue
        for path, old, new in raw:
            if not old:
                continue  # added or deleted: always a change
            if path not in counted:
                found.add((old, new))  # whitespace and line endings only (git said so)
            else:
                suspects.add((old, new))  # maybe NFC or a BOM only: compared below
    if suspects:
        blobs = _blobs(root, {sha for pair in suspects for sha in pair})
        found |= {
            (old, new)
            for old, new in suspects
            if old in blobs and new in blobs and meaning(blobs[old]) == meaning(blobs[new])
        }
    return found


def _blobs(root: Path, shas: set[str]) -> dict[str, bytes]:
    """The contents of many blobs with one `git cat-file --batch`."""
    try:
        result = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=root,
            input="".join(f"{sha}\n" for sha in sorted(shas)).encode(),
            capture_output=True,
            check=False,
        )
    except OSError:
        return {}
    data, at, blobs = result.stdout, 0, {}
    while at < len(data):
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue  # "<sha> missing"
        size = int(header[2])
        blobs[header[0].decode()] = data[at : at + size]
        at += size + 1
    return blobs
