"""The province's content: every page in three languages, facts from data/, language quality."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from conftest import ROOT, Built
from xulang.chinese import han_count, traditional_chars

LANGS = {"vi": "", "en": "en/", "zh": "zh/"}
# Pages whose body is a generated list (news index, glossary table): the minimums apply to prose.
LISTINGS = {"tin-tuc/index.md", "bao-chi/thuat-ngu.md"}


def sources(lang: str, *, published_only: bool = True) -> dict[str, Path]:
    """The pages of one language; by default those the production build publishes."""
    base = ROOT / "content" / lang
    pages = {p.relative_to(base).as_posix(): p for p in sorted(base.rglob("*.md"))}
    if not published_only:
        return pages
    return {rel: p for rel, p in pages.items() if status(p) == "published"}


def status(path: Path) -> str:
    match = re.search(r"^status:\s*(\S+)", path.read_text(encoding="utf-8"), re.M)
    return match.group(1) if match else ""


def output_of(rel: str, lang: str) -> str:
    stem = rel.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/")
    return LANGS[lang] + (stem + "/" if stem else "") + "index.html"


def article_text(built: Built, rel: str, lang: str) -> str:
    soup = built.html(output_of(rel, lang))
    article = soup.select_one("article")
    for tag in article.select(".headerlink, .md-content__button"):
        tag.decompose()
    return article.get_text(" ", strip=True)


def test_at_least_thirty_pages_per_language() -> None:
    """Readers in each language get the whole site, not a sample."""
    counts = {lang: len(sources(lang, published_only=False)) for lang in LANGS}
    assert min(counts.values()) >= 30, counts


def test_content_pages_meet_length_minimums(built: Built) -> None:
    """Each page says something substantial: 300 English words, 500 Chinese characters."""
    short = []
    for rel in sources("en"):
        if rel in LISTINGS:
            continue
        words = len(article_text(built, rel, "en").split())
        hans = han_count(article_text(built, rel, "zh"))
        if words < 300 or hans < 500:
            short.append((rel, words, hans))
    assert short == []


def test_chinese_pages_use_simplified_characters_and_attested_names(built: Built) -> None:
    """Chinese readers see Simplified characters and 谅山, never 凉山."""
    problems = []
    for path in sorted((built.site / "zh").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        body = re.sub(r"<script.*?</script>", "", text, flags=re.S)
        found = traditional_chars(body)
        if found:
            problems.append((path.relative_to(built.site).as_posix(), "".join(sorted(set(found)))))
        for wrong in ("凉山", "吴诗士", "Wei Yao"):
            if wrong in body:
                problems.append((path.relative_to(built.site).as_posix(), wrong))
    assert problems == []


def test_sources_are_nfc_utf8() -> None:
    """Vietnamese letters are stored one way only (NFC), so search and checks find them."""
    for path in sorted((ROOT / "content").rglob("*.md")) + sorted((ROOT / "data").glob("*.yml")):
        text = path.read_bytes().decode("utf-8")
        assert not text.startswith("\ufeff"), path
        assert unicodedata.normalize("NFC", text) == text, path


FIGURE = re.compile(r"\d")
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
LINK_TARGET = re.compile(r"\]\([^)]*\)|\{#[^}]*\}")
# Digits that belong to names or to the text's own structure, not figures: list and step numbers,
# "phase 1" of a named project, road names (National Highway 1, 4A, G322), COVID-19, 5G, 24/7,
# and the first month of a "January to …" period whose end comes from data.
NAMES_WITH_DIGITS = re.compile(
    r"^\s*\d+\.\s|\b(?:[Pp]hase|[Ss]tep|[Gg]iai đoạn|Bước)\s\d\b"
    r"|(?:National Highway|Quốc lộ)\s\d+[AB]?\b|(?<![0-9A-Za-z])\d{1,2}[AB](?![0-9A-Za-z])|G322"
    r"|COVID-19|(?<![0-9A-Za-z])5G|\bW3C\b|\b24/7\b|tháng 1 (?:đến|–)|(?<=年)1—"
)


def test_every_figure_comes_from_data() -> None:
    """A figure is typed once in data/, so the three languages can never disagree."""
    typed = []
    for lang in LANGS:
        for rel, path in sources(lang).items():
            text = path.read_text(encoding="utf-8")
            body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
            for number, line in enumerate(body.splitlines(), 1):
                rest = NAMES_WITH_DIGITS.sub("", LINK_TARGET.sub("", JINJA.sub("", line)))
                if FIGURE.search(rest):
                    typed.append(f"{lang}/{rel}: {line.strip()[:100]}")
    assert typed == []


def test_news_feeds_parse_and_list_every_item(built: Built, site_url: str) -> None:
    """A feed reader in each language gets every news item, newest first."""
    atom = "{http://www.w3.org/2005/Atom}"
    for lang, prefix in LANGS.items():
        feed = ET.parse(built.site / prefix / "tin-tuc" / "feed.xml").getroot()
        assert feed.tag == f"{atom}feed"
        entries = feed.findall(f"{atom}entry")
        items = [rel for rel in sources(lang) if rel.startswith("tin-tuc/2")]
        assert len(entries) == len(items) >= 8, lang
        dates = [e.findtext(f"{atom}updated") for e in entries]
        assert dates == sorted(dates, reverse=True)
        for entry in entries:
            href = entry.find(f"{atom}link").get("href")
            assert href.startswith(site_url + prefix)
            assert (built.site / href.removeprefix(site_url) / "index.html").exists(), href
            assert entry.findtext(f"{atom}title")
        home = built.html(prefix + "index.html")
        link = home.find("link", type="application/atom+xml")
        assert link is not None and link["href"].endswith("tin-tuc/feed.xml")


def test_glossary_page_shows_every_concept(built: Built) -> None:
    """The press finds every official name, in each language's own form."""
    glossary = yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))
    assert len(glossary) >= 80
    for lang in LANGS:
        text = (
            built.html(output_of("bao-chi/thuat-ngu.md", lang)).select_one("article").get_text(" ")
        )
        for concept, entry in glossary.items():
            assert entry["vi"] in text, (lang, concept)
            if entry.get("en"):
                assert entry["en"] in text, (lang, concept)
            if entry.get("zh"):
                assert entry["zh"] in text, (lang, concept)


def test_facts_carry_source_and_as_of() -> None:
    """Every figure can be traced to its source and its date."""
    missing = []

    def walk(node: object, name: str) -> None:
        if isinstance(node, dict) and "value" in node:
            for key in ("source", "as_of"):
                if not node.get(key):
                    missing.append(f"{name}: {key}")
        elif isinstance(node, dict):
            for key, child in node.items():
                walk(child, f"{name}.{key}")

    for path in sorted((ROOT / "data").glob("*.yml")):
        if path.stem != "glossary":
            walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.stem)
    assert missing == []


def test_every_page_has_front_matter_in_every_language() -> None:
    """Menus, search and previews have a title and description in each language, and one owner."""
    for rel in sources("vi"):
        owners = set()
        for lang in LANGS:
            text = (ROOT / "content" / lang / rel).read_text(encoding="utf-8")
            meta = yaml.safe_load(text.split("---\n")[1])
            assert meta.get("title") and meta.get("description"), (lang, rel)
            assert meta.get("status") == "published", (lang, rel)
            owners.add(meta.get("owner"))
        assert len(owners) == 1 and None not in owners, rel


def test_corridor_map_is_drawn_from_data_in_each_language(built: Built) -> None:
    """The gates map needs no map tiles, speaks the page's language and names every gate pair."""
    from xulang.diagrams import GATE_PAIRS, label
    from xulang.site import load_site

    source = load_site(ROOT).default.code  # a name a language lacks is drawn in this one
    glossary = yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))
    titles = {"vi": "Hành lang kinh tế", "en": "corridor", "zh": "经济走廊"}
    for lang in LANGS:
        soup = built.html(output_of("khu-kinh-te/cua-khau.md", lang))
        svg = soup.select_one("figure.xl-map svg")
        assert svg is not None and svg["role"] == "img", lang
        labelled = [soup.find(id=i) for i in svg["aria-labelledby"].split()]
        assert all(labelled) and titles[lang] in labelled[0].get_text(), lang
        drawn = [t.get_text() for t in svg.find_all("text")]
        for vn, cn in GATE_PAIRS:
            assert label(glossary, vn, lang, source) in drawn, (lang, vn)
            assert label(glossary, cn, lang, source) in drawn, (lang, cn)
        assert not svg.find(["image", "use"]) and "http" not in str(svg).replace(
            "http://www.w3.org/2000/svg", ""
        )
        assert soup.select_one("figure.xl-map figcaption").get_text(strip=True), lang


# -- each language reads as native copy ----------------------------------------------------------

LATIN_WORD = re.compile(r"(?<![0-9A-Za-zÀ-ỹ/._-])[A-Za-zÀ-ỹ][A-Za-zÀ-ỹ'’]*(?![0-9/])")
UNITS = {"km", "m", "cm", "mm", "kg", "ha", "kWh", "MW", "TEU", "C"}
HAN = r"[\u3400-\u9fff]"


def reader_parts(built: Built, rel: str, lang: str) -> tuple[str, list[list[str]]]:
    """A built page's article: its running text, and its tables' rows (cells) apart."""
    article = built.html(output_of(rel, lang)).select_one("article")
    for tag in article.select(".headerlink, .md-content__button, pre, code, svg, script"):
        tag.decompose()
    rows = [
        [td.get_text(" ", strip=True) for td in tr.select("td, th")] for tr in article.select("tr")
    ]
    for table in article.select("table"):
        table.decompose()
    return article.get_text(" ", strip=True), rows


def test_chinese_pages_read_as_chinese(built: Built) -> None:
    """A mainland reader meets no Latin words in Chinese prose (a Vietnamese name with no Chinese
    form stands in full-width parentheses after a Chinese descriptor), numbers in 万/亿 and
    full-width brackets; tables may list Vietnamese names (for ordering, for signs) in a column."""
    latin, grouped, brackets = [], [], []
    for rel in sources("zh"):
        text, rows = reader_parts(built, rel, "zh")
        # table cells in Latin letters only are a column of names; mixed cells are prose
        text += " " + " ".join(cell for row in rows for cell in row if re.search(HAN, cell))
        outside = re.sub(r"（[^（）]*）|https?://\S+", " ", text)  # addresses are not prose
        words = [
            w
            for w in LATIN_WORD.findall(outside)
            if w not in UNITS and not (len(w) > 1 and w.isupper())
        ]
        latin += [(rel, w) for w in words]
        for match in re.finditer(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(\s*[万亿])?", text):
            value = float(match.group().rstrip("万亿 ").replace(",", ""))
            if match.group(1) or value >= 100_000:
                grouped.append((rel, match.group()))
        brackets += [
            (rel, m.group())
            for m in re.finditer(HAN + r"\s*\(|\)\s*" + HAN + r"|\([^()]*" + HAN, text)
        ]
    assert latin == [], f"{len(latin)} Latin words in Chinese prose: {latin[:20]}"
    assert grouped == [] and brackets == []


def test_english_pages_spell_each_name_one_way(built: Built) -> None:
    """English pages write Vietnamese names with their diacritics, as the glossary does: never
    "Lạng Sơn" and "Lang Son" on one site; Han characters only beside their pinyin."""
    from xulang.checks.writing import ascii_fold

    glossary = yaml.safe_load((ROOT / "data/glossary.yml").read_text(encoding="utf-8"))
    forms = {
        str(f)
        for e in glossary.values()
        for f in (e.get("en"), (e.get("short") or {}).get("en"))
        if f
    }
    plain = {ascii_fold(f): f for f in forms if ascii_fold(f) != f}
    pattern = re.compile(
        r"(?<![A-Za-zÀ-ỹ])("
        + "|".join(map(re.escape, sorted(plain, key=len, reverse=True)))
        + r")(?![A-Za-zÀ-ỹ])"
    )
    found, bare_han = [], []
    for rel in sources("en"):
        text, rows = reader_parts(built, rel, "en")
        found += [(rel, m) for m in pattern.findall(text)]
        for match in re.finditer(HAN + "+", text):
            before, after = text[: match.start()].rstrip(), text[match.end() :].lstrip()
            if not (before.endswith("(") or after.startswith("(")):
                bare_han.append((rel, match.group()))
    assert found == [] and bare_han == []


def test_incentives_page_waits_for_its_legal_review(built: Built, site_url: str) -> None:
    """The investment-incentives summary needs a legal review first: until a reviewer publishes it,
    no language publishes it, lists it in the sitemap or links to it."""
    for lang, prefix in LANGS.items():
        page = ROOT / "content" / lang / "khu-kinh-te/uu-dai.md"
        assert status(page) == "review", lang
        assert not (built.site / prefix / "khu-kinh-te/uu-dai/index.html").exists(), lang
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "uu-dai" not in sitemap
    linking = [
        p.relative_to(built.site).as_posix()
        for p in built.site.rglob("*.html")
        if re.search(r'href="[^"]*uu-dai', p.read_text(encoding="utf-8"))
    ]
    assert linking == []
