"""A static file server for the built site (make serve, the browser tests, make bench).

Standard library only, but it behaves like a production server would for this site: gzip for
text-like files (compressed once per file version and kept in memory), keep-alive connections,
and validators (an ETag from the content, Last-Modified) so a revisit costs 304s instead of
downloads. Every response says ``Cache-Control: no-cache``: the browser must revalidate each
time, so a rebuilt course is never hidden by a stale cache.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import gzip
import hashlib
import io
import mimetypes
import os
import stat
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from email.message import Message
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from .security import headers_for, load_headers

mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".mjs")

# Text-like formats that shrink well; archives, images, fonts and wheels are compressed already.
COMPRESSIBLE = frozenset(
    {
        ".html",
        ".htm",
        ".css",
        ".js",
        ".mjs",
        ".json",
        ".map",
        ".webmanifest",
        ".svg",
        ".wasm",
        ".txt",
        ".md",
        ".csv",
        ".ipynb",
        ".py",
        ".xml",
        ".bin",  # the Python memory snapshot of the exercises: 31 MB raw, about 5 MB gzipped
    }
)
# Below this a gzip header and trailer eat most of the gain.
MIN_COMPRESS_BYTES = 256
GZIP_LEVEL = 6


def compressible(path: str | Path) -> bool:
    return os.path.splitext(path)[1].lower() in COMPRESSIBLE


def _wants_compression(path: str, size: int) -> bool:
    return size >= MIN_COMPRESS_BYTES and compressible(path)


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (q=0 refuses; ``*`` counts unless gzip is listed)."""
    if not accept_encoding:
        return False
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        coding, _, params = item.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[coding.strip().lower()] = weight
    for name in ("gzip", "x-gzip"):
        if name in weights:
            return weights[name] > 0
    return weights.get("*", 0.0) > 0


@dataclass
class _Entry:
    fingerprint: tuple[int, ...]
    digest: str
    packed: bytes | None = None


class FileCache:
    """Per file version: a digest of its content (the ETag) and, for text, its gzip body.

    A version is told apart by inode, ctime, mtime and size together. Modification time and size
    alone are not enough: the JupyterLite build copies hundreds of files from npm packages with
    npm's fixed mtime (1985-10-26), so a rebuild can bring a changed file with the old mtime and
    size. ctime cannot be set back and a rebuild writes new files, so a new version always misses;
    its content digest then decides whether a browser's copy is still good (304 across rebuilds).
    A newer version replaces a file's entry, so memory stays bounded by the site's size; a lock
    per file makes concurrent first requests for the same big file read and compress it once.
    """

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self.compressions = 0

    def lookup(self, path: str, file: BinaryIO, compress: bool) -> tuple[str, bytes | None]:
        """(content digest, gzip body or None) of the open ``file``; leaves it positioned at its start."""
        info = os.fstat(file.fileno())
        fingerprint = (info.st_dev, info.st_ino, info.st_ctime_ns, info.st_mtime_ns, info.st_size)
        key = os.path.abspath(path)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            entry = self._entries.get(key)
            if entry is None or entry.fingerprint != fingerprint or (compress and entry.packed is None):
                entry = self._read(file, fingerprint, compress)
                self._entries[key] = entry
            return entry.digest, entry.packed if compress else None

    def _read(self, file: BinaryIO, fingerprint: tuple[int, ...], compress: bool) -> _Entry:
        file.seek(0)
        if compress:
            content = file.read()
            entry = _Entry(fingerprint, _digest(content), gzip.compress(content, GZIP_LEVEL, mtime=0))
            with self._guard:
                self.compressions += 1
        else:  # wheels and archives: hashed in chunks, never held in memory
            digest = hashlib.blake2b(digest_size=12)
            while chunk := file.read(1 << 20):
                digest.update(chunk)
            entry = _Entry(fingerprint, digest.hexdigest())
        file.seek(0)
        return entry


def _digest(content: bytes) -> str:
    return hashlib.blake2b(content, digest_size=12).hexdigest()


CACHE = FileCache()


def encoded_size(path: Path) -> int:
    """Bytes the server sends for ``path`` to a client that accepts gzip (filling the cache)."""
    with path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        if not _wants_compression(str(path), size):
            return size
        packed = CACHE.lookup(str(path), file, compress=True)[1]
        return size if packed is None else len(packed)


def precompress(folder: Path) -> int:
    """Compress every compressible file below ``folder`` ahead of the first request; returns their number."""
    count = 0
    for path in sorted(folder.rglob("*")):
        with contextlib.suppress(OSError):  # a rebuild may swap the folder away meanwhile
            if path.is_file() and _wants_compression(str(path), path.stat().st_size):
                encoded_size(path)
                count += 1
    return count


@dataclass(frozen=True)
class Served:
    """One answered request: ``file_bytes`` is the file's size for a 200, ``body_bytes`` what went on the wire."""

    path: str
    status: int
    file_bytes: int
    body_bytes: int
    encoding: str


class _CountingWriter(io.BufferedIOBase):
    """Passes writes to the socket and counts the bytes (headers and body alike)."""

    def __init__(self, inner: io.BufferedIOBase) -> None:
        super().__init__()
        self._inner = inner
        self.written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._inner.write(data)
        self.written += memoryview(data).nbytes
        return memoryview(data).nbytes

    def flush(self) -> None:
        self._inner.flush()

    def close(self) -> None:
        if not self.closed:
            super().close()  # flushes first, so the socket writer closes last
            self._inner.close()


class SiteServer(ThreadingHTTPServer):
    quiet: bool = False
    on_response: Callable[[Served], None] | None = None
    security_headers: dict[str, dict[str, str]] = {}  # noqa: RUF012 - set per instance in make_server

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that drops a connection mid-download (page closed, request aborted) is no server fault.
        if isinstance(sys.exception(), ConnectionError):
            return
        super().handle_error(request, client_address)


class _Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: browsers reuse connections, as with any real server
    timeout = 75  # seconds an idle keep-alive connection is held open (nginx's default)
    server: SiteServer

    def setup(self) -> None:
        super().setup()
        self._writer = _CountingWriter(self.wfile)
        self.wfile = self._writer

    def handle_one_request(self) -> None:
        self._status: int | None = None
        self._file_bytes = 0
        self._encoding = "identity"
        self._header_end = self._writer.written
        try:
            super().handle_one_request()
        finally:
            if self._status is not None and self.server.on_response is not None:
                self.server.on_response(
                    Served(
                        path=getattr(self, "path", ""),
                        status=self._status,
                        file_bytes=self._file_bytes,
                        body_bytes=self._writer.written - self._header_end,
                        encoding=self._encoding,
                    )
                )

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = int(code)
        super().send_response(code, message)

    def end_headers(self) -> None:
        # Revalidate on every visit so a rebuilt course is never hidden by a stale cache.
        self.send_header("Cache-Control", "no-cache")
        # The build's Content-Security-Policy and friends (security.py), as a production server sends them.
        for name, value in headers_for(self.server.security_headers, urlsplit(self.path).path).items():
            self.send_header(name, value)
        super().end_headers()
        self._header_end = self._writer.written

    def log_message(self, format: str, *args: Any) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)

    def log_error(self, format: str, *args: Any) -> None:
        if format.startswith("Request timed out"):  # an idle keep-alive connection ran out; routine
            return
        super().log_error(format, *args)

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if not urlsplit(self.path).path.endswith("/") or not os.path.isfile(index):
                return super().send_head()  # redirect to the URL with a slash, or list the folder
            path = index
        if path.endswith("/"):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        try:
            file = open(path, "rb")  # noqa: SIM115 - handed to the caller, who closes it
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        try:
            # Validators and body come from the same open file, so they agree even during a rebuild.
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                file.close()
                self.send_error(HTTPStatus.NOT_FOUND, "File not found")
                return None
            varies = _wants_compression(path, info.st_size)
            encode = varies and accepts_gzip(self.headers.get("Accept-Encoding"))
            digest, packed = CACHE.lookup(path, file, compress=encode)
            # A gzip body is a different representation and needs its own strong ETag.
            etag = f'"{digest}{"-gz" if encode else ""}"'
            last_modified = _last_modified(info)
            if _not_modified(self.headers, etag, last_modified):
                file.close()
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self._validators(etag, last_modified, varies)
                self.end_headers()
                return None
            body: io.BytesIO | BinaryIO = file
            length = info.st_size
            if packed is not None:
                file.close()
                body, length = io.BytesIO(packed), len(packed)
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Length", str(length))
            if packed is not None:
                self.send_header("Content-Encoding", "gzip")
                self._encoding = "gzip"
            self._validators(etag, last_modified, varies)
            self.end_headers()
            self._file_bytes = info.st_size
            return body
        except BaseException:
            file.close()
            raise

    def _validators(self, etag: str, last_modified: str | None, varies: bool) -> None:
        self.send_header("ETag", etag)
        if last_modified is not None:
            self.send_header("Last-Modified", last_modified)
        if varies:
            self.send_header("Vary", "Accept-Encoding")


def _last_modified(info: os.stat_result) -> str | None:
    """When this version was put in place (ctime: the JupyterLite files keep npm's old mtime).

    Left out within the version's first second: another version in that same second would carry
    the same date, and a client asking with it alone could be told "not modified" wrongly.
    """
    seconds = int(max(info.st_mtime, info.st_ctime))
    return email.utils.formatdate(seconds, usegmt=True) if seconds < int(time.time()) else None


def _not_modified(headers: Message, etag: str, last_modified: str | None) -> bool:
    """RFC 9110 conditional GET: If-None-Match wins; If-Modified-Since counts only without it."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = [tag.strip() for tag in if_none_match.split(",")]
        return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)
    if_modified_since = headers.get("If-Modified-Since")
    if not if_modified_since or last_modified is None:
        return False
    try:
        since = email.utils.parsedate_to_datetime(if_modified_since)
        ours = email.utils.parsedate_to_datetime(last_modified)
    except (TypeError, ValueError, IndexError, OverflowError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    # An exact match, not "not older than" (nginx's default): only the date this server sent for
    # this very version counts, never a date from another build.
    return since == ours


def make_server(
    site: Path,
    port: int = 0,
    host: str = "127.0.0.1",
    quiet: bool = False,
    on_response: Callable[[Served], None] | None = None,
) -> SiteServer:
    """A bound server (port 0 picks a free one); call serve_forever() to run it.

    ``on_response`` is called once per answered request (from the handler's thread).
    """
    server = SiteServer((host, port), functools.partial(_Handler, directory=str(site)))
    server.quiet = quiet
    server.on_response = on_response
    server.security_headers = load_headers(site)
    return server
