"""Media settings: `plugins: xulang: media:` in mkdocs.yml, each with a default."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from xulang.site import plugin_options, read_config

RASTER = (".jpg", ".jpeg", ".png", ".webp")  # photos the build resizes (SVG is drawn, not resized)
VIDEO = {".mp4": "video/mp4", ".webm": "video/webm"}
CAPTIONS = ".vtt"
ATTACHMENTS = (".pdf",)
SIDECAR = ".yml"  # photo.jpg -> photo.jpg.yml
POSTER = (".jpg", ".jpeg", ".png")  # clip.mp4 -> clip.jpg


class MediaConfigError(Exception):
    """`media:` in mkdocs.yml cannot be used."""


@dataclass(frozen=True)
class MediaConfig:
    # Widths (CSS pixels) of the resized copies: a phone, a laptop, a large screen. Never wider
    # than the photo itself.
    widths: tuple[int, ...] = (480, 960, 1600)
    # Modern formats offered first through <source>; the <img> itself is JPEG (PNG when the photo
    # has transparency), which every browser and every share crawler reads.
    formats: tuple[str, ...] = ("avif", "webp")
    share_width: int = 1200  # og:image: the width Facebook, Zalo and WeChat cards ask for
    quality: int = 82
    max_image_mb: float = 4.0  # a photo bigger than this is refused: shrink it before adding it
    max_video_mb: float = 40.0  # video is served as is: keep clips short and compressed
    cache_dir: str = ".cache/xulang-media"

    @property
    def max_image_bytes(self) -> int:
        return int(self.max_image_mb * 1_000_000)

    @property
    def max_video_bytes(self) -> int:
        return int(self.max_video_mb * 1_000_000)


KNOWN_FORMATS = ("webp", "avif")


def from_options(options: dict[str, Any] | None) -> MediaConfig:
    """A MediaConfig from the `media:` mapping; unknown keys and bad values are refused."""
    options = dict(options or {})
    defaults = MediaConfig()
    known = set(MediaConfig.__dataclass_fields__)
    unknown = sorted(set(options) - known)
    if unknown:
        raise MediaConfigError(
            f"media: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    try:
        widths = tuple(sorted({int(w) for w in options.get("widths", defaults.widths)}))
        formats = tuple(str(f).lower() for f in options.get("formats", defaults.formats))
        config = MediaConfig(
            widths=widths,
            formats=formats,
            share_width=int(options.get("share_width", defaults.share_width)),
            quality=int(options.get("quality", defaults.quality)),
            max_image_mb=float(options.get("max_image_mb", defaults.max_image_mb)),
            max_video_mb=float(options.get("max_video_mb", defaults.max_video_mb)),
            cache_dir=str(options.get("cache_dir", defaults.cache_dir)),
        )
    except (TypeError, ValueError) as exc:
        raise MediaConfigError(f"media: {exc}") from None
    if not widths or min(widths) < 16:
        raise MediaConfigError("media: widths must be a list of widths in pixels, e.g. [480, 960]")
    if bad := [f for f in formats if f not in KNOWN_FORMATS]:
        raise MediaConfigError(f"media: formats {bad} unknown; choose from {KNOWN_FORMATS}")
    if not 1 <= config.quality <= 100:
        raise MediaConfigError("media: quality is 1–100")
    return config


def load(root: Path) -> MediaConfig:
    """The settings of the project at `root` (for `xulang check`, which does not run MkDocs)."""
    try:
        raw = read_config(root)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return MediaConfig()  # reported by whoever reads mkdocs.yml first
    plugins = raw.get("plugins") if isinstance(raw, dict) else None
    try:
        return from_options(plugin_options(plugins, "xulang").get("media"))
    except MediaConfigError:
        return MediaConfig()  # the build reports it with the file name
