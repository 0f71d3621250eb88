"""Chinese script: which characters belong to Traditional Chinese only (OpenCC's T->S table)."""

from __future__ import annotations

import functools
import re
from importlib import resources

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@functools.cache
def _table() -> dict[str, str]:
    """Traditional-only character -> its usual Simplified form, from OpenCC's T->S table."""
    table = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    mapping = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        key, _, targets = line.partition("\t")
        choices = targets.split()
        if len(key) == 1 and choices and key not in choices:
            mapping[key] = choices[0]
    return mapping


def simplified(chars: str) -> str:
    return "".join(_table().get(ch, ch) for ch in chars)


@functools.cache
def traditional_only() -> frozenset[str]:
    """Characters that OpenCC converts to Simplified and that are never Simplified themselves.

    乾 (also valid in Simplified: 乾隆) and 於 are not in the set; 與, 關 and 誼 are.
    """
    return frozenset(_table())


@functools.cache
def _traditional_pattern() -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(traditional_only()))) + "]")


def traditional_chars(text: str) -> list[str]:
    return _traditional_pattern().findall(text)


def han_count(text: str) -> int:
    return len(HAN.findall(text))
