"""Handouts and the facilitator handbook as PDF, printed by headless Chromium.

`make site` puts them into the site (folder pdf/, linked from the pages they are printed from);
`make pdf` prints them from a built site into any folder.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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


def export(site: Path, target: Path, pages: Iterable[str] | None = None, chromium: str | None = None) -> list[Path]:
    browser = chromium or shutil.which("chromium") or "/usr/bin/chromium"
    target.mkdir(parents=True, exist_ok=True)
    server = make_server(site, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def print_page(path: str) -> Path:
        out = target / pdf_name(path)
        subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--print-to-pdf={out}", f"http://127.0.0.1:{server.server_port}{path}"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return out

    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            written = list(pool.map(print_page, pages if pages is not None else printable_pages(site)))
    finally:
        server.shutdown()
        server.server_close()
    return written
