"""The built site, page by page: languages, alternates, switcher, sitemap, anchors, no third parties."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, Built
from xulang.site import load_site

# The production site's languages, as mkdocs.yml declares them: code -> (lang/hreflang, Open
# Graph locale, URL prefix); the default language first is not assumed.
SITE = load_site(ROOT).published()
DEFAULT = SITE.default.code
LANGS = {lang.code: (lang.bcp47, lang.og_locale, lang.prefix) for lang in SITE.languages}
NAMES = {lang.code: lang.name for lang in SITE.languages}


def lang_of(rel: str) -> str:
    first = rel.split("/", 1)[0]
    return first if first in LANGS and first != DEFAULT else DEFAULT


def unprefixed(rel: str) -> str:
    code = lang_of(rel)
    return rel[len(LANGS[code][2]) :]


def page_url(site_url: str, rel: str) -> str:
    return site_url + rel.removesuffix("index.html")


def test_every_language_has_the_same_pages(built: Built) -> None:
    """A reader switching language never lands on a page that does not exist."""
    by_lang: dict[str, set[str]] = {code: set() for code in LANGS}
    for rel in built.pages():
        by_lang[lang_of(rel)].add(unprefixed(rel))
    assert len(by_lang[DEFAULT]) >= 5
    assert all(pages == by_lang[DEFAULT] for pages in by_lang.values())


def test_sources_are_mirrored_path_for_path() -> None:
    """A translator finds each page at the same path in every language folder."""
    trees = {
        code: {
            p.relative_to(ROOT / "content" / code).as_posix()
            for p in (ROOT / "content" / code).rglob("*.md")
        }
        for code in LANGS
    }
    assert trees[DEFAULT] and all(tree == trees[DEFAULT] for tree in trees.values())


def test_html_lang_hreflang_and_og_locale_agree(built: Built, site_url: str) -> None:
    """Search engines and screen readers get the same language from every signal on a page."""
    for rel in built.pages():
        code = lang_of(rel)
        bcp47, og_locale, _ = LANGS[code]
        soup = built.html(rel)
        assert soup.html["lang"] == bcp47, rel
        assert soup.find("meta", property="og:locale")["content"] == og_locale, rel
        alternates = {
            link["hreflang"]: link["href"]
            for link in soup.find_all("link", rel="alternate")
            if link.get("hreflang")
        }
        path = unprefixed(rel).removesuffix("index.html")
        expected = {bcp: site_url + prefix + path for bcp, _, prefix in LANGS.values()}
        expected["x-default"] = site_url + LANGS[DEFAULT][2] + path
        assert alternates == expected, rel
        assert alternates[bcp47] == page_url(site_url, rel), rel
        canonical = soup.find_all("link", rel="canonical")
        assert [c["href"] for c in canonical] == [page_url(site_url, rel)], rel
        others = sorted(m["content"] for m in soup.find_all("meta", property="og:locale:alternate"))
        assert others == sorted(v[1] for k, v in LANGS.items() if k != code), rel


def test_switcher_leads_to_the_same_page_in_each_language(built: Built) -> None:
    """The language menu on a deep page opens that page in the other language, not the home page."""
    for rel in built.pages():
        soup = built.html(rel)
        links = soup.select("a.md-select__link")
        assert [a.get_text(strip=True) for a in links] == list(NAMES.values()), rel
        base = "https://x.test/" + rel
        for a, code in zip(links, LANGS):
            assert a["lang"] == a["hreflang"] == LANGS[code][0], rel
            target = urlsplit(urljoin(base, a["href"])).path.lstrip("/")
            assert target + ("index.html" if target.endswith("/") or not target else "") == (
                LANGS[code][2] + unprefixed(rel)
            ), (rel, a["href"])
        assert not any(re.search(r"flag|🇻🇳|🇬🇧|🇨🇳", str(a)) for a in links)


def test_ui_speaks_the_page_language(built: Built) -> None:
    """Site name, description and menu labels are in the reader's language."""
    expectations = {
        "index.html": ("Lạng Sơn – Thông tin đối ngoại", "Giới thiệu tỉnh", "Tìm kiếm"),
        "en/index.html": ("Lạng Sơn Province, Vietnam", "About the province", "Search"),
        "zh/index.html": ("越南谅山省", "谅山概况", "搜索"),
    }
    for rel, (site_name, nav_label, search) in expectations.items():
        soup = built.html(rel)
        assert site_name in soup.title.get_text(), rel
        assert soup.find("meta", attrs={"name": "description"})["content"], rel
        tabs = [a.get_text(strip=True) for a in soup.select(".md-tabs__link")]
        assert nav_label in tabs, (rel, tabs)
        assert soup.select_one("input.md-search__input")["placeholder"] == search, rel


def test_sitemap_lists_every_page_with_alternates(built: Built, site_url: str) -> None:
    """Search engines find every page of every language and how they relate."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(built.site / "sitemap.xml")
    urls = {u.findtext("s:loc", namespaces=ns): u for u in tree.getroot().findall("s:url", ns)}
    expected = {page_url(site_url, rel) for rel in built.pages()}
    assert set(urls) == expected
    rels = {page_url(site_url, rel): rel for rel in built.pages()}
    for loc, url in urls.items():
        links = {l.get("hreflang"): l.get("href") for l in url.findall("x:link", ns)}
        path = unprefixed(rels[loc]).removesuffix("index.html")
        # each alternate is the same page in its language; x-default the default language's
        expected = {bcp: site_url + prefix + path for bcp, _, prefix in LANGS.values()}
        expected["x-default"] = site_url + LANGS[DEFAULT][2] + path
        assert links == expected, loc
        assert links[LANGS[lang_of(rels[loc])][0]] == loc
    robots = (built.site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {site_url}sitemap.xml" in robots.splitlines()


RESOURCE_ATTRS = {"script": "src", "img": "src", "link": "href", "source": "src", "iframe": "src"}


def test_no_resource_comes_from_another_origin(built: Built, site_url: str) -> None:
    """Readers behind the firewall load nothing from Google, a CDN or any third party."""
    for path in sorted(built.site.rglob("*.html")):
        soup = built.html(path.relative_to(built.site).as_posix())
        for tag, attr in RESOURCE_ATTRS.items():
            for el in soup.find_all(tag):
                url = el.get(attr)
                if not url:
                    continue
                if tag == "link" and ("canonical" in el.get("rel", []) or el.get("hreflang")):
                    assert url.startswith(site_url), (path, url)
                    continue
                assert not urlsplit(url).netloc and not url.startswith("//"), (path, tag, url)
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
    css = (built.site / "assets/stylesheets/site.css").read_text(encoding="utf-8")
    for family in ("Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Segoe UI", "DejaVu Sans"):
        assert family in css
    assert "@import" not in css and "url(http" not in css


def test_heading_ids_are_readable_stable_and_unique(built: Built) -> None:
    """A link to a section keeps working: ids are words, not `_1`, and never repeat on a page."""
    for rel in built.pages():
        soup = built.html(rel)
        ids = [h.get("id") for h in soup.select("article h1, article h2, article h3, article h4")]
        ids = [i for i in ids if i is not None]
        assert len(ids) == len(set(ids)), rel
        for hid in ids:
            assert hid and not re.fullmatch(r"_?\d+", hid), (rel, hid)
            # Vietnamese letters are transliterated (đ -> d), so no Latin letter keeps a diacritic
            assert not re.search(r"[\u00c0-\u024f\u1e00-\u1eff]", hid), (rel, hid)


def test_heading_slugs_transliterate_vietnamese_and_keep_chinese() -> None:
    """Vietnamese anchors read as words (đ becomes d); Chinese anchors keep their characters."""
    from xulang.slugs import slugify

    assert slugify("Đồng Đăng – Lạng Sơn", "-") == "dong-dang-lang-son"
    assert slugify("Khu kinh tế cửa khẩu", "-") == "khu-kinh-te-cua-khau"
    assert slugify("谅山省概况", "-") == "谅山省概况"
    assert slugify("友谊关口岸，凭祥", "-") == "友谊关口岸-凭祥"
    assert slugify("!!!", "-")


def test_each_language_has_its_own_404(built: Built) -> None:
    """A mistyped address answers in the reader's language with a way home."""
    for lang in SITE.languages:
        prefix, bcp47, title = lang.prefix, lang.bcp47, str(lang.extra["ui"]["notfound.title"])
        soup = built.html(prefix + "404.html")
        assert soup.html["lang"] == bcp47
        assert soup.find("h1").get_text(strip=True) == title
        home = [a["href"] for a in soup.select("article a")]
        assert "/" + prefix in home
        # served at any depth: every asset path must be absolute
        for el in soup.find_all(["script", "link"]):
            url = el.get("src") or el.get("href")
            if url and not url.startswith(("http", "#", "data:")):
                assert url.startswith("/"), (prefix, url)


def test_strict_build_reports_no_warnings(built: Built) -> None:
    """`make build` is clean: --strict is on and no warning slipped through."""
    assert "WARNING" not in built.log
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    build_line = next(l for l in make.splitlines() if "mkdocs build" in l)
    assert "--strict" in build_line and " -q" not in build_line


def test_config_avoids_known_traps() -> None:
    """Config choices that readers would feel: no instant navigation, no web fonts, no blog plugin."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "navigation.instant" not in text  # the switcher would go stale
    assert re.search(r"^\s+font: false", text, re.M)
    assert "!!python" not in text  # pre-commit's check-yaml could not read it
    assert not re.search(r"^\s+- (material/)?blog\b", text, re.M)


def test_theme_bundle_is_patched(built: Built) -> None:
    """Material's alternate-link handler, which fetched <hreflang URL>/sitemap.xml, is gone."""
    bundle = next((built.site / "assets/javascripts").glob("bundle.*.min.js"))
    text = bundle.read_text(encoding="utf-8")
    assert "xulang: alternate handler removed" in text
    assert "link[rel=alternate]" in text  # the function stays, unused


@pytest.mark.parametrize("rel", ["index.html", "en/index.html", "zh/index.html"])
def test_output_contains_only_the_site(built: Built, rel: str) -> None:
    """No Markdown source or data file is published next to the pages."""
    assert (built.site / rel).exists()
    leaked = [p for p in built.site.rglob("*") if p.suffix in {".md", ".yml", ".yaml"}]
    assert leaked == []
    assert not any(
        part.startswith(".")
        for p in built.site.rglob("*")
        for part in p.relative_to(built.site).parts
    )


def test_pages_exist_in_output_as_written(built: Built) -> None:
    """Each published source page is at its mirrored URL in its own language (a page in draft or
    under review is not)."""
    for code, (_, _, prefix) in LANGS.items():
        for src in (ROOT / "content" / code).rglob("*.md"):
            if "\nstatus: published\n" not in src.read_text(encoding="utf-8"):
                continue
            rel = src.relative_to(ROOT / "content" / code).with_suffix("")
            out = Path(prefix) / (rel.parent if rel.name == "index" else rel) / "index.html"
            assert (built.site / out).exists(), out


def test_each_language_has_its_own_search_index(built: Built) -> None:
    """A reader downloads and searches only the pages of the language being read."""
    import json

    for code, (_, _, prefix) in LANGS.items():
        index = json.loads(
            (built.site / prefix / "search/search_index.json").read_text(encoding="utf-8")
        )
        pages = {
            unprefixed(rel).removesuffix("index.html")
            for rel in built.pages()
            if lang_of(rel) == code
        }
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        # every page but the news list, which repeats the items (`search: exclude` in its front matter)
        assert locations == pages - {"tin-tuc/"}, code
        # each language's lunr languages as declared (English: en-vi, Vietnamese names typed
        # without diacritics)
        assert index["config"]["lang"] == SITE.language(code).extra["search"]["lang"]
        config = json.loads(built.html(prefix + "du-lich/index.html").find(id="__config").string)
        assert (
            config["base"].endswith("/" + prefix) if prefix else not config["base"].endswith("en/")
        )


def test_status_page_is_not_published(built: Built) -> None:
    """The editors' status report stays in the preview."""
    assert not (built.site / "trang-thai").exists()
