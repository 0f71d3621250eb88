"""The name a file or folder should have: lower-case ASCII words joined by hyphens (it becomes an
address). One rule for the hint of a finding (XL121, XL122) and for `xulang fix`, which renames."""

from __future__ import annotations

from xulang.slugs import slugify


def proper_name(name: str, is_dir: bool = False) -> str:
    """`Chợ Mới.md` -> `cho-moi.md`; a folder `Du Lịch` -> `du-lich`. Every part after the first
    dot stays a part, so files that belong together keep belonging together: `Ảnh 1.jpg` and its
    description file `Ảnh 1.jpg.yml` become `anh-1.jpg` and `anh-1.jpg.yml`."""
    if is_dir or "." not in name.strip("."):
        return slugify(name)
    stem, *suffixes = name.split(".")
    return ".".join([slugify(stem), *(slugify(s) if s else s for s in suffixes)])
