"""Photos and video under content/assets/: each photo described in every language, each video
with a poster and captions in every language, everything within its size limit."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from pathlib import Path

from xulang.checks.registry import check
from xulang.checks.safety import MAX_FILE_BYTES
from xulang.content import SHARED_FOLDER, ContentTree
from xulang.findings import Finding
from xulang.media import config as media_config
from xulang.media import sidecar
from xulang.media.config import POSTER, RASTER, VIDEO
from xulang.media.images import PhotoError, plan


def _display(tree: ContentTree, path: Path) -> str:
    try:
        return path.relative_to(tree.site.root).as_posix()
    except ValueError:
        return path.as_posix()


def _assets(tree: ContentTree) -> list[Path]:
    folder = tree.site.docs_dir / SHARED_FOLDER
    found = []
    for base, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(base) / f for f in sorted(files) if not f.startswith(".")]
    return found


def _mb(size: float) -> str:
    return f"{size / 1e6:.1f} MB"


@check("media", "XL130", "XL131", "XL132", "XL133", "XL134", "XL135", "XL136", "XL137")
def check_media(tree: ContentTree) -> Iterator[Finding]:
    """A photo under content/assets/ has a description file beside it with `alt` in every
    language; a video has a poster image and captions in every language; both within the size
    limits of `xulang: media:` in mkdocs.yml.

    bad:  ![](../assets/images/mau-son.jpg) with no mau-son.jpg.yml, or `alt: {vi: Đỉnh Mẫu Sơn}`
          without the other languages; clip.mp4 without clip.jpg and clip.en.vtt
    good: mau-son.jpg.yml with `alt:` in vi, en and zh, `credit:` and `licence:`
    """
    settings = media_config.load(tree.site.root)
    files = _assets(tree)
    for path in files:
        suffix = path.suffix.lower()
        if path.is_symlink() or not path.is_file():
            continue  # the `files` check reports links
        display = _display(tree, path)
        size = path.stat().st_size
        # above MAX_FILE_BYTES the `files` check (XL106) refuses the file: one cause, one finding
        if suffix in RASTER and size <= MAX_FILE_BYTES:
            yield from _photo(tree, path, display, size, settings)
        elif suffix in VIDEO:
            yield from _video(tree, path, display, size, settings)
    yield from _described_on_pages(tree)


def _photo(
    tree: ContentTree, path: Path, display: str, size: int, settings: media_config.MediaConfig
) -> Iterator[Finding]:
    if size > settings.max_image_bytes:
        yield Finding.at(display, 1, "XL133", size=_mb(size), limit=_mb(settings.max_image_bytes))
    try:
        plan(path, settings)
    except PhotoError as exc:
        yield Finding.at(display, 1, "XL137", problem=str(exc)[:120])
        return
    note = sidecar.read(path)
    if not note.exists:
        return  # reported where a page uses it (XL130): a logo or icon needs none
    where = _display(tree, note.path)
    if note.problem:
        yield Finding.at(where, note.problem_line, "XL132", problem=note.problem)
        return
    for key in note.unknown:
        yield Finding.at(where, note.line(key), "XL132", problem=f"`{key}`?")
    for lang in tree.site.public_languages:  # in preparation: the default's text meanwhile
        if not note.alt.get(lang.code):
            yield Finding.at(
                where,
                note.line("alt", lang.code),
                "XL131",
                image=path.name,
                lang=lang.name,
                code=lang.code,
            )


def _video(
    tree: ContentTree, path: Path, display: str, size: int, settings: media_config.MediaConfig
) -> Iterator[Finding]:
    if size > settings.max_video_bytes:
        yield Finding.at(display, 1, "XL134", size=_mb(size), limit=_mb(settings.max_video_bytes))
    if not any(path.with_suffix(s).is_file() for s in POSTER):
        poster = path.with_suffix(".jpg").name
        yield Finding.at(display, 1, "XL136", video=path.name, poster=poster)
    for lang in tree.site.public_languages:  # in preparation: the default's text meanwhile
        vtt = path.with_name(f"{path.stem}.{lang.code}.vtt")
        if not vtt.is_file():
            yield Finding.at(display, 1, "XL135", video=path.name, lang=lang.name, vtt=vtt.name)


def _described_on_pages(tree: ContentTree) -> Iterator[Finding]:
    """XL130 once per photo, at the first page line that shows it."""
    seen: set[Path] = set()
    for page in sorted(tree.all_pages(), key=lambda p: p.display):
        if not page.readable:
            continue
        folder = posixpath.dirname(page.rel)
        for element in tree.body(page).of("image"):
            target = element.value.split("#", 1)[0].split("?", 1)[0]
            if not target or "://" in target or target.startswith("/"):
                continue
            rel = posixpath.normpath(posixpath.join(page.lang, folder, target))
            path = tree.site.docs_dir / rel
            if path in seen or path.suffix.lower() not in RASTER or not path.is_file():
                continue
            if not rel.startswith(SHARED_FOLDER + "/"):
                continue
            seen.add(path)
            note = sidecar.sidecar_path(path)
            if not note.exists():
                yield Finding.at(
                    page.display,
                    element.line,
                    "XL130",
                    image=_display(tree, path),
                    sidecar=_display(tree, note),
                )
