"""The site grown to N pages per language: this repository's committed site plus synthetic news.

The news items are what accumulates on the real site, named and dated like real ones (so the real
`mkdocs.yml` keeps them out of the menu), with the same sections in every language and about 650
words each (or the equivalent in a script written without spaces), written by a Markov chain trained
on the site's own pages so that compression and search indexes behave as with real text. The
languages, the default one, their scripts and the news folder come from mkdocs.yml: a language
readers get (not one in preparation) is grown like the others, with no change here. The tree is a
git clone: translations are stamped with the commit of their source, so a build of it is as clean as
a build of the real site.
"""

from __future__ import annotations

import functools
import itertools
import os
import random
import re
import subprocess
import unicodedata
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from xulang.site import Language, load_site

from devtools import ROOT

WORDS_PER_PAGE = 650
HAN_PER_WORD = 1.6  # Chinese characters standing in for one English word
_JINJA = re.compile(r"\{[{%#].*?[}%#]\}", re.S)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
ZH_ORDER = 1  # characters of context: with 2, the text copies long runs of the pages it learnt from
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


@functools.cache
def languages() -> tuple[Language, ...]:
    """The languages readers get, default first as in mkdocs.yml (those in preparation left out:
    the production build leaves them out too)."""
    return load_site(ROOT).public_languages


def unspaced(language: Language) -> bool:
    """Written without spaces between words (`writing: {script: han}`): prose by characters."""
    writing = language.extra.get("writing") or {}
    return str(writing.get("script", "latin")) == "han"


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.test",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.test",
    }
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


class Prose:
    """A Markov chain trained on the site's own pages in one language: words following words
    (lowercase or caseless words only, so no proper name reaches the glossary checks) or, in a
    script written without spaces, characters following characters. Its text has the site's
    vocabulary and local structure, so it compresses (and its search index weighs) about as the
    site's text does."""

    def __init__(self, language: Language) -> None:
        self.unspaced = unspaced(language)
        self.next: dict[Any, Counter[str]] = defaultdict(Counter)
        self.starts: Counter[Any] = Counter()
        lines: list[list[str]] = []
        for path in sorted((ROOT / "content" / language.code).rglob("*.md")):
            text = _JINJA.sub("\n", path.read_text(encoding="utf-8")).split("---", 2)[-1]
            text = _LINK_TARGET.sub("]", text)  # keep a link's words, not its address
            for line in text.splitlines():
                if line.startswith(("#", "|", "!", "<", ">", "    ")):
                    continue  # headings, tables, images, HTML, quotes, code
                if self.unspaced:
                    for run in _HAN_RUN.findall(line):
                        run = run.replace("凉", "")  # a forbidden variant's character
                        for i in range(len(run) - ZH_ORDER):
                            self.next[run[i : i + ZH_ORDER]][run[i + ZH_ORDER]] += 1
                        if len(run) > ZH_ORDER:
                            self.starts[run[:ZH_ORDER]] += 1
                else:
                    lines.append(
                        [w for w in _WORD.findall(line) if _uncapitalised(w) and len(w) > 1]
                    )
        if lines:
            # A spaced language's own script only: a name quoted in another script (Pingxiang
            # (凭祥)) left without its gloss would be a finding the real pages do not have
            own = Counter(_script(w) for words in lines for w in words).most_common(1)[0][0]
            for words in lines:
                words = [w for w in words if _script(w) == own]
                for a, b in itertools.pairwise(words):
                    self.next[a][b] += 1
                self.starts.update(words[:1])
        self.start_keys = list(self.starts)
        self.start_weights = list(self.starts.values())

    def _walk(self, rng: random.Random, length: int) -> list[str]:
        state = rng.choices(self.start_keys, self.start_weights)[0]
        out = list(state)
        if not self.unspaced:
            out = [state]
        while len(out) < length:
            key = "".join(out[-ZH_ORDER:]) if self.unspaced else out[-1]
            following = self.next.get(key)
            if not following:
                restart = rng.choices(self.start_keys, self.start_weights)[0]
                out.extend(restart if self.unspaced else [restart])
                continue
            out.append(rng.choices(list(following), list(following.values()))[0])
        return out[:length]

    def sentences(self, rng: random.Random, count: int) -> str:
        if self.unspaced:
            return "".join(
                "".join(self._walk(rng, rng.randint(14, 28))) + "。" for _ in range(count)
            )
        out = []
        for _ in range(count):
            sentence = " ".join(self._walk(rng, rng.randint(8, 16)))
            out.append(sentence[0].upper() + sentence[1:] + ".")
        return " ".join(out)

    def heading(self, rng: random.Random) -> str:
        words = self._walk(rng, 4 if self.unspaced else 3)
        return ("" if self.unspaced else " ").join(words).capitalize()


def _script(word: str) -> str:
    """The Unicode script of a word's letters, by their names (LATIN, CJK, HANGUL…); MIXED for
    a word written in more than one."""
    scripts = {unicodedata.name(c, "?").split()[0] for c in word if c.isalpha()}
    return scripts.pop() if len(scripts) == 1 else "MIXED"


def _uncapitalised(word: str) -> bool:
    """Lowercase, or in a script without case (a capital starts a name)."""
    return not any(c.isupper() for c in word)


def news_item(lang: str, n: int, prose: Prose, commit: str = "") -> str:
    """One synthetic news item; the same seed gives every language the same shape."""
    rng = random.Random(f"{lang}-{n}")
    sentence_count = (
        int(WORDS_PER_PAGE * HAN_PER_WORD / 21) if prose.unspaced else WORDS_PER_PAGE // 12
    )
    per_section = max(1, sentence_count // 7)
    day = date(2015, 1, 1) + timedelta(days=n)
    title = f"{prose.heading(random.Random(f'title-{lang}-{n}'))} {n:04d}"
    stamp = f"source_commit: {commit}\n" if commit else ""
    intro = prose.sentences(rng, per_section)
    sections = []
    for i in range(1, 7):
        sections.append(
            f"## {prose.heading(rng)} {{ #s{i} }}\n\n{prose.sentences(rng, per_section)}\n"
        )
    return (
        f"---\ntitle: {title}\ndescription: {prose.sentences(rng, 1)}\ndate: {day}\n"
        f"owner: van-phong-ubnd\nstatus: published\n{stamp}---\n\n# {title}\n\n{intro}\n\n"
        + "\n".join(sections)
    )


def item_name(n: int) -> str:
    """The n-th item's path in each language, named by its date as news items are."""
    news = load_site(ROOT).news_folder
    return f"{news}{date(2015, 1, 1) + timedelta(days=n)}-ban-tin-{n:04d}.md"


def make_site(root: Path, pages: int) -> int:
    """Clone the committed site into `root` and add news items until each language has `pages`
    pages. Returns the number of synthetic items per language."""
    git(ROOT.parent, "clone", "--quiet", "--no-hardlinks", str(ROOT), str(root))
    default, *others = languages()
    existing = sum(1 for _ in (root / "content" / default.code).rglob("*.md"))
    count = max(0, pages - existing)
    prose = {lang.code: Prose(lang) for lang in (default, *others)}
    for n in range(count):
        path = root / "content" / default.code / item_name(n)
        path.write_text(news_item(default.code, n, prose[default.code]), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "--no-verify", "-m", f"Synthetic news items ({default.code})")
    commit = git(root, "rev-parse", "HEAD")
    for lang in others:
        for n in range(count):
            path = root / "content" / lang.code / item_name(n)
            path.write_text(news_item(lang.code, n, prose[lang.code], commit), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "--no-verify", "-m", "Synthetic news items (translations)")
    return count
