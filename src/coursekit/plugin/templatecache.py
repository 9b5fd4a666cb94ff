"""A page's HTML from the theme's templates, reused when everything the templates can read is the same.

After the conversion (pagecache.py), filling the theme's templates is the largest cost of a rebuild:
every page renders the whole navigation, so the work grows with the square of the number of pages.
When an editor saves one file, all other pages would be rendered to the same HTML as before.

``CachingTemplate`` is the Jinja environment's template class (a documented Jinja setting, set in
``on_env``). Its ``render`` hashes the whole template context mkdocs passes: the page (HTML, table of
contents, title, URLs, front matter, neighbours, ancestors), the navigation with its active items,
the list of pages, the configuration (plugins by their settings), the script and style URLs, plus the
template files of every theme folder. A context value it cannot describe faithfully (an object that
only has an address as its ``repr``) means the page is rendered, not looked up. The plugins'
``on_post_page`` still run on every page, cached or not.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .pagecache import FORMAT, PageCache, Unstable, fingerprint, toc_tokens

TEMPLATE_SUFFIXES = {".html", ".xml", ".txt", ".j2", ".jinja"}
# Context entries and settings that vary from build to build (the time; build.py's temporary site
# folder) but that no template of the theme reads: left out of the key unless a template names them.
IGNORED_UNLESS_USED = {"build_date_utc"}
CONFIG_IGNORED_UNLESS_USED = {"site_dir", "dev_addr", "watch"}
_ENVIRONMENT = Path(sys.prefix).resolve()


def keep_compiled_templates(config: MkDocsConfig) -> None:
    """Every Jinja environment of the theme keeps its compiled templates in .cache/jinja: mkdocs' own for
    the pages and the one mkdocs-material's search makes in its on_config to translate its labels
    (0.06 s of compiling on every preview rebuild). Jinja compares each template's source checksum, so an
    edited or updated template is compiled anew. Compiling took about a fifth of mkdocs' time."""
    cache = Path(config.config_file_path).parent / ".cache" / "jinja"
    theme = config.theme
    make_env = theme.get_env

    def get_env() -> Environment:
        cache.mkdir(parents=True, exist_ok=True)
        env = make_env()
        env.bytecode_cache = FileSystemBytecodeCache(str(cache))
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


def _ref(page: Page | None) -> list[Any] | None:
    return None if page is None else [page.title, page.url]


def page_fingerprint(page: Page) -> dict[str, Any]:
    return {
        "title": page.title,
        "url": page.url,
        "canonical": page.canonical_url,
        "abs": page.abs_url,
        "edit": page.edit_url,
        "src": page.file.src_uri,
        "content": hashlib.sha256((page.content or "").encode()).hexdigest(),  # cheaper than JSON-quoting it
        "toc": toc_tokens(list(page.toc)),
        "meta": fingerprint(page.meta),
        "home": page.is_homepage,
        "active": page.active,
        "previous": _ref(page.previous_page),
        "next": _ref(page.next_page),
        "ancestors": [[a.title, getattr(a, "active", None)] for a in page.ancestors],
    }


def _nav_items(items: Iterable[Any]) -> list[Any]:
    found: list[Any] = []
    for item in items:
        if isinstance(item, Page):
            found.append(["page", item.title, item.url, item.active])
        elif getattr(item, "is_section", False):
            found.append(["section", item.title, item.active, _nav_items(item.children or [])])
        else:  # a link
            found.append(["link", item.title, getattr(item, "url", None)])
    return found


def nav_fingerprint(nav: Navigation) -> list[Any]:
    return [_nav_items(nav.items), _ref(nav.homepage)]


def config_fingerprint(config: MkDocsConfig, ignored: set[str]) -> str:
    settings: dict[str, Any] = {}
    for key, value in config.items():
        if key in ignored:
            continue
        if key == "plugins":
            settings[key] = [[name, fingerprint(plugin.config)] for name, plugin in value.items()]
        elif key == "theme":
            settings[key] = [fingerprint(dict(value.items())), list(value.dirs)]
        else:
            settings[key] = fingerprint(value)
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()


_installed_themes: dict[str, tuple[str, str]] = {}


def _folder_fingerprint(root: Path) -> tuple[str, str]:
    digest = hashlib.sha256()
    texts = []
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        for name in sorted(names):
            if os.path.splitext(name)[1] in TEMPLATE_SUFFIXES:
                path = Path(folder) / name
                data = path.read_bytes()
                digest.update(f"{path.relative_to(root)}\0".encode() + hashlib.sha256(data).digest())
                texts.append(data.decode("utf-8", errors="replace"))
    return digest.hexdigest(), "\n".join(texts)


def theme_fingerprint(dirs: Iterable[str]) -> tuple[str, str]:
    """Hash of every template file in the theme folders, and their text (for the IGNORED_* checks).

    A folder inside the Python environment (mkdocs-material's, mkdocs') is read once per process: pip
    replaces a package between runs, not during one. The course's own theme folder and a site's
    custom_dir are read on every build, so the preview sees an edited partial at once."""
    digest = hashlib.sha256()
    texts = []
    for folder in dirs:
        root = Path(folder).resolve()
        if root.is_relative_to(_ENVIRONMENT):
            if str(root) not in _installed_themes:
                _installed_themes[str(root)] = _folder_fingerprint(root)
            found = _installed_themes[str(root)]
        else:
            found = _folder_fingerprint(root)
        digest.update(f"{root}\0{found[0]}\0".encode())
        texts.append(found[1])
    return digest.hexdigest(), "\n".join(texts)


class BuildKeys:
    """What stays the same for all pages of one build: configuration and theme."""

    def __init__(self, config: MkDocsConfig) -> None:
        theme, texts = theme_fingerprint(config.theme.dirs)
        settings = config_fingerprint(config, {name for name in CONFIG_IGNORED_UNLESS_USED if name not in texts})
        self.base = hashlib.sha256(f"{settings}\0{theme}\0{FORMAT}".encode()).hexdigest()
        self.ignored = {name for name in IGNORED_UNLESS_USED if name not in texts}

    def key(self, name: str | None, context: Mapping[str, Any]) -> str | None:
        if not isinstance(context.get("page"), Page) or not isinstance(context.get("nav"), Navigation):
            return None  # 404 page, sitemap and other theme templates: rendered each time
        parts: dict[str, Any] = {"template": name, "base": self.base}
        try:
            for entry, value in context.items():
                if entry in self.ignored or entry == "config":  # config: in ``base``
                    continue
                if entry == "page":
                    parts[entry] = page_fingerprint(value)
                elif entry == "nav":
                    parts[entry] = nav_fingerprint(value)
                elif entry == "pages":
                    parts[entry] = [[f.src_uri, f.url, f.page.title if f.page else None] for f in value]
                elif isinstance(value, File):
                    parts[entry] = [value.src_uri, value.url]
                else:
                    parts[entry] = fingerprint(value)
        except Unstable:
            return None
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


class CachingTemplate(Template):
    """A Jinja template whose page renderings are looked up first (see module docstring)."""

    cache: PageCache | None = None
    keys: BuildKeys | None = None

    def render(self, *args: Any, **kwargs: Any) -> str:
        cache, keys = self.cache, self.keys
        context = dict(*args, **kwargs)
        key = keys.key(self.name, context) if cache is not None and keys is not None else None
        if cache is None or key is None:
            return super().render(context)
        entry = cache.get("html-" + key)
        if entry is not None and isinstance(entry.get("html"), str):
            return str(entry["html"])
        html = super().render(context)
        cache.put("html-" + key, {"html": html})
        cache.rendered.append(str(getattr(context["page"].file, "src_uri", "")))
        return html


def template_class(cache: PageCache, config: MkDocsConfig) -> type[CachingTemplate]:
    """A template class for this build's Jinja environment (``env.template_class``)."""
    return type("CourseTemplate", (CachingTemplate,), {"cache": cache, "keys": BuildKeys(config)})
