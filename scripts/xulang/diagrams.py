"""Diagrams drawn as inline SVG from data/, labelled in the page's language (nothing fetched).

The fact sheet has no coordinates, so the corridor map is a schematic: the order of places along
the Nanning – Lạng Sơn – Hà Nội – Hải Phòng corridor, and each border gate facing its counterpart.
"""

from __future__ import annotations

from html import escape
from typing import Any

from xulang import glossary as glossary_model

# Along the corridor, west (China) to east (Vietnam): (glossary id, side).
CORRIDOR = (
    ("nanning", "cn"),
    ("pingxiang", "cn"),
    ("huu-nghi-gate", "vn"),
    ("lang-son-province", "vn"),
    ("hanoi", "vn"),
    ("hai-phong", "vn"),
)
# Each Vietnamese gate and its Chinese counterpart (None: not established in the fact sheet).
GATE_PAIRS = (
    ("huu-nghi-gate", "youyiguan-port"),
    ("tan-thanh-gate", "puzhai"),
    ("coc-nam-gate", "nonghuai"),
    ("dong-dang-railway-gate", "pingxiang-railway-port"),
    ("chi-ma-gate", "ai-dian"),
    ("binh-nghi-gate", "pingerguan"),
    ("na-hinh-gate", None),
    ("na-nua-gate", "na-hoa"),
)


def label(glossary: dict[str, Any], concept: str | None, lang: str, source: str = "") -> str:
    """A short, publishable name: the page language's form, else the form in `source` (the
    site's default language, whose names every entry has), else "—"."""
    if concept is None or concept not in glossary:
        return "—"
    entry = glossary[concept]
    form = glossary_model.form(entry, lang, short=True)
    if form:
        return form
    short = (entry.get("short") or {}).get(source) if source else None
    return str(short or (entry.get(source) if source else None) or "—")


def corridor_map(
    glossary: dict[str, Any],
    lang: str,
    text: dict[str, str],
    uid: str = "xl-map",
    source: str = "",
) -> str:
    """The corridor and the gate pairs as one accessible SVG figure (a single HTML block); a
    name the page's language lacks is written in `source`, the site's default language."""
    width, mid = 760, 380
    rows = len(GATE_PAIRS)
    height = 170 + rows * 30
    xs = (40, 220, 450, 560, 660, 740)
    parts = [
        '<figure class="xl-map"><svg xmlns="http://www.w3.org/2000/svg"'
        f' viewBox="0 0 {width} {height}"'
        f' role="img" aria-labelledby="{uid}-t {uid}-d" width="100%">',
        f'<title id="{uid}-t">{escape(text["title"])}</title>',
    ]
    pairs = [
        (label(glossary, vn, lang, source), label(glossary, cn, lang, source))
        for vn, cn in GATE_PAIRS
    ]
    desc = "; ".join(f"{vn} – {cn}" for vn, cn in pairs)
    parts.append(f'<desc id="{uid}-d">{escape(text["gates"])}: {escape(desc)}.</desc>')
    parts += [
        f'<rect x="0" y="0" width="{mid}" height="{height}" fill="#fdf2e9"/>',
        f'<rect x="{mid}" y="0" width="{width - mid}" height="{height}" fill="#ecf7ef"/>',
        f'<text x="{mid - 12}" y="24" text-anchor="end" class="xl-map__side">'
        f"{escape(text['china'])}</text>",
        f'<text x="{mid + 12}" y="24" class="xl-map__side">{escape(text["vietnam"])}</text>',
        f'<line x1="{mid}" y1="0" x2="{mid}" y2="{height}" stroke="#9a3412" stroke-width="3"'
        ' stroke-dasharray="10 6"/>',
        f'<line x1="{xs[0]}" y1="78" x2="{xs[-1]}" y2="78" stroke="#14532d" stroke-width="6"'
        ' stroke-linecap="round"/>',
    ]
    for (concept, _), x in zip(CORRIDOR, xs, strict=True):
        anchor = "start" if x == xs[0] else "end" if x == xs[-1] else "middle"
        parts.append(
            f'<circle cx="{x}" cy="78" r="8" fill="#fff" stroke="#14532d" stroke-width="3"/>'
        )
        parts.append(
            f'<text x="{x}" y="{60 if CORRIDOR.index((concept, _)) % 2 else 108}"'
            f' text-anchor="{anchor}">{escape(label(glossary, concept, lang, source))}</text>'
        )
    parts.append(
        f'<text x="{mid}" y="146" text-anchor="middle" class="xl-map__head">'
        f"{escape(text['gates'])}</text>"
    )
    for row, (vn, cn) in enumerate(pairs):
        y = 180 + row * 30
        parts += [
            f'<line x1="{mid - 60}" y1="{y - 5}" x2="{mid + 60}" y2="{y - 5}"'
            ' stroke="#6b7280" stroke-width="2"/>',
            f'<text x="{mid - 70}" y="{y}" text-anchor="end">{escape(cn)}</text>',
            f'<text x="{mid + 70}" y="{y}">{escape(vn)}</text>',
        ]
    parts.append("</svg>")
    parts.append(f"<figcaption>{escape(text['caption'])}</figcaption></figure>")
    return "".join(parts)
