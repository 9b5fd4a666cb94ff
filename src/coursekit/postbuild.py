"""Checks on the built site: nothing loaded from other hosts, no broken internal links.

HTML and CSS are parsed fully. JavaScript cannot be analysed statically in general, so the
scan looks for URLs of other hosts inside loading calls (import, fetch, importScripts, ...)
and for known CDN, font and analytics hosts; the browser tests prove the rest by recording
every request chromium makes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
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


def _target_file(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not (parts.path or parts.fragment):
        return None
    base = site if parts.path.startswith("/") else page.parent
    target = (base / unquote(parts.path.lstrip("/"))).resolve() if parts.path else page
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def check_site(site: Path) -> list[Finding]:
    """Every external resource load and every broken internal link or anchor in ``site``."""
    findings: list[Finding] = []
    parsed: dict[Path, _PageParser] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            parser = _PageParser()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path.resolve()] = parser
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
            findings.extend(scan_css(path.read_text(encoding="utf-8", errors="replace"), rel))
        elif path.suffix in (".js", ".mjs"):
            findings.extend(scan_js(path.read_text(encoding="utf-8", errors="replace"), rel))
    for page, parser in parsed.items():
        rel = page.relative_to(site.resolve()).as_posix()
        for line, url in parser.links + parser.resources:
            target = _target_file(site.resolve(), page, url)
            if target is None:
                continue
            file, fragment = target
            if not file.exists():
                findings.append(Finding(rel, line, f"Link auf nicht vorhandene Datei: {url}"))
            elif fragment and file in parsed and unquote(fragment) not in parsed[file].ids:
                findings.append(Finding(rel, line, f"Link auf nicht vorhandenen Anker: {url}"))
    return sorted(findings)
