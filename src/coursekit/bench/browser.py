"""Chromium for measurements and browser tests: the Debian browser, kept from phoning home, and a
stand-in proxy that records every request it tries to send to another host.

Chromium sends all non-loopback traffic to ``--proxy-server`` (service workers and web workers
included), so whatever arrives at the recorder is a request that left the site.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
from pathlib import Path

DEAD = "http://127.0.0.1:9"  # nothing listens on the discard port

# Keep chromium from phoning home on its own, so what the recorder sees comes from the site.
QUIET_CHROMIUM = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-component-extensions-with-background-pages",
    "--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter,NetworkTimeServiceQuerying",
    f"--gaia-url={DEAD}",
    f"--google-apis-url={DEAD}",
    f"--lso-url={DEAD}",
    "--component-updater=url-source=" + DEAD,
]
MISSING = "Debian-Paket chromium fehlt: apt-get install chromium (make setup erledigt das)."


def chromium_path() -> str:
    """The browser to drive (``CHROMIUM`` or Debian's chromium); RuntimeError with MISSING when there is none."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError(MISSING)
    return path


class RequestRecorder:
    def __init__(self) -> None:
        self.requests: list[str] = []
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self.port: int = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    first_line = conn.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
                except OSError:
                    first_line = "<unlesbar>"
                if first_line:
                    self.requests.append(first_line)
                with contextlib.suppress(OSError):
                    conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()
