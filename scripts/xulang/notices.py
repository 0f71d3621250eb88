"""Notices (data/notices.yml): timely information typed once, read with line numbers and checked.

An editor writes a notice once, with its text in every language, a severity and the hours it
holds; the build shows it on every page and in the feeds (plugin/notices.py), and `xulang check`
and every build report what is wrong with it as `data/notices.yml:line: CODE message (hint)`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from xulang import yamlread
from xulang.findings import Finding

FILE = "notices.yml"
SEVERITIES = ("info", "warning", "danger")
REQUIRED = ("id", "severity", "start", "end", "text")
TEXTS = ("title", "text")  # per-language; `title` may be left out (the severity names it then)
KEYS = ("id", "severity", "start", "end", "title", "text")
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # it becomes an HTML id and a feed entry's address
NULL = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Notice:
    id: str
    severity: str
    start: dt.datetime  # aware: the offset the editor typed
    end: dt.datetime
    text: dict[str, str] = field(compare=False)  # language code -> text
    title: dict[str, str] | None = field(default=None, compare=False)
    line: int = 0

    def over_at(self, moment: dt.datetime) -> bool:
        """Its end has passed at `moment` (a notice that is over is not built at all)."""
        return self.end <= moment


# the languages a text may be written in, and those it must be written in
Languages = tuple[Sequence[str], Sequence[str]]


def load(
    data_dir: Path, root: Path, languages: Sequence[str], required: Sequence[str] | None = None
) -> tuple[list[Notice], list[Finding]]:
    """The notices of data/notices.yml (none when the file is absent) and what is wrong with
    them. A text may be given in any of `languages` and must be in each of `required` (all of
    them by default; a language in preparation may go without: it shows the default's text).
    A file that is not UTF-8 or not YAML gives nothing here: the data loader reports it
    (XL001, XL020) for every data file alike."""
    path = data_dir / FILE
    if not path.is_file():
        return [], []
    display = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        text = path.read_bytes().decode("utf-8").lstrip("\ufeff")
        node = yamlread.compose(text)
    except (UnicodeDecodeError, yaml.YAMLError):
        return [], []
    return parse(node, display, languages, required)


def parse(
    node: yaml.Node | None,
    display: str,
    languages: Sequence[str],
    required: Sequence[str] | None = None,
) -> tuple[list[Notice], list[Finding]]:
    """Notices from the file's YAML node; an entry with any finding is left out."""
    findings: list[Finding] = []
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == NULL):
        return [], []  # an empty file: no notice
    if not isinstance(node, yaml.SequenceNode):
        return [], [Finding.at(display, _line(node), "XL140")]
    notices: list[Notice] = []
    seen: dict[str, int] = {}  # id -> line of the notice that has it
    for item in node.value:
        found: list[Finding] = []
        notice = _notice(
            item, display, (languages, languages if required is None else required), found
        )
        ident, line = _id_of(item), _line(item)
        if ident is not None and ident in seen:
            found.append(Finding.at(display, line, "XL142", id=ident, other=seen[ident]))
        elif ident is not None:
            seen[ident] = line
        findings += found
        if notice is not None and not found:
            notices.append(notice)
    return notices, findings


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _id_of(item: yaml.Node) -> str | None:
    if isinstance(item, yaml.MappingNode):
        for key, value in item.value:
            if key.value == "id":
                return _scalar(value)
    return None


def _scalar(node: yaml.Node) -> str | None:
    """A scalar's text as typed (None for a list, a mapping, or an empty value)."""
    if isinstance(node, yaml.ScalarNode) and node.tag != NULL:
        return str(node.value)
    return None


def _notice(
    item: yaml.Node, display: str, languages: Languages, out: list[Finding]
) -> Notice | None:
    if not isinstance(item, yaml.MappingNode):
        out.append(Finding.at(display, _line(item), "XL140"))
        return None
    line = _line(item)
    fields: dict[str, yaml.Node] = {}
    lines: dict[str, int] = {}  # where each key is written: a finding about its value points there
    for key_node, value in item.value:
        key = str(key_node.value)
        if key not in KEYS:
            out.append(
                Finding.at(display, _line(key_node), "XL148", key=key, allowed=", ".join(KEYS))
            )
            continue
        fields[key], lines[key] = value, _line(key_node)
    for key in REQUIRED:
        node = fields.get(key)
        empty = node is None or (_scalar(node) is None if key not in TEXTS else node.tag == NULL)
        if empty:
            out.append(Finding.at(display, lines.get(key, line), "XL146", key=key))
    ident = _scalar(fields["id"]) if "id" in fields else None
    if ident is not None and not ID.match(ident):
        out.append(Finding.at(display, lines["id"], "XL141", id=ident))
    severity = _scalar(fields["severity"]) if "severity" in fields else None
    if severity is not None and severity not in SEVERITIES:
        out.append(Finding.at(display, lines["severity"], "XL145", value=severity))
    start = _time(fields.get("start"), "start", lines.get("start", line), display, out)
    end = _time(fields.get("end"), "end", lines.get("end", line), display, out)
    if start is not None and end is not None and end <= start:
        out.append(
            Finding.at(display, lines["end"], "XL144", start=start.isoformat(), end=end.isoformat())
        )
    texts = {
        key: _texts(fields[key], key, lines[key], display, languages, out)
        for key in TEXTS
        if key in fields and fields[key].tag != NULL
    }
    if out or ident is None or severity is None or start is None or end is None:
        return None
    return Notice(ident, severity, start, end, texts.get("text") or {}, texts.get("title"), line)


def _time(
    node: yaml.Node | None, key: str, at: int, display: str, out: list[Finding]
) -> dt.datetime | None:
    """An ISO 8601 time with its offset (2027-02-05T07:00:00+07:00). A date alone, or a time
    without offset, is refused: a reader in Pingxiang and one in Hanoi read it an hour apart."""
    if node is None:
        return None
    value = _scalar(node)
    if value is None:
        return None  # reported as missing (XL146)
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        out.append(Finding.at(display, at, "XL143", key=key, value=value))
        return None
    return moment


def _texts(
    node: yaml.Node, key: str, at: int, display: str, both: Languages, out: list[Finding]
) -> dict[str, str]:
    """A text in every required language (`vi: …`, `en: …`): each missing one is a finding."""
    languages, required = both
    if not isinstance(node, yaml.MappingNode):
        out += [Finding.at(display, at, "XL147", key=key, lang=lang) for lang in required]
        return {}
    texts: dict[str, str] = {}
    written: dict[str, int] = {}  # a language typed with no text: the finding points at its line
    for key_node, value in node.value:
        lang = str(key_node.value)
        if lang not in languages:
            out.append(
                Finding.at(
                    display,
                    _line(key_node),
                    "XL148",
                    key=f"{key}.{lang}",
                    allowed=", ".join(languages),
                )
            )
            continue
        written[lang] = _line(key_node)
        text = _scalar(value)
        if text is not None and text.strip():
            texts[lang] = text.strip()
    out += [
        Finding.at(display, written.get(lang, at), "XL147", key=key, lang=lang)
        for lang in required
        if lang not in texts
    ]
    return texts


def still_to_come(notices: Iterable[Notice], moment: dt.datetime) -> list[Notice]:
    """The notices a build made at `moment` shows: not over yet, the most urgent first (danger,
    warning, info), then by start time."""
    rank = {severity: n for n, severity in enumerate(reversed(SEVERITIES))}
    shown = (n for n in notices if not n.over_at(moment))
    return sorted(shown, key=lambda n: (rank[n.severity], n.start, n.id))
