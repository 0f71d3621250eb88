"""Photos, video and attachments: resized copies, descriptions in every language, share image,
captions, file labels (xulang.media, checks/media.py, plugin/media.py)."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
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
