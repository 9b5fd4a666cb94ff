"""A small static file server for the built site (also used by the browser tests)."""

from __future__ import annotations

import functools
import mimetypes
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".mjs")


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)

    def end_headers(self) -> None:
        # Revalidate on every visit so a rebuilt course is never hidden by a stale cache.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def make_server(site: Path, port: int = 0, host: str = "127.0.0.1", quiet: bool = False) -> ThreadingHTTPServer:
    """A bound server (port 0 picks a free one); call serve_forever() to run it."""
    server = ThreadingHTTPServer((host, port), functools.partial(_Handler, directory=str(site)))
    server.quiet = quiet  # type: ignore[attr-defined]
    return server
