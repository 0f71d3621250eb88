"""Resized copies of a photo (Pillow), made once per content and kept under .cache/.

A copy's file name carries a digest of the photo's bytes and of the settings that shape it, so a
name always means the same bytes: the second build finds every copy in the cache and only links
it into the output, and a browser may keep it for a year.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from xulang.media.config import MediaConfig

MIME = {"webp": "image/webp", "avif": "image/avif", "jpg": "image/jpeg", "png": "image/png"}
Image.MAX_IMAGE_PIXELS = 60_000_000  # a camera's 50 megapixels; more is a mistake, or an attack


class PhotoError(Exception):
    """The file is not a photo Pillow can read."""


@dataclass(frozen=True)
class Variant:
    name: str  # file name beside the original: mau-son.3f2a9c1b04.960.webp
    width: int
    height: int
    fmt: str  # webp | avif | jpg | png

    @property
    def mime(self) -> str:
        return MIME[self.fmt]


@dataclass(frozen=True)
class Photo:
    source: Path
    digest: str
    width: int  # as shown: after the camera's orientation flag is applied
    height: int
    alpha: bool
    variants: tuple[Variant, ...]  # every format at every width, smallest first
    share: Variant  # a JPEG about `share_width` wide: og:image and WeChat's card

    @property
    def fallback_format(self) -> str:
        return "png" if self.alpha else "jpg"

    def of(self, fmt: str) -> list[Variant]:
        return [v for v in self.variants if v.fmt == fmt]

    def fallback(self, near: int = 960) -> Variant:
        """The <img src>: the fallback copy closest to `near` pixels wide without going over,
        large enough for a share crawler that takes the first big image of a page."""
        copies = self.of(self.fallback_format)
        fitting = [v for v in copies if v.width <= near]
        return fitting[-1] if fitting else copies[0]


def widths_for(width: int, wanted: Iterable[int]) -> list[int]:
    """The configured widths below the photo's own, and the photo's own width when it is smaller
    than the largest: never enlarged."""
    wanted = sorted(set(wanted))
    below = [w for w in wanted if w < width]
    return below + [width] if len(below) < len(wanted) else below


_PLANS: dict[tuple[str, int, int, MediaConfig], Photo] = {}


def plan(source: Path, config: MediaConfig) -> Photo:
    """What copies `source` gets, without making them (reads the header and hashes the bytes)."""
    stat = source.stat()
    key = (str(source), stat.st_mtime_ns, stat.st_size, config)
    if key in _PLANS:
        return _PLANS[key]
    data = source.read_bytes()
    recipe = f"{config.quality}:{','.join(config.formats)}".encode()
    digest = hashlib.sha256(recipe + b"\0" + data).hexdigest()[:10]
    try:
        with Image.open(source) as image:
            width, height = image.size
            if image.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # turned by 90°
                width, height = height, width
            alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    except (OSError, Image.DecompressionBombError, ValueError) as exc:
        raise PhotoError(str(exc)) from None
    stem = source.stem
    fallback = "png" if alpha else "jpg"
    variants = []
    for w in widths_for(width, config.widths):
        h = max(1, round(height * w / width))
        for fmt in (*config.formats, fallback):
            variants.append(Variant(f"{stem}.{digest}.{w}.{fmt}", w, h, fmt))
    sw = min(config.share_width, width)
    share = Variant(f"{stem}.{digest}.{sw}.jpg", sw, max(1, round(height * sw / width)), "jpg")
    photo = Photo(source, digest, width, height, alpha, tuple(variants), share)
    _PLANS[key] = photo
    return photo


def ensure(photo: Photo, wanted: Iterable[Variant], config: MediaConfig, cache: Path) -> None:
    """Make the `wanted` copies that the cache does not hold yet (the photo is decoded once)."""
    missing = [v for v in wanted if not (cache / v.name).exists()]
    if not missing:
        return
    cache.mkdir(parents=True, exist_ok=True)
    with Image.open(photo.source) as opened:
        image = ImageOps.exif_transpose(opened)
        icc = opened.info.get("icc_profile")
        image.load()
    # Largest first, each copy from the one above: a 3000-pixel photo is resampled once at full
    # size, not once per width (a quarter of the time, indistinguishable on screen).
    current = image
    for variant in sorted(missing, key=lambda v: -v.width):
        if current.width != variant.width:
            current = current.resize((variant.width, variant.height), Image.Resampling.LANCZOS)
        _save(current, variant, config, cache, icc)


def _save(
    image: Image.Image, variant: Variant, config: MediaConfig, cache: Path, icc: bytes | None
) -> None:
    # No EXIF is written: a phone's photo carries where it was taken.
    options: dict[str, object] = {"icc_profile": icc} if icc else {}
    if variant.fmt == "jpg":
        image = image.convert("RGB")
        options |= {"quality": config.quality, "optimize": True, "progressive": True}
        fmt = "JPEG"
    elif variant.fmt == "png":
        options |= {"optimize": True}
        fmt = "PNG"
    elif variant.fmt == "webp":
        options |= {"quality": config.quality, "method": 4}
        fmt = "WEBP"
    else:
        options |= {"quality": max(1, config.quality - 20), "speed": 8}
        fmt = "AVIF"
    if fmt != "PNG" and image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.mode or fmt == "PNG" else "RGB")
    handle, tmp = tempfile.mkstemp(dir=cache, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as out:
            image.save(out, fmt, **options)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the web server must read the copy
        os.replace(tmp, cache / variant.name)  # another language's build may write it too
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def publish(names: Iterable[str], cache: Path, folder: Path) -> None:
    """Put cached copies into the output folder: a hard link where possible (no bytes copied)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        target = folder / name
        if target.exists():
            continue
        tmp = folder / f".part-{os.getpid()}-{name}"
        try:
            os.link(cache / name, tmp)
        except OSError:
            shutil.copyfile(cache / name, tmp)
        os.replace(tmp, target)
