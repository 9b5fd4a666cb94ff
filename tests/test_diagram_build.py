"""``::: abbildung`` through the real build: an accessible figure on the page, errors with their place."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coursekit.build import BuildFailed, build_site
from support.course import ROOT, MakeCourse, valid_module

DIAGRAM = (ROOT / "docs" / "abbildungen" / "seek-sense-share.svg").read_text("utf-8")


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside <title>, <desc> and <figcaption>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        self._open.append(values.get("id") or tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            key = self._open[-1]
            self.text[key] = self.text.get(key, "") + data


def course(make_course: MakeCourse, marker: str = "::: abbildung seek-sense-share") -> Path:
    body = valid_module().replace("Text.\n", f"Text davor.\n\n{marker}\n\nText danach.\n")
    return make_course({"docs/module/alpha.md": body, "docs/abbildungen/seek-sense-share.svg": DIAGRAM})


def test_a_module_with_a_diagram_renders_an_accessible_figure(make_course: MakeCourse, tmp_path: Path) -> None:
    config = course(make_course)
    site = tmp_path / "site"
    build_site(config, site, out=lambda _: None)
    html = (site / "module" / "alpha" / "index.html").read_text("utf-8")
    parsed = Elements()
    parsed.feed(html)
    figures = [a for tag, a in parsed.tags if tag == "figure"]
    assert [f.get("class") for f in figures] == ["ck-abbildung"]
    svg = next(a for tag, a in parsed.tags if tag == "svg" and a.get("role") == "img")
    title_id, desc_id = svg["aria-labelledby"].split()
    ids = [a.get("id") for _, a in parsed.tags]
    assert ids.count(title_id) == ids.count(desc_id) == 1  # unique on the page
    assert parsed.text[title_id] == "Seek, Sense, Share: persönliches Wissensmanagement nach Jarche"
    assert parsed.text[desc_id].split()[:3] == ["Drei", "Kästen", "nebeneinander,"]
    assert "Quelle: Jarche (2014); eigene Darstellung" in re.sub(r"<[^>]+>", "", html)
    # The figure sits between the paragraphs, not inside one; the marker itself is gone.
    assert re.search(r"<p>Text davor.</p>\s*<figure", html) and "::: abbildung" not in html
    # Sources are inlined only: the editor's file is not published next to the page.
    assert not (site / "abbildungen").exists()


def test_a_marker_naming_an_unknown_diagram_stops_the_build_with_its_line(
    make_course: MakeCourse, tmp_path: Path
) -> None:
    config = course(make_course, "::: abbildung seek-sense")
    lines: list[str] = []
    with pytest.raises(BuildFailed):
        build_site(config, tmp_path / "site", out=lines.append)
    text = "\n".join(lines)
    assert "docs/module/alpha.md:18: Abbildung „seek-sense“ gibt es nicht. Meinten Sie „seek-sense-share“?" in text


def test_a_diagram_with_a_script_stops_the_build_and_names_every_problem(
    make_course: MakeCourse, tmp_path: Path
) -> None:
    config = course(make_course)
    path = config.parent / "docs" / "abbildungen" / "seek-sense-share.svg"
    lines = path.read_text("utf-8").splitlines()
    lines.insert(8, '  <script>alert(1)</script><rect onclick="x()" width="1" height="1"/>')
    path.write_text("\n".join(lines), "utf-8")
    out: list[str] = []
    with pytest.raises(BuildFailed):
        build_site(config, tmp_path / "site", out=out.append)
    text = "\n".join(out)
    assert "docs/abbildungen/seek-sense-share.svg:9: Skripte sind in Abbildungen nicht erlaubt." in text
    assert "docs/abbildungen/seek-sense-share.svg:9: Das Ereignis-Attribut „onclick“ ist nicht erlaubt" in text
    assert not (tmp_path / "site").exists()
