"""Two fixes to Material 9.8.2's search, applied to the built copies of its scripts.

- Chinese queries keep their last word. Material splits a Chinese query into words it finds in the
  index (`segment` in src/templates/assets/javascripts/integrations/search/query/segment/index.ts),
  but its inner loop stops one character short (`j < query.length`): a query that is itself one
  indexed word is never matched whole. 地质公园 ("geopark", a word of the index) became 地 and
  matched 地理 ("geography") first. With `j <= query.length` the whole word is tried too.
- Words typed without diacritics are highlighted on the page that a result opens. Our lunr files
  (content/assets/javascripts/lunr/min/lunr.vi.min.js, lunr.en-vi.min.js) fold diacritics, so the
  result link carries `?h=mau+son`; Material's highlighter matches that literally and would mark
  nothing in "Mẫu Sơn". Each vowel and d of the highlight pattern becomes a class of its
  Vietnamese forms (a → [aàáảãạăằắẳẵặâầấẩẫậ]).
"""

from __future__ import annotations

import re
from pathlib import Path

MARK = "/* xulang: whole Chinese word */"
# The minified loop: for(let s=0;s<t.length;s++)for(let o=s+1;o<t.length;o++)t.slice(s,o)in e
_LOOP = re.compile(
    r"for\(let (\w+)=0;\1<(\w+)\.length;\1\+\+\)for\(let (\w+)=\1\+1;\3<\2\.length;\3\+\+\)"
    r"\2\.slice\(\1,\3\)in \w+"
)


class SearchPatchError(Exception):
    pass


def patch_search_worker(site_dir: Path) -> None:
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not workers:
        raise SearchPatchError("assets/javascripts/workers/search.*.min.js: Material's worker was not written")
    for worker in workers:
        text = worker.read_text(encoding="utf-8")
        if MARK in text:
            continue
        matches = list(_LOOP.finditer(text))
        if len(matches) != 1:
            raise SearchPatchError(
                f"{worker.name}: Material's query segmentation loop was found {len(matches)} times, "
                "not once; this Material version needs scripts/xulang/plugin/search.py revised"
            )
        m = matches[0]
        fixed = m[0].replace(f"{m[3]}<{m[2]}.length;{m[3]}++", f"{m[3]}<={m[2]}.length;{m[3]}++")
        worker.write_text(text[: m.start()] + MARK + fixed + text[m.end() :], encoding="utf-8")


HIGHLIGHT_MARK = "/* xulang: highlight without diacritics */"
_FORMS = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "d": "dđ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
}
# In Material's highlighter (`xi` in the minified bundle), the query pattern:
#   ${n.replace(/[|\\{}()[\]^$+*?.-]/g,"\\$&").replace(r,"|")}
_PATTERN = re.compile(
    r'\$\{(\w+)\.replace\(/\[\|\\\\\{\}\(\)\[\\\]\^\$\+\*\?\.-\]/g,"\\\\\$&"\)'
    r'\.replace\((\w+),"\|"\)\}'
)


def _expand_js() -> str:
    # \\u escapes: the bundle stays ASCII, whatever charset a server announces for it
    forms = ",".join(
        f'{base}:"' + "".join(f"\\u{ord(c):04x}" for c in chars) + '"' for base, chars in _FORMS.items()
    )
    return (
        '.normalize("NFD").replace(/[\\u0300-\\u036f]/g,"").replace(/[\\u0110\\u0111]/g,"d")'
        f'.replace(/[adeiouy]/gi,c=>"["+({{{forms}}})[c.toLowerCase()]+"]")'
    )


def patch_search_highlight(site_dir: Path) -> None:
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if not bundles:
        raise SearchPatchError("assets/javascripts/bundle.*.min.js: Material's bundle was not written")
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        if HIGHLIGHT_MARK in text:
            continue
        matches = list(_PATTERN.finditer(text))
        if len(matches) != 1:
            raise SearchPatchError(
                f"{bundle.name}: Material's highlight pattern was found {len(matches)} times, "
                "not once; this Material version needs scripts/xulang/plugin/search.py revised"
            )
        m = matches[0]
        fixed = m[0][:-1] + _expand_js() + HIGHLIGHT_MARK + "}"
        bundle.write_text(text[: m.start()] + fixed + text[m.end() :], encoding="utf-8")
