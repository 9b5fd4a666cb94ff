"""Checks on the built site: nothing loaded from other hosts, no broken internal links.

HTML and CSS are parsed fully. JavaScript cannot be analysed statically in general, so the
scan looks for URLs of other hosts inside loading calls (import, fetch, importScripts, ...)
and for known CDN, font and analytics hosts; the browser tests prove the rest by recording
every request chromium makes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

# (tag, attribute) pairs whose URL the browser loads by itself.
RESOURCE_ATTRS = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("image", "href"),
    ("use", "href"),
}
LOADING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "preconnect",
    "dns-prefetch",
    "mask-icon",
}
CSS_URL_RE = re.compile(r"""url\(\s*['"]?([^'")\s]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
# Quoted absolute URLs in JavaScript, and the calls before them that would load them.
JS_URL_RE = re.compile(r"""['"`]((?:https?:)?//[^'"`\s]+)""")
JS_LOADER_RE = re.compile(r"""(?:import\s*\(|importScripts\s*\(|fetch\s*\(|Worker\s*\(|\.src\s*=|from)\s*$""")
KNOWN_THIRD_PARTY = re.compile(
    r"(?:https?:)?//(?:[a-z0-9-]+\.)*(?:googleapis\.com|gstatic\.com|jsdelivr\.net|unpkg\.com|cdnjs\."
    r"cloudflare\.com|google-analytics\.com|googletagmanager\.com|plausible\.io|matomo\.cloud)"
)


# Fallback loads from CDNs inside vendored bundles (never used by this site, which ships everything
# itself) become an empty data: script, so even a broken configuration cannot reach another host.
CDN_URL_RE = re.compile(r"https://(?:unpkg\.com|cdn\.jsdelivr\.net)/[^\"'`\s)]+")


def neutralise_cdn(files: Iterable[Path]) -> int:
    count = 0
    for path in files:
        text, n = CDN_URL_RE.subn("data:text/javascript,", path.read_text(encoding="utf-8"))
        if n:
            path.write_text(text, encoding="utf-8")
            count += n
    return count


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def is_external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data", "blob", "about", "mailto", "tel", "javascript")


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.resources: list[tuple[int, str]] = []
        self.links: list[tuple[int, str]] = []
        self.ids: set[str] = set()
        self.duplicate_ids: list[tuple[int, str]] = []
        self.styles: list[tuple[int, str]] = []
        self.notes: list[int] = []  # lines of facilitator-note boxes
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            if values["id"] in self.ids:
                self.duplicate_ids.append((line, values["id"]))
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        for name, value in values.items():
            if (tag, name) in RESOURCE_ATTRS:
                urls = [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
                self.resources.extend((line, url) for url in urls)
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            (self.resources if rels & LOADING_RELS else self.links).append((line, values.get("href", "")))
        if tag == "a" and "href" in values:
            self.links.append((line, values["href"]))
        if "style" in values:
            self.styles.append((line, values["style"]))
        if "moderation" in values.get("class", "").casefold().split():
            self.notes.append(line)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append((self.getpos()[0], data))


FACILITATOR_DIR = "moderation/"


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def scan_css(text: str, rel: str) -> list[Finding]:
    findings = []
    for match in CSS_URL_RE.finditer(text):
        url = match.group(1) or match.group(2)
        if is_external(url):
            findings.append(Finding(rel, _line_at(text, match.start()), f"CSS lädt von fremdem Host: {url}"))
    return findings


def scan_js(text: str, rel: str) -> list[Finding]:
    findings = []
    for match in JS_URL_RE.finditer(text):
        url = match.group(1)
        if JS_LOADER_RE.search(text, max(0, match.start() - 40), match.start()):
            findings.append(Finding(rel, _line_at(text, match.start()), f"JavaScript lädt von fremdem Host: {url}"))
        elif KNOWN_THIRD_PARTY.match(url):
            findings.append(
                Finding(rel, _line_at(text, match.start()), f"JavaScript nennt einen CDN-/Tracking-Host: {url}")
            )
    return findings


def _target_file(root: str, page: str, url: str, folders: set[str], mount: str = "/") -> tuple[str, str] | None:
    """The file (absolute, normalised path) that a link on ``page`` opens, and its fragment.

    ``mount``: the path of ``site_url`` (e.g. /kurs/), under which a root-relative link finds the site.
    Plain string arithmetic on paths below ``root``: the scan checks some 15,000 links in a course of
    50 modules, and resolving each one on the file system took over a second."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not (parts.path or parts.fragment):
        return None
    path = parts.path
    if path.startswith(mount) and mount != "/":  # mkdocs writes the 404 page's links so when site_url is set
        path = "/" + path[len(mount) :]
    base = root if path.startswith("/") else os.path.dirname(page)
    target = os.path.normpath(os.path.join(base, unquote(path.lstrip("/")))) if path else page
    if target in folders or parts.path.endswith("/"):
        target = os.path.join(target, "index.html")
    return target, parts.fragment


@dataclass
class _PageFacts:
    """What the scan needs from one HTML page (a _PageParser's results, storable as JSON)."""

    resources: list[tuple[int, str]]
    links: list[tuple[int, str]]
    ids: set[str]
    duplicate_ids: list[tuple[int, str]]
    styles: list[tuple[int, str]]
    notes: list[int]

    @classmethod
    def parse(cls, text: str) -> _PageFacts:
        parser = _PageParser()
        parser.feed(text)
        parser.close()
        return cls(parser.resources, parser.links, parser.ids, parser.duplicate_ids, parser.styles, parser.notes)

    def to_json(self) -> list[Any]:
        return [self.resources, self.links, sorted(self.ids), self.duplicate_ids, self.styles, self.notes]

    @classmethod
    def from_json(cls, data: list[Any]) -> _PageFacts:
        def pairs(items: list[Any]) -> list[tuple[int, str]]:
            return [(int(line), str(text)) for line, text in items]

        return cls(pairs(data[0]), pairs(data[1]), set(data[2]), pairs(data[3]), pairs(data[4]), list(data[5]))


class _ScanCache:
    """Scan results by file content, kept between builds in one JSON file.

    Keyed by the SHA-256 of each file and salted with this module's own source, so a changed page or
    a changed scanner is scanned anew; an unchanged build skips parsing its pages (most of the scan)."""

    def __init__(self, folder: Path | None) -> None:
        salt = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
        self.file = folder / f"scan-{salt}.json" if folder else None
        self.old: dict[str, Any] = {}
        if self.file and self.file.is_file():
            try:
                self.old = json.loads(self.file.read_text("utf-8"))
            except (OSError, ValueError):
                self.old = {}  # a damaged cache only costs time
        self.new: dict[str, Any] = {}

    def page(self, data: bytes) -> _PageFacts:
        key = hashlib.sha256(data).hexdigest()
        if key in self.old:
            self.new[key] = self.old[key]
            return _PageFacts.from_json(self.old[key])
        facts = _PageFacts.parse(data.decode("utf-8"))
        self.new[key] = facts.to_json()
        return facts

    def findings(self, data: bytes, rel: str, scan: Callable[[str, str], list[Finding]]) -> list[Finding]:
        key = hashlib.sha256(data).hexdigest()
        if key not in self.old:
            self.old[key] = [(f.line, f.message) for f in scan(data.decode("utf-8", errors="replace"), rel)]
        self.new[key] = self.old[key]
        return [Finding(rel, int(line), str(message)) for line, message in self.old[key]]

    def save(self) -> None:
        if self.file is None:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        for stale in self.file.parent.glob("scan-*.json"):
            if stale != self.file:
                stale.unlink(missing_ok=True)
        partial = self.file.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(self.new), "utf-8")
        partial.replace(self.file)


def check_site(site: Path, cache_dir: Path | None = None, mount: str = "/") -> list[Finding]:
    """Every external resource load and every broken internal link or anchor in ``site``.

    ``mount``: the path of the course's ``site_url`` (root-relative links start with it). With
    ``cache_dir``, pages and scripts whose content was scanned in an earlier build are not parsed
    again (the links between pages are still checked against this build's files)."""
    mount = mount if mount.endswith("/") else mount + "/"
    cache = _ScanCache(cache_dir)
    findings: list[Finding] = []
    root = str(site.resolve())
    parsed: dict[str, _PageFacts] = {}
    files: set[str] = set()
    folders: set[str] = {root}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        where = os.path.join(root, rel)
        if path.is_dir():
            folders.add(where)
            continue
        files.add(where)
        if path.suffix == ".html":
            parser = cache.page(path.read_bytes())
            parsed[where] = parser
            for line, url in parser.resources:
                if is_external(url):
                    findings.append(Finding(rel, line, f"Seite lädt von fremdem Host: {url}"))
            findings.extend(
                Finding(rel, line, f"Die id „{dup}“ kommt mehrfach vor.") for line, dup in parser.duplicate_ids
            )
            if not rel.startswith(FACILITATOR_DIR):
                findings.extend(
                    Finding(rel, line, "Eine Moderationsnotiz steht auf einer Seite für Lernende.")
                    for line in parser.notes
                )
            for line, style in parser.styles:
                findings.extend(Finding(rel, line, f.message) for f in scan_css(style, rel))
        elif path.suffix == ".css":
            findings.extend(cache.findings(path.read_bytes(), rel, scan_css))
        elif path.suffix in (".js", ".mjs"):
            findings.extend(cache.findings(path.read_bytes(), rel, scan_js))
    for page, parser in parsed.items():
        rel = os.path.relpath(page, root).replace(os.sep, "/")
        for line, url in parser.links + parser.resources:
            target = _target_file(root, page, url, folders, mount)
            if target is None:
                continue
            file, fragment = target
            if file not in files and not os.path.exists(file):  # outside the site: asked of the file system
                findings.append(Finding(rel, line, f"Link auf nicht vorhandene Datei: {url}"))
            elif fragment and file in parsed and unquote(fragment) not in parsed[file].ids:
                findings.append(Finding(rel, line, f"Link auf nicht vorhandenen Anker: {url}"))
    cache.save()
    return sorted(findings)
