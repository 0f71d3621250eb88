"""The preview (`mkdocs serve`): missing translations shown with a notice, the status page, and a
build error shown in the browser until the editor saves a fix."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import BIN, ROOT, fetch, free_port, preview


def test_preview_shows_fallback_with_notice(make_project: Callable[..., Path]) -> None:
    """An editor previewing an untranslated page sees the Vietnamese text and a notice in the
    reader's language."""
    project = make_project({"content/zh/du-lich/index.md": None})
    with preview(project) as base:
        soup = BeautifulSoup(fetch(base + "zh/du-lich/"), "html.parser")
        notice = soup.select_one(".xl-fallback")
        assert notice is not None and notice.get("role") == "note"
        assert "译文尚未完成" in notice.get_text()
        assert soup.html["lang"] == "zh-Hans"
        wrapper = notice.find_next_sibling("div")
        assert wrapper["lang"] == "vi"
        vi_title = (project / "content/vi/du-lich/index.md").read_text(encoding="utf-8")
        h1 = wrapper.find("h1").get_text(strip=True).rstrip("¶")
        assert h1 in vi_title
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        hreflangs = {
            link["hreflang"]
            for link in soup.find_all("link", rel="alternate")
            if link.get("hreflang")
        }
        assert "zh-Hans" not in hreflangs  # no translation to announce
        # a translated page in the same preview carries no notice
        other = BeautifulSoup(fetch(base + "zh/"), "html.parser")
        assert other.select_one(".xl-fallback") is None


def test_make_serve_previews_all_three_languages() -> None:
    """The README's `make serve` serves Vietnamese, English and Chinese on 127.0.0.1."""
    with preview(ROOT, make=True) as base:
        for path, lang in (("", "vi"), ("en/", "en"), ("zh/", "zh-Hans")):
            soup = BeautifulSoup(fetch(base + path, timeout=120), "html.parser")
            assert soup.html["lang"] == lang


def test_preview_has_translation_status_page(make_project: Callable[..., Path]) -> None:
    """Editors see coverage and freshness with progress bars in the preview; readers never do."""
    project = make_project({"content/zh/du-lich/index.md": None})
    with preview(project) as base:
        soup = BeautifulSoup(fetch(base + "trang-thai/"), "html.parser")
        bars = soup.select("progress")
        assert bars and all(int(b["max"]) >= int(b["value"]) for b in bars)
        assert "content/zh/du-lich/index.md" in soup.get_text()


# -- a build error in the preview ------------------------------------------------------------------

PAGE = "content/vi/du-lich/index.md"


@contextlib.contextmanager
def live_preview(project: Path, log: Path) -> Iterator[str]:
    """`mkdocs serve` with live reload, as `make serve` runs it, its log in `log` (a file: a
    pipe nobody reads would stop the server once full). Yields the base URL once the server
    answers (after its first build)."""
    address = f"127.0.0.1:{free_port()}"
    with log.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--livereload", "--dev-addr", address],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
        try:
            base = f"http://{address}/"
            deadline = time.monotonic() + 240
            while not status_and_body(base)[0]:  # the first build, then the server
                assert proc.poll() is None, log.read_text(encoding="utf-8")
                assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
                time.sleep(0.5)
            yield base
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)


def status_and_body(url: str) -> tuple[int, str]:
    """The status and text of `url` (0 while nothing listens there yet)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def wait_for(url: str, check: Callable[[int, str], bool], timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while True:
        status, body = status_and_body(url)
        if check(status, body):
            return body
        assert time.monotonic() < deadline, f"{url}: still {status}"
        time.sleep(0.3)


def save(path: Path, text: str) -> None:
    """As an editor's editor saves: the file written in place and closed."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)


def test_preview_shows_build_error_in_the_browser(
    make_project: Callable[..., Path], browser: object, tmp_path: Path
) -> None:
    """An editor who breaks a page's front matter sees, in the open tab, where and how to fix it
    (in Vietnamese, English beside), and the page itself again within 2 s of saving it back as
    it was, without touching the browser."""
    project = make_project()
    page_file = project / PAGE
    original = page_file.read_text(encoding="utf-8")
    title = "Du lịch Lạng Sơn"
    assert f"title: {title}\n" in original
    log = tmp_path / "serve.log"
    with live_preview(project, log) as base:
        context = browser.new_context()  # type: ignore[attr-defined]
        tab = context.new_page()
        try:
            tab.goto(base + "du-lich/")
            assert tab.inner_text("h1").strip().rstrip("¶") == title

            save(page_file, original.replace(f"title: {title}\n", f"title: [{title}\n"))
            tab.wait_for_selector(".xl-error", timeout=120_000)  # no click, no reload by hand
            assert tab.get_attribute("html", "lang") == "vi"
            text = tab.inner_text("main")
            assert f"{PAGE}:3" in text and "XL003" in text
            assert "Bản xem trước chưa dựng được" in text  # mkdocs.yml, extra.ui of vi
            assert "The preview could not be built" in text  # and English beside it
            assert "phần đầu nằm giữa hai dòng ---" in text  # the fix, in Vietnamese
            assert "front matter sits between two --- lines" in text  # and in English
            assert tab.get_attribute(".xl-error__text[lang=en]", "lang") == "en"
            # the lines it points at, as in the editor's file
            assert f"title: [{title}" in tab.inner_text(".xl-error__source")
            assert tab.inner_text(".xl-error__line--here .xl-error__number") == "3"

            # a fix that also changes the text: the page comes back after one rebuild
            fixed = original.replace(f"\n# {title}\n", f"\n# {title}\n\nĐã sửa.\n", 1)
            assert fixed != original
            save(page_file, fixed)
            tab.wait_for_selector(".md-content h1", timeout=120_000)
            assert "Đã sửa." in tab.inner_text(".md-content")
            assert tab.query_selector(".xl-error") is None

            # broken again, then saved back as the last good build read it
            save(page_file, fixed.replace(f"title: {title}\n", f"title: [{title}\n"))
            tab.wait_for_selector(".xl-error", timeout=120_000)
            start = time.monotonic()
            save(page_file, fixed)
            tab.wait_for_selector(".md-content h1", timeout=120_000)
            recovered = time.monotonic() - start
            assert tab.inner_text("h1").strip().rstrip("¶") == title
            assert tab.query_selector(".xl-error") is None
            assert recovered <= 2.0, f"the page came back {recovered:.1f} s after the save"
        finally:
            context.close()
    served = log.read_text(encoding="utf-8")
    assert "Traceback" not in served, served


def test_preview_error_page_for_data_and_no_spurious_warnings(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    """A data file that does not parse shows its path:line on every page of the preview (the
    browser does not wait), the preview recovers once it is saved again, and rebuilds print no
    warning that the status page is not in the menu."""
    project = make_project()
    data = project / "data" / "tourism.yml"
    original = data.read_text(encoding="utf-8")
    log = tmp_path / "serve.log"
    with live_preview(project, log) as base:
        save(data, original + "\nbroken: [unclosed\n")
        for path in ("", "en/", "zh/du-lich/"):
            body = wait_for(base + path, lambda status, _: status == 500)
            soup = BeautifulSoup(body, "html.parser")
            where = [c.get_text() for c in soup.select(".xl-error__where")]
            assert any(w.startswith("data/tourism.yml:") for w in where), where
            assert "XL020" in soup.get_text()
            assert soup.select_one("script") is not None  # the live-reload script: it recovers
        css = status_and_body(base + "__xulang__/error.css")
        assert css[0] == 200 and ".xl-error" in css[1]
        save(data, original)
        wait_for(base + "du-lich/", lambda status, body: status == 200 and "xl-error" not in body)
    served = log.read_text(encoding="utf-8")
    assert "Traceback" not in served, served
    assert 'not included in the "nav"' not in served, served


def test_error_page_reads_every_finding_back() -> None:
    """Whatever finding stops a preview build, and in whichever language a process printed it,
    the error page shows it with its code and fix in both of the catalogue's languages."""
    import string

    from xulang import messages
    from xulang.findings import Finding
    from xulang.plugin import errorpage

    for code, text in messages.CATALOGUE.items():
        fields = sorted(
            {name for part in text for _, name, _, _ in string.Formatter().parse(part) if name}
        )
        finding = Finding.at(
            "content/vi/tin tức/index.md", 7, code, **{f: f"x{i}" for i, f in enumerate(fields)}
        )
        for lang in errorpage.catalogue_languages():
            read = errorpage.finding_from_line(finding.format(lang))
            assert read is not None, finding.format(lang)
            assert (read.location, read.code, read.args) == (
                finding.location,
                finding.code,
                finding.args,
            )


def test_error_page_for_an_exception_in_a_page() -> None:
    """A page that breaks the build with an error no check knows yet still gets a page naming
    the file, in the editor's language with English beside, and the details for the web team;
    the page carries no script or inline style of its own."""
    from xulang.plugin import errorpage
    from xulang.site import load_site

    site = load_site(ROOT)
    try:
        int("")  # what a news date left empty once did deep in the build
    except ValueError as exc:
        logged = ["Error building page 'vi/tin-tuc/2026-01-02-x.md': invalid literal"]
        failure = errorpage.from_build(exc, logged, "content")
    [problem] = failure.problems
    assert problem.location == "content/vi/tin-tuc/2026-01-02-x.md"
    assert "ValueError" in problem.plain and "Traceback" in problem.technical
    voices = errorpage.voices(list(site.languages))
    assert voices[0].code == site.default.code
    assert all(voice.t(key) for voice in voices for key in errorpage.KEYS)  # mkdocs.yml
    soup = BeautifulSoup(errorpage.render(failure, voices, "/e.css"), "html.parser")
    assert soup.html["lang"] == site.default.bcp47
    assert soup.select_one(".xl-error__where").get_text() == problem.location
    langs = [p["lang"] for p in soup.select(".xl-error__intro p")]
    assert langs[0] == site.default.bcp47 and len(langs) == len(voices) >= 2
    assert soup.select_one("details pre").get_text().startswith("Traceback")
    assert soup.find("script") is None and soup.find(style=True) is None
    assert soup.find("style") is None


def test_preview_started_on_a_broken_page_shows_the_error(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    """An editor who starts the preview while a page is broken gets the error page in the
    browser (not a preview that quits), and the site once the page is saved fixed."""
    project = make_project()
    page_file = project / PAGE
    original = page_file.read_text(encoding="utf-8")
    save(page_file, original.replace("\n---\n", "\n", 1).replace("title:", "title: [", 1))
    log = tmp_path / "serve.log"
    with live_preview(project, log) as base:
        status, body = status_and_body(base + "du-lich/")
        assert status == 500
        soup = BeautifulSoup(body, "html.parser")
        where = [c.get_text() for c in soup.select(".xl-error__where")]
        assert any(w.startswith(PAGE) for w in where), where
        save(page_file, original)
        body = wait_for(base + "du-lich/", lambda status, _: status == 200, timeout=240)
        assert BeautifulSoup(body, "html.parser").select_one(".md-content h1") is not None
    served = log.read_text(encoding="utf-8")
    assert "Traceback" not in served, served
