"""Facts typed once in data/*.yml, loaded with line numbers and shown in each page's language."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from xulang import charsets, locales
from xulang import glossary as glossary_model
from xulang.findings import Finding
from xulang.yamlread import LOADER

FACT_KEYS = {"value"}


class FactError(Exception):
    """A page asked for data it may not use; carries the finding code and its arguments."""

    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


def load_data(data_dir: Path, root: Path) -> tuple[dict[str, Any], list[Finding]]:
    """Every data/*.yml keyed by file stem. Unreadable files become findings, not exceptions."""
    data: dict[str, Any] = {}
    findings: list[Finding] = []
    if not data_dir.is_dir():
        return data, findings
    for path in sorted(data_dir.glob("*.yml")):
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[: exc.start].count(b"\n") + 1
            guess = charsets.guess(path.read_bytes())
            findings.append(Finding.at(display, line, "XL001", guess=guess))
            continue
        try:
            loaded = _parsed(str(path), text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            findings.append(
                Finding.at(display, mark.line + 1 if mark else 1, "XL020", problem=problem)
            )
            continue
        data[path.stem] = loaded if loaded is not None else {}
        if path.stem == "glossary" and isinstance(loaded, dict):
            findings += _glossary_findings(loaded, text, display)
    return data, findings


# The last values read from each data file and the text they were read from: the preview reads
# data/ on every rebuild, and a file whose text is the same is not parsed again. Nothing changes
# these values once read (they are the facts pages print).
_READ: dict[str, tuple[str, Any]] = {}


def _parsed(path: str, text: str) -> Any:
    kept = _READ.get(path)
    if kept is not None and kept[0] == text:
        return kept[1]
    loaded = yaml.load(text.lstrip("\ufeff"), Loader=LOADER)
    _READ[path] = (text, loaded)
    return loaded


def _glossary_findings(glossary: dict[str, Any], text: str, display: str) -> list[Finding]:
    lines = {
        line.split(":", 1)[0]: n
        for n, line in enumerate(text.splitlines(), 1)
        if line[:1].isalnum()
    }
    return [
        Finding.at(display, lines.get(concept, 1), "XL027", name=concept, problem=problem)
        for concept, problem in glossary_model.problems(glossary)
    ]


# Numbers, dates and units: CLDR through Babel, and each language's declaration (xulang.locales).
# Re-exported here: pages, maps and festivals format through facts.
format_number = locales.format_number
format_date = locales.format_date
compact_number = locales.compact_number


def quantity_text(number: str, unit: str, lang: str) -> str:
    """A formatted number with its unit as `lang` writes it: "8.310,18 km²", "844亿美元"."""
    return locales.unit_pattern(unit, lang).format(n=number)


# Phone numbers are typed in data/ as the source prints them, in Vietnam's national form
# ("0205 3 719 886", trunk prefix 0). A reader abroad needs the country code instead of the
# trunk prefix; each language declares which form its readers get (`writing.phone_format` in
# mkdocs.yml). Short codes (113) have no trunk prefix and are dialled as they are everywhere.
COUNTRY_CODE = (
    "84"  # every phone number in data/ is Vietnamese unless its fact says `country_code:`
)
TRUNK_PREFIX = "0"
PHONE_CHARS = re.compile(r"^\+?[0-9][0-9 .-]*[0-9]$")


def phone_forms(typed: str, country_code: str = COUNTRY_CODE) -> tuple[str, str, str]:
    """A number typed in national form as (national, international, tel: URI):
    "0205 3 719 886" -> ("0205 3 719 886", "+84 205 3 719 886", "tel:+842053719886")."""
    text = " ".join(typed.split())
    if not PHONE_CHARS.match(text):
        raise ValueError(f"not a phone number: {typed!r}")
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):  # already international: the national form puts the trunk prefix back
        rest = (
            text[1 + len(country_code) :].lstrip(" .-") if digits.startswith(country_code) else None
        )
        if rest is None:
            return text, text, f"tel:+{digits}"
        return TRUNK_PREFIX + rest, text, f"tel:+{digits}"
    if not text.startswith(TRUNK_PREFIX):  # a short code: the same in every form
        return text, text, f"tel:{digits}"
    rest = text[len(TRUNK_PREFIX) :]
    return text, f"+{country_code} {rest}", f"tel:+{country_code}{digits[len(TRUNK_PREFIX) :]}"


def url_label(url: str) -> str:
    """What a reader sees of an address:
    "https://songv.langson.gov.vn/en/" -> "songv.langson.gov.vn/en"."""
    return re.sub(r"^https?://", "", url).rstrip("/")


@dataclass(frozen=True)
class FactView:
    """One fact as seen from a page in one language."""

    name: str
    entry: dict[str, Any]
    lang: str
    writing: dict[str, Any] = field(default_factory=dict, compare=False)  # the language's rules

    def _check(self) -> None:
        if self.entry.get("verified") is False:
            raise FactError("XL022", name=self.name)

    @property
    def value(self) -> Any:
        self._check()
        value = self.entry["value"]
        if isinstance(value, dict):
            if self.lang not in value:
                raise FactError("XL024", name=self.name, lang=self.lang)
            return value[self.lang]
        return value

    @property
    def kind(self) -> str:
        if "kind" in self.entry:
            return str(self.entry["kind"])
        value = self.entry["value"]
        if isinstance(value, (dt.date, dt.datetime)):
            return "date"
        return "number" if isinstance(value, (int, float)) else "text"

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        if key in self.entry:
            self._check()
            return self.entry[key]
        raise FactError("XL021", name=f"{self.name}.{key}")

    def number(self, decimals: int | None = None) -> str:
        value = self.value
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise FactError("XL025", name=self.name, problem="not a number")
        unit = locales.QUANTITIES.get(str(self.entry.get("unit")))
        if unit is not None and unit.base is not None:
            count = value * unit.base
            return compact_number(count, self.lang, self.writing.get("numbers") or {}, decimals)
        return format_number(value, self.lang, decimals)

    def quantity(self, decimals: int | None = None) -> str:
        unit = self.entry.get("unit")
        text = self.number(decimals)
        if unit is None:
            return text
        try:
            return quantity_text(text, str(unit), self.lang)
        except locales.UnitError as exc:
            raise FactError("XL025", name=self.name, problem=str(exc)) from None

    def phone(self, link: bool = True) -> str:
        """The number in the form the page's language uses (`writing.phone_format`: national or
        international), as a Markdown `tel:` link that always dials the international digits."""
        value = self.value
        if not isinstance(value, str):
            raise FactError("XL025", name=self.name, problem="a phone number is written as text")
        try:
            national, international, uri = phone_forms(
                value, str(self.entry.get("country_code", COUNTRY_CODE))
            )
        except ValueError as exc:
            raise FactError("XL025", name=self.name, problem=str(exc)) from None
        shown = national if self.writing.get("phone_format") == "national" else international
        return f"[{shown}]({uri})" if link else shown

    def link(self, text: str | None = None) -> str:
        """A web address as an ordinary outbound Markdown link (https only: a reader's browser
        follows it when clicked; nothing is fetched when the page loads)."""
        value = self.value
        if not isinstance(value, str) or not value.startswith("https://") or " " in value:
            raise FactError("XL025", name=self.name, problem="a web address starts with https://")
        return f"[{text or url_label(value)}]({value})"

    def __str__(self) -> str:
        kind = self.kind
        if kind == "phone":
            return self.phone()
        if kind == "url":
            return self.link()
        if kind == "date":
            return format_date(self.value, self.lang)
        if kind == "year":
            return str(self.value)
        if kind == "number":
            return self.number()
        return str(self.value)


class DataView:
    """Attribute access into data/ for templates: `data.province.area` gives a FactView."""

    def __init__(
        self,
        tree: dict[str, Any],
        lang: str,
        name: str = "data",
        writing: dict[str, Any] | None = None,
    ) -> None:
        self._tree = tree
        self._lang = lang
        self._name = name
        self._writing = writing or {}

    def __getattr__(self, key: str) -> DataView | FactView:
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]

    def __getitem__(self, key: str) -> DataView | FactView:
        name = f"{self._name}.{key}" if self._name != "data" else key
        if not isinstance(self._tree, dict) or key not in self._tree:
            raise FactError("XL021", name=name)
        node = self._tree[key]
        if isinstance(node, dict) and node.keys() >= FACT_KEYS:
            return FactView(name, node, self._lang, self._writing)
        if isinstance(node, dict):
            return DataView(node, self._lang, name, self._writing)
        raise FactError("XL025", name=name, problem="expected a fact with `value:`")

    def __iter__(self) -> Iterator[str]:
        return iter(self._tree)

    def items(self) -> Iterator[tuple[str, DataView | FactView]]:
        for key in self._tree:
            yield key, self[key]


def term(
    glossary: dict[str, Any], concept: str, lang: str, form: str | None = None, source: str = ""
) -> str:
    """The approved name of a glossary concept in `lang` (or in language `form`, or its short
    form)."""
    entry = glossary.get(concept)
    if not isinstance(entry, dict):
        raise FactError("XL021", name=f"glossary.{concept}")
    want = lang if form in (None, "short") else form
    if glossary_model.basis(entry, want) == "none" and f"{want}_basis" in entry:
        # the hint names the source language's form, to go in the full-width parentheses
        raise FactError("XL026", name=f"glossary.{concept}", form=str(entry.get(source, "")))
    approved = glossary_model.form(entry, want, short=form == "short")
    if approved is None:
        raise FactError("XL024", name=f"glossary.{concept}", lang=want)
    return approved
