"""The site server: gzip, validators and 304s, HEAD, and that a rebuild is never hidden by a cache."""

from __future__ import annotations

import email.utils
import gzip
import http.client
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from coursekit import serve
from coursekit.serve import Served, accepts_gzip, make_server

SCRIPT = b"export function greet(name) { return `Hallo ${name}`; }\n" * 200
PAGE = b"<!doctype html><title>Start</title>" + b"<p>Willkommen im Kurs.</p>\n" * 100
ARCHIVE = b"PK\x03\x04" + bytes(range(256)) * 40


@dataclass
class Site:
    root: Path
    port: int
    served: list[Served]

    def request(self, method: str, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, headers=headers)
            response = conn.getresponse()
            return response, response.read()
        finally:
            conn.close()

    def records(self, count: int) -> list[Served]:
        """The server's records once ``count`` are in (it records after the client has its answer)."""
        deadline = time.monotonic() + 5
        while len(self.served) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return list(self.served)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    (tmp_path / "index.html").write_bytes(PAGE)
    (tmp_path / "app.mjs").write_bytes(SCRIPT)
    (tmp_path / "kurs.zip").write_bytes(ARCHIVE)
    (tmp_path / "tiny.txt").write_bytes(b"ok\n")
    (tmp_path / "modul").mkdir()
    (tmp_path / "modul" / "index.html").write_bytes(PAGE)
    served: list[Served] = []
    server = make_server(tmp_path, port=0, quiet=True, on_response=served.append)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Site(tmp_path, server.server_port, served)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_gzip_body_decompresses_to_the_file(site: Site) -> None:
    response, body = site.request("GET", "/app.mjs", **{"Accept-Encoding": "gzip, deflate, br"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Vary") == "Accept-Encoding"
    assert response.getheader("Content-Type") == "text/javascript"
    assert response.getheader("Cache-Control") == "no-cache"
    assert int(response.getheader("Content-Length", "-1")) == len(body)
    assert len(body) < len(SCRIPT) // 10
    assert gzip.decompress(body) == SCRIPT


def test_without_accept_encoding_the_file_is_sent_as_it_is(site: Site) -> None:
    response, body = site.request("GET", "/app.mjs")  # http.client asks for "identity"
    assert response.status == 200
    assert response.getheader("Content-Encoding") is None
    assert response.getheader("Vary") == "Accept-Encoding"  # a cache must not hand this to a gzip client
    assert body == SCRIPT
    assert int(response.getheader("Content-Length", "-1")) == len(SCRIPT)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip", True),
        ("deflate, gzip;q=0.5", True),
        ("GZIP", True),
        ("*", True),
        ("gzip;q=0", False),
        ("gzip;q=0.0, *", False),
        ("br, deflate", False),
        ("identity", False),
        ("", False),
        (None, False),
    ],
)
def test_accept_encoding_is_read_with_its_weights(header: str | None, expected: bool) -> None:
    assert accepts_gzip(header) is expected


def test_a_refused_gzip_gets_the_plain_file(site: Site) -> None:
    response, body = site.request("GET", "/app.mjs", **{"Accept-Encoding": "gzip;q=0, br"})
    assert response.getheader("Content-Encoding") is None
    assert body == SCRIPT


def test_zip_and_tiny_files_are_not_compressed(site: Site) -> None:
    response, body = site.request("GET", "/kurs.zip", **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") is None
    assert response.getheader("Vary") is None
    assert body == ARCHIVE
    response, body = site.request("GET", "/tiny.txt", **{"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") is None
    assert body == b"ok\n"


def test_matching_etag_gets_304_without_body(site: Site) -> None:
    first, _ = site.request("GET", "/app.mjs", **{"Accept-Encoding": "gzip"})
    etag = first.getheader("ETag")
    assert etag is not None and etag.startswith('"') and etag.endswith('"')
    again, body = site.request("GET", "/app.mjs", **{"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status == 304
    assert body == b""
    assert again.getheader("ETag") == etag
    assert again.getheader("Cache-Control") == "no-cache"
    assert again.getheader("Vary") == "Accept-Encoding"
    # Weak comparison, as RFC 9110 asks for If-None-Match; a list of tags works too.
    weak, _ = site.request("GET", "/app.mjs", **{"Accept-Encoding": "gzip", "If-None-Match": f'"x", W/{etag}'})
    assert weak.status == 304


def test_plain_and_gzip_bodies_have_different_etags(site: Site) -> None:
    plain, _ = site.request("GET", "/app.mjs")
    packed, _ = site.request("GET", "/app.mjs", **{"Accept-Encoding": "gzip"})
    assert plain.getheader("ETag") != packed.getheader("ETag")
    # The plain body's tag does not validate a gzip answer (and the other way round).
    response, body = site.request(
        "GET", "/app.mjs", **{"Accept-Encoding": "gzip", "If-None-Match": plain.getheader("ETag", "")}
    )
    assert response.status == 200
    assert gzip.decompress(body) == SCRIPT


def test_a_rebuilt_file_is_sent_again_and_not_from_the_gzip_cache(site: Site) -> None:
    file = site.root / "app.mjs"
    first, body = site.request("GET", "/app.mjs", **{"Accept-Encoding": "gzip"})
    assert gzip.decompress(body) == SCRIPT
    etag, last_modified = first.getheader("ETag", ""), first.getheader("Last-Modified", "")
    new = SCRIPT.replace(b"Hallo", b"Moin!")  # same size: only the modification time tells them apart
    file.write_bytes(new)
    stamp = file.stat().st_mtime_ns + 2_000_000_000
    os.utime(file, ns=(stamp, stamp))
    response, body = site.request(
        "GET", "/app.mjs", **{"Accept-Encoding": "gzip", "If-None-Match": etag, "If-Modified-Since": last_modified}
    )
    assert response.status == 200
    assert gzip.decompress(body) == new
    assert response.getheader("ETag") != etag


def test_a_rebuilt_file_with_a_fixed_mtime_is_still_sent_again(site: Site) -> None:
    """Files from npm packages keep npm's fixed mtime (1985-10-26) through the JupyterLite build,
    so modification time and size alone cannot tell two versions of such a file apart."""
    file = site.root / "app.mjs"
    npm_epoch = 499_162_500 * 10**9
    os.utime(file, ns=(npm_epoch, npm_epoch))
    first, body = site.request("GET", "/app.mjs", **{"Accept-Encoding": "gzip"})
    assert gzip.decompress(body) == SCRIPT
    plain, _ = site.request("GET", "/app.mjs")
    new = SCRIPT.replace(b"Hallo", b"Moin!")
    replacement = site.root / "app.mjs.neu"  # the build writes a new file and moves it in place
    replacement.write_bytes(new)
    os.utime(replacement, ns=(npm_epoch, npm_epoch))
    replacement.replace(file)
    for headers in ({"Accept-Encoding": "gzip", "If-None-Match": first.getheader("ETag", "")}, {}):
        response, body = site.request("GET", "/app.mjs", **headers)
        assert response.status == 200
        assert (gzip.decompress(body) if headers else body) == new
    response, body = site.request("GET", "/app.mjs", **{"If-None-Match": plain.getheader("ETag", "")})
    assert response.status == 200
    assert body == new


def test_an_unchanged_file_stays_valid_across_a_rebuild(site: Site) -> None:
    first, _ = site.request("GET", "/app.mjs", **{"Accept-Encoding": "gzip"})
    replacement = site.root / "app.mjs.neu"
    replacement.write_bytes(SCRIPT)  # same content, new file and modification time
    replacement.replace(site.root / "app.mjs")
    response, body = site.request(
        "GET", "/app.mjs", **{"Accept-Encoding": "gzip", "If-None-Match": first.getheader("ETag", "")}
    )
    assert response.status == 304
    assert body == b""


def test_if_modified_since_matches_exactly(site: Site) -> None:
    time.sleep(1.1)  # no Last-Modified within a file version's first second
    first, _ = site.request("GET", "/index.html")
    last_modified = first.getheader("Last-Modified")
    assert last_modified is not None
    response, body = site.request("GET", "/index.html", **{"If-Modified-Since": last_modified})
    assert response.status == 304
    assert body == b""
    later = email.utils.formatdate(email.utils.parsedate_to_datetime(last_modified).timestamp() + 3600, usegmt=True)
    response, _ = site.request("GET", "/index.html", **{"If-Modified-Since": later})
    assert response.status == 200  # not "not older than": only this version's own date counts
    # A rebuild puts a new version in place, even one with an older modification time.
    file = site.root / "index.html"
    file.write_bytes(PAGE.replace(b"Start", b"Alt!!"))
    stamp = file.stat().st_mtime_ns - 3_600_000_000_000
    os.utime(file, ns=(stamp, stamp))
    response, body = site.request("GET", "/index.html", **{"If-Modified-Since": last_modified})
    assert response.status == 200
    assert b"Alt!!" in body
    assert response.getheader("Last-Modified") != last_modified


def test_head_sends_the_get_headers_without_a_body(site: Site) -> None:
    get, get_body = site.request("GET", "/index.html", **{"Accept-Encoding": "gzip"})
    head, head_body = site.request("HEAD", "/index.html", **{"Accept-Encoding": "gzip"})
    assert head.status == 200
    assert head_body == b""
    for name in ("Content-Length", "Content-Encoding", "Content-Type", "ETag", "Last-Modified", "Vary"):
        assert head.getheader(name) == get.getheader(name), name
    assert int(head.getheader("Content-Length", "-1")) == len(get_body)
    assert [(s.status, s.file_bytes, s.body_bytes) for s in site.records(2)][-1] == (200, len(PAGE), 0)


def test_missing_files_are_404_and_folders_get_their_index(site: Site) -> None:
    response, _ = site.request("GET", "/gibt-es-nicht.html", **{"Accept-Encoding": "gzip"})
    assert response.status == 404
    response, _ = site.request("GET", "/app.mjs/", **{"Accept-Encoding": "gzip"})
    assert response.status == 404
    response, _ = site.request("GET", "/modul")
    assert response.status == 301
    assert response.getheader("Location") == "/modul/"
    response, body = site.request("GET", "/modul/", **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html"
    assert gzip.decompress(body) == PAGE


def test_one_connection_serves_several_requests(site: Site) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
    try:
        conn.request("GET", "/app.mjs", headers={"Accept-Encoding": "gzip"})
        first = conn.getresponse()
        etag = first.getheader("ETag", "")
        assert gzip.decompress(first.read()) == SCRIPT
        conn.request("GET", "/app.mjs", headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
        not_modified = conn.getresponse()
        assert not_modified.status == 304
        assert not_modified.read() == b""
        conn.request("GET", "/gibt-es-nicht")
        missing = conn.getresponse()
        missing.read()
        assert missing.status == 404
        conn.request("GET", "/kurs.zip")
        assert conn.getresponse().read() == ARCHIVE
    finally:
        conn.close()


def test_a_file_is_compressed_once_even_for_concurrent_requests(site: Site) -> None:
    big = os.urandom(300_000).hex().encode()  # 600 KB of text that compresses only in part
    (site.root / "gross.json").write_bytes(big)
    before = serve.CACHE.compressions
    bodies: list[bytes] = []

    def fetch() -> None:
        bodies.append(site.request("GET", "/gross.json", **{"Accept-Encoding": "gzip"})[1])

    threads = [threading.Thread(target=fetch) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    fetch()
    assert len(bodies) == 5
    assert all(gzip.decompress(body) == big for body in bodies)
    assert serve.CACHE.compressions - before == 1


def test_on_response_counts_the_bytes_as_sent(site: Site) -> None:
    _, packed = site.request("GET", "/app.mjs", **{"Accept-Encoding": "gzip"})
    _, plain = site.request("GET", "/kurs.zip", **{"Accept-Encoding": "gzip"})
    response, _ = site.request("GET", "/gibt-es-nicht")
    by_path = {s.path: s for s in site.records(3)}  # each answer comes from its own thread, in any order
    assert {p: (s.status, s.encoding) for p, s in by_path.items()} == {
        "/app.mjs": (200, "gzip"),
        "/kurs.zip": (200, "identity"),
        "/gibt-es-nicht": (404, "identity"),
    }
    gz, zipped, missing = by_path["/app.mjs"], by_path["/kurs.zip"], by_path["/gibt-es-nicht"]
    assert (gz.file_bytes, gz.body_bytes) == (len(SCRIPT), len(packed))
    assert (zipped.file_bytes, zipped.body_bytes) == (len(ARCHIVE), len(plain))
    assert missing.file_bytes == 0
    assert missing.body_bytes == int(response.getheader("Content-Length", "-1")) > 0
