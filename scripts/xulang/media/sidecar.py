"""The text typed once with a media file: `photo.jpg.yml` beside `photo.jpg`.

    alt:      {vi: …, en: …, zh: …}   what the photo shows, for readers who cannot see it (required)
    caption:  {vi: …, en: …, zh: …}   shown under the photo (optional)
    credit:   Trung tâm Thông tin tỉnh Lạng Sơn   who took it (shown in every language)
    licence:  CC BY 4.0                            on what terms it may be reused
    keep_original: true                            publish the original file too (default: no)
    language: vi                                   an attachment's language (a PDF)

The language keys are the codes configured in mkdocs.yml; nothing here knows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from xulang import yamlread
from xulang.media.config import SIDECAR

PER_LANGUAGE = ("alt", "caption")
SHARED = ("credit", "licence", "keep_original", "language")
KEYS = (*PER_LANGUAGE, *SHARED)


@dataclass(frozen=True)
class Sidecar:
    path: Path
    exists: bool
    alt: dict[str, str] = field(default_factory=dict)
    caption: dict[str, str] = field(default_factory=dict)
    credit: str = ""
    licence: str = ""
    keep_original: bool = False
    language: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # "alt", "alt.en" -> file line
    problem: str = ""  # why the file could not be read (YAML error, wrong shape)
    problem_line: int = 1
    unknown: tuple[str, ...] = ()  # keys that mean nothing here (a typo: `capton`)

    def line(self, key: str, lang: str | None = None) -> int:
        """The line of `key.lang`, else of `key`, else 1: where an editor fixes it."""
        return self.lines.get(f"{key}.{lang}") or self.lines.get(key) or 1


def sidecar_path(media: Path) -> Path:
    return media.with_name(media.name + SIDECAR)


def is_sidecar(path: Path) -> bool:
    """`photo.jpg.yml`: a sidecar of a file that sits beside it (or would)."""
    return path.name.endswith(SIDECAR) and "." in path.name[: -len(SIDECAR)]


_CACHE: dict[tuple[str, int, int], Sidecar] = {}


def read(media: Path) -> Sidecar:
    """The sidecar of `media` (an empty one when there is none); never raises."""
    path = sidecar_path(media)
    try:
        stat = path.stat()
    except OSError:
        return Sidecar(path, exists=False)
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _CACHE:
        _CACHE[key] = _parse(path)
    return _CACHE[key]


def _parse(path: Path) -> Sidecar:
    try:
        text = path.read_bytes().decode("utf-8").lstrip("\ufeff")
        node = yamlread.compose(text)
    except UnicodeDecodeError:
        return Sidecar(path, exists=True, problem="not UTF-8")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = str(getattr(exc, "problem", None) or exc).splitlines()[0]
        return Sidecar(path, True, problem=problem, problem_line=mark.line + 1 if mark else 1)
    if node is None:
        return Sidecar(path, exists=True)
    if not isinstance(node, yaml.MappingNode):
        return Sidecar(path, True, problem="expected `key: value` lines")
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    unknown = []
    for key_node, value_node in node.value:
        key = str(key_node.value)
        lines[key] = key_node.start_mark.line + 1
        if key not in KEYS:
            unknown.append(key)
            continue
        if key in PER_LANGUAGE:
            texts: dict[str, str] = {}
            if isinstance(value_node, yaml.MappingNode):
                for lang_node, text_node in value_node.value:
                    lang = str(lang_node.value)
                    lines[f"{key}.{lang}"] = lang_node.start_mark.line + 1
                    value = text_node.value if isinstance(text_node, yaml.ScalarNode) else ""
                    texts[lang] = str(value or "").strip()
            values[key] = texts
        elif isinstance(value_node, yaml.ScalarNode):
            values[key] = yaml.safe_load(yaml.serialize(value_node))
    return Sidecar(
        path,
        exists=True,
        alt=values.get("alt") or {},
        caption=values.get("caption") or {},
        credit=str(values.get("credit") or "").strip(),
        licence=str(values.get("licence") or "").strip(),
        keep_original=values.get("keep_original") is True,
        language=str(values.get("language") or "").strip(),
        lines=lines,
        unknown=tuple(unknown),
    )
