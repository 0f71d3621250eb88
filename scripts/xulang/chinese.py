"""Chinese script: which characters belong to Traditional Chinese only (OpenCC's T->S table)."""

from __future__ import annotations

import functools
import re
from importlib import resources

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@functools.cache
def traditional_only() -> frozenset[str]:
    """Characters that OpenCC converts to Simplified and that are never Simplified themselves.

    乾 (also valid in Simplified: 乾隆) and 於 are not in the set; 與, 關 and 誼 are.
    """
    table = resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    chars = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        key, _, targets = line.partition("\t")
        if len(key) == 1 and key not in targets.split():
            chars.add(key)
    return frozenset(chars)


def traditional_chars(text: str) -> list[str]:
    table = traditional_only()
    return [ch for ch in text if ch in table]


def han_count(text: str) -> int:
    return len(HAN.findall(text))
