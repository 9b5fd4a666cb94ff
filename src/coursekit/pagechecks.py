"""Checks of Markdown bodies: course markers and internal links (with anchors)."""

from __future__ import annotations

import difflib
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify

from . import markers
from .diagnostics import Report
from .sources import Page

LINK_RE = re.compile(r"(?<!\\)!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING_RE = re.compile(r"^#{1,6}\s+(.+?)\s*(?:\{[^}]*#([\w-]+)[^}]*\})?\s*#*\s*$")
ATTR_ID_RE = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}")
INLINE_CODE_RE = re.compile(r"(`+).+?\1")


def prose_lines(body: str) -> list[tuple[int, str]]:
    """(index, line) of lines outside fenced code blocks."""
    fenced = markers.fenced_lines(body)
    return [(i, INLINE_CODE_RE.sub("", line)) for i, line in enumerate(body.splitlines()) if i not in fenced]


def anchors(page: Page, title: str | None = None) -> set[str]:
    found = {slugify(title, "-")} if title else set()
    for _, line in prose_lines(page.body):
        heading = HEADING_RE.match(line)
        if heading:
            found.add(heading.group(2) or slugify(heading.group(1), "-"))
        found.update(ATTR_ID_RE.findall(line))
    return found


def _resolve(src_uri: str, path: str) -> str:
    if not path:
        return src_uri
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    if path.endswith("/") or path.endswith("/.") or path == ".":
        target = posixpath.join(target, "index.md") if target != "." else "index.md"
    return target


def check_markers(pages: dict[str, Page], report: Report) -> None:
    for page in pages.values():
        for marker in markers.scan(page.body):
            line = page.body_line + marker.index
            spec = markers.SPECS.get(marker.name)
            if spec is None:
                close = difflib.get_close_matches(marker.name, list(markers.SPECS), n=1, cutoff=0.5)
                hint = (
                    f"Meinten Sie „::: {close[0]}“?"
                    if close
                    else ("Bekannt sind: " + ", ".join(f"::: {n}" for n in markers.SPECS) + ".")
                )
                report.error(page.path, line, f"Unbekannte Markierung „::: {marker.name}“.", hint)
            elif len(marker.args) != len(spec.args):
                usage = " ".join(["::: " + spec.name, *(f"<{a}>" for a in spec.args)])
                report.error(
                    page.path,
                    line,
                    f"Die Markierung „::: {marker.name}“ erwartet "
                    f"{len(spec.args)} Angabe(n), gefunden: {len(marker.args)}.",
                    f"Schreiben Sie: {usage}",
                )


def check_links(
    pages: dict[str, Page], docs_dir: Path, titles: dict[str, str], report: Report, generated: set[str]
) -> None:
    """Relative links must point at an existing or generated page or file, and anchors at a heading there."""
    anchor_cache: dict[str, set[str]] = {}
    for src_uri, page in pages.items():
        for index, line in prose_lines(page.body):
            for match in LINK_RE.finditer(line):
                url = match.group(1)
                parts = urlsplit(url)
                if parts.scheme or parts.netloc or url.startswith(("/", "mailto:")):
                    continue
                target = _resolve(src_uri, unquote(parts.path))
                where = page.body_line + index
                if target not in pages and target not in generated and not (docs_dir / target).is_file():
                    report.error(
                        page.path,
                        where,
                        f"Der Link „{url}“ zeigt auf eine Datei, die es nicht gibt.",
                        "Links auf Seiten nennen die .md-Datei relativ zur aktuellen Seite, z. B. „../literatur.md“.",
                    )
                    continue
                if parts.fragment and target in pages:
                    if target not in anchor_cache:
                        anchor_cache[target] = anchors(pages[target], titles.get(target))
                    if parts.fragment not in anchor_cache[target]:
                        report.error(
                            page.path,
                            where,
                            f"Den Abschnitt „#{parts.fragment}“ gibt es in {target} nicht.",
                            "Prüfen Sie die Überschrift, auf die der Link zeigt.",
                        )
