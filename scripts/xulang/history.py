"""Git as the record of translation: which commits changed a source page, and since when."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

EDITORIAL_MARKS = ("[editorial]", "editorial: true", "editorial: yes")


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

    def __init__(self, root: Path, folder: str) -> None:
        self.root = root
        self.folder = folder

    @cached_property
    def available(self) -> bool:
        return git(self.root, "rev-parse", "--verify", "HEAD") is not None

    @cached_property
    def order(self) -> dict[str, int]:
        """Every commit reachable from HEAD, newest first, with its position."""
        out = git(self.root, "rev-list", "HEAD") or ""
        return {sha: i for i, sha in enumerate(out.split())}

    @cached_property
    def by_file(self) -> dict[str, list[Commit]]:
        """path (relative to the repository root) -> commits that changed it, newest first."""
        out = (
            git(
                self.root,
                "log",
                "--no-renames",
                "--date=short",
                "--name-only",
                "--format=%x00%H%x1f%ad%x1f%s%x1f%b%x1e",
                "HEAD",
                "--",
                self.folder,
            )
            or ""
        )
        files: dict[str, list[Commit]] = {}
        for record in out.split("\x00")[1:]:
            head, _, names = record.partition("\x1e")
            sha, date, subject, body = (head.split("\x1f") + ["", "", "", ""])[:4]
            text = f"{subject}\n{body}".lower()
            commit = Commit(sha, date, subject, any(mark in text for mark in EDITORIAL_MARKS))
            for name in names.split():
                files.setdefault(name, []).append(commit)
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
