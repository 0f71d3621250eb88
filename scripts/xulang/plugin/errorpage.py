"""The preview's error page: what stopped a build, said to the editor in the browser.

A failed build of `mkdocs serve` leaves its reasons in two forms: findings (`path:line: CODE
message (hint)`, xulang's own) and anything else (MkDocs' messages, an exception in a page). The
findings come back as Finding objects when the exception carries them (`findings`), and are
otherwise read back from their text: the other languages build in child processes (parallel.py),
which hand back their error as text only. A finding's text is matched against the catalogue's
templates (and printed again to confirm), so it is shown in every language of the catalogue,
its fix apart, with the lines of the file it points at.

The page speaks the configured default language (its `extra.ui` strings) with the catalogue's
other languages beside it: no language is named here.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from xulang import messages
from xulang.findings import Finding
from xulang.site import Language

# `path:line: XL000 …` or `path: XL000 …` (a finding about the whole file)
_FINDING_LINE = re.compile(
    r"^(?P<path>\S[^:]*?)(?::(?P<line>\d+))?: (?P<code>XL\d{3}) (?P<rest>.+)$"
)
# MkDocs names the page it was reading or writing when something failed
_PAGE_ERROR = re.compile(
    r"^Error (?:reading|building) page '(?P<src>[^']+)':\s*(?P<rest>.*)$", re.S
)
# MkDocs' closing words after a failure: they say nothing an editor can act on
_NOISE = re.compile(r"^(Aborted with .*|Aborted)$")

# The keys of `extra.ui` this page reads (mkdocs.yml, every language)
KEYS = ("title", "intro", "fix", "recover", "page_error", "technical")


@dataclass(frozen=True)
class Problem:
    """One reason the build stopped: a finding, or a message with the page it came from."""

    location: str  # `path:line`, `path`, or "" when nothing names a file
    code: str = ""  # XL000, or "" for a message that is not one of ours
    texts: tuple[tuple[str, str, str], ...] = ()  # (language, message, hint) per language
    plain: str = ""  # the message as written, when it is not one of ours
    technical: str = ""  # a traceback, for the web team


@dataclass
class Failure:
    problems: list[Problem] = field(default_factory=list)


# -- reading a failure back ---------------------------------------------------------------------


def catalogue_languages() -> tuple[str, ...]:
    """The languages the finding catalogue is written in, in its order."""
    return tuple(name for name in messages.Text._fields if not name.startswith("hint_"))


def _template_regex(template: str) -> str:
    """A catalogue template as a regex: its fields become named groups (a field met again
    must hold the same text)."""
    parts, seen = [], set()
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is None:
            continue
        if name in seen:
            parts.append(f"(?P={name})")
        else:
            seen.add(name)
            parts.append(f"(?P<{name}>.*?)")
    return "".join(parts)


@cache
def _patterns(code: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each catalogue language's printed form of `code`: with its hint, then without."""
    text = messages.CATALOGUE[code]._asdict()
    out = []
    for lang in catalogue_languages():
        message, hint = text[lang], text[f"hint_{lang}"]
        # with its hint, as one template: a field in both must hold the same text
        forms = [f"{message} ({hint})"] if hint else []
        for form in [*forms, message]:
            try:
                out.append((lang, re.compile(f"^{_template_regex(form)}$", re.S)))
            except re.error:  # a field repeated in a way a regex cannot say: skip that form
                continue
    return tuple(out)


def finding_from_line(line: str) -> Finding | None:
    """The Finding a printed line came from, in whichever language it was printed (checked by
    printing it again: the same line, or nothing)."""
    line = line.strip()
    match = _FINDING_LINE.match(line)
    if match is None or match["code"] not in messages.CATALOGUE:
        return None
    for lang, pattern in _patterns(match["code"]):
        fields = pattern.match(match["rest"])
        if fields is None:
            continue
        path, number = match["path"], int(match["line"] or 0)
        finding = Finding.at(path, number, match["code"], **fields.groupdict())
        if _said(finding, lang) == line:
            return finding
    return None


def _said(finding: Finding, lang: str) -> str | None:
    """The finding printed in `lang`; None when what was read back does not fill that
    language's words (a field only the other language uses)."""
    try:
        return finding.format(lang)
    except (KeyError, IndexError):
        return None


def _key(finding: Finding) -> tuple[str, str, tuple[str | None, ...]]:
    return (
        finding.location,
        finding.code,
        tuple(_said(finding, lang) for lang in catalogue_languages()),
    )


def findings_in(text: str) -> tuple[list[Finding], list[str]]:
    """The findings printed in `text` (each once, though printed in every language), and its
    other lines that look like ours but no longer match the catalogue's words."""
    found: dict[tuple[str, str, tuple[str | None, ...]], Finding] = {}
    rest: list[str] = []
    for line in text.splitlines():
        finding = finding_from_line(line)
        if finding is not None:
            found.setdefault(_key(finding), finding)
        elif _FINDING_LINE.match(line.strip()):
            rest.append(line.strip())
    return list(found.values()), rest


def from_build(error: BaseException, logged: Sequence[str], docs_dir: str) -> Failure:
    """What stopped the build: the exception (and the ones it was raised from) and the errors
    logged while it ran. `docs_dir`: the folder of the pages relative to the project root."""
    findings: list[Finding] = []
    plain: list[Problem] = []
    texts: list[str] = list(logged)
    for seen in chain(error):
        findings.extend(getattr(seen, "findings", None) or [])
        texts.append(str(seen))
    for text in texts:
        found, others = findings_in(text)
        findings.extend(found)
        if found:
            plain.extend(Problem(_location_of(line), plain=line) for line in others)
            continue
        problem = _plain_problem(text.strip(), docs_dir)
        if problem is not None:
            plain.append(problem)
    bug = next((e for e in chain(error) if not _is_mkdocs_error(e)), None)
    if bug is not None:
        plain.append(_bug(bug, docs_dir, texts))
    unique = sorted({_key(f): f for f in findings}.values())
    problems = [problem_of(f) for f in unique] + _dedupe(plain, unique)
    if not problems:
        problems = [Problem("", plain=str(error) or type(error).__name__)]
    return Failure(problems)


def chain(error: BaseException) -> list[BaseException]:
    """The exception and those it was raised from or while handling."""
    out: list[BaseException] = []
    seen: BaseException | None = error
    while seen is not None and seen not in out:
        out.append(seen)
        seen = seen.__cause__ or seen.__context__
    return out


def problem_of(finding: Finding) -> Problem:
    texts = []
    for lang in catalogue_languages():
        if _said(finding, lang) is not None:
            texts.append((lang, finding.message(lang), finding.hint(lang)))
    return Problem(finding.location, finding.code, tuple(texts))


def _is_mkdocs_error(error: BaseException) -> bool:
    from mkdocs.exceptions import MkDocsException

    return isinstance(error, MkDocsException)


def _bug(error: BaseException, docs_dir: str, logged: Iterable[str]) -> Problem:
    """An exception that is not an input problem (a bug, or input no check knows yet): the
    page it happened in, and its traceback for the web team."""
    import traceback

    location = ""
    for text in logged:
        match = _PAGE_ERROR.match(text.strip())
        if match:
            location = f"{docs_dir}/{match['src']}"
    technical = "".join(traceback.format_exception(error))
    return Problem(location, plain=f"{type(error).__name__}: {error}", technical=technical)


def _plain_problem(text: str, docs_dir: str) -> Problem | None:
    if not text or _NOISE.match(text):
        return None
    match = _PAGE_ERROR.match(text)
    if match:
        if not match["rest"].strip():
            return None  # MkDocs' pointer to the page; the reason follows on its own
        return Problem(f"{docs_dir}/{match['src']}", plain=match["rest"].strip())
    return Problem(_location_of(text), plain=text)


def _location_of(text: str) -> str:
    match = re.match(r"^(?P<loc>[\w./-]+\.(?:md|ya?ml|html)(?::\d+)?):", text)
    return match["loc"] if match else ""


def _dedupe(plain: list[Problem], findings: Sequence[Finding]) -> list[Problem]:
    """Each message once; and none that repeats what a finding already says."""
    said = {_said(f, lang) for f in findings for lang in catalogue_languages()}
    out: list[Problem] = []
    for problem in plain:
        if problem.plain in said or any(problem.plain == o.plain for o in out):
            continue
        if problem.technical:  # the same exception, logged as text too: keep the full one
            out = [o for o in out if o.plain not in problem.plain]
        elif any(problem.plain in o.plain for o in out if o.technical):
            continue
        out.append(problem)
    return out


# -- the page -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Voice:
    """One language the page speaks: its tag for `lang=` and its `extra.ui` strings."""

    code: str
    tag: str
    ui: dict[str, str]

    def t(self, key: str) -> str:
        return str(self.ui.get(f"preview.error.{key}", ""))


def voices(languages: Sequence[Language]) -> list[Voice]:
    """The editor's languages: the configured default first, then the finding catalogue's other
    languages that the site declares (the catalogue is what the terminal speaks too)."""
    by_code = {lang.code: lang for lang in languages}
    default = next((lang for lang in languages if lang.default), None)
    order = [default.code] if default else []
    order += [code for code in catalogue_languages() if code not in order and code in by_code]
    return [
        Voice(code, by_code[code].bcp47, {k: str(v) for k, v in _ui(by_code[code]).items()})
        for code in order
    ]


def _ui(language: Language) -> dict[str, Any]:
    return dict(language.extra.get("ui") or {})


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _both(voices: Sequence[Voice], key: str, tag: str = "p", cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "".join(
        f'<{tag} lang="{_e(v.tag)}"{attr}>{_e(v.t(key))}</{tag}>' for v in voices if v.t(key)
    )


def _text_for(problem: Problem, voice: Voice) -> tuple[str, str] | None:
    for lang, message, hint in problem.texts:
        if lang == voice.code:
            return message, hint
    return None


def render(
    failure: Failure, speakers: Sequence[Voice], stylesheet: str, root: Path | None = None
) -> str:
    """The error page as HTML: no script (the server adds its reload script), no inline style.
    `root`: the project, to show the lines a finding points at."""
    # without mkdocs.yml's strings (it could not be read): the catalogue's words alone
    speakers = list(speakers) or [Voice(lang, lang, {}) for lang in catalogue_languages()]
    first = speakers[0]
    title = " / ".join(v.t("title") for v in speakers if v.t("title")) or "Build error"
    items = [_item(problem, speakers, root) for problem in failure.problems]
    return (
        "<!doctype html>\n"
        f'<html lang="{_e(first.tag)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{_e(title)}</title>\n"
        f'<link rel="stylesheet" href="{_e(stylesheet)}">\n</head>\n<body>\n'
        '<main class="xl-error">\n'
        f"<h1>{_both(speakers, 'title', tag='span')}</h1>\n"
        f'<div class="xl-error__intro">{_both(speakers, "intro")}</div>\n'
        f'<ol class="xl-error__list">\n{"".join(items)}</ol>\n'
        f'<div class="xl-error__recover">{_both(speakers, "recover")}</div>\n'
        "</main>\n</body>\n</html>\n"
    )


def _item(problem: Problem, speakers: Sequence[Voice], root: Path | None) -> str:
    head = []
    if problem.location:
        head.append(f'<code class="xl-error__where">{_e(problem.location)}</code>')
    if problem.code:
        head.append(f'<strong class="xl-error__code">{_e(problem.code)}</strong>')
    parts = [f'<p class="xl-error__head">{" ".join(head)}</p>' if head else ""]
    parts.append(excerpt(root, problem.location))
    if problem.texts:
        for voice in speakers:
            said = _text_for(problem, voice)
            if said is None:
                continue
            message, hint = said
            block = f'<p class="xl-error__message">{_e(message)}</p>'
            if hint:
                label = voice.t("fix")
                block += (
                    f'<p class="xl-error__fix"><span class="xl-error__label">{_e(label)}</span> '
                    f"{_e(hint)}</p>"
                )
            parts.append(f'<div class="xl-error__text" lang="{_e(voice.tag)}">{block}</div>')
    else:
        if problem.technical:
            parts.append(_both(speakers, "page_error", cls="xl-error__message"))
        parts.append(f'<pre class="xl-error__plain">{_e(problem.plain)}</pre>')
    if problem.technical:
        summary = " / ".join(v.t("technical") for v in speakers if v.t("technical"))
        parts.append(
            f'<details class="xl-error__technical"><summary>{_e(summary)}</summary>'
            f"<pre>{_e(problem.technical)}</pre></details>"
        )
    return f'<li class="xl-error__item">{"".join(parts)}</li>\n'


def excerpt(root: Path | None, location: str, around: int = 1) -> str:
    """The lines around `path:line` of a file in the project, the line itself marked: what
    the editor looks for in the file."""
    match = re.fullmatch(r"(?P<path>.+):(?P<line>\d+)", location)
    if root is None or match is None or int(match["line"]) < 1:
        return ""
    number, path = int(match["line"]), (root / match["path"]).resolve()
    try:
        if not path.is_relative_to(root.resolve()) or path.stat().st_size > 2_000_000:
            return ""
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    if number > len(lines):
        return ""
    rows = []
    for n in range(max(1, number - around), min(len(lines), number + around) + 1):
        kind = "xl-error__line xl-error__line--here" if n == number else "xl-error__line"
        rows.append(
            f'<span class="{kind}"><span class="xl-error__number">{n}</span>'
            f"{_e(lines[n - 1][:300])}</span>"
        )
    return f'<pre class="xl-error__source">{"".join(rows)}</pre>'


STYLESHEET = """\
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; }
.xl-error { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
.xl-error h1 { font-size: 1.5rem; color: #a4001d; margin: 0 0 1rem; }
.xl-error h1 span + span::before { content: " / "; }
.xl-error h1 span + span { font-weight: normal; }
.xl-error__list { list-style: none; padding: 0; }
.xl-error__item { margin: 0 0 1.25rem; padding: .75rem 1rem; border-left: 4px solid #a4001d;
  background: #fdf3f4; }
.xl-error__where { font-size: 1.05rem; font-weight: bold; }
.xl-error__code { margin-left: .5rem; }
.xl-error__text + .xl-error__text { color: #444; border-top: 1px solid #e7c6cb; margin-top: .5rem; }
.xl-error__label { font-weight: bold; }
.xl-error__plain, .xl-error__technical pre { white-space: pre-wrap; overflow-wrap: anywhere;
  background: #f4f4f4; padding: .5rem; }
.xl-error__source { background: #fff; border: 1px solid #e7c6cb; padding: .25rem 0;
  overflow-x: auto; }
.xl-error__line { display: block; padding: 0 .5rem; white-space: pre; }
.xl-error__line--here { background: #ffe08a; }
.xl-error__number { display: inline-block; min-width: 3ch; margin-right: 1ch; color: #666;
  text-align: right; user-select: none; }
.xl-error__intro p, .xl-error__recover p { margin: .25rem 0; }
.xl-error__intro p + p, .xl-error__recover p + p { color: #444; }
"""
