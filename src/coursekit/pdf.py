"""Handouts and the facilitator handbook as PDF, printed by headless Chromium.

`make site` puts them into the site (folder pdf/, linked from the pages they are printed from);
`make pdf` prints them from a built site into any folder.

Printing takes a few seconds per page, so a PDF is kept in a cache folder under a hash of everything
that goes into it: the page's HTML, every file under assets/ (styles, scripts, fonts, images: what a
page loads, also by script), other local files the page names, the course's address, the Chromium
version and its flags. A page whose inputs are all unchanged is copied from there, not printed again.

The pages are printed from a local server, whose address means nothing on paper: the page learns it is
being printed (query ``druck``) and shows links to the course with the course's public address
(``site_url`` in mkdocs.yml) or, without one, without an address (course.js).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from urllib.parse import quote

from .serve import make_server

# Flags that keep Chromium from contacting anything but the local server.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
    "--run-all-compositor-stages-before-draw",
    "--virtual-time-budget=5000",
]


SITE_FOLDER = "pdf"  # inside the built site
WORKERS = 3  # Chromium processes at once: each spends most of its few seconds starting up


def pdf_name(url_path: str) -> str:
    """File name of a page's PDF: /handout/social-learning/ -> handout-social-learning.pdf."""
    return url_path.strip("/").replace("/", "-") + ".pdf"


def printable_pages(site: Path) -> list[str]:
    """URL paths of the handouts and the handbook in a built site."""
    handouts = sorted(p.parent.name for p in (site / "handout").glob("*/index.html"))
    return [f"/handout/{name}/" for name in handouts] + ["/moderation/handbuch/"]


_LOCAL_REF = re.compile(r'(?:src|href)="(?!https?:|mailto:|data:|#)([^"#?]+)')


@cache
def chromium_version(browser: str) -> str:
    run = subprocess.run([browser, "--version"], capture_output=True, text=True, timeout=60, check=True)
    return run.stdout.strip()


def _digest_files(files: Iterable[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(files):
        digest.update(file.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def page_key(site: Path, path: str, shared: str) -> str:
    """Hash of what the PDF of ``path`` is made of; ``shared``: the hash of what all pages share."""
    page = site / path.strip("/") / "index.html"
    html = page.read_bytes()
    named = set()
    for ref in _LOCAL_REF.findall(html.decode("utf-8")):
        target = (page.parent / ref).resolve()
        if target.is_file() and target.is_relative_to(site.resolve()) and target.suffix != ".html":
            named.add(target)
    digest = hashlib.sha256(shared.encode() + b"\0" + html)
    digest.update(_digest_files(named, site.resolve()).encode())
    return digest.hexdigest()


def export(
    site: Path,
    target: Path,
    pages: Iterable[str] | None = None,
    chromium: str | None = None,
    address: str | None = None,
    cache_dir: Path | None = None,
) -> list[Path]:
    """Print ``pages`` (default: the handouts and the handbook) into ``target``.

    ``address``: the course's public address for links on paper (None: links show no address).
    ``cache_dir``: PDFs kept by the hash of their inputs; entries not used by this call are removed."""
    browser = chromium or shutil.which("chromium") or "/usr/bin/chromium"
    target.mkdir(parents=True, exist_ok=True)
    paths = list(pages if pages is not None else printable_pages(site))
    query = "?druck=" + quote(address or "", safe="")
    keys: dict[str, str] = {}
    if cache_dir is not None:
        assets = [f for f in (site / "assets").rglob("*") if f.is_file()]
        shared = "\0".join([chromium_version(browser), *CHROMIUM_FLAGS, query, _digest_files(assets, site)])
        keys = {path: page_key(site, path, shared) for path in paths}
    server = make_server(site, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def print_page(path: str) -> Path:
        out = target / pdf_name(path)
        kept = cache_dir / f"{keys[path]}.pdf" if cache_dir is not None else None
        if kept is not None and kept.is_file():
            shutil.copyfile(kept, out)
            return out
        subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--print-to-pdf={out}", f"http://127.0.0.1:{server.server_port}{path}{query}"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        if kept is not None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            partial = kept.with_suffix(".teil")
            shutil.copyfile(out, partial)
            partial.replace(kept)  # a cache entry is whole or absent
        return out

    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            written = list(pool.map(print_page, paths))
    finally:
        server.shutdown()
        server.server_close()
    if cache_dir is not None:
        used = {f"{key}.pdf" for key in keys.values()}
        for old in [*cache_dir.glob("*.pdf"), *cache_dir.glob("*.teil")]:  # .teil: left by a stopped build
            if old.name not in used:
                old.unlink()
    return written
