"""Photos, video and attachments: resized copies, descriptions in every language, share image,
captions, file labels (xulang.media, checks/media.py, plugin/media.py)."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, copy_project, mkdocs
from PIL import Image, ImageDraw
from xulang.media.config import MediaConfig
from xulang.media.images import plan
from xulang.media.render import Renderer, describe_file
from xulang.site import Site, load_site

CLIP = Path(__file__).parent / "fixtures" / "clip.webm"


def photo_bytes(width: int = 3000, height: int = 2000, fmt: str = "JPEG") -> bytes:
    """A real photo-like image: lines of colour, so that every size encodes differently."""
    image = Image.new("RGB", (width, height), (20, 90, 60))
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 40):
        draw.line([(x, 0), (width - x, height)], fill=(x % 255, (x * 3) % 255, 140), width=7)
    out = io.BytesIO()
    image.save(out, fmt, quality=90)
    return out.getvalue()


SIDECAR = """\
alt:
  vi: Đỉnh Mẫu Sơn trong mây
  en: Mẫu Sơn peak in the clouds
  zh: 云中的母山主峰（Mẫu Sơn）
caption:
  vi: Đỉnh Mẫu Sơn
  en: Mẫu Sơn peak
  zh: 母山主峰（Mẫu Sơn）
credit: Trung tâm Thử nghiệm
licence: CC BY 4.0
"""


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """The real languages of mkdocs.yml over a content folder in tmp_path."""
    real = load_site(ROOT)
    (tmp_path / "content" / "assets" / "images").mkdir(parents=True)
    return dataclasses.replace(real, root=tmp_path, docs_dir=tmp_path / "content")


def test_photo_becomes_picture_with_widths_and_size(site: Site) -> None:
    """A 3000 × 2000 photo reaches readers as AVIF/WebP/JPEG at 480, 960 and 1600 pixels, with
    its shape reserved; the first loads at once, the next when scrolled to."""
    path = site.docs_dir / "assets/images/mau-son.jpg"
    path.write_bytes(photo_bytes())
    path.with_name("mau-son.jpg.yml").write_text(SIDECAR, encoding="utf-8")
    config = MediaConfig(formats=("avif", "webp"))
    html = (
        '<p><img alt="" src="../../assets/images/mau-son.jpg" /></p>\n<p>Chữ.</p>\n'
        '<p><img alt="Lần hai" src="../../assets/images/mau-son.jpg" /></p>'
    )
    result = Renderer(site, config, site.docs_dir).page(html, "du-lich/mau-son/", site.default)
    soup = BeautifulSoup(result.html, "html.parser")
    first, second = soup.find_all("figure")
    types = [s["type"] for s in first.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    img = first.img
    widths = [int(part.split()[1][:-1]) for part in img["srcset"].split(", ")]
    assert widths == [480, 960, 1600]
    assert (img["width"], img["height"]) == ("1600", "1067")
    assert img["src"].endswith(".960.jpg") and img["src"].startswith("../../assets/images/")
    assert img["alt"] == "Đỉnh Mẫu Sơn trong mây"  # from the sidecar, in the page's language
    assert img.get("loading") is None and img["fetchpriority"] == "high"
    assert second.img["loading"] == "lazy" and second.img["decoding"] == "async"
    assert second.img["alt"] == "Lần hai"  # the page's own words win
    assert first.figcaption.get_text(" ", strip=True) == (
        "Đỉnh Mẫu Sơn Ảnh: Trung tâm Thử nghiệm · Giấy phép: CC BY 4.0"
    )
    assert "style=" not in result.html
    lead = result.lead
    assert lead is not None and lead.width == 1200 and lead.height == 800
    assert lead.url.startswith(site.site_url + "assets/images/mau-son.")


def test_small_photo_is_never_enlarged(site: Site) -> None:
    """A 700-pixel photo is offered at 480 and 700, never blown up to 960 or 1600."""
    path = site.docs_dir / "assets/images/nho.png"
    path.write_bytes(photo_bytes(700, 350, "PNG"))
    photo = plan(path, MediaConfig())
    assert sorted({v.width for v in photo.variants}) == [480, 700]
    assert photo.share.width == 700


def test_copies_are_cached_by_content(site: Site, tmp_path: Path) -> None:
    """The second build makes no image: every copy is found in the cache by its name."""
    from xulang.media.images import ensure

    path = site.docs_dir / "assets/images/mau-son.jpg"
    path.write_bytes(photo_bytes(1200, 800))
    config = MediaConfig()
    photo = plan(path, config)
    cache = tmp_path / "cache"
    ensure(photo, photo.variants, config, cache)
    stamps = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(stamps) == len(photo.variants)
    for variant in photo.variants:
        with Image.open(cache / variant.name) as made:
            assert made.size == (variant.width, variant.height)
        assert (cache / variant.name).stat().st_mode & 0o044 == 0o044  # the web server reads it
    ensure(photo, photo.variants, config, cache)
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == stamps


def test_attachment_says_kind_size_and_language(site: Site) -> None:
    """A link to a PDF tells the reader, in their language, what they are about to download."""
    folder = site.docs_dir / "assets/files"
    folder.mkdir(parents=True)
    pdf = folder / "bao-cao.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 1_234_000)
    pdf.with_name("bao-cao.pdf.yml").write_text(f"language: {site.default.code}\n", "utf-8")
    shown = {lang.code: describe_file(pdf, site, lang) for lang in site.languages}
    assert shown[site.default.code] == "(PDF, 1,2 MB, tiếng Việt)"
    assert "1.2 MB" in shown["en"] and "Vietnamese" in shown["en"]
    html = '<p><a href="../assets/files/bao-cao.pdf">Báo cáo</a></p>'
    out = Renderer(site, MediaConfig(), site.docs_dir).page(html, "en/", site.language("en"))
    assert 'Báo cáo</a> <span class="xl-file">(PDF, 1.2 MB, Vietnamese)</span>' in out.html


# -- a real build: photo, video and PDF on one page in three languages ----------------------------

VTT = "WEBVTT\n\n00:00.000 --> 00:02.000\n{text}\n"
PAGE_LINES = {
    "vi": "![](../../assets/images/anh-thu.jpg)\n\n"
    "![Video thử nghiệm](../../assets/video/clip.webm)\n\n"
    "[Tài liệu thử nghiệm](../../assets/files/tai-lieu-thu.vi.pdf)\n",
    "en": "![](../../assets/images/anh-thu.jpg)\n\n![Test video](../../assets/video/clip.webm)\n\n"
    "[Test document](../../assets/files/tai-lieu-thu.vi.pdf)\n",
    "zh": "![](../../assets/images/anh-thu.jpg)\n\n![测试视频](../../assets/video/clip.webm)\n\n"
    "[测试文件](../../assets/files/tai-lieu-thu.vi.pdf)\n",
}


@pytest.fixture(scope="module")
def media_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The real project with a photo, a captioned video and a PDF on the Mẫu Sơn page, built."""
    base = tmp_path_factory.mktemp("media")
    project = copy_project(base / "project")
    assets = project / "content" / "assets"
    (assets / "images").mkdir(exist_ok=True)
    (assets / "images" / "anh-thu.jpg").write_bytes(photo_bytes())
    (assets / "images" / "anh-thu.jpg.yml").write_text(SIDECAR, encoding="utf-8")
    (assets / "video").mkdir()
    shutil.copy(CLIP, assets / "video" / "clip.webm")
    Image.new("RGB", (160, 90), (11, 110, 79)).save(assets / "video" / "clip.jpg")
    captions = {"vi": "Ô vuông vàng.", "en": "A yellow square.", "zh": "黄色方块。"}
    for code, text in captions.items():
        (assets / "video" / f"clip.{code}.vtt").write_text(VTT.format(text=text), "utf-8")
    (assets / "files").mkdir()
    Image.new("RGB", (200, 280), (255, 255, 255)).save(assets / "files" / "tai-lieu-thu.vi.pdf")
    for code, lines in PAGE_LINES.items():
        with (project / "content" / code / "du-lich" / "mau-son.md").open("a") as page:
            page.write("\n" + lines)
    site = base / "site"
    result = mkdocs("build", "--strict", "--site-dir", str(site), cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project, site


def test_built_photo_has_copies_and_share_image(
    media_site: tuple[Path, Path], site_url: str
) -> None:
    """Readers get resized copies that exist, with their shape; shares show the photo; the
    camera's original and its description file stay out of the site."""
    _, site = media_site
    for prefix, alt in (("", "Đỉnh Mẫu Sơn trong mây"), ("en/", "Mẫu Sơn peak in the clouds")):
        soup = BeautifulSoup(
            (site / prefix / "du-lich/mau-son/index.html").read_text(encoding="utf-8"),
            "html.parser",
        )
        figure = soup.select_one("figure.xl-figure")
        img = figure.img
        assert img["alt"] == alt and img["width"] == "1600" and img["height"] == "1067"
        page_dir = site / prefix / "du-lich/mau-son"
        for source in [*figure.find_all("source"), img]:
            for part in source["srcset"].split(", "):
                url, width = part.split()
                with Image.open((page_dir / url).resolve()) as copy:
                    assert f"{copy.width}w" == width
        og = soup.find("meta", property="og:image")["content"]
        assert og.startswith(site_url + "assets/images/anh-thu.") and og.endswith(".1200.jpg")
        with Image.open(site / og.removeprefix(site_url)) as shared:
            assert shared.size == (1200, 800) and shared.format == "JPEG"
        assert soup.find("meta", property="og:image:alt")["content"] == alt
    assert not (site / "assets/images/anh-thu.jpg").exists()
    assert not list(site.rglob("*.yml"))


def test_attachment_label_in_built_pages(media_site: tuple[Path, Path]) -> None:
    """The PDF link says what it is, how big, and in which language, in the reader's language."""
    _, site = media_site
    labels = {}
    for prefix in ("", "en/", "zh/"):
        html = (site / prefix / "du-lich/mau-son/index.html").read_text(encoding="utf-8")
        labels[prefix] = BeautifulSoup(html, "html.parser").select_one(".xl-file").get_text()
    assert re.fullmatch(r"\(PDF, \d+ kB, tiếng Việt\)", labels[""])
    assert re.fullmatch(r"\(PDF, \d+ kB, Vietnamese\)", labels["en/"])
    assert re.fullmatch(r"（PDF，\d+ kB，越南语）", labels["zh/"])


@pytest.mark.browser
def test_video_plays_with_captions(media_site: tuple[Path, Path], browser: object) -> None:
    """A reader presses play: the clip runs for its two seconds, captions in the page's language."""
    import functools
    import http.server
    import threading

    _, site = media_site

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        tab = context.new_page()
        tab.goto(base + "en/du-lich/mau-son/")
        video = tab.locator("figure.xl-video video")
        assert video.get_attribute("preload") == "none" and video.get_attribute("poster")
        state = tab.evaluate(PLAY, "figure.xl-video video")
    finally:
        context.close()
        server.shutdown()
    assert 1.5 < state["duration"] < 2.5, state
    assert state["played"] > 0
    assert state["tracks"] == [
        ["vi", "captions", "disabled"],
        ["en", "captions", "showing"],
        ["zh-Hans", "captions", "disabled"],
    ]
    assert state["cue"] == "A yellow square."


PLAY = """async (selector) => {
  const v = document.querySelector(selector);
  v.muted = true;
  await v.play();
  await new Promise((resolve) => {
    const check = () => (v.currentTime > 0.3 ? resolve() : setTimeout(check, 50));
    check();
  });
  const showing = [...v.textTracks].find((t) => t.mode === 'showing');
  await new Promise((resolve) => {
    const check = () => (showing && showing.cues && showing.cues.length ? resolve()
                                                                       : setTimeout(check, 50));
    check();
  });
  return {
    duration: v.duration,
    played: v.currentTime,
    tracks: [...v.textTracks].map((t) => [t.language, t.kind, t.mode]),
    cue: showing.cues[0].text,
  };
}"""
