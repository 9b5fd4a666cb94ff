"""What the parts of ``make bench`` share: the site served as ``make serve`` serves it, timed commands."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..serve import Served, make_server


@contextmanager
def serving(site: Path) -> Iterator[tuple[str, list[Served]]]:
    """Serve ``site`` on a free port; yields the base URL and the server's record of every answer."""
    log: list[Served] = []
    server = make_server(site, quiet=True, on_response=log.append)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", log
    finally:
        server.shutdown()
        server.server_close()


def stock_config(docs: Path, site: Path, *, fonts: bool = True, more: str = "") -> str:
    """mkdocs.yml for plain mkdocs-material on the same Markdown, the baseline of ``make bench``.

    With ``fonts`` Material keeps its default Google font, as a stock site would request it (the page
    weight counts that as a request to another host); ``more`` is appended (navigation, extensions)."""
    font = "" if fonts else "  font: false\n"
    theme = f"theme:\n  name: material\n  language: de\n{font}"
    return f"site_name: Stock\ndocs_dir: {docs}\nsite_dir: {site}\n{theme}{more}"


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        what = f"{Path(command[0]).name} {command[1]}"
        sys.exit(f"{what} ist fehlgeschlagen:\n{(result.stderr or result.stdout)[-3000:]}")


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@dataclass
class Visit:
    seconds: float
    requests: int
    revalidated: int  # 304 answers
    raw: int  # file sizes of the 200 answers
    sent: int  # body bytes the server wrote (compressed where it compresses)
