"""The preview's memory: what each page rendered to last time, keyed by what it was rendered from.

`mkdocs serve` rebuilds the whole site after every save. A page whose inputs are the same as in
the last build renders to the same result, so the preview takes that result from here instead of
working it out again:

- a page's Jinja (facts from data/, the news list), keyed by its Markdown, data/ and every page's
  front matter;
- the Markdown → HTML conversion (page content, table of contents, anchors), keyed by the page's
  Markdown after Jinja and the set of files its links can point to;
- the page's search entries (HTML parsing, and jieba for Chinese), keyed by its HTML, title and URL;
- the finished page (the theme's templates), keyed by its HTML, front matter and URL together with
  everything every page shows: the menu, the list of files in every language, every page's front
  matter, data/, overrides/, mkdocs.yml and the last commit (stale-translation notices);
- the compiled Jinja templates of the theme (bytecode).

Only the preview uses it (never `mkdocs build`), and a test checks that a preview build that takes
results from here writes the same site as one that does not.
"""

from __future__ import annotations

import copy
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from xulang.plugin import upstream

CACHED_TEMPLATE = "xulang/cached-page.html"
MAX_ENTRIES = 20_000  # per kind; past this the cache starts again (a few hundred MB at most)


def digest(*parts: object) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(
            repr(part).encode("utf-8", "surrogatepass") if not isinstance(part, bytes) else part
        )
        h.update(b"\x00")
    return h.digest()


def toc_data(toc: Any) -> list[Any]:
    """A table of contents as plain data (its objects' repr would carry memory addresses)."""
    return [(item.title, item.id, item.level, toc_data(item.children)) for item in toc or []]


def files_under(root: Path) -> list[tuple[str, int, int]]:
    """(path, size, modification time in ns) of every file under `root` (or of `root` itself),
    sorted by path; one os.scandir per folder (a preview rebuild walks thousands of files)."""
    try:
        if not root.is_dir():
            stat = root.stat()
            return [(str(root), stat.st_size, stat.st_mtime_ns)]
    except OSError:
        return []  # not there (yet)
    found: list[tuple[str, int, int]] = []
    folders = [str(root)]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir():
                        folders.append(entry.path)
                    elif entry.is_file():
                        stat = entry.stat()
                        found.append((entry.path, stat.st_size, stat.st_mtime_ns))
        except OSError:
            continue  # removed while walked: the next rebuild sees it
    return sorted(found)


def tree_stat(paths: Iterable[Path]) -> bytes:
    """Names, sizes and modification times of every file under `paths`."""
    h = hashlib.blake2b(digest_size=16)
    for root in paths:
        for path, size, mtime in files_under(root):
            h.update(f"{path}\x00{size}\x00{mtime}\x00".encode("utf-8", "surrogateescape"))
    return h.digest()


@dataclass
class Rendered:
    """What `Page.render` leaves on a page."""

    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # linked file's src_uri -> anchors


class _Bytecode(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def _fresh() -> dict[str, dict[bytes, Any]]:
    return {"jinja": {}, "rendered": {}, "search": {}, "pages": {}, "qr": {}}


@dataclass
class PreviewCache:
    jinja: dict[bytes, str] = field(default_factory=dict)
    rendered: dict[bytes, Rendered] = field(default_factory=dict)
    search: dict[bytes, list[dict[str, Any]]] = field(default_factory=dict)
    pages: dict[bytes, str] = field(default_factory=dict)
    qr: dict[bytes, str] = field(default_factory=dict)  # a page address's QR code (share.py)
    bytecode: _Bytecode = field(default_factory=_Bytecode)
    # A translation whose inputs have not changed since the last build is not built again: its
    # output is kept aside while MkDocs empties the folder, and its last result is reused.
    languages: dict[str, tuple[bytes, Any]] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)  # what came from here, by kind
    new: dict[str, dict[bytes, Any]] = field(default_factory=_fresh)

    def put(self, kind: str, key: bytes, value: Any) -> None:
        store = getattr(self, kind)
        if len(store) >= MAX_ENTRIES:
            store.clear()
        store[key] = value
        self.new[kind][key] = value

    def take_new(self) -> dict[str, dict[Any, Any]]:
        """What this process added since the last call (a language built in a child process
        sends it to the parent, which keeps it for the next build)."""
        new, self.new = self.new, _fresh()
        return {**new, "hits": dict(self.hits)}

    def merge(self, new: dict[str, dict[Any, Any]]) -> None:
        self.hits.update(new.pop("hits", {}))
        for kind, entries in new.items():
            for key, value in entries.items():
                self.put(kind, key, value)
        self.new = _fresh()

    def qr_code(self, url: str, make: Callable[[str], str]) -> str:
        """A page address's QR code (2 ms each, for every page of every language): made once,
        kept between rebuilds (a child's go back to the parent with its other new entries)."""
        key = url.encode("utf-8")
        if key in self.qr:
            self.hits["qr"] += 1
            return self.qr[key]
        made = make(url)
        self.put("qr", key, made)
        return made

    # -- the three page steps -------------------------------------------------------------

    def install_render(self, page: Any, key: bytes, files: Any) -> bool:
        """If the page's conversion is known, make `page.render` hand it back. True on a hit."""
        hit = self.rendered.get(key)
        if hit is None:
            return False
        self.hits["rendered"] += 1

        def render(config: Any, files_now: Any) -> None:
            page.content = hit.content
            page.toc = copy.deepcopy(hit.toc)
            page._title_from_render = hit.title
            page.present_anchor_ids = set(hit.anchors) if hit.anchors is not None else None
            if hit.links is not None:
                links = {}
                for src_uri, anchors in hit.links.items():
                    target = files_now.get_file_from_path(src_uri)
                    if target is not None:
                        links[target] = dict(anchors)
                page.links_to_anchors = links

        page.render = render
        return True

    def keep_render(self, page: Any, key: bytes) -> None:
        links = page.links_to_anchors
        self.put(
            "rendered",
            key,
            Rendered(
                content=page.content,
                toc=copy.deepcopy(page.toc),
                title=page._title_from_render,
                anchors=set(page.present_anchor_ids)
                if page.present_anchor_ids is not None
                else None,
                links=None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
            ),
        )

    def wrap_search(self, index: Any) -> None:
        """Material's search index answers each page's entries from here when it can
        (the edit of Material's code is in upstream.py)."""
        upstream.around_search_entries(index, self._search_entries)

    def _search_entries(
        self, page: Any, original: Callable[[Any], None], entries: list[dict[str, Any]]
    ) -> None:
        key = digest(
            page.url,
            page.title,
            page.content,
            page.meta.get("search"),
            page.meta.get("tags"),
            page.meta.get("title"),
            toc_data(page.toc),
        )
        hit = self.search.get(key)
        if hit is not None:
            self.hits["search"] += 1
            entries.extend(dict(entry) for entry in hit)
            return
        before = len(entries)
        original(page)
        self.put("search", key, [dict(entry) for entry in entries[before:]])

    @staticmethod
    def page_key(fingerprint: bytes, page: Any, html: str) -> bytes:
        return digest(
            fingerprint,
            page.file.src_uri,
            page.url,
            html,
            sorted(page.meta.items(), key=str),
            page.title,
            toc_data(page.toc),
        )


def install_templates(env: jinja2.Environment, cache: PreviewCache) -> None:
    """The theme's environment: compiled templates kept between builds, and a template that
    writes out a finished page taken from the cache."""
    env.bytecode_cache = cache.bytecode
    env.loader = jinja2.ChoiceLoader(
        [
            jinja2.DictLoader({CACHED_TEMPLATE: "{{ xulang_cached_page }}"}),
            *([env.loader] if env.loader is not None else []),
        ]
    )
