"""What a reader gets from search, previews and a first visit: three languages, in Debian's Chromium."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT, Built, search

LANGS = {"vi": ("vi", ""), "en": ("en", "en/"), "zh": ("zh-Hans", "zh/")}


def lang_of(rel: str) -> str:
    first = rel.split("/", 1)[0]
    return first if first in ("en", "zh") else "vi"


# -- Vietnamese and English: diacritics optional -------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "first", "marked"),
    [
        ("Mau Son", "/du-lich/mau-son/", "Mẫu"),
        ("Mẫu Sơn", "/du-lich/mau-son/", "Mẫu"),
        ("mâu son", "/du-lich/mau-son/", "Mẫu"),  # some marks, not all
        ("cua khau", "/khu-kinh-te/cua-khau/", "khẩu"),
        ("Ky Lua", "/du-lich/cho-ky-lua/", "Lừa"),
        ("Dong Dang", "/khu-kinh-te/", "Đồng"),
    ],
)
def test_vietnamese_search_ignores_missing_diacritics(
    tab: object, server: str, query: str, first: str, marked: str
) -> None:
    """A reader typing Vietnamese without (or with some) diacritics finds the page, words marked as written."""
    results, marks = search(tab, server, "", query)
    assert results[0] == first, results[:4]
    assert marked in marks, marks[:8]
    assert all(not r.startswith(("/en/", "/zh/")) for r in results)
    assert tab.errors == []  # type: ignore[attr-defined]


@pytest.mark.browser
def test_lang_son_typed_plainly_ranks_like_lang_son_with_diacritics(
    tab: object, server: str
) -> None:
    """`Lang Son` gives the same first page as `Lạng Sơn`, with the province's name marked, not `sông`."""
    plain, plain_marks = search(tab, server, "", "Lang Son")
    accented, _ = search(tab, server, "", "Lạng Sơn")
    assert plain[0] == accented[0]
    assert {"Lạng", "Sơn"} <= set(plain_marks[:4]), plain_marks[:8]
    assert tab.errors == []  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "expected", "marked", "first"),
    [
        ("Mau Son", "/en/du-lich/mau-son/", "Mẫu", True),  # English pages write Mẫu Sơn
        ("lang son food", "/en/du-lich/am-thuc/", "Lạng", True),  # and Lạng Sơn
        ("xoi ngu sac", "/en/du-lich/am-thuc/", "xôi", False),  # a dish's Vietnamese name
        ("Friendship Pass", "/en/du-lich/huu-nghi/", "Friendship", True),
    ],
)
def test_english_search_finds_vietnamese_names_typed_plainly(
    tab: object, server: str, query: str, expected: str, marked: str, first: bool
) -> None:
    """On English pages, Vietnamese names typed without diacritics find the pages that write them with."""
    results, marks = search(tab, server, "en/", query)
    assert (results[0] == expected) if first else (expected in results[:4]), results[:4]
    assert marked in marks, marks[:8]
    assert all(r.startswith("/en/") for r in results)
    assert tab.errors == []  # type: ignore[attr-defined]


# -- Chinese: words from jieba -------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("友谊关", "/zh/du-lich/huu-nghi/"),  # Friendship Pass (gate and sight)
        ("母山", "/zh/du-lich/mau-son/"),  # Mẫu Sơn
        ("支棱关", "/zh/du-lich/chi-lang/"),  # Chi Lăng Pass
        ("三清洞", "/zh/du-lich/tam-thanh-nhi-thanh/"),  # Tam Thanh cave
        ("浦寨", "/zh/khu-kinh-te/cua-khau/"),  # Puzhai, facing Tân Thanh gate
        ("凭祥", "/zh/doi-ngoai/sung-ta/"),  # Pingxiang, in the Chongzuo page
        ("烤鸭", "/zh/du-lich/am-thuc/"),  # roast duck: the food page
        ("北山", "/zh/du-lich/bac-son/"),  # Bắc Sơn
        ("侬族", "/zh/gioi-thieu/dan-toc/"),  # the Nùng people: the ethnic groups page
        ("岱依族", "/zh/gioi-thieu/dan-toc/"),  # the Tày people
        ("淇穷江", "/zh/gioi-thieu/dia-ly/"),  # the Kỳ Cùng river: geography
    ],
)
def test_chinese_names_find_their_page_first(
    tab: object, server: str, query: str, first: str
) -> None:
    """A gate's, sight's, people's or river's Chinese name finds its page first (news items aside),
    on Chinese pages only."""
    results, marks = search(tab, server, "zh/", query)
    # a dated news item about the place may rank above it; among the reference pages, the page
    # about the name comes first
    reference = [r for r in results if "/tin-tuc/" not in r]
    assert reference[0] == first, results[:6]
    assert all(r.startswith("/zh/") for r in results)
    assert any(query[:2] in m for m in marks), marks[:8]
    assert tab.errors == []  # type: ignore[attr-defined]


@pytest.mark.browser
def test_chinese_query_that_is_one_word_stays_whole(tab: object, server: str) -> None:
    """地质公园 (geopark) finds the geopark pages, not every word that starts with 地 (地理, 地处)."""
    results, marks = search(tab, server, "zh/", "地质公园")
    assert "/zh/du-lich/cong-vien-dia-chat/" in results[:4], results[:4]
    assert marks and set(marks) == {"地质公园"}, marks[:8]


def test_chinese_index_is_segmented_into_words(built: Built) -> None:
    """Chinese pages are indexed word by word (jieba), so a word inside a sentence can be found."""
    index = json.loads((built.site / "zh/search/search_index.json").read_text(encoding="utf-8"))
    page = next(d for d in index["docs"] if d["location"] == "du-lich/huu-nghi/")
    words = re.split(index["config"]["separator"], page["title"])
    assert "友谊关" in words and "口岸" in words, words
    assert "\u200b" in page["text"]
    separator = re.compile(index["config"]["separator"])
    assert separator.split("谅山\u200b旅游") == ["谅山", "旅游"]


# -- around the search ---------------------------------------------------------------------------


@pytest.mark.browser
def test_result_opens_with_words_marked_on_the_page(tab: object, server: str) -> None:
    """Opening a result for `Mau Son` marks `Mẫu Sơn` on the page itself, without console errors."""
    results, _ = search(tab, server, "", "Mau Son")
    with tab.expect_navigation():  # type: ignore[attr-defined]
        tab.click(".md-search-result__link")  # type: ignore[attr-defined]
    assert urlsplit(tab.url).path == results[0]  # type: ignore[attr-defined]
    tab.wait_for_selector("article mark")  # type: ignore[attr-defined]
    marked = tab.eval_on_selector_all("article mark", "els => els.map(e => e.textContent)")  # type: ignore[attr-defined]
    assert "Mẫu Sơn" in marked, marked[:8]
    assert tab.errors == []  # type: ignore[attr-defined]


@pytest.mark.browser
def test_search_index_is_loaded_only_when_the_search_opens(tab: object, server: str) -> None:
    """A reader who never searches does not download the search index (40–50 KB)."""
    tab.goto(server + "du-lich/mau-son/", wait_until="networkidle")  # type: ignore[attr-defined]
    assert not [u for u in tab.requests if "search_index.json" in u]  # type: ignore[attr-defined]
    with tab.expect_request(lambda r: "search_index.json" in r.url) as request:  # type: ignore[attr-defined]
        tab.keyboard.press("/")  # type: ignore[attr-defined]
    assert urlsplit(request.value.url).path == "/search/search_index.json"


# -- a first visit -------------------------------------------------------------------------------


def test_measuring_server_answers_like_production(built: Built) -> None:
    """The page weights measured here are the ones readers get: gzip as in deploy/nginx, 404 pages too."""
    import gzip
    import urllib.error
    import urllib.request

    from devtools.sites import serve

    css = next(p.name for p in (built.site / "assets/stylesheets").glob("main.*.min.css"))
    with serve(built.site) as base:
        request = urllib.request.Request(
            base + "assets/stylesheets/" + css, headers={"Accept-Encoding": "gzip"}
        )
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["LinkChecker"] == "allow"
            body = gzip.decompress(response.read())
        assert body == (built.site / "assets/stylesheets" / css).read_bytes()
        with urllib.request.urlopen(
            base + "du-lich/mau-son/"
        ) as response:  # no gzip asked: none sent
            assert response.headers["Content-Encoding"] is None
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "zh/no-such-page/")
        assert missing.value.code == 404 and "页面不存在" in missing.value.read().decode("utf-8")


@pytest.mark.browser
def test_first_visit_of_a_content_page_stays_within_budget(built: Built, browser: object) -> None:
    """A content page's first visit costs at most 120 KB compressed (images aside) in 12 requests."""
    from devtools.sites import serve
    from devtools.visits import first_visits

    with serve(built.site) as base:  # gzip, as deploy/nginx serves the site
        content = first_visits(base, built.site, browser, only="content")
    assert len(content) == 9
    for visit in content:
        assert visit.bytes <= 120 * 1024, (visit.path, visit.bytes, visit.by_type)
        assert visit.requests <= 12, (visit.path, visit.requests)
        assert visit.by_type.get("Document", 0) > 2000  # the page itself was measured, compressed


# -- previews and search engines -----------------------------------------------------------------


def province_names() -> dict[str, str]:
    data = yaml.safe_load((ROOT / "data/province.yml").read_text(encoding="utf-8"))
    return dict(data["official_name"]["value"])


def ld_json(soup: object) -> list[dict[str, object]]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]  # type: ignore[attr-defined]


def test_every_page_has_a_preview_in_its_language(built: Built) -> None:
    """A link shared on social media shows the page's own title and description in its language."""
    for rel in built.pages():
        soup = built.html(rel)
        description = soup.find("meta", attrs={"name": "description"})["content"]
        title = soup.find("meta", property="og:title")["content"]
        assert description and title, rel
        assert soup.find("meta", property="og:description")["content"] == description, rel
        assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary", rel
        assert soup.find("meta", attrs={"name": "twitter:title"})["content"] == title, rel
        assert soup.find("meta", attrs={"name": "twitter:description"})["content"] == description, (
            rel
        )
        assert soup.find("meta", property="og:locale")["content"], rel
        assert len(soup.find_all("meta", property="og:locale:alternate")) == 2, rel
        if lang_of(rel) == "zh":
            assert re.search(r"[\u4e00-\u9fff]", title + description), rel


def expected_kind(rel: str) -> str | None:
    path = rel[len(LANGS[lang_of(rel)][1]) :]
    if path == "index.html":
        return "home"
    if re.fullmatch(r"du-lich/[^/]+/index\.html", path) and not path.startswith(
        "du-lich/thong-tin/"
    ):
        return "sight"
    if re.fullmatch(r"tin-tuc/2[^/]+/index\.html", path):
        return "news"
    return None


def test_structured_data_describes_home_sights_and_news(built: Built, site_url: str) -> None:
    """Search engines read who publishes the site, which pages are sights and which are dated news."""
    names = province_names()
    seen = {"home": 0, "sight": 0, "news": 0}
    for rel in built.pages():
        soup = built.html(rel)
        blocks = ld_json(soup)
        kind = expected_kind(rel)
        if kind is None:
            # any other page: a WebPage with its language and the date it last changed
            assert len(blocks) == 1 and blocks[0]["@type"] == "WebPage", rel
            assert blocks[0]["inLanguage"] == LANGS[lang_of(rel)][0], rel
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", blocks[0]["dateModified"]), rel
            continue
        seen[kind] += 1
        assert len(blocks) == 1, rel
        block = blocks[0]
        lang = lang_of(rel)
        bcp47 = LANGS[lang][0]
        title = soup.find("meta", property="og:title")["content"]
        description = soup.find("meta", attrs={"name": "description"})["content"]
        url = site_url + rel.removesuffix("index.html")
        nodes = block.get("@graph", [block])
        assert block["@context"] == "https://schema.org", rel
        assert any(n.get("inLanguage") == bcp47 for n in nodes), rel  # names its language
        by_type = {n["@type"]: n for n in nodes}
        if kind == "home":
            org = by_type["GovernmentOrganization"]
            assert org["name"] == names[lang] and org["url"] == url, rel
            assert by_type["WebSite"]["publisher"] == {"@id": org["@id"]}, rel
        elif kind == "sight":
            place = by_type["TouristAttraction"]
            assert (place["name"], place["description"], place["url"]) == (
                title,
                description,
                url,
            ), rel
            assert place["containedInPlace"]["name"] == names[lang], rel
        else:
            article = by_type["NewsArticle"]
            assert (article["headline"], article["description"]) == (title, description), rel
            date = re.search(r"tin-tuc/(\d{4}-\d{2}-\d{2})-", rel)
            assert date and article["datePublished"] == date[1], rel
            assert article["publisher"]["name"] == names[lang], rel
    assert seen["home"] == 3 and seen["sight"] >= 27 and seen["news"] >= 9, seen


def test_structured_data_cannot_break_out_of_its_script() -> None:
    """A title with `</script>` in it stays data: the page around it is not broken."""
    from xulang.plugin.seo import structured_data, to_script
    from xulang.site import Language

    obj = structured_data(
        rel="tin-tuc/2026-01-01-x.md",
        lang=Language("en", "English", False, "en", "en_US"),
        meta={"title": "A </script><script>alert(1)</script>", "date": "2026-01-01"},
        url="https://x.test/en/tin-tuc/2026-01-01-x/",
        root="https://x.test/",
        site_name="X",
        data={},
    )
    assert obj is not None
    text = to_script(obj)
    assert "</" not in text and "<script" not in text
    assert json.loads(text)["headline"] == "A </script><script>alert(1)</script>"
    assert "name" not in json.loads(text)["publisher"]  # no data, no invented name
