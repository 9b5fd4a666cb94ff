"""Hostile text in every content field renders as text: the built HTML holds no live markup from it.

The browser half (tests/browser/test_security_browser.py) opens the same site and checks that
nothing runs; this half reads the HTML as a parser does, which is fast and covers every page.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from support.injection import NOTE_SECRET


class _LiveMarkup(HTMLParser):
    """Elements and attributes a payload would have created had it been read as HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.meta: dict[str, str] = {}
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and re.match(r"\s*javascript:", value, re.IGNORECASE):
                self.found.append(f"<{tag} {name}=javascript:>")
        if tag == "img" and values.get("src") == "x":
            self.found.append("<img src=x>")
        if tag == "meta" and "name" in values:
            self.meta[values["name"]] = values.get("content", "")
        self._script = tag == "script" and values.get("type") != "application/json"  # JSON is data

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and "__pwned" in data:
            self.found.append("<script> with a payload")


def parsed_pages(site: Path) -> dict[str, _LiveMarkup]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parser = _LiveMarkup()
        parser.feed(path.read_text("utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    return pages


def test_no_payload_becomes_markup_on_any_page(hostile_site: tuple[Path, dict[str, str]]) -> None:
    site, _ = hostile_site
    pages = parsed_pages(site)
    assert {"module/alpha/index.html", "moderation/alpha/folien/index.html", "handout/alpha/index.html"} <= set(pages)
    live = {rel: parser.found for rel, parser in pages.items() if parser.found}
    assert live == {}


def test_every_field_reaches_the_site_as_text(hostile_site: tuple[Path, dict[str, str]]) -> None:
    site, fields = hostile_site
    text = " ".join(
        unescape(path.read_text("utf-8"))  # attributes count too (a placeholder lives in one)
        for path in site.rglob("*")
        if path.suffix in (".html", ".json") and "search" not in path.parts
    )
    missing = [what for tag, what in fields.items() if f"Ende {tag}" not in text]
    assert missing == []
    assert "<script>__pwned.push('mtitle')</script>" in text  # shown as typed, not dropped


def test_summary_with_quotes_stays_inside_the_description(hostile_site: tuple[Path, dict[str, str]]) -> None:
    site, _ = hostile_site
    parser = _LiveMarkup()
    parser.feed((site / "module" / "alpha" / "index.html").read_text("utf-8"))
    description = parser.meta["description"]
    assert description.startswith("Feld msummary <script>") and description.endswith("Ende msummary")


def test_a_note_with_quotes_in_its_title_stays_with_facilitators(hostile_site: tuple[Path, dict[str, str]]) -> None:
    site, _ = hostile_site
    assert NOTE_SECRET not in (site / "module" / "alpha" / "index.html").read_text("utf-8")
    assert NOTE_SECRET not in (site / "search" / "search_index.json").read_text("utf-8")
    facilitator = (site / "moderation" / "alpha" / "index.html").read_text("utf-8")
    assert NOTE_SECRET in facilitator
    assert 'Missverständnis klären: "Bandura belegt das"' in unescape(facilitator)  # its title, as written
