"""German search: mkdocs-material's search worker wrapped so that query words are stemmed.

Material's worker appends a wildcard to each query term, which makes lunr skip the German stemmer
for the query while the index holds stems. The wrapper (search-worker.js) stems each plain word
first; it sits next to Material's worker so that the worker finds lunr's language files as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from material.plugins.search.plugin import SearchPlugin
from mkdocs.exceptions import PluginError
from mkdocs.plugins import PluginCollection

WORKERS = "assets/javascripts/workers"
WORKER_URI = f"{WORKERS}/kurs-suche.js"
_SOURCE = Path(__file__).resolve().parent / "search-worker.js"
_CONFIG_WORKER = re.compile(r'("search": "[^"]*?)search\.[0-9a-f]+\.min\.js"')


class SearchWorkerError(PluginError):
    pass


def material_worker() -> str:
    """File name of mkdocs-material's search worker (it carries a content hash)."""
    spec = find_spec("material")
    if spec is None or spec.origin is None:
        raise SearchWorkerError("mkdocs-material ist nicht installiert. Führen Sie „make setup“ aus.")
    folder = Path(spec.origin).resolve().parent / "templates" / WORKERS
    found = sorted(p.name for p in folder.glob("search.*.min.js"))
    if len(found) != 1:
        raise SearchWorkerError(f"mkdocs-material: Suchdienst in {folder} nicht eindeutig gefunden ({found}).")
    return found[0]


def worker_source() -> str:
    return _SOURCE.read_text("utf-8").replace("__MATERIAL_WORKER__", material_worker())


def use_course_worker(html: str) -> str:
    """Point the page's mkdocs-material configuration at the course's worker."""
    return _CONFIG_WORKER.sub(lambda m: f'{m.group(1)}kurs-suche.js"', html, count=1)


# What mkdocs-material's search removes from each page after indexing it: `data-search-*` attributes with
# a value (the course's own `data-search-exclude` has none). Its pattern starts with an optional `\s`, so
# Python tries it at every position of the page: about 1.8 ms for a module page, 0.07 ms for this one.
_VALUED_SEARCH_ATTRIBUTE = re.compile(r'data-search-\w+="[^"]+"')


def skip_needless_attribute_scan(plugins: PluginCollection) -> None:
    """mkdocs-material's search indexes each page, then scans it for attributes to remove. A page without
    one is only indexed; a page with one goes through Material's own code. (0.09 s of a preview rebuild
    at 50 modules.) Run in on_config: mkdocs collects the event methods anew with every configuration."""
    events = plugins.events["page_context"]
    for index, method in enumerate(events):
        plugin = getattr(method, "__self__", None)
        if isinstance(plugin, SearchPlugin):
            events[index] = _indexing_only_when_clean(plugin, method)


def _indexing_only_when_clean(plugin: SearchPlugin, material: Callable[..., Any]) -> Callable[..., Any]:
    def on_page_context(context: Any, **kwargs: Any) -> Any:
        page = kwargs["page"]
        if not plugin.config.enabled or _VALUED_SEARCH_ATTRIBUTE.search(page.content or ""):
            return material(context, **kwargs)
        plugin.search_index.add_entry_from_context(page)
        return None

    return on_page_context
