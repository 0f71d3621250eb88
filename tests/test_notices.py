"""Notices for readers (data/notices.yml): on every page and in every feed while they hold, hidden by
the reader's clock outside their hours, left out once over, refused with a finding when mistyped."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import BIN, ROOT, Built, copy_project
from xulang import notices as model
from xulang.site import load_site

# The build's date (SOURCE_DATE_EPOCH): 1 March 2026, 00:00 UTC. The notice running then is built;
# the one over by then is not, whatever the clock of the machine that builds.
BUILT_AT = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
HANOI = dt.timezone(dt.timedelta(hours=7))
START = dt.datetime(2026, 2, 1, 7, 0, tzinfo=HANOI)
END = dt.datetime(2026, 6, 1, 17, 0, tzinfo=HANOI)

NOTICES = """\
- id: gio-thong-quan
  severity: warning
  start: 2026-02-01T07:00:00+07:00
  end: 2026-06-01T17:00:00+07:00
  title:
    vi: Thay đổi giờ thông quan
    en: Changed crossing hours
    zh: 通关时间调整
  text:
    vi: Nội dung thông báo thử <b>không</b> phải HTML.
    en: A test notice, <b>not</b> HTML & not Markdown.
    zh: 测试通知，<b>不是</b>HTML。
- id: da-het-han
  severity: danger
  start: 2026-01-05T07:00:00+07:00
  end: 2026-01-10T17:00:00+07:00
  text:
    vi: Thông báo đã hết hạn
    en: A notice that is over
    zh: 已过期的通知
"""
ACTIVE, EXPIRED = "xl-notice-gio-thong-quan", "xl-notice-da-het-han"
TITLES = {"vi": "Thay đổi giờ thông quan", "en": "Changed crossing hours", "zh": "通关时间调整"}
TEXTS = {
    "vi": "Nội dung thông báo thử <b>không</b> phải HTML.",
    "en": "A test notice, <b>not</b> HTML & not Markdown.",
    "zh": "测试通知，<b>不是</b>HTML。",
}
# The hours as each language writes them, in the zones of its `extra.time_zones` (mkdocs.yml)
HOURS = {
    "vi": ["Từ 07:00 ngày 1/2/2026 đến 17:00 ngày 1/6/2026 (giờ Hà Nội)"],
    "en": ["From 07:00 on 1 February 2026 to 17:00 on 1 June 2026 (Hanoi time)"],
    "zh": [
        "河内时间2026年2月1日07:00至2026年6月1日17:00",
        "北京时间2026年2月1日08:00至2026年6月1日18:00",
    ],
}


def language_of(rel: str) -> str:
    """The language a built file is in, from its path ("en/…", "zh/…", else Vietnamese)."""
    first = rel.split("/", 1)[0]
    return first if first in ("en", "zh") else "vi"


def build(project: Path, out: Path, epoch: dt.datetime) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(int(epoch.timestamp())))
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--clean", "--site-dir", str(out)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def noticed(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A copy of the project with a running notice and one that is over, built on BUILT_AT."""
    project = copy_project(tmp_path_factory.mktemp("notices") / "project")
    (project / "data" / "notices.yml").write_text(NOTICES, encoding="utf-8")
    out = project.parent / "site"
    result = build(project, out, BUILT_AT)
    assert result.returncode == 0, result.stderr[-3000:]
    return Built(project, out, result.stderr)


def html_files(site: Path) -> list[str]:
    """Every page of every language, and each language's 404 page."""
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if "assets" not in p.parts
    )


def lines_of(element: Any) -> list[str]:
    """An element's text, line by line (at each <br>)."""
    html = re.sub(r"<br\s*/?>", "\n", element.decode_contents())
    text = BeautifulSoup(html, "html.parser").get_text()
    return [line.strip() for line in text.split("\n") if line.strip()]


def test_running_notice_tops_every_page_of_every_language(noticed: Built) -> None:
    """A reader lands anywhere, in any language, and sees the notice first, with its hours."""
    pages = html_files(noticed.site)
    assert len(pages) > 30 and {language_of(p) for p in pages} == {"vi", "en", "zh"}
    for rel in pages:
        lang = language_of(rel)
        soup = noticed.html(rel)
        notice = soup.find(id=ACTIVE)
        assert notice is not None, rel
        article = soup.select_one("article.md-content__inner")
        assert article is not None and article.find(True) is notice, rel  # before the title
        assert notice["class"] == ["admonition", "warning", "xl-notice"], rel
        assert notice["data-start"] == START.isoformat() and notice["data-end"] == END.isoformat()
        assert notice.select_one(".admonition-title").get_text() == TITLES[lang], rel
        assert TEXTS[lang] in [p.get_text() for p in notice.find_all("p")], rel  # as typed: no HTML
        assert notice.find("b") is None, rel
        when = notice.select_one(".xl-notice__when")
        assert lines_of(when) == HOURS[lang], rel
        times = [t["datetime"] for t in when.find_all("time")]
        assert times[:2] == [START.isoformat(), END.isoformat()], rel
        assert all(dt.datetime.fromisoformat(t) in (START, END) for t in times), rel


def test_notice_over_at_build_time_is_nowhere(noticed: Built) -> None:
    """A notice that ended before the build leaves no trace: no page, feed or search entry."""
    for path in noticed.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt"):
            text = path.read_text(encoding="utf-8")
            assert EXPIRED not in text and "đã hết hạn" not in text and "已过期" not in text, path


ATOM = "{http://www.w3.org/2005/Atom}"


def test_running_notice_is_in_each_language_feed(noticed: Built, site_url: str) -> None:
    """A feed reader gets the notice in its language, dated at its start, linking to the site."""
    for lang, prefix in (("vi", ""), ("en", "en/"), ("zh", "zh/")):
        feed = ET.parse(noticed.site / prefix / "tin-tuc" / "feed.xml").getroot()
        entries = {e.findtext(f"{ATOM}id"): e for e in feed.iter(f"{ATOM}entry")}
        entry = entries.get(f"{site_url}{prefix}#{ACTIVE}")
        assert entry is not None, (lang, list(entries))
        assert entry.findtext(f"{ATOM}title") == TITLES[lang]
        assert entry.findtext(f"{ATOM}published") == START.isoformat()
        assert entry.findtext(f"{ATOM}updated") == START.isoformat()
        assert entry.find(f"{ATOM}link").get("href") == f"{site_url}{prefix}#{ACTIVE}"
        summary = entry.findtext(f"{ATOM}summary") or ""
        assert TEXTS[lang] in summary and all(hours in summary for hours in HOURS[lang])
        assert not any(EXPIRED in (key or "") for key in entries)
        # the feed is as new as its newest entry, the notice included
        stamps = [dt.datetime.fromisoformat(e.findtext(f"{ATOM}updated")) for e in entries.values()]
        updated = dt.datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
        assert updated == max(stamps)


def test_shipped_file_has_no_notice_and_its_template_is_sound(tmp_path: Path) -> None:
    """The site announces nothing nobody wrote, and the template an editor uncomments passes."""
    site = load_site(ROOT)
    public = [lang.code for lang in site.public_languages]  # a language in preparation may wait
    found, problems = model.load(ROOT / "data", ROOT, site.codes, public)
    assert found == [] and problems == []
    text = (ROOT / "data" / "notices.yml").read_text(encoding="utf-8")
    lines = text.splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("# - id:"))
    template = []
    for line in lines[first:]:
        if not line.startswith("#"):
            break
        template.append(line[2:])
    data = tmp_path / "data"
    data.mkdir()
    (data / "notices.yml").write_text("\n".join(template) + "\n", encoding="utf-8")
    found, problems = model.load(data, tmp_path, site.codes, public)
    assert problems == [] and len(found) == 1
    assert set(found[0].text) >= set(public) and found[0].title is not None


def test_a_notice_in_beijing_time_reads_in_each_language_zones() -> None:
    """An editor may type a time in Beijing time: Vietnamese pages show it in Hanoi time,
    Chinese pages in both, each the same instant."""
    from xulang.plugin.notices import when, zones

    site = load_site(ROOT)
    notice = model.Notice(
        "thu",
        "info",
        dt.datetime.fromisoformat("2027-02-05T08:00:00+08:00"),
        dt.datetime.fromisoformat("2027-02-05T18:30:00+08:00"),
        {code: "x" for code in site.codes},
    )
    vi, zh = site.language("vi"), site.language("zh")
    assert [str(line.striptags()) for line in when(notice, vi, zones(vi))] == [
        "Từ 07:00 ngày 5/2/2027 đến 17:30 ngày 5/2/2027 (giờ Hà Nội)"
    ]
    assert [str(line.striptags()) for line in when(notice, zh, zones(zh))] == [
        "河内时间2027年2月5日07:00至2027年2月5日17:30",
        "北京时间2027年2月5日08:00至2027年2月5日18:30",
    ]


def test_a_build_keeps_what_is_not_over_the_most_urgent_first() -> None:
    """Readers meet the urgent notice first; one that ends at the build's very moment is gone."""

    def notice(ident: str, severity: str, start: dt.datetime, end: dt.datetime) -> model.Notice:
        return model.Notice(ident, severity, start, end, {"vi": ident})

    later = BUILT_AT + dt.timedelta(days=2)
    notices = [
        notice("tin", "info", START, END),
        notice("luu-y", "warning", later, END),
        notice("khan", "danger", later, END),
        notice("vua-het", "danger", START, BUILT_AT),
        notice("luu-y-som", "warning", START, END),
    ]
    kept = model.still_to_come(notices, BUILT_AT)
    assert [n.id for n in kept] == ["khan", "luu-y-som", "luu-y", "tin"]


BAD = """\
- id: cua-khau-tam-dung
  severity: urgent
  start: 5/2/2027 7h
  end: 2027-02-05T17:00:00+07:00
  text:
    vi: Cửa khẩu tạm dừng thông quan.
    en: The gate is closed.
- id: nguoc-gio
  severity: info
  start: 2027-02-06T17:00:00+07:00
  end: 2027-02-06T07:00:00+07:00
  text: {vi: Thử., en: Test., zh: 测试。}
"""


def test_mistyped_notices_stop_the_build_with_their_lines(
    make_project: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An editor who mistypes a notice learns where and what, from the build as from the checker;
    nothing half-typed reaches readers."""
    project = make_project({"data/notices.yml": BAD})
    result = build(project, tmp_path / "out", BUILT_AT)
    assert result.returncode != 0
    expected = [
        "data/notices.yml:2: XL145",  # unknown severity
        "data/notices.yml:3: XL143",  # not an ISO 8601 time with offset
        "data/notices.yml:5: XL147",  # no zh text
        "data/notices.yml:11: XL144",  # end before start
    ]
    for finding in expected:
        assert finding in result.stderr, (finding, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    assert "`text` has no zh text" in result.stderr and "`text` chưa có bản zh" in result.stderr

    from xulang.cli import main

    capsys.readouterr()
    assert main(["--root", str(project), "check", str(project / "data"), "--lang", "en"]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert [line.split(" ", 2)[:2] for line in printed] == [f.split(" ") for f in expected]


# -- in Chromium ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def noticed_server(noticed: Built) -> Iterator[str]:
    """The project copy's build over HTTP on a free port of 127.0.0.1, as `server` serves the site."""
    from devtools.sites import serve

    with serve(noticed.site) as url:
        yield url


# Recorded before any script of the page runs: every Content-Security-Policy violation.
LISTEN = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline')));"
)


def open_at(
    browser: object, url: str, moment: dt.datetime | None, *, javascript: bool = True
) -> object:
    """A page opened at `url` with the reader's clock at `moment`, under the site's
    Content-Security-Policy (deploy/nginx), nothing loaded from elsewhere."""
    from xulang.plugin.publish import configured_csp

    policy = configured_csp(ROOT / "deploy" / "nginx" / "langson-site.conf")
    assert policy
    context = browser.new_context(java_script_enabled=javascript)  # type: ignore[attr-defined]
    context.add_init_script(LISTEN)
    if moment is not None:
        context.clock.install(time=moment)

    def route(route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        if urlsplit(request.url).netloc != urlsplit(url).netloc:
            route.abort()  # type: ignore[attr-defined]
            return
        response = route.fetch()  # type: ignore[attr-defined]
        headers = {**response.headers, "content-security-policy": policy}
        route.fulfill(response=response, headers=headers)  # type: ignore[attr-defined]

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(url)
    return page


def close(page: Any) -> None:
    """Close the page's browser context; a request still on its way (the favicon) is dropped."""
    page.context.unroute_all(behavior="ignoreErrors")
    page.context.close()


def shown(page: object) -> bool:
    return bool(page.is_visible(f"#{ACTIVE}"))  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "en/khu-kinh-te/", "zh/du-lich/"])
def test_notice_shows_in_its_hours_and_hides_after_its_end(
    browser: object, noticed_server: str, path: str
) -> None:
    """A reader sees the notice while it holds; at its end it disappears from the open page
    without a reload, and a page opened later, or before its start, does not show it."""
    page = open_at(browser, noticed_server + path, END - dt.timedelta(days=1))
    try:
        assert shown(page)
        page.clock.fast_forward(int(dt.timedelta(days=1, minutes=1).total_seconds() * 1000))
        page.wait_for_selector(f"#{ACTIVE}", state="hidden")
        assert page.get_attribute(f"#{ACTIVE}", "hidden") is not None
        assert page.evaluate("window.__csp") == [] and page.errors == []
    finally:
        close(page)
    for moment, expected in (
        (END + dt.timedelta(minutes=1), False),
        (START - dt.timedelta(minutes=1), False),
        (START + dt.timedelta(minutes=1), True),
        (END - dt.timedelta(minutes=1), True),
    ):
        page = open_at(browser, noticed_server + path, moment)
        try:
            assert shown(page) is expected, moment
            assert page.evaluate("window.__csp") == [] and page.errors == []
        finally:
            close(page)


@pytest.mark.browser
def test_notice_waiting_for_its_start_appears_on_the_open_page(
    browser: object, noticed_server: str
) -> None:
    """A page opened before a notice starts shows it from its start, without a reload."""
    page = open_at(browser, noticed_server + "en/", START - dt.timedelta(hours=1))
    try:
        assert not shown(page)
        page.clock.fast_forward(int(dt.timedelta(hours=1, seconds=1).total_seconds() * 1000))
        page.wait_for_selector(f"#{ACTIVE}", state="visible")
    finally:
        close(page)


@pytest.mark.browser
@pytest.mark.parametrize("lang,path", [("vi", ""), ("en", "en/gioi-thieu/"), ("zh", "zh/")])
def test_without_javascript_the_notice_shows_with_its_dates(
    browser: object, noticed_server: str, lang: str, path: str
) -> None:
    """A reader without JavaScript still sees the notice, and its hours tell whether it holds."""
    page = open_at(browser, noticed_server + path, None, javascript=False)
    try:
        assert shown(page)
        text = page.inner_text(f"#{ACTIVE}")
        assert TITLES[lang] in text and TEXTS[lang] in text
        for hours in HOURS[lang]:
            assert hours in text.replace("\n", "")
    finally:
        close(page)


def test_rendered_hours_match_the_page_language(noticed: Built) -> None:
    """The Chinese 404 page, too, tells its reader the hours in Hanoi and Beijing time."""
    soup = BeautifulSoup(
        (noticed.site / "zh" / "404.html").read_text(encoding="utf-8"), "html.parser"
    )
    notice = soup.find(id=ACTIVE)
    assert notice is not None and all(h in notice.get_text() for h in HOURS["zh"])
