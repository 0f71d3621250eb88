"""Which encoding a file that is not UTF-8 was probably saved in: UTF-16 or a legacy Vietnamese one.

Editors at provincial departments still meet documents typed with the pre-Unicode Vietnamese
encodings: TCVN3 (ABC, the `.VnTime` fonts), VNI (the `VNI-Times` fonts) and Windows-1258. Their
bytes are not UTF-8, and each needs a different conversion (Unikey's toolkit asks for the source
encoding), so the finding names the likely one. Each candidate decodes the bytes; the one whose
words read as Vietnamese syllables wins.
"""

from __future__ import annotations

import re
import unicodedata

UNKNOWN = "Windows-1258, TCVN3 / VNI"

# Tone marks, and the order TCVN3 lays out each vowel's toned forms: grave, hook, tilde, acute, dot.
GRAVE, HOOK, TILDE, ACUTE, DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
CIRCUMFLEX, BREVE = "\u0302", "\u0306"
TONES = (GRAVE, HOOK, TILDE, ACUTE, DOT)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _tcvn3_table() -> dict[int, str]:
    """TCVN3 (ABC): one byte per lowercase Vietnamese letter; capitals with marks came from a
    second font with the same bytes, except the seven plain capitals at 0xA1-0xA7."""
    rows = {
        # vowel: (plain vowel's byte, None if ASCII; then grave, hook, tilde, acute, dot)
        "a": (None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
        "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
        "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
        "e": (None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
        "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
        "i": (None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
        "o": (None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
        "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
        "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
        "u": (None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
        "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
        "y": (None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
    }
    table: dict[int, str] = {
        0xAE: "đ",
        0xA1: "Ă",
        0xA2: "Â",
        0xA3: "Ê",
        0xA4: "Ô",
        0xA5: "Ơ",
        0xA6: "Ư",
        0xA7: "Đ",
    }
    for vowel, (plain, *toned) in rows.items():
        if plain is not None:
            table[plain] = vowel
        for byte, tone in zip(toned, TONES, strict=True):
            table[byte] = _nfc(vowel + tone)
    return table


TCVN3 = _tcvn3_table()

# VNI: an ASCII letter followed by a byte that adds its marks ("Vieät" is Việt); a few letters
# have a byte of their own. Capitals use the same bytes minus 0x20.
VNI_MARKS = {
    0xF9: ACUTE,
    0xF8: GRAVE,
    0xFB: HOOK,
    0xF5: TILDE,
    0xEF: DOT,
    0xE2: CIRCUMFLEX,
    0xE1: CIRCUMFLEX + ACUTE,
    0xE0: CIRCUMFLEX + GRAVE,
    0xE5: CIRCUMFLEX + HOOK,
    0xE3: CIRCUMFLEX + TILDE,
    0xE4: CIRCUMFLEX + DOT,
    0xEA: BREVE,
    0xE9: BREVE + ACUTE,
    0xE8: BREVE + GRAVE,
    0xFA: BREVE + HOOK,
    0xFC: BREVE + TILDE,
    0xEB: BREVE + DOT,
}
VNI_LETTERS = {
    0xF4: "ơ",
    0xF6: "ư",
    0xF1: "đ",
    0xED: "í",
    0xEC: "ì",
    0xE6: "ỉ",
    0xF3: "ĩ",
    0xF2: "ị",
    0xEE: "ỵ",
}
VNI_MARKS.update({byte - 0x20: marks for byte, marks in list(VNI_MARKS.items())})
VNI_LETTERS.update({byte - 0x20: letter.upper() for byte, letter in list(VNI_LETTERS.items())})
VOWELS = "aeiouyơưAEIOUYƠƯ"

BAD = "\ufffd"


def decode_tcvn3(raw: bytes) -> str:
    return "".join(chr(b) if b < 0x80 else TCVN3.get(b, BAD) for b in raw)


def decode_vni(raw: bytes) -> str:
    out: list[str] = []
    for b in raw:
        if b < 0x80:
            out.append(chr(b))
        elif b in VNI_LETTERS:
            out.append(VNI_LETTERS[b])
        elif b in VNI_MARKS and out and unicodedata.normalize("NFD", out[-1])[:1] in VOWELS:
            out[-1] = _nfc(out[-1] + VNI_MARKS[b])
        else:
            out.append(BAD)
    return "".join(out)


def decode_cp1258(raw: bytes) -> str:
    return _nfc(raw.decode("cp1258", errors="replace"))


# Vietnamese syllables: onset, vowel nucleus (one of these, tone marks removed), coda. The
# nuclei that end in a glide (ai, ao, iêu…) take no final consonant.
OPEN_NUCLEI = {
    *("ai", "ao", "au", "âu", "ay", "ây", "eo", "êu", "ia", "iu", "iêu", "oai"),
    *("oao", "oay", "oeo", "oi", "ôi", "ơi", "ua", "ui", "uây", "uôi", "uya", "uyu"),
    *("ưa", "ưi", "ưu", "ươi", "ươu", "yêu"),
}
NUCLEI = OPEN_NUCLEI | {
    *("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "iê"),
    *("oa", "oă", "oe", "oo", "uâ", "uê", "uô", "uơ", "uy", "uyê", "ươ", "yê"),
}
SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?([aăâeêioôơuưy]+)(ch|ng|nh|[cmnpt])?"
)
WORD = re.compile(r"[^\W\d_]+")


def _is_syllable(word: str) -> bool:
    nfd = unicodedata.normalize("NFD", word.lower())
    if sum(nfd.count(t) for t in TONES) > 1:
        return False
    bare = _nfc("".join(ch for ch in nfd if ch not in TONES))
    match = SYLLABLE.fullmatch(bare)
    if not match:
        return False
    onset, nucleus, coda = match.group(1) or "", match.group(2), match.group(3)
    if onset in ("gi", "qu") and nucleus not in NUCLEI:
        nucleus = onset[-1] + nucleus  # "giường", "quốc": the i or u belongs to both
    return nucleus in NUCLEI and not (coda and nucleus in OPEN_NUCLEI)


def score(text: str) -> int:
    """How Vietnamese a decoded text reads: valid syllables with marks, minus broken ones."""
    points = -3 * text.count(BAD)
    for word in WORD.findall(text):
        if word.isascii():
            continue
        points += 1 if _is_syllable(word) else -1
    return points


DECODERS = {"Windows-1258": decode_cp1258, "TCVN3 (ABC)": decode_tcvn3, "VNI": decode_vni}


def utf16(raw: bytes) -> str | None:
    """ "UTF-16LE"/"UTF-16BE" when the bytes look like UTF-16 (a BOM, or NULs every other byte)."""
    if raw[:2] == b"\xff\xfe":
        return "UTF-16LE"
    if raw[:2] == b"\xfe\xff":
        return "UTF-16BE"
    sample = raw[:512]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) < len(even) * 0.1:
        return "UTF-16LE"
    if even.count(0) > len(even) * 0.3 and odd.count(0) < len(odd) * 0.1:
        return "UTF-16BE"
    return None


def guess(raw: bytes) -> str:
    """The name of the encoding `raw` (not UTF-8) was most likely written in."""
    if utf16(raw):
        return "UTF-16"
    scores = {name: score(decode(raw)) for name, decode in DECODERS.items()}
    best = max(scores, key=lambda name: scores[name])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] <= 0 or ranked[0] == ranked[1]:
        return UNKNOWN
    return best
