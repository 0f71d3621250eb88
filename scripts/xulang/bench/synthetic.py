"""The site grown to N pages per language: this repository's committed site plus synthetic news items.

The news items are what accumulates on the real site, named and dated like real ones (so the real
`mkdocs.yml` keeps them out of the menu), with the same sections in every language and about 650
words each (or the Chinese equivalent), drawn from the site's own vocabulary so that compression
and search indexes behave like real text. The tree is a git clone: translations are stamped with
the commit of their source, so a build of it is as clean as a build of the real site.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LANGS = ("vi", "en", "zh")
TITLES = {"vi": "Bản tin thử nghiệm", "en": "Test bulletin", "zh": "测试简讯"}
WORDS_PER_PAGE = 650
HAN_PER_WORD = 1.6  # Chinese characters standing in for one English word
_JINJA = re.compile(r"\{[{%#].*?[}%#]\}", re.S)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_HAN = re.compile(r"[\u4e00-\u9fff]{2,4}")


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.test",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.test"}
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def vocabulary(lang: str) -> tuple[list[str], list[int]]:
    """The words of the site's own pages in one language with how often they occur (text drawn
    with these weights compresses like the site's text): lowercase words only for Vietnamese and
    English (no proper names, so the glossary checks stay quiet), 2–4 character runs for Chinese."""
    counts: Counter[str] = Counter()
    for path in sorted((ROOT / "content" / lang).rglob("*.md")):
        text = _JINJA.sub(" ", path.read_text(encoding="utf-8"))
        body = text.split("---", 2)[-1]
        if lang == "zh":
            counts.update(w for w in _HAN.findall(body) if "凉" not in w)  # a forbidden variant
        else:
            counts.update(w for w in _WORD.findall(body) if w.islower() and len(w) > 1)
    words = sorted(counts)
    return words, [counts[w] for w in words]


def _sentences(rng: random.Random, vocab: tuple[list[str], list[int]], lang: str, count: int) -> str:
    words, weights = vocab
    out = []
    for _ in range(count):
        picked = rng.choices(words, weights, k=rng.randint(8, 16) if lang != "zh" else rng.randint(6, 10))
        if lang == "zh":
            out.append("".join(picked) + "。")
        else:
            sentence = " ".join(picked)
            out.append(sentence[0].upper() + sentence[1:] + ".")
    return ("" if lang == "zh" else " ").join(out)


def news_item(lang: str, n: int, words: tuple[list[str], list[int]], commit: str = "") -> str:
    """One synthetic news item; the same seed gives every language the same shape."""
    rng = random.Random(f"{lang}-{n}")
    sentence_count = WORDS_PER_PAGE // 12 if lang != "zh" else int(WORDS_PER_PAGE * HAN_PER_WORD / 16)
    per_section = max(1, sentence_count // 7)
    day = date(2015, 1, 1) + timedelta(days=n)
    title = f"{TITLES[lang]} {n:04d}"
    stamp = f"source_commit: {commit}\n" if commit else ""
    intro = _sentences(rng, words, lang, per_section)
    sections = []
    for i in range(1, 7):
        picked = rng.choices(words[0], words[1], k=3 if lang != "zh" else 2)
        heading = ("" if lang == "zh" else " ").join(picked)
        sections.append(f"## {heading.capitalize()} {{ #s{i} }}\n\n{_sentences(rng, words, lang, per_section)}\n")
    return (f"---\ntitle: {title}\ndescription: {_sentences(rng, words, lang, 1)}\ndate: {day}\n"
            f"owner: van-phong-ubnd\nstatus: published\n{stamp}---\n\n# {title}\n\n{intro}\n\n"
            + "\n".join(sections))


def item_name(n: int) -> str:
    return f"tin-tuc/{date(2015, 1, 1) + timedelta(days=n)}-ban-tin-{n:04d}.md"


def make_site(root: Path, pages: int) -> int:
    """Clone the committed site into `root` and add news items until each language has `pages`
    pages. Returns the number of synthetic items per language."""
    git(ROOT.parent, "clone", "--quiet", "--no-hardlinks", str(ROOT), str(root))
    existing = sum(1 for _ in (root / "content" / "vi").rglob("*.md"))
    count = max(0, pages - existing)
    vocab = {lang: vocabulary(lang) for lang in LANGS}
    for n in range(count):
        path = root / "content" / "vi" / item_name(n)
        path.write_text(news_item("vi", n, vocab["vi"]), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "--no-verify", "-m", "Synthetic news items (vi)")
    commit = git(root, "rev-parse", "HEAD")
    for lang in LANGS[1:]:
        for n in range(count):
            path = root / "content" / lang / item_name(n)
            path.write_text(news_item(lang, n, vocab[lang], commit), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "--no-verify", "-m", "Synthetic news items (en, zh)")
    return count
