"""Markdown-to-HTML conversion of pages, reused by content: the preview answers a save in well under a second.

Converting Markdown takes about two thirds of a build, and after an editor saves one file nearly every
page converts to the same HTML as before. ``CachedPage`` is mkdocs' ``Page`` (set on each file in
``on_files``, the way mkdocs-material's blog plugin sets its own pages) whose ``render`` looks up the
result under a hash of everything the conversion reads:

- the page's final Markdown (after every plugin's ``on_page_markdown``, so quizzes, notebooks and
  diagrams inserted into it are part of it), its source path and URL;
- every file of the build with its URL and inclusion (links are resolved and checked against them);
- the Markdown settings of ``mkdocs.yml`` and the files the snippets extension appends to every page;
- the versions of Python and of the packages that convert (Markdown, pymdown-extensions, mkdocs,
  mkdocs-material, Pygments).

A hit restores what ``render`` sets (HTML, table of contents, title, anchors, links to anchors) and
logs again what the conversion logged (a broken link warns on every build, cached or not). Pages that
pull in other files themselves (``--8<--`` snippets) are always converted. Results live in memory and
in ``.cache/pages/`` (one JSON file per result; entries no build used are removed after each build).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
from collections.abc import Iterator, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from material.plugins.search.plugin import SearchIndex, SearchPlugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

FOLDER = Path(".cache") / "pages"
FORMAT = 1  # bump when the stored fields change
PACKAGES = ["markdown", "pymdown-extensions", "mkdocs", "mkdocs-material", "pygments"]
SNIPPET_MARK = "--8<--"


class Unstable(Exception):
    """A value whose ``repr`` names a memory address: it cannot be part of a key."""


def fingerprint(value: Any) -> Any:
    """A JSON form of a value that is the same in every process; ``Unstable`` when there is none."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping) or (hasattr(value, "items") and callable(value.items)):
        return {str(k): fingerprint(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [fingerprint(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((fingerprint(v) for v in value), key=repr)
    if isinstance(value, Path):
        return str(value)
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    text = repr(value)
    if " at 0x" in text:
        raise Unstable(type(value).__qualname__)
    return f"{type(value).__module__}.{type(value).__qualname__}:{text}"


def _versions() -> list[str]:
    found = [sys.version]
    for package in PACKAGES:
        try:
            found.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            found.append(f"{package}=-")
    return found


def _snippet_files(config: MkDocsConfig) -> list[str]:
    """Contents of the files the snippets extension appends or prepends to every page."""
    settings = (config.mdx_configs or {}).get("pymdownx.snippets")
    if not isinstance(settings, Mapping):
        return []
    bases = settings.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else list(bases)
    contents = []
    for name in [*settings.get("auto_append", []), *settings.get("auto_prepend", [])]:
        for base in bases:
            path = Path(base) / name  # relative to the working directory, as the extension reads it
            if path.is_file():
                contents.append(f"{name}\0{path.read_text('utf-8', errors='replace')}")
                break
        else:
            contents.append(f"{name}\0missing")
    return contents


def toc_tokens(items: list[AnchorLink]) -> list[dict[str, Any]]:
    return [{"level": a.level, "id": a.id, "name": a.title, "children": toc_tokens(a.children)} for a in items]


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


@contextlib.contextmanager
def _recording() -> Iterator[_Recorder]:
    """What the conversion logs; mkdocs' own logger does not pass records on to the root logger."""
    recorder = _Recorder()
    loggers = [logging.getLogger()]
    if not logging.getLogger("mkdocs").propagate:  # `mkdocs build/serve` sets it so
        loggers.append(logging.getLogger("mkdocs"))
    for logger in loggers:
        logger.addHandler(recorder)
    try:
        yield recorder
    finally:
        for logger in loggers:
            logger.removeHandler(recorder)


class PageCache:
    """Conversion results by key, in memory and below ``root/.cache/pages``."""

    def __init__(self, root: Path) -> None:
        self.folder = root / FOLDER
        self.memory: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self.converted: list[str] = []  # pages this build converted (src_uri), for the log and the tests
        self.rendered: list[str] = []  # pages this build filled into the theme's templates (templatecache.py)
        self._files: tuple[Files | None, str] = (None, "")
        self._config: tuple[MkDocsConfig | None, str | None] = (None, None)

    def start_build(self) -> None:
        self.used = set()
        self.hits = self.misses = 0
        self.converted = []
        self.rendered = []

    def _files_key(self, files: Files) -> str:
        if self._files[0] is not files:
            listing = sorted((f.src_uri, f.url, f.inclusion.name) for f in files)
            self._files = (files, hashlib.sha256(json.dumps(listing).encode()).hexdigest())
        return self._files[1]

    def _config_key(self, config: MkDocsConfig) -> str | None:
        """The Markdown settings' part of every key; None (convert every page) if one cannot be described."""
        if self._config[0] is not config:
            try:
                settings = {
                    "extensions": fingerprint(config.markdown_extensions),
                    "configs": fingerprint(config.mdx_configs),
                    "validation": fingerprint(config.validation),
                    "directory_urls": config.use_directory_urls,
                    "snippets": _snippet_files(config),
                    "versions": _versions(),
                    "format": FORMAT,
                }
                key: str | None = hashlib.sha256(json.dumps(settings).encode()).hexdigest()
            except Unstable:
                key = None
            self._config = (config, key)
        return self._config[1]

    def key(self, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        markdown = page.markdown or ""
        settings = self._config_key(config)
        if settings is None or SNIPPET_MARK in markdown:
            return None  # a setting without a stable form, or a page that includes files by itself
        parts = [settings, self._files_key(files), page.file.src_uri, page.file.url, markdown]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        found = self.memory.get(key)
        if found is None:
            try:
                found = json.loads((self.folder / f"{key}.json").read_text("utf-8"))
            except (OSError, ValueError):
                return None
            if not isinstance(found, dict) or found.get("format") != FORMAT:
                return None
            self.memory[key] = found
        self.used.add(key)
        self.hits += 1
        return found

    def put(self, key: str, entry: dict[str, Any]) -> None:
        entry["format"] = FORMAT
        self.memory[key] = entry
        self.used.add(key)
        self.misses += 1
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{key}.{os.getpid()}.tmp"
            temporary.write_text(json.dumps(entry, ensure_ascii=False), "utf-8")
            temporary.replace(self.folder / f"{key}.json")
        except OSError:
            pass  # a read-only checkout still builds; it only converts every page each time

    def prune(self) -> None:
        """Forget results this build did not use (older versions of pages)."""
        self.memory = {k: v for k, v in self.memory.items() if k in self.used}
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.json"):
            if path.stem not in self.used:
                with contextlib.suppress(OSError):
                    path.unlink()


class CachedPage(Page):
    """A page whose conversion is looked up in a ``PageCache`` first."""

    cache: PageCache | None = None  # set on each page by use_cached_pages

    def render(self, config: MkDocsConfig, files: Files) -> None:
        cache = self.cache
        key = cache.key(self, config, files) if cache is not None else None
        if cache is None or key is None:
            super().render(config, files)
            return
        entry = cache.get(key)
        if entry is not None and self._restore(entry, files):
            return
        with _recording() as recorder:
            super().render(config, files)
        cache.converted.append(self.file.src_uri)
        cache.put(key, self._entry(recorder.records))

    def _entry(self, logged: list[tuple[str, int, str]]) -> dict[str, Any]:
        links = self.links_to_anchors
        return {
            "content": self.content,
            "toc": toc_tokens(list(self.toc)),
            "title": self._title_from_render,
            "anchors": sorted(self.present_anchor_ids or ()),
            "links": None if links is None else {f.src_uri: anchors for f, anchors in links.items()},
            "logged": logged,
        }

    def _restore(self, entry: dict[str, Any], files: Files) -> bool:
        """Set what ``render`` sets from ``entry``; False (and nothing set) for an entry of another shape."""
        try:
            links: dict[File, dict[str, str]] | None = None
            if entry["links"] is not None:
                links = {}
                for src_uri, anchors in entry["links"].items():
                    target = files.get_file_from_path(src_uri)
                    if target is None:
                        return False
                    links[target] = dict(anchors)
            content, title = str(entry["content"]), entry["title"]
            toc = get_toc(entry["toc"])
            anchors_here = {str(anchor) for anchor in entry["anchors"]}
            logged = [(str(name), int(level), str(message)) for name, level, message in entry["logged"]]
        except (KeyError, TypeError, ValueError, AttributeError):
            return False  # damaged in .cache/pages/: converted again and stored anew
        self.content, self._title_from_render, self.toc = content, title, toc
        self.present_anchor_ids = anchors_here
        if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = links
        for name, level, message in logged:
            logging.getLogger(name).log(level, message)
        return True


def nav_titles(nav: Any) -> dict[str, str]:
    """Titles that mkdocs.yml's ``nav`` gives to pages (mkdocs uses them only when it creates the page)."""
    titles: dict[str, str] = {}

    def walk(item: Any, title: str | None) -> None:
        if isinstance(item, str):
            if title is not None:
                titles.setdefault(item, title)
        elif isinstance(item, list):
            for child in item:
                walk(child, None)
        elif isinstance(item, dict):
            for key, value in item.items():
                walk(value, str(key))

    walk(nav or [], None)
    return titles


def use_cached_pages(files: Files, config: MkDocsConfig, cache: PageCache) -> None:
    """Give every Markdown page of this build a ``CachedPage``, titled as the navigation names it."""
    titles = nav_titles(config.nav)
    for file in files.documentation_pages():
        if file.page is None:
            CachedPage(titles.get(file.src_uri), file, config).cache = cache


class CachedSearchIndex(SearchIndex):  # type: ignore[misc]  # mkdocs-material has no type hints
    """mkdocs-material's search index; a page's entries come from the cache when their inputs match."""

    def __init__(self, cache: PageCache, **config: Any) -> None:
        super().__init__(**config)
        self.cache = cache
        self.settings = config

    def add_entry_from_context(self, page: Page) -> None:
        meta = page.meta
        try:
            inputs = [
                "search",
                fingerprint(self.settings),
                hashlib.sha256((page.content or "").encode()).hexdigest(),
                page.url,
                str(page.title),
                toc_tokens(list(page.toc)),
                fingerprint({k: meta.get(k) for k in ("search", "tags", "title")}),
                FORMAT,
            ]
        except Unstable:
            super().add_entry_from_context(page)
            return
        key = hashlib.sha256(json.dumps(inputs, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
        entry = self.cache.get(key)
        if entry is not None and isinstance(entry.get("entries"), list):
            self.entries.extend(entry["entries"])  # mkdocs-material only writes its entries out, never changes them
            return
        before = len(self.entries)
        super().add_entry_from_context(page)
        self.cache.put(key, {"entries": self.entries[before:]})


def use_cached_search(plugins: Mapping[str, Any], cache: PageCache) -> None:
    """Swap the index of mkdocs-material's search plugin (created in its on_config) for the cached one."""
    for plugin in plugins.values():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled and hasattr(plugin, "search_index"):
            plugin.search_index = CachedSearchIndex(cache, **plugin.config)
