"""Render facts from data/ into a page's Markdown with Jinja2, in the page's language."""

from __future__ import annotations

import re
import traceback
from typing import Any

import jinja2

from xulang import glossary as glossary_model
from xulang.diagrams import corridor_map
from xulang.facts import DataView, FactError, FactView, format_date, format_number, term
from xulang.findings import Finding
from xulang.maps import place_map
from xulang.places import place_list


class RenderError(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


def _date(value: Any, lang: str) -> str:
    """`{{ date("2025-12-02") }}`: an ISO day, month or year in the page's language."""
    if isinstance(value, FactView):
        return str(value)
    try:
        return format_date(value, lang)
    except (TypeError, ValueError):  # 02/12/2025, 2025-13-01: named as the editor typed it
        raise FactError(
            "XL025",
            name=str(value),
            problem="ngày viết YYYY-MM-DD / a date is written YYYY-MM-DD (2025-12-02)",
        ) from None


def _num(value: Any, decimals: int | None = None, *, lang: str) -> str:
    if isinstance(value, FactView):
        return value.number(decimals)
    return format_number(value, lang, decimals)


_ENV = jinja2.Environment(
    undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True
)


def glossary_rows(
    glossary: dict[str, Any],
    lang: str,
    codes: tuple[str, ...],
    script: str = "latin",
    default: str = "",
) -> list[dict[str, Any]]:
    """Every concept with its publishable forms (None where a language has none), and whether the
    form in the page's language still awaits a native editor (a Sino-Vietnamese reading)."""
    rows = []
    for concept, entry in glossary_model.entries(glossary).items():
        row: dict[str, Any] = {"id": concept, "kind": entry.get("kind", "")}
        for code in codes:
            row[code] = glossary_model.form(entry, code)
            row[f"{code}_pending"] = (
                glossary_model.basis(entry, code) == glossary_model.AWAITING_NATIVE_EDITOR
            )
        rows.append(row)
    # alphabetical in the page's language where it is written in letters; a Han-script page lists
    # by the default language's names: code-point order of characters means nothing
    order = (default or codes[0]) if script == "han" else lang
    return sorted(rows, key=lambda r: str(r.get(order) or r["id"]).casefold())


def render_markdown(
    markdown: str,
    data: dict[str, Any],
    lang: str,
    display: str,
    first_line: int,
    extra: dict[str, Any] | None = None,
) -> str:
    """Render `markdown` (a page body starting at file line `first_line`) for language `lang`."""
    if "{{" not in markdown and "{%" not in markdown:
        return markdown
    glossary = data.get("glossary") or {}

    def where(exc: BaseException) -> int:
        lines = [
            f.lineno
            for f in traceback.extract_tb(exc.__traceback__)
            if f.filename == display and f.lineno is not None
        ]
        return (lines[-1] if lines else 1) + first_line - 1

    try:
        # compiled under the page's name so that tracebacks carry the page's own line numbers
        code = _ENV.compile(markdown, name=display, filename=display)
    except jinja2.TemplateSyntaxError as exc:
        line = (exc.lineno or 1) + first_line - 1
        raise RenderError(Finding.at(display, line, "XL023", problem=exc.message or "")) from None
    template = _ENV.template_class.from_code(_ENV, code, _ENV.make_globals(None))
    context = {
        "data": DataView(data, lang, writing=(extra or {}).get("writing")),
        "term": lambda concept, form=None: term(
            glossary, concept, lang, form, str((extra or {}).get("default_language", ""))
        ),
        "num": lambda value, decimals=None: _num(value, decimals, lang=lang),
        "q": lambda fact, decimals=None: fact.quantity(decimals),
        "date": lambda value: _date(value, lang),
        "lang": lang,
        "glossary": glossary_rows(
            glossary,
            lang,
            tuple((extra or {}).get("languages") or (lang,)),
            str(((extra or {}).get("writing") or {}).get("script", "latin")),
            str((extra or {}).get("default_language", "")),
        ),
        "corridor_map": lambda: corridor_map(
            glossary,
            lang,
            (extra or {}).get("ui", {}),
            source=str((extra or {}).get("default_language", "")),
        ),
        # the map page: data/places.yml drawn and listed, linked to the language's map services
        "place_map": lambda: place_map(
            data.get("places"),
            glossary,
            lang,
            (extra or {}).get("ui", {}),
            (extra or {}).get("directions"),
        ),
        "place_list": lambda placed=True: place_list(
            data.get("places"),
            glossary,
            lang,
            (extra or {}).get("ui", {}),
            (extra or {}).get("directions"),
            placed=placed,
        ),
        **(extra or {}),
    }
    try:
        return template.render(context)
    except FactError as exc:
        raise RenderError(Finding.at(display, where(exc), exc.code, **exc.args_)) from None
    except jinja2.UndefinedError as exc:
        match = re.search(r"'([^']+)' is undefined", str(exc.message or exc))
        finding = Finding.at(display, where(exc), "XL021", name=match[1] if match else str(exc))
        raise RenderError(finding) from None
    except (TypeError, ValueError, AttributeError) as exc:
        finding = Finding.at(display, where(exc), "XL025", name="…", problem=str(exc))
        raise RenderError(finding) from None
