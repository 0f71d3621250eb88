"""Facts typed once in data/*.yml, loaded with line numbers and shown in each page's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from xulang import charsets
from xulang.findings import Finding

FACT_KEYS = {"value"}
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: several times faster


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
            loaded = yaml.load(text.lstrip("\ufeff"), Loader=LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            findings.append(Finding.at(display, mark.line + 1 if mark else 1, "XL020", problem=problem))
            continue
        data[path.stem] = loaded if loaded is not None else {}
    return data, findings


# Number, date and unit formats of each language. Chinese states large money sums in 万 and 亿.
SEPARATORS = {"vi": (".", ","), "en": (",", "."), "zh": (",", ".")}
MONTHS_EN = ("January February March April May June July August September October November December").split()
UNITS: dict[str, dict[str, str]] = {
    # unit: {lang: pattern}, {n} is the formatted number
    "km2": {"vi": "{n} km²", "en": "{n} km²", "zh": "{n}平方公里"},
    "km": {"vi": "{n} km", "en": "{n} km", "zh": "{n}公里"},
    "m": {"vi": "{n} m", "en": "{n} m", "zh": "{n}米"},
    "ha": {"vi": "{n} ha", "en": "{n} ha", "zh": "{n}公顷"},
    "percent": {"vi": "{n}%", "en": "{n}%", "zh": "{n}%"},
    "people": {"vi": "{n} người", "en": "{n} people", "zh": "{n}人"},
    "trucks_per_day": {"vi": "{n} xe/ngày", "en": "{n} trucks a day", "zh": "{n}辆/日"},
    "tonnes": {"vi": "{n} tấn", "en": "{n} tonnes", "zh": "{n}吨"},
    "celsius": {"vi": "{n} °C", "en": "{n} °C", "zh": "{n}°C"},
    "years": {"vi": "{n} năm", "en": "{n} years", "zh": "{n}年"},
    "usd_bn": {"vi": "{n} tỷ USD", "en": "US${n} billion", "zh": "{n}亿美元"},
    "usd_m": {"vi": "{n} triệu USD", "en": "US${n} million", "zh": "{n}万美元"},
    "vnd_trillion": {"vi": "{n} nghìn tỷ đồng", "en": "VND {n} trillion", "zh": "{n}万亿越南盾"},
    "vnd_bn": {"vi": "{n} tỷ đồng", "en": "VND {n} billion", "zh": "{n}亿越南盾"},
}
# Chinese counts money in 亿 (10^8) and 万 (10^4): 51.99 billion = 519.9亿, 1.77 million = 177万.
ZH_SCALE = {"usd_bn": 10, "usd_m": 100, "vnd_bn": 10}


def format_number(value: float | int, lang: str, decimals: int | None = None) -> str:
    thousands, point = SEPARATORS.get(lang, SEPARATORS["en"])
    if decimals is None:
        text = repr(value) if isinstance(value, float) else str(value)
        decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", point).replace("\0", thousands)


def format_date(value: str | dt.date, lang: str) -> str:
    """ISO "YYYY-MM-DD", "YYYY-MM" or "YYYY" in the language's own way."""
    parts = [int(p) for p in str(value).split("-")]
    year, month, day = (parts + [0, 0])[:3]
    if lang == "zh":
        return f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")
    if lang == "en":
        if day:
            return f"{day} {MONTHS_EN[month - 1]} {year}"
        return f"{MONTHS_EN[month - 1]} {year}" if month else str(year)
    if day:
        return f"{day}/{month}/{year}"
    return f"tháng {month}/{year}" if month else str(year)


@dataclass(frozen=True)
class FactView:
    """One fact as seen from a page in one language."""

    name: str
    entry: dict[str, Any]
    lang: str

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
        unit = self.entry.get("unit")
        if self.lang == "zh" and unit in ZH_SCALE:
            value = value * ZH_SCALE[str(unit)]
            if decimals is None:
                decimals = _zh_decimals(self.entry["value"], ZH_SCALE[str(unit)])
        return format_number(value, self.lang, decimals)

    def quantity(self, decimals: int | None = None) -> str:
        unit = self.entry.get("unit")
        text = self.number(decimals)
        if unit is None:
            return text
        if unit not in UNITS:
            raise FactError("XL025", name=self.name, problem=f"unknown unit {unit}")
        return UNITS[str(unit)][self.lang].format(n=text)

    def __str__(self) -> str:
        kind = self.kind
        if kind == "date":
            return format_date(self.value, self.lang)
        if kind == "year":
            return str(self.value)
        if kind == "number":
            return self.number()
        return str(self.value)


def _zh_decimals(value: float | int, scale: int) -> int:
    text = repr(value)
    places = len(text.split(".")[1]) if "." in text else 0
    return max(0, places - len(str(scale)) + 1)


class DataView:
    """Attribute access into data/ for templates: `data.province.area` gives a FactView."""

    def __init__(self, tree: dict[str, Any], lang: str, name: str = "data") -> None:
        self._tree = tree
        self._lang = lang
        self._name = name

    def __getattr__(self, key: str) -> DataView | FactView:
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]

    def __getitem__(self, key: str) -> DataView | FactView:
        name = f"{self._name}.{key}" if self._name != "data" else key
        if not isinstance(self._tree, dict) or key not in self._tree:
            raise FactError("XL021", name=name)
        node = self._tree[key]
        if isinstance(node, dict) and FACT_KEYS <= node.keys():
            return FactView(name, node, self._lang)
        if isinstance(node, dict):
            return DataView(node, self._lang, name)
        raise FactError("XL025", name=name, problem="expected a fact with `value:`")

    def __iter__(self) -> Iterator[str]:
        return iter(self._tree)

    def items(self) -> Iterator[tuple[str, DataView | FactView]]:
        for key in self._tree:
            yield key, self[key]


def term(glossary: dict[str, Any], concept: str, lang: str, form: str | None = None) -> str:
    """The approved name of a glossary concept in `lang` (or in language `form`, or its short form)."""
    entry = glossary.get(concept)
    if not isinstance(entry, dict):
        raise FactError("XL021", name=f"glossary.{concept}")
    want = lang
    if form in ("vi", "en", "zh"):
        want = form
    if form == "short":
        short = entry.get("short") or {}
        if want in short:
            if want == "zh" and entry.get("zh_verified") is False:
                raise FactError("XL022", name=f"glossary.{concept}.zh")
            return str(short[want])
    if want not in entry:
        raise FactError("XL024", name=f"glossary.{concept}", lang=want)
    if want == "zh" and entry.get("zh_verified") is False:
        raise FactError("XL022", name=f"glossary.{concept}.zh")
    return str(entry[want])
