"""The build's media service: photos resized and described, video with captions, attachments
labelled (xulang.media), and each page's lead photo for its share card.

Work happens per page, in whichever process builds the page's language: a photo's copies come
from the cache under .cache/ (made there once, by content hash) and are linked into the output
beside the original. Pages without media cost one substring test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from xulang.media import sidecar
from xulang.media.config import RASTER, MediaConfig, MediaConfigError, from_options
from xulang.media.images import ensure, publish
from xulang.media.render import Lead, Renderer, has_attachment
from xulang.site import Site


class Media:
    def __init__(self) -> None:
        self.config = MediaConfig()
        self.renderer: Renderer | None = None
        self.cache = Path(self.config.cache_dir)
        self.leads: dict[str, Lead] = {}  # page src_uri -> its first photo

    def configure(self, site: Site, options: dict[str, Any] | None, config_file: str) -> None:
        """Read `xulang: media:`; a mistake there stops the build, naming the file."""
        try:
            self.config = from_options(options)
        except MediaConfigError as exc:
            raise PluginError(f"{config_file}: {exc}") from None
        self.renderer = Renderer(site, self.config, site.docs_dir)
        self.cache = site.root / self.config.cache_dir
        # `leads` outlives a run: the preview does not render an unchanged page again

    def files(self, files: Files) -> Files:
        """Sidecars (photo.jpg.yml) are for the build, not for readers: never copied out."""
        for file in [f for f in files if sidecar.is_sidecar(Path(f.src_uri))]:
            files.remove(file)
        return files

    def content(self, html: str, page: Any, site: Site, site_dir: Path) -> str:
        """The page's HTML with its media made ready; their files put into the output."""
        if self.renderer is None or ("<img" not in html and not has_attachment(html)):
            return html  # the common case: a page of text
        lang = site.language(getattr(page.file, "locale", site.default.code))
        result = self.renderer.page(html, page.url, lang)
        for photo, wanted, folder in result.copies:
            ensure(photo, wanted, self.config, self.cache)
            publish([v.name for v in wanted], self.cache, site_dir / folder)
        if result.lead is not None:
            self.leads[page.file.src_uri] = result.lead
        else:
            self.leads.pop(page.file.src_uri, None)
        return result.html

    def lead(self, page: Any) -> dict[str, Any] | None:
        """The page's share image for its head (og:image), if it shows a photo."""
        found = self.leads.get(page.file.src_uri)
        if found is None:
            return None
        return {
            "url": found.url,
            "width": found.width,
            "height": found.height,
            "alt": found.alt,
            "type": found.mime,
        }

    def finish(self, site: Site, site_dir: Path) -> None:
        """Originals of described photos leave the output unless their sidecar keeps them:
        readers get the resized copies, and a camera's file (with where it was taken) stays
        with the editors."""
        assets = site.docs_dir / "assets"
        if not assets.is_dir():
            return
        for note in assets.rglob("*.yml"):
            original = note.with_name(note.name[: -len(".yml")])
            if original.suffix.lower() not in RASTER or not original.is_file():
                continue
            if sidecar.read(original).keep_original:
                continue
            out = site_dir / original.relative_to(site.docs_dir)
            out.unlink(missing_ok=True)
