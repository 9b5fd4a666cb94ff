"""The security headers the build writes and the server sends."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

from coursekit.security import (
    Inline,
    headers_for,
    nginx_snippets,
    sha256_source,
    speaker_view_html,
    write_headers,
)
from coursekit.serve import make_server
from support.course import ROOT

NOTES_JS = ROOT / "node_modules" / "reveal.js" / "dist" / "plugin" / "notes.js"
PAGE = (
    "<html><head><script>var a = 1;</script><script src='x.js'></script>"
    '<script type="application/json">{"b": 2}</script><style>p{color:red}</style></head>'
    '<body><td style="text-align: right;">1</td></body></html>'
)


def test_inline_code_is_collected_but_not_files_or_data() -> None:
    found = Inline.of([PAGE])
    assert found.scripts == {"var a = 1;"}
    assert found.styles == {"p{color:red}"}


def test_hash_matches_the_csp_spelling() -> None:
    # The value Chromium prints for an empty inline script.
    assert sha256_source("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


def test_speaker_view_of_reveal_is_read_with_its_inline_scripts() -> None:
    html = speaker_view_html(NOTES_JS)
    assert "<script>" in html and "reveal-notes" in html


def site_with_lite(tmp_path: Path) -> Path:
    (tmp_path / "lite").mkdir()
    (tmp_path / "index.html").write_text(PAGE, "utf-8")
    (tmp_path / "lite" / "index.html").write_text("<script>lite()</script>", "utf-8")
    return tmp_path


def test_course_and_lite_get_separate_policies(tmp_path: Path) -> None:
    headers = write_headers(site_with_lite(tmp_path), NOTES_JS, ["'self'", "https://lms.example.org"])
    course, lite = headers["/"]["Content-Security-Policy"], headers["/lite/"]["Content-Security-Policy"]
    assert sha256_source("var a = 1;") in course and sha256_source("lite()") not in course
    assert sha256_source("lite()") in lite and "'unsafe-eval'" in lite and "'unsafe-eval'" not in course
    assert "frame-ancestors 'self' https://lms.example.org" in course
    assert headers_for(headers, "/lite/notebooks/index.html") is headers["/lite/"]
    assert headers_for(headers, "/module/a/") is headers["/"]


def test_nginx_snippets_carry_the_same_policies(tmp_path: Path) -> None:
    headers = write_headers(site_with_lite(tmp_path), NOTES_JS, ["'self'"])
    nginx_map, server = nginx_snippets(headers)
    assert f'~/lite/ "{headers["/lite/"]["Content-Security-Policy"]}";' in nginx_map
    assert f'default "{headers["/"]["Content-Security-Policy"]}";' in nginx_map
    assert "add_header Content-Security-Policy $kurs_csp always;" in server
    assert (tmp_path / "_server" / "nginx-map.conf").read_text("utf-8") == nginx_map


def test_server_sends_the_written_headers(tmp_path: Path) -> None:
    headers = write_headers(site_with_lite(tmp_path), NOTES_JS, ["'self'"])
    server = make_server(tmp_path, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        with urllib.request.urlopen(f"{base}/lite/index.html") as response:
            assert response.headers["Content-Security-Policy"] == headers["/lite/"]["Content-Security-Policy"]
            assert response.headers["X-Content-Type-Options"] == "nosniff"
        with urllib.request.urlopen(f"{base}/index.html") as response:
            assert response.headers["Content-Security-Policy"] == headers["/"]["Content-Security-Policy"]
    finally:
        server.shutdown()
        server.server_close()
