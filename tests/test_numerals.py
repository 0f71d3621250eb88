"""How the figure check reads each language's figures: from the declarations in mkdocs.yml and
from CLDR, with no language named in the code (scripts/xulang/checks/numerals.py)."""

from __future__ import annotations

import pytest
from babel import Locale
from conftest import ROOT
from xulang.checks.figures import _in_words, numbers_of
from xulang.checks.numerals import numbers, numerals, shared
from xulang.content import ContentTree
from xulang.site import load_site


@pytest.fixture(scope="module")
def tree() -> ContentTree:
    return ContentTree.load(load_site(ROOT))


def test_each_language_writes_the_same_figure_its_own_way(tree: ContentTree) -> None:
    """84,4 tỷ USD, US$84.4 billion, 844亿美元 and 844억 달러 are one figure: no mismatch."""
    same = {84.4e9: 1}
    assert numbers_of(tree, "84,4 tỷ USD", "vi") == same
    assert numbers_of(tree, "US$84.4 billion", "en") == same
    assert numbers_of(tree, "844亿美元", "zh") == same
    assert numbers_of(tree, "844억 달러", "ko") == same  # Korean declares nothing: CLDR's words


def test_times_and_months_read_as_figures(tree: ContentTree) -> None:
    """22 giờ, 22h30, 10:30 p.m., 晚上10点 and December are read as the figures they are."""
    assert numbers_of(tree, "mở cửa đến 22h30", "vi") == numbers_of(tree, "until 10:30 p.m.", "en")
    assert numbers_of(tree, "open until 10 p.m.", "en") == numbers_of(tree, "đến 22 giờ", "vi")
    assert numbers_of(tree, "晚上10点关闭", "zh") == {22: 1}
    assert numbers_of(tree, "on 31 December", "en") == {31: 1, 12: 1}


def test_number_words_come_from_the_declaration(tree: ContentTree) -> None:
    """A translation that writes twelve, mười hai or 十二 for 12 is not told a figure is missing."""
    assert _in_words(tree, 12, "trong mười hai tháng", "vi")
    assert _in_words(tree, 21, "for twenty one years", "en")
    assert _in_words(tree, 12, "十二个月", "zh")
    assert not _in_words(tree, 12, "trong mười tháng", "vi")
    assert not _in_words(tree, 12, "열두 달", "ko")  # no words declared: only digits count


def test_a_language_with_no_declaration_gets_cldr_separators() -> None:
    """A French page's 8 310,18 km² is 8310.18 without anyone typing a French rule."""
    way = numerals(None, Locale.parse("fr"))
    assert numbers("8\u202f310,18 km²", way, shared([])) == {8310.18: 1}
