"""Share and print: each page's QR code, its share links, and the page as a printed A4 handout."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import zxingcpp
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, Built, mkdocs
from PIL import Image, ImageDraw
from xulang.plugin import share
from xulang.plugin.publish import configured_csp, inline_script_hashes
from xulang.site import Language, Site, load_site

SITE_CONF = ROOT / "deploy" / "nginx" / "langson-site.conf"
# The networks each audience uses (issue 12); WeChat and Zalo through the QR code.
NETWORKS = {
    "vi": {"www.facebook.com"},
    "en": {"www.facebook.com", "x.com", "www.linkedin.com"},
    "zh": {"service.weibo.com"},
}
# What gets printed as a handout: the investor guide, the border-crossing page (timetables) and
# the border gates (a wide table), in each language.
HANDOUTS = [
    prefix + page
    for prefix in ("", "en/", "zh/")
    for page in ("khu-kinh-te/dau-tu/", "huong-dan/qua-bien-gioi/", "khu-kinh-te/cua-khau/")
]
A4_TEXT_WIDTH = 680  # CSS px: A4 (210 mm) less the 15 mm margins of site.css, at 96 px per inch


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(ROOT)


def language_of(site: Site, url_path: str) -> Language:
    return next(
        (lang for lang in site.translations if url_path.startswith(lang.prefix)), site.default
    )


def page_urls(built: Built) -> list[str]:
    """Every built page's address relative to the site root ("", "en/khu-kinh-te/", …)."""
    return [rel.removesuffix("index.html") for rel in built.pages()]


def draw_qr(svg: Tag, scale: int = 6) -> Image.Image:
    """The QR code as the SVG markup draws it: segno's path of horizontal runs, one row of
    modules per stroke (of width 1, centred on the row's middle)."""
    size = int(float(svg["viewbox"].split()[2]))
    image = Image.new("L", (size * scale, size * scale), 255)
    pen = ImageDraw.Draw(image)
    dark = next(path for path in svg.find_all("path") if path.get("stroke"))
    x = y = 0.0
    for command, args in re.findall(r"([A-Za-z])([^A-Za-z]*)", dark["d"]):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        elif command == "h":
            row = int(y)
            box = [x * scale, row * scale, (x + numbers[0]) * scale - 1, (row + 1) * scale - 1]
            pen.rectangle(box, fill=0)
            x += numbers[0]
        else:
            raise AssertionError(f"unexpected SVG path command {command!r}")
    return image


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


# -- the built pages ----------------------------------------------------------------------------


def test_every_page_carries_a_qr_code_of_its_own_address(built: Built, site: Site) -> None:
    """A reader who scans the code under any page, in any language, opens that very page."""
    wrong = {}
    urls = page_urls(built)
    assert len(urls) > 100
    for url in urls:
        html = (built.site / url / "index.html").read_text(encoding="utf-8")
        start = html.find('<svg role="img" aria-labelledby="xl-qr-label"')
        assert start >= 0, url
        svg = BeautifulSoup(html[start : html.index("</svg>", start) + 6], "html.parser").svg
        found = decode(draw_qr(svg))
        if found != [site.site_url + url]:
            wrong[url] = found
    assert wrong == {}


def test_the_qr_code_is_named_in_the_readers_language(built: Built, site: Site) -> None:
    """A screen reader names the code in the page's language ("Open this page on your phone")."""
    for url in ("", "khu-kinh-te/cua-khau/", "en/", "en/du-lich/mau-son/", "zh/", "zh/tin-tuc/"):
        soup = built.html(url + "index.html")
        svg = soup.select_one(".xl-qr svg")
        assert svg is not None and svg.get("role") == "img", url
        label = soup.find(id=svg["aria-labelledby"])
        expected = language_of(site, url).extra["ui"]["share.qr"]
        assert label is not None and label.get_text(strip=True) == expected, url
        assert soup.select_one(".xl-qr__url").get_text(strip=True) == site.site_url + url


@pytest.mark.parametrize(
    "url",
    ["", "khu-kinh-te/cua-khau/", "en/", "en/khu-kinh-te/dau-tu/", "zh/", "zh/du-lich/mau-son/"],
)
def test_share_links_lead_to_each_audiences_networks(built: Built, site: Site, url: str) -> None:
    """Vietnamese readers share to Facebook, English readers to Facebook, X and LinkedIn, Chinese
    readers to Weibo, each with this page's address (and title) filled in and encoded."""
    soup = built.html(url + "index.html")
    lang = language_of(site, url)
    address = site.site_url + url
    links = soup.select(".xl-share__links a")
    assert {urlsplit(a["href"]).hostname for a in links} == NETWORKS[lang.code]
    for a in links:
        href = a["href"]
        assert urlsplit(href).scheme == "https", href
        assert href.isascii() and " " not in href, href  # every value percent-encoded
        assert "%3A%2F%2F" in href, href  # the page's address is a value, not a path
        query = parse_qs(urlsplit(href).query)
        assert [address] in query.values(), href
        for key in ("text", "title"):  # X and Weibo take the title too
            if key in query:
                assert query[key][0] and query[key][0] in soup.title.get_text(), href
        assert a.get("target") is None or "noopener" in a.get("rel", []), href
    assert not soup.select(".xl-share script, .xl-share iframe, .xl-share img")


def test_share_and_print_add_no_inline_style_or_script(built: Built) -> None:
    """The pages still load under the Content-Security-Policy: nothing inline was added, no style
    attribute anywhere (the QR code included), no handler, no script the policy does not list."""
    policy = configured_csp(SITE_CONF) or ""
    assert set(inline_script_hashes(built.site)) <= set(re.split(r"[\s;]+", policy))
    for url in page_urls(built)[::7] + HANDOUTS:
        soup = built.html(url + "index.html")
        assert soup.select("[style]") == [], url
        block = soup.select_one(".xl-share")
        assert block is not None, url
        for element in [block, *block.find_all(True)]:
            assert not [name for name in element.attrs if name.lower().startswith("on")], url


def test_internal_links_carry_their_address_for_print(built: Built, site: Site) -> None:
    """On paper a link still says where it leads: links to other pages of the site carry their
    absolute address; links within the page and links out do not need one."""
    url = "khu-kinh-te/dau-tu/"
    soup = built.html(url + "index.html")
    article = soup.select_one("article")
    internal = [
        a
        for a in article.select("a[href]")
        if not urlsplit(a["href"]).scheme
        and not a["href"].startswith("#")
        and not a.find_parent(class_="xl-share")
    ]
    assert internal
    for a in internal:
        assert a["data-xl-print"] == urljoin(site.site_url + url, a["href"]), a
    for a in article.select('a[href^="#"]'):
        assert not a.has_attr("data-xl-print"), a


# -- the pieces, directly -----------------------------------------------------------------------


def test_share_addresses_survive_any_title() -> None:
    """A title with &, # or Chinese cannot cut the shared address short or change its meaning."""
    lang = Language(
        "xx",
        "Test",
        True,
        "xx",
        "xx_XX",
        extra={
            "share": [
                {
                    "name": "Weibo",
                    "url": "https://service.weibo.com/share/share.php?url={url}&title={title}",
                },
            ]
        },
    )
    address = "https://example.org/zh/khu-kinh-te/cua-khau/"
    title = "口岸 & 经济区 #1 ?x=1"
    [link] = share.share_links(lang, address, title)
    query = parse_qs(urlsplit(link.href).query)
    assert query == {"url": [address], "title": [title]}


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ({"name": "X", "url": "https://x.com/intent/tweet?text={title}"}, "{url}"),
        ({"name": "X", "url": "http://x.com/intent/tweet?url={url}"}, "https://"),
        ({"name": "X", "url": "https://x.com/intent/tweet?url={url}&via={via}"}, "{via}"),
        ({"url": "https://x.com/intent/tweet?url={url}"}, "`name`"),
    ],
)
def test_a_wrong_share_setting_is_named(entry: dict[str, str], says: str) -> None:
    """An editor who mistypes a share address in mkdocs.yml is told which entry and why."""
    lang = Language("xx", "Test", True, "xx", "xx_XX", extra={"share": [entry]})
    with pytest.raises(share.ShareConfigError, match=re.escape(says)) as caught:
        share.share_settings(lang)
    assert "extra.share[0]" in str(caught.value)


def test_a_wrong_share_setting_stops_the_build(make_project: object) -> None:
    """`make build` refuses a share address without {url}, with the setting named, no traceback."""
    project = make_project()  # type: ignore[operator]
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    broken = config.replace("sharer.php?u={url}", "sharer.php?u=", 1)
    assert broken != config
    (project / "mkdocs.yml").write_text(broken, encoding="utf-8")
    result = mkdocs("build", "--strict", "--site-dir", str(project / "out"), cwd=project)
    assert result.returncode != 0
    assert "extra.share[0]" in result.stderr and "{url}" in result.stderr
    assert "Traceback" not in result.stderr


def test_print_addresses_are_absolute_and_once() -> None:
    """Printed, a link shows its full address once: none for anchors, none twice."""
    html = (
        '<p><a href="../dau-tu/">Đầu tư</a> <a href="#gio">giờ</a>'
        ' <a href="https://songoaivu.langson.gov.vn/">https://songoaivu.langson.gov.vn</a>'
        ' <a href="https://example.org/a?b=1&amp;c=2">Site</a> <a href="mailto:a@b.vn">a@b.vn</a></p>'
    )
    soup = BeautifulSoup(
        share.mark_links(html, "https://h.vn/khu-kinh-te/cua-khau/"), "html.parser"
    )
    links = soup.find_all("a")
    assert links[0]["data-xl-print"] == "https://h.vn/khu-kinh-te/dau-tu/"
    assert not links[1].has_attr("data-xl-print")
    assert links[2]["data-xl-print"] == ""  # its text is its address
    assert not links[3].has_attr("data-xl-print")  # printed from its href
    assert not links[4].has_attr("data-xl-print")


# -- in a real browser --------------------------------------------------------------------------


@pytest.fixture
def handout(browser: object) -> Iterator[object]:
    """A tab laid out as Chromium prints A4: print media, the width of the printable area."""
    context = browser.new_context(viewport={"width": A4_TEXT_WIDTH, "height": 1000})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.emulate_media(media="print")
    yield tab
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "url",
    ["", "khu-kinh-te/dau-tu/", "en/khu-kinh-te/cua-khau/", "zh/tin-tuc/", "zh/du-lich/mau-son/"],
)
def test_the_qr_code_on_screen_opens_the_page(
    tab: object, server: str, site: Site, url: str
) -> None:
    """The small code under the page, as the screen shows it, reads as the page's address."""
    tab.goto(server + url)  # type: ignore[attr-defined]
    code = tab.locator(".xl-qr__code")  # type: ignore[attr-defined]
    box = code.bounding_box()
    assert box is not None and 90 <= box["width"] <= 160, box  # small, still readable
    image = Image.open(io.BytesIO(code.screenshot()))
    assert decode(image) == [site.site_url + url]
    assert [u for u in tab.requests if urlsplit(u).hostname != "127.0.0.1"] == []  # type: ignore[attr-defined]
    assert tab.errors == []  # type: ignore[attr-defined]


# A table no page has yet, as Material wraps one: many columns, long words, a long address.
HOSTILE_TABLE = """() => {
  const cell = (i) => i % 2 ? 'https://doingoai.langson.gov.vn/khu-kinh-te/cua-khau-thong-minh/?a=1'
                            : 'Khukinhtếcửakhẩu' + 'ĐồngĐăng'.repeat(3);
  const row = (tag) => '<tr>' + [...Array(8).keys()].map((i) => `<${tag}>${cell(i)}</${tag}>`).join('') + '</tr>';
  const wrap = document.createElement('div');
  wrap.className = 'md-typeset__scrollwrap';
  wrap.innerHTML = '<div class="md-typeset__table"><table><thead>' + row('th') + '</thead><tbody>'
    + row('td').repeat(3) + '</tbody></table></div>';
  document.querySelector('article.md-content__inner h1').after(wrap);
}"""

PRINT_STATE = """() => {
  const seen = (el) => el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const chrome = ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-sidebar--secondary',
                  '.md-search', '.md-footer', '.md-top', '.xl-share__links'];
  const article = document.querySelector('article.md-content__inner');
  const links = [...article.querySelectorAll('a[href]')]
    .filter((a) => !a.closest('.xl-share') && seen(a))
    .map((a) => ({href: a.getAttribute('href'), after: getComputedStyle(a, '::after').content}));
  const tables = [...article.querySelectorAll('table')].map((t) => {
    const r = t.getBoundingClientRect();
    const cells = [...t.querySelectorAll('th, td')].filter((c) => c.scrollWidth > c.clientWidth + 1);
    return {left: r.left, right: r.right, scroll: t.scrollWidth, client: t.clientWidth, cut: cells.length};
  });
  const box = (el) => el ? el.getBoundingClientRect().toJSON() : null;
  const content = [...article.querySelectorAll('h1, h2, h3, p, li, table')]
    .filter((el) => !el.closest('.xl-share, .xl-dates, .xl-report'));
  return {
    chrome: chrome.filter((s) => [...document.querySelectorAll(s)].some(seen)),
    article: box(article),
    page: document.documentElement.scrollWidth,
    links, tables,
    qr: seen(document.querySelector('.xl-qr__code')) ? box(document.querySelector('.xl-qr__code')) : null,
    url: seen(document.querySelector('.xl-qr__url')) ? document.querySelector('.xl-qr__url').textContent.trim() : null,
    date: seen(document.querySelector('.xl-updated')) ? box(document.querySelector('.xl-updated')) : null,
    dated: !!document.querySelector('.xl-updated'),
    contentBottom: Math.max(...content.map((el) => el.getBoundingClientRect().bottom)),
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("url", HANDOUTS)
def test_a_printed_page_is_a_clean_handout(
    handout: object, server: str, site: Site, url: str
) -> None:
    """Printed on A4, a page shows the article alone at full width (no menus, tabs, search or
    footer), every table inside the printable width, each link's address after it, and at the end
    the page's date and its QR code."""
    handout.goto(server + url)  # type: ignore[attr-defined]
    handout.evaluate(HOSTILE_TABLE)  # type: ignore[attr-defined]
    state = handout.evaluate(PRINT_STATE)  # type: ignore[attr-defined]
    assert state["chrome"] == []
    assert state["article"]["left"] >= -0.5 and state["article"]["right"] <= A4_TEXT_WIDTH + 0.5
    assert state["article"]["width"] >= A4_TEXT_WIDTH * 0.95  # the whole width, no sidebars
    assert state["page"] <= A4_TEXT_WIDTH + 1  # nothing runs off the page
    for table in state["tables"]:
        assert table["left"] >= -0.5 and table["right"] <= A4_TEXT_WIDTH + 0.5, table
        assert table["scroll"] <= table["client"] + 1 and table["cut"] == 0, table
    page_address = site.site_url + url
    addressed = 0
    for link in state["links"]:
        href, after = link["href"], link["after"]
        if href.startswith("#"):
            assert after in ("none", "normal", '""'), link  # a link within the page: nothing
        elif href.startswith(("http://", "https://")):
            assert href in after or after in ("none", "normal"), link  # none: text is the address
            addressed += 1
        elif not href.startswith(("mailto:", "tel:")):
            assert urljoin(page_address, href) in after, link
            addressed += 1
    assert addressed > 0
    assert state["qr"] is not None and state["qr"]["width"] >= 94  # about 25 mm or more on paper
    assert state["url"] == page_address
    qr_top = state["qr"]["top"]
    assert qr_top >= state["contentBottom"] - 0.5  # the code closes the page
    if state["dated"]:  # the page's date (xl-dates.html) prints with the code, after the text
        assert state["date"] is not None
        assert state["contentBottom"] - 0.5 <= state["date"]["top"] <= qr_top
    image = Image.open(io.BytesIO(handout.locator(".xl-qr__code").screenshot()))  # type: ignore[attr-defined]
    assert decode(image) == [page_address]


@pytest.mark.browser
@pytest.mark.parametrize(
    "url", ["khu-kinh-te/cua-khau/", "en/khu-kinh-te/cua-khau/", "zh/khu-kinh-te/cua-khau/"]
)
def test_the_printed_pdf_is_a4_and_its_last_page_opens_the_page(
    browser: object, server: str, site: Site, tmp_path: Path, url: str
) -> None:
    """Chromium's own print (to PDF) gives A4 pages, and the code on the last printed page, as
    Chromium's PDF viewer draws it, reads as the page's address."""
    context = browser.new_context(viewport={"width": 900, "height": 1290})  # type: ignore[attr-defined]
    try:
        tab = context.new_page()
        tab.goto(server + url)
        pdf = tab.pdf(prefer_css_page_size=True)  # the size the stylesheet asks for
        boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
        assert boxes and all(
            abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in boxes
        )
        pages = int(re.search(rb"/Count (\d+)", pdf).group(1))
        assert pages >= 2  # a long page
        path = tmp_path / "print.pdf"
        path.write_bytes(pdf)
        viewer = context.new_page()
        viewer.goto(f"{path.as_uri()}#page={pages}&toolbar=0&navpanes=0&view=Fit")
        found: list[str] = []
        for _ in range(20):  # the viewer draws the page a moment after it opens
            viewer.wait_for_timeout(250)
            found = decode(Image.open(io.BytesIO(viewer.screenshot())))
            if found:
                break
        assert found == [site.site_url + url]
    finally:
        context.close()


LISTEN = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline')));"
)


@pytest.mark.browser
@pytest.mark.parametrize("url", ["khu-kinh-te/cua-khau/", "en/khu-kinh-te/dau-tu/", "zh/"])
def test_share_and_print_run_under_the_policy(browser: object, server: str, url: str) -> None:
    """Served with the site's Content-Security-Policy, the page with its code and links, on screen
    and in print, causes no violation and asks nothing of another server."""
    policy = configured_csp(SITE_CONF)
    assert policy
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script(LISTEN)
    requests: list[str] = []

    def with_policy(route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        requests.append(request.url)
        if urlsplit(request.url).hostname != "127.0.0.1":
            route.abort()  # type: ignore[attr-defined]
            return
        response = route.fetch()  # type: ignore[attr-defined]
        headers = {**response.headers, "content-security-policy": policy}
        route.fulfill(response=response, headers=headers)  # type: ignore[attr-defined]

    try:
        tab = context.new_page()
        tab.route("**/*", with_policy)
        tab.goto(server + url, wait_until="networkidle")
        assert tab.evaluate("typeof __md_scope") == "object"  # the hashed inline script ran
        tab.emulate_media(media="print")
        tab.pdf()
        assert tab.evaluate("window.__csp") == []
        assert [u for u in requests if urlsplit(u).hostname != "127.0.0.1"] == []
    finally:
        context.close()
