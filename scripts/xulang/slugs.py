"""Heading ids that are readable and stable: ASCII for Vietnamese (đ -> d), Chinese kept as is."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def slugify(value: str, separator: str = "-") -> str:
    """`Đồng Đăng – Lạng Sơn` -> `dong-dang-lang-son`; `谅山省概况` -> `谅山省概况`."""
    text = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = unicodedata.normalize("NFC", text).lower().replace("_", " ")
    slug = _NOT_WORD.sub(separator, text).strip(separator)
    return slug or "muc"
