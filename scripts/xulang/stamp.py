"""Record in a translation's front matter the source commit it now matches (`source_commit`)."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from xulang.content import FRONT_MATTER, ContentTree, Page
from xulang.history import History, git


class StampError(Exception):
    pass


def stamp(tree: ContentTree, history: History, page: Page) -> str:
    """Write `source_commit: <sha>` into the page's front matter; returns the sha."""
    source = tree.source_of(page)
    if source is None:
        raise StampError(
            f"{page.display}: không phải bản dịch có bản gốc / not a translation with a source"
        )
    if history.dirty(source.display):
        raise StampError(
            f"{source.display}: bản gốc có thay đổi chưa commit; commit trước / "
            "the source has uncommitted changes; commit it first"
        )
    latest = history.latest(source.display)
    if latest is None:
        raise StampError(
            f"{source.display}: bản gốc chưa được commit / the source is not committed yet"
        )
    # read_text turns CRLF into LF, and the BOM goes too: the stamped file is saved the plain way
    text = page.path.read_text(encoding="utf-8").removeprefix("\ufeff")
    match = FRONT_MATTER.match(text)
    if match is None:
        raise StampError(f"{page.display}: không có phần đầu trang dạng --- / no --- front matter")
    head = match.group(1)
    line = f"source_commit: {latest.sha}\n"
    if re.search(r"^source_commit:.*$", head, re.M):
        head = re.sub(r"^source_commit:.*\n", line, head, count=1, flags=re.M)
    else:
        head += line
    new = text[: match.start(1)] + head + text[match.end(1) :]
    _replace(page.path, new)
    return latest.sha


def _replace(path: Path, text: str) -> None:
    """Write beside the file, then rename over it: the editor's file is never half-written."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".stamp-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, path.stat().st_mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


STAMP_MESSAGE = "[editorial] source_commit stamped (xulang stamp): "


def not_committed(history: History, pages: list[Page]) -> list[Page]:
    """Translations with changes not committed yet: a stamp commit is editorial, and must never
    carry a change of wording with it."""
    return [page for page in pages if history.dirty(page.display)]


def commit(root: Path, pages: list[Page]) -> str | None:
    """Commit the stamped translations, and nothing else, as an editorial commit; returns the
    new commit's short id, or None when git refused (its message is on stderr)."""
    import subprocess

    paths = [page.display for page in pages]
    result = subprocess.run(
        ["git", "commit", "-q", "-m", STAMP_MESSAGE + ", ".join(paths), "--", *paths],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        import sys

        sys.stderr.write(result.stdout + result.stderr)
        return None
    return (git(root, "rev-parse", "--short=10", "HEAD") or "").strip()
