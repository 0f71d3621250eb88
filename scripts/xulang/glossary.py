"""The glossary (data/glossary.yml): one concept per entry, its forms, and how each is known."""

from __future__ import annotations

from typing import Any

# How a form is known (`<lang>_basis`, e.g. `zh_basis`). Attested forms, Sino-Vietnamese readings,
# transcriptions by a language's official rules (Korean: the National Institute of Korean
# Language's loanword rules, 랑선) and translations by meaning reach pages; a name with no Chinese
# form is written in Chinese prose as a Chinese descriptor with the Vietnamese name in full-width
# parentheses: 母山主峰（Phia Po）.
BASES = ("attested", "han-viet", "transcription", "translation", "none")
PUBLISHED_BASES = frozenset(BASES) - {"none"}
AWAITING_NATIVE_EDITOR = "han-viet"


def entries(glossary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The concepts of a loaded glossary (what is not a mapping is left to the data check)."""
    return {cid: e for cid, e in glossary.items() if isinstance(e, dict)}


def basis(entry: dict[str, Any], lang: str) -> str:
    """How the entry's form in `lang` is known (`<lang>_basis`; a form given without one counts as
    attested, as the source-language forms are); an entry without a form has none."""
    return str(entry.get(f"{lang}_basis") or ("attested" if entry.get(lang) else "none"))


def form(entry: dict[str, Any], lang: str, *, short: bool = False) -> str | None:
    """The form a page in `lang` may print, or None: a form of basis `none` never is."""
    if basis(entry, lang) not in PUBLISHED_BASES:
        return None
    if short:
        value = (entry.get("short") or {}).get(lang)
        if value:
            return str(value)
    value = entry.get(lang)
    return str(value) if value else None


def awaiting_native_editor(glossary: dict[str, Any], lang: str) -> list[str]:
    """Concepts whose form in `lang` is a Sino-Vietnamese reading still to be confirmed."""
    return [cid for cid, e in entries(glossary).items() if basis(e, lang) == AWAITING_NATIVE_EDITOR]


def problems(glossary: dict[str, Any]) -> list[tuple[str, str]]:
    """(concept, problem) for entries whose forms and their `<lang>_basis` do not agree."""
    found = []
    for cid, entry in entries(glossary).items():
        for key in [k for k in entry if k.endswith("_basis")]:
            lang, kind = key.removesuffix("_basis"), entry[key]
            if kind not in BASES:
                found.append((cid, f"{key} `{kind}` is not one of {', '.join(BASES)}"))
            elif kind == "none" and entry.get(lang):
                found.append((cid, f"{key} is none but a {lang} form is given"))
            elif kind != "none" and not entry.get(lang):
                found.append((cid, f"{key} is {kind} but no {lang} form is given"))
            elif kind == "attested" and not entry.get(f"{lang}_source"):
                found.append(
                    (cid, f"an attested {lang} form needs {lang}_source (where it was seen)")
                )
    return found
