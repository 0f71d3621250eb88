"""A rendered page's media, made ready for readers.

- `<img>` of a photo under assets/ -> `<picture>` with modern formats first, several widths,
  `srcset`/`sizes`, `width`/`height`; the first photo of a page loads at once, the others when
  they come near the screen. Alone in its paragraph it becomes a `<figure>` with the caption and
  credit typed in its sidecar.
- `<img>` of a video (`![Tên](../assets/video/clip.mp4)`) -> `<video controls preload="none">`
  with its poster and one captions track per language.
- a link to an attachment (a PDF) -> the same link, followed by its kind, size and language.

Pure text in, text out: the files this needs are read through `Media`, made by the plugin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from xulang.media import sidecar
from xulang.media.config import ATTACHMENTS, POSTER, RASTER, VIDEO, MediaConfig
from xulang.media.images import Photo, PhotoError, Variant, plan
from xulang.site import Language, Site

IMG = re.compile(r"(<p>\s*)?(<img\b[^>]*>)(\s*</p>)?", re.I)
ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
FILE_LINK = re.compile(r"""(<a\b[^>]*\bhref="([^"#?]+)"[^>]*>)(.*?)(</a>)""", re.I | re.S)
# Material's content column is at most about 47rem wide; below 76.25em the photo fills the screen.
SIZES = "(min-width: 76.25em) 47rem, 100vw"
KEEP_ORIGINAL = "keep-original"  # ![…](photo.jpg){ keep-original }


@dataclass(frozen=True)
class Lead:
    """A page's first photo: its share image (og:image) and the text that describes it."""

    url: str  # absolute
    width: int
    height: int
    alt: str
    mime: str = "image/jpeg"


@dataclass
class Result:
    html: str
    lead: Lead | None = None
    # what the output needs: (photo, copies, folder of the original relative to the site)
    copies: list[tuple[Photo, list[Variant], str]] = field(default_factory=list)
    originals_kept: list[str] = field(default_factory=list)  # site-relative paths


def _attrs(tag: str) -> dict[str, str]:
    inner = tag[4:].rstrip("/> \n")
    return {
        m.group(1).lower(): unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in ATTR.finditer(inner)
    }


def site_path(page_url: str, src: str) -> str | None:
    """The site-relative path a relative `src` on the page at `page_url` points to."""
    if urlsplit(src).scheme or src.startswith(("//", "#")):
        return None
    path = urlsplit(urljoin("http://site/" + page_url, src)).path
    return unquote(path.lstrip("/"))


def _t(lang: Language, key: str, default: str) -> str:
    return str((lang.extra.get("ui") or {}).get(key, default))


class Renderer:
    """Rewrites one language's pages; `docs_dir` holds the files, `site` the languages."""

    def __init__(self, site: Site, config: MediaConfig, docs_dir: Path) -> None:
        self.site, self.config, self.docs_dir = site, config, docs_dir

    def page(self, html: str, page_url: str, lang: Language) -> Result:
        result = Result(html)
        if "<img" in html:
            state = {"first": True}
            result.html = IMG.sub(lambda m: self._img(m, page_url, lang, result, state), html)
        if has_attachment(result.html):
            result.html = FILE_LINK.sub(lambda m: self._file_link(m, page_url, lang), result.html)
        return result

    # -- photos and video -----------------------------------------------------------------

    def _source(self, page_url: str, src: str) -> tuple[str, Path] | None:
        rel = site_path(page_url, src)
        if rel is None or not rel.startswith("assets/"):
            return None
        path = self.docs_dir / rel
        return (rel, path) if path.is_file() else None

    def _img(
        self,
        match: re.Match[str],
        page_url: str,
        lang: Language,
        result: Result,
        state: dict[str, bool],
    ) -> str:
        attrs = _attrs(match.group(2))
        found = self._source(page_url, attrs.get("src", ""))
        if found is None:
            return match.group(0)
        rel, path = found
        suffix = path.suffix.lower()
        block = bool(match.group(1) and match.group(3))
        if suffix in VIDEO:
            inner = self._video(attrs, rel, path, lang)
            return inner if block else match.group(0)  # a video stands alone, never mid-sentence
        if suffix not in RASTER:
            return match.group(0)
        try:
            photo = plan(path, self.config)
        except PhotoError:
            return match.group(0)  # the `media` check names the file
        note = sidecar.read(path)
        alt = (
            attrs.get("alt", "").strip()
            or note.alt.get(lang.code, "")
            or note.alt.get(self.site.default.code, "")  # a language in preparation, meanwhile
        )
        first = state["first"]
        state["first"] = False
        wanted = list(photo.variants)
        if first:
            wanted.append(photo.share)
            result.lead = Lead(
                self.site.site_url + _beside(rel, photo.share.name),
                photo.share.width,
                photo.share.height,
                alt,
            )
        result.copies.append((photo, wanted, rel.rsplit("/", 1)[0]))
        src = attrs["src"]
        picture = self._picture(photo, src, alt, first)
        if KEEP_ORIGINAL in attrs or note.keep_original:
            result.originals_kept.append(rel)
            picture = f'<a class="xl-figure__original" href="{escape(src)}">{picture}</a>'
        if not block:
            return picture
        text = note.caption.get(lang.code) or note.caption.get(self.site.default.code, "")
        caption = self._caption(text, note, lang)
        return f'<figure class="xl-figure">{picture}{caption}</figure>'

    def _picture(self, photo: Photo, src: str, alt: str, first: bool) -> str:
        def srcset(copies: list[Variant]) -> str:
            return ", ".join(f"{escape(_beside(src, v.name))} {v.width}w" for v in copies)

        sources = "".join(
            f'<source type="{photo.of(fmt)[0].mime}" srcset="{srcset(photo.of(fmt))}" '
            f'sizes="{SIZES}">'
            for fmt in self.config.formats
        )
        fallback = photo.of(photo.fallback_format)
        main = photo.fallback()
        largest = fallback[-1]
        # width/height: the shape the browser reserves before the photo arrives (no jump)
        loading = 'fetchpriority="high"' if first else 'loading="lazy" decoding="async"'
        img = (
            f'<img src="{escape(_beside(src, main.name))}" srcset="{srcset(fallback)}" '
            f'sizes="{SIZES}" width="{largest.width}" height="{largest.height}" '
            f'alt="{escape(alt)}" {loading}>'
        )
        return f"<picture>{sources}{img}</picture>"

    def _caption(self, text: str, note: sidecar.Sidecar, lang: Language) -> str:
        credit = []
        if note.credit:
            credit.append(_t(lang, "media.credit", "{credit}").replace("{credit}", note.credit))
        if note.licence:
            credit.append(_t(lang, "media.licence", "{licence}").replace("{licence}", note.licence))
        parts = [escape(text)] if text else []
        if credit:
            parts.append(f'<span class="xl-credit">{escape(" · ".join(credit))}</span>')
        return f"<figcaption>{' '.join(parts)}</figcaption>" if parts else ""

    def _video(self, attrs: dict[str, str], rel: str, path: Path, lang: Language) -> str:
        src = attrs["src"]
        note = sidecar.read(path)
        title = note.caption.get(lang.code, "") or attrs.get("alt", "").strip()
        poster = next((path.with_suffix(s) for s in POSTER if path.with_suffix(s).is_file()), None)
        size = ""
        poster_attr = ""
        if poster is not None:
            poster_attr = f' poster="{escape(_beside(src, poster.name))}"'
            try:
                shape = plan(poster, self.config)
                size = f' width="{shape.width}" height="{shape.height}"'
            except PhotoError:
                pass
        tracks = []
        for other in self.site.languages:
            vtt = path.with_name(f"{path.stem}.{other.code}.vtt")
            if vtt.is_file():
                default = " default" if other.code == lang.code else ""
                tracks.append(
                    f'<track kind="captions" srclang="{escape(other.bcp47)}" '
                    f'label="{escape(other.name)}" src="{escape(_beside(src, vtt.name))}"{default}>'
                )
        label = f' aria-label="{escape(title)}"' if title else ""
        link = _t(lang, "media.video.download", "{title}").replace("{title}", title or path.name)
        video = (
            f'<video controls preload="none" playsinline{poster_attr}{size}{label}>'
            f'<source src="{escape(src)}" type="{VIDEO[path.suffix.lower()]}">'
            + "".join(tracks)
            + f'<a href="{escape(src)}">{escape(link)}</a></video>'
        )
        caption = self._caption(title, note, lang)
        return f'<figure class="xl-video">{video}{caption}</figure>'

    # -- attachments -------------------------------------------------------------------------

    def _file_link(self, match: re.Match[str], page_url: str, lang: Language) -> str:
        href = unescape(match.group(2))
        if not href.lower().endswith(ATTACHMENTS):
            return match.group(0)
        rel = site_path(page_url, href)
        path = self.docs_dir / rel if rel else None
        if path is None or not path.is_file():
            return match.group(0)
        about = describe_file(path, self.site, lang)
        return f'{match.group(0)} <span class="xl-file">{escape(about)}</span>'


def has_attachment(html: str) -> bool:
    """A cheap first look: most pages link to no file at all."""
    return any(f'{ext}"' in html for ext in ATTACHMENTS)


def _beside(src: str, name: str) -> str:
    """`src` with its file name replaced: copies sit in the original's folder."""
    return src.rsplit("/", 1)[0] + "/" + name if "/" in src else name


def file_language(path: Path, site: Site) -> Language | None:
    """An attachment's language: `language:` in its sidecar, else a language code before the
    extension (`bao-cao.en.pdf`), else the language folder it sits in."""
    code = sidecar.read(path).language
    if not code:
        parts = path.name.split(".")
        code = parts[-2] if len(parts) > 2 else ""
    if code not in site.codes:
        code = next((p for p in path.parts if p in site.codes), "")
    return site.language(code) if code in site.codes else None


def describe_file(path: Path, site: Site, lang: Language) -> str:
    """ "(PDF, 1,2 MB, tiếng Việt)": the kind, size and language, in the page's language."""
    from babel.units import format_unit

    locale = lang.cldr  # the language's CLDR locale, as for every figure of the page
    size = path.stat().st_size
    if size >= 1_000_000:
        mb = size / 1e6
        shown = format_unit(mb, "digital-megabyte", "short", locale=locale, format="#,##0.#")
    else:
        kb = max(1, round(size / 1000))
        shown = format_unit(kb, "digital-kilobyte", "short", locale=locale, format="#,##0")
    language = ""
    written = file_language(path, site)
    if written is not None:
        language = written.display_name(lang)  # CLDR's name of it in the page's language
        if _t(lang, "media.file.lowercase", "") and language:
            language = language[0].lower() + language[1:]
    template = _t(lang, "media.file", "({kind}, {size}, {language})")
    if not language:
        template = _t(lang, "media.file.nolang", "({kind}, {size})")
    return (
        template.replace("{kind}", path.suffix.lstrip(".").upper())
        .replace("{size}", shown)
        .replace("{language}", language)
    )
