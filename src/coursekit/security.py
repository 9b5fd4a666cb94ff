"""Content-Security-Policy and the other security headers, computed from the built site.

The course pages get a strict policy: scripts only from the site itself and the inline scripts
that mkdocs-material and the reveal.js speaker view emit, each allowed by its SHA-256 hash (the
build has checked before that content itself carries no script, see markup.py). JupyterLite under
/lite/ needs more (its settings validator compiles code with ``Function``, Pyodide compiles
WebAssembly, workers start from blob: URLs) and gets its own, separate policy.

The build writes the headers once, as data for ``make serve`` (serve.py) and as an nginx snippet,
so what the README tells administrators cannot drift from what the tests check.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

HEADERS_DIR = "_server"
HEADERS_JSON = f"{HEADERS_DIR}/headers.json"
NGINX_CONF = f"{HEADERS_DIR}/nginx-headers.conf"
NGINX_MAP = f"{HEADERS_DIR}/nginx-map.conf"
LITE_PREFIX = "/lite/"

INLINE_SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
INLINE_STYLE_RE = re.compile(r"<style[^>]*>(?P<body>.*?)</style>", re.DOTALL | re.IGNORECASE)
DATA_SCRIPT_RE = re.compile(r"""\btype=["']?application/(?:ld\+)?json""", re.IGNORECASE)

COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

# Executed under Node.js: runs reveal.js' notes plugin against a stand-in window and prints the
# HTML it writes into the speaker-view popup, whose inline scripts and styles need hashes.
SPEAKER_VIEW_JS = """
const fs = require('fs'), vm = require('vm');
let written = '';
const popup = { document: { write: (html) => { written += html; } }, closed: false, focus() {} };
const window = { open: () => popup, addEventListener() {},
                 location: { search: '', protocol: 'http:', host: 'localhost', pathname: '/' } };
const sandbox = { window, module: { exports: {} }, setInterval() {}, clearInterval() {}, alert() {}, console };
sandbox.exports = sandbox.module.exports;
vm.runInNewContext(fs.readFileSync(process.argv[1], 'utf8'), sandbox);
const plugin = sandbox.module.exports();
plugin.init({ getConfig: () => ({}), addKeyBinding() {}, on() {}, getState: () => ({}) });
plugin.open();
process.stdout.write(written);
"""


class SecurityError(Exception):
    pass


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@dataclass
class Inline:
    """Inline code of a set of pages that a policy must allow by hash."""

    scripts: set[str]
    styles: set[str]  # <style> elements

    @classmethod
    def of(cls, pages: Iterable[str]) -> Inline:
        found = cls(set(), set())
        for html in pages:
            found.add_html(html)
        return found

    def add_html(self, html: str) -> None:
        for match in INLINE_SCRIPT_RE.finditer(html):
            attrs = match.group("attrs")
            if "src=" not in attrs.lower() and not DATA_SCRIPT_RE.search(attrs):
                self.scripts.add(match.group("body"))
        self.styles.update(m.group("body") for m in INLINE_STYLE_RE.finditer(html))


def speaker_view_html(notes_js: Path) -> str:
    """The HTML that reveal.js' notes plugin writes into the speaker-view popup."""
    try:
        result = subprocess.run(
            ["node", "-e", SPEAKER_VIEW_JS, str(notes_js)], capture_output=True, text=True, check=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise SecurityError(f"Die Referentenansicht der Folien ließ sich nicht untersuchen: {exc}") from exc
    if "<script" not in result.stdout:
        raise SecurityError("Die Referentenansicht der Folien ist nicht auswertbar; wurde reveal.js geändert?")
    return result.stdout


def _hashes(values: Iterable[str]) -> list[str]:
    return sorted({sha256_source(v) for v in values})


def course_policy(inline: Inline, frame_ancestors: list[str]) -> str:
    style = ["'self'", *_hashes(inline.styles)]
    directives = {
        "default-src": ["'self'"],
        # 'wasm-unsafe-eval': the exercises' Python (Pyodide) compiles WebAssembly; it allows no eval of JavaScript.
        "script-src": ["'self'", "'wasm-unsafe-eval'", *_hashes(inline.scripts)],
        "style-src": style,
        "style-src-elem": style,
        # Style attributes cannot run script; the code editor (CodeMirror) sets some at run time, and
        # Markdown tables align their cells with them. Content itself cannot add any (markup.py).
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        # blob: only for the sitemap the page makes itself for instant navigation (plugin/instant.py).
        "connect-src": ["'self'", "blob:"],
        "worker-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": frame_ancestors,
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def lite_policy(inline: Inline, frame_ancestors: list[str]) -> str:
    """JupyterLite: 'unsafe-eval' for its settings validator (ajv compiles schemas with Function),
    'wasm-unsafe-eval' for Pyodide, blob: for its workers and kernel files, inline styles for JupyterLab."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'", "blob:", *_hashes(inline.scripts)],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", "data:", "blob:"],
        "worker-src": ["'self'", "blob:"],
        "frame-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": frame_ancestors,
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def site_headers(site: Path, notes_js: Path, frame_ancestors: list[str]) -> dict[str, dict[str, str]]:
    """Headers per URL prefix of ``site``: "/" for the course, "/lite/" for JupyterLite."""
    course_pages: list[str] = []
    lite_pages: list[str] = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        (lite_pages if ("/" + rel).startswith(LITE_PREFIX) else course_pages).append(path.read_text("utf-8"))
    course = Inline.of(course_pages)
    course.add_html(speaker_view_html(notes_js))
    headers = {"/": {"Content-Security-Policy": course_policy(course, frame_ancestors), **COMMON}}
    if lite_pages:
        lite = lite_policy(Inline.of(lite_pages), frame_ancestors)
        headers[LITE_PREFIX] = {"Content-Security-Policy": lite, **COMMON}
    return headers


def nginx_snippets(headers: dict[str, dict[str, str]]) -> tuple[str, str]:
    """(map for nginx's http block, add_header lines for the server block) carrying ``headers``.

    A map on the URI instead of location blocks: it neither clashes with the server's own locations
    nor depends on the path the course is published under.
    """
    head = "# Erzeugt vom Kurs-Build (coursekit/security.py); nicht von Hand ändern.\n"
    course = headers["/"]
    lite = headers.get(LITE_PREFIX, course)
    map_lines = [head + "# In den http-Block: include /pfad/zu/site/_server/nginx-map.conf;", "map $uri $kurs_csp {"]
    map_lines.append(f'    ~{LITE_PREFIX} "{lite["Content-Security-Policy"]}";')
    map_lines.append(f'    default "{course["Content-Security-Policy"]}";')
    map_lines.append("}")
    server_lines = [head + "# In den server-Block: include /pfad/zu/site/_server/nginx-headers.conf;"]
    server_lines.append("add_header Content-Security-Policy $kurs_csp always;")
    server_lines.extend(f'add_header {name} "{value}" always;' for name, value in COMMON.items())
    return "\n".join(map_lines) + "\n", "\n".join(server_lines) + "\n"


def write_headers(site: Path, notes_js: Path, frame_ancestors: list[str]) -> dict[str, dict[str, str]]:
    headers = site_headers(site, notes_js, frame_ancestors)
    folder = site / HEADERS_DIR
    folder.mkdir(exist_ok=True)
    (site / HEADERS_JSON).write_text(json.dumps(headers, indent=2, ensure_ascii=False) + "\n", "utf-8")
    nginx_map, nginx_headers = nginx_snippets(headers)
    (site / NGINX_MAP).write_text(nginx_map, "utf-8")
    (site / NGINX_CONF).write_text(nginx_headers, "utf-8")
    return headers


def load_headers(site: Path) -> dict[str, dict[str, str]]:
    path = site / HEADERS_JSON
    if not path.is_file():
        return {}
    data: dict[str, dict[str, str]] = json.loads(path.read_text("utf-8"))
    return data


def headers_for(headers: dict[str, dict[str, str]], url_path: str) -> dict[str, str]:
    """The headers of the longest prefix that matches ``url_path``."""
    matching = [prefix for prefix in headers if url_path.startswith(prefix)]
    return headers[max(matching, key=len)] if matching else {}
