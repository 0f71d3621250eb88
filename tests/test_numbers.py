"""Figures read as each language writes them: large counts in CLDR's words (triệu, million, 万/亿),
from the language's declaration in mkdocs.yml."""

from __future__ import annotations

import pytest
from conftest import ROOT
from xulang.facts import FactView
from xulang.site import load_site

CASES = [
    # value, unit, vi, en, zh
    (807315, "people", "807.315 người", "807,315 people", "80.73万人"),
    (84.4, "usd_bn", "84,4 tỷ USD", "US$84.4 billion", "844亿美元"),
    (51.99, "usd_bn", "51,99 tỷ USD", "US$51.99 billion", "519.9亿美元"),
    (156, "usd_m", "156 triệu USD", "US$156 million", "1.56亿美元"),
    (1.77, "usd_m", "1,77 triệu USD", "US$1.77 million", "177万美元"),
    (394000, "tonnes", "394.000 tấn", "394,000 tonnes", "39.4万吨"),
    (4500, "vnd_bn", "4,5 nghìn tỷ đồng", "VND 4.5 trillion", "4.5万亿越南盾"),
    (1600, "trucks_per_day", "1.600 xe/ngày", "1,600 trucks a day", "1,600辆/日"),
    (8310.18, "km2", "8.310,18 km²", "8,310.18 km²", "8,310.18平方公里"),
]


@pytest.mark.parametrize(("value", "unit", "vi", "en", "zh"), CASES)
def test_quantities_in_each_language(value: float, unit: str, vi: str, en: str, zh: str) -> None:
    """A Chinese reader sees 80.73万人 and 844亿美元, never 807,315人 or 84,400,000,000美元; a
    Vietnamese reader 84,4 tỷ USD; an English reader US$84.4 billion."""
    site = load_site(ROOT)
    expected = {"vi": vi, "en": en, "zh": zh}
    got = {}
    for code in expected:
        writing = site.language(code).extra.get("writing") or {}
        got[code] = FactView("x", {"value": value, "unit": unit}, code, writing).quantity()
    assert got == expected


@pytest.mark.parametrize(("value", "unit"), [(case[0], case[1]) for case in CASES])
def test_every_declared_language_writes_each_unit_or_says_why(value: float, unit: str) -> None:
    """A language added to mkdocs.yml (in preparation too) writes every unit from CLDR or its
    declaration, or its editor is told which words to declare; the build never stops on a
    traceback."""
    from xulang.facts import FactError

    for lang in load_site(ROOT).declared:
        writing = lang.extra.get("writing") or {}
        try:
            text = FactView("x", {"value": value, "unit": unit}, lang.code, writing).quantity()
        except FactError as exc:
            assert exc.code == "XL025" and "units" in str(exc.args_["problem"]), lang.code
        else:
            assert any(ch.isdigit() for ch in text), (lang.code, text)
