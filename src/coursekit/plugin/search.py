"""German search: mkdocs-material's search worker wrapped so that query words are stemmed.

Material's worker appends a wildcard to each query term, which makes lunr skip the German stemmer
for the query while the index holds stems. The wrapper (search-worker.js) stems each plain word
first; it sits next to Material's worker so that the worker finds lunr's language files as before.
"""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

from mkdocs.exceptions import PluginError

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
