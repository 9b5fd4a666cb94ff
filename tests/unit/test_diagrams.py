"""Diagram files: the allowlist check (each refused construct with its line) and the figure on the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coursekit import diagrams
from coursekit.diagnostics import Report
from coursekit.markup import unsafe_html
from coursekit.sources import split_front_matter
from support.course import ROOT

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 200" font-size="20" data-quelle="Muster (2020)">\n'
TITLE = "  <title>Ein Modell</title>\n  <desc>Zwei Kästen nebeneinander.</desc>\n"
GOOD = (
    HEAD
    + TITLE
    + '  <rect x="0" y="0" width="200" height="80" rx="8" class="flaeche rand" stroke-width="1.5"/>\n'
    + '  <g text-anchor="middle"><text x="100" y="40" class="betont">Links <tspan font-weight="bold">A</tspan>'
    + "</text></g>\n"
    + '  <path d="M 200 40 H 300" class="linie" stroke-dasharray="6 4"/>\n'
    + '  <polygon points="1,2 3,4 5,6" class="gefuellt" fill="currentColor"/>\n'
    + "</svg>\n"
)


def load(tmp_path: Path, text: str, name: str = "probe.svg") -> tuple[diagrams.Diagram | None, Report]:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    report = Report(tmp_path)
    return diagrams.load_diagram(path, report), report


def only_error(report: Report) -> tuple[int, str]:
    assert len(report.errors) == 1, report.render()
    found = report.errors[0]
    return found.line, f"{found.message} {found.hint}"


def test_a_plain_diagram_passes_with_title_description_and_source(tmp_path: Path) -> None:
    diagram, report = load(tmp_path, GOOD)
    assert report.items == []
    assert diagram is not None
    assert (diagram.id, diagram.title, diagram.desc, diagram.source) == (
        "probe",
        "Ein Modell",
        "Zwei Kästen nebeneinander.",
        "Muster (2020)",
    )
    assert diagram.width == 600


# Each case puts one refused construct on line 4 of an otherwise good file.
REFUSED = {
    "script": ("<script>alert(1)</script>", "Skripte sind in Abbildungen nicht erlaubt"),
    "foreign_object": ("<foreignObject><p>x</p></foreignObject>", "foreignObject"),
    "image": ('<image href="bild.png" width="10" height="10"/>', "Bilder („image“)"),
    "link_element": ('<a href="https://example.org"><text y="20">x</text></a>', "Das Element „a“"),
    "use_element": ('<use href="#kasten"/>', "Das Element „use“"),
    "style_element": ("<style>text { fill: red }</style>", "Das Element „style“"),
    "animation": ('<set attributeName="fill" to="red"/>', "Das Element „set“"),
    "event_attribute": ('<rect width="1" height="1" onclick="alert(1)"/>', "Ereignis-Attribut „onclick“"),
    "event_attribute_upper": ('<rect width="1" height="1" ONLOAD="x()"/>', "Ereignis-Attribut „ONLOAD“"),
    "xlink_href": (
        '<rect xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="https://example.org/x" width="1"/>',
        "Der Verweis „http://www.w3.org/1999/xlink:href",
    ),
    "local_href": ('<rect href="#kasten" width="1"/>', "Der Verweis „href"),
    "style_with_url": ('<rect style="fill: url(https://example.org/a.svg)" width="1"/>', "lädt mit „url(…)“"),
    "style": ('<rect style="fill: red" width="1"/>', "Das Attribut „style“ ist in Abbildungen nicht erlaubt."),
    "url_in_attribute": ('<rect fill="url(#verlauf)" width="1"/>', "verweist mit „url(…)“"),
    "fixed_colour": ('<rect fill="#ff0000" width="1"/>', 'Die Farbe fill="#ff0000" folgt nicht'),
    "unknown_class": ('<rect class="rot" width="1"/>', "Die Klasse „rot“ gibt es für Abbildungen nicht"),
    "unknown_attribute": ('<rect filter="blur" width="1"/>', "Das Attribut „filter“ ist in Abbildungen nicht"),
    "small_text": ('<text x="0" y="20" font-size="12">klein</text>', 'font-size="12" zu klein'),
    "nested_title": ("<g><title>Tooltip</title></g>", "<title> steht nur einmal direkt unter <svg>"),
    "instruction": ('<?xml-stylesheet href="a.css"?>', "Verarbeitungsanweisung „<?xml-stylesheet"),
    "broken_markup": ('<rect width="1">', "kein gültiges SVG"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_each_refused_construct_is_an_error_on_its_line(tmp_path: Path, case: str) -> None:
    snippet, expected = REFUSED[case]
    text = HEAD + TITLE + f"  {snippet}\n</svg>\n"
    diagram, report = load(tmp_path, text)
    line, message = only_error(report)
    assert diagram is None
    assert expected in message
    # Malformed XML is noticed where the parser gets stuck: at the closing </svg> after the open <rect>.
    assert line == (5 if case == "broken_markup" else 4)
    assert report.errors[0].path == "probe.svg"


def test_a_doctype_with_entities_is_refused_before_anything_is_expanded(tmp_path: Path) -> None:
    text = '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>\n' + GOOD.replace("Ein Modell", "&a;")
    diagram, report = load(tmp_path, text)
    line, message = only_error(report)
    assert diagram is None
    assert line == 2
    assert "DOCTYPE" in message


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        ("  <title>Ein Modell</title>\n", "", 1, "Der Abbildung fehlt ein Titel (<title>)."),
        ("  <desc>Zwei Kästen nebeneinander.</desc>\n", "", 1, "Der Abbildung fehlt eine Beschreibung (<desc>)."),
        ("<title>Ein Modell</title>", "<title>  </title>", 2, "Der Titel (<title>) ist leer."),
        (' data-quelle="Muster (2020)"', "", 1, "Der Abbildung fehlt die Quelle des Modells."),
        (' viewBox="0 0 600 200"', "", 1, "Dem <svg> fehlt eine gültige viewBox."),
        (' font-size="20"', ' font-size="20" width="600"', 1, "Eine feste Größe (width) am <svg>"),
        (' font-size="20"', "", 5, "Für diesen Text ist keine Schriftgröße angegeben."),
    ],
)
def test_what_every_diagram_needs(tmp_path: Path, old: str, new: str, line: int, expected: str) -> None:
    assert old in GOOD
    diagram, report = load(tmp_path, GOOD.replace(old, new, 1))
    found_line, message = only_error(report)
    assert diagram is None
    assert (found_line, expected in message) == (line, True), message


def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    text = (
        HEAD.replace(' data-quelle="Muster (2020)"', "")
        + "  <desc>Nur eine Beschreibung.</desc>\n"
        + '  <rect onclick="x()" fill="red" width="1"/>\n'
        + "  <script>x()</script>\n</svg>\n"
    )
    _, report = load(tmp_path, text)
    assert [(d.line, d.message.split(" ")[1]) for d in report.errors] == [
        (1, "Abbildung"),  # no source
        (1, "Abbildung"),  # no title
        (3, "Ereignis-Attribut"),
        (3, "Farbe"),
        (4, "sind"),  # "Skripte sind …"
    ]


def test_a_file_name_that_is_no_identifier_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "abbildungen"
    folder.mkdir()
    (folder / "Mein Bild.svg").write_text(GOOD, "utf-8")
    (folder / "gut.svg").write_text(GOOD, "utf-8")
    report = Report(tmp_path)
    found = diagrams.load_diagrams(folder, report)
    assert list(found) == ["gut"]
    assert [d.format().split(":")[0] for d in report.errors] == ["abbildungen/Mein Bild.svg"]


def figure(tmp_path: Path, text: str = GOOD) -> str:
    diagram, report = load(tmp_path, text)
    assert diagram is not None, report.render()
    return diagrams.figure_html(diagram, "abb-probe-7")


def test_the_figure_is_an_image_named_by_its_title_and_description(tmp_path: Path) -> None:
    html = figure(tmp_path)
    assert "\n" not in html  # one raw HTML block for Markdown
    assert html.startswith('<figure class="ck-abbildung" id="abb-probe-7"><svg xmlns="http://www.w3.org/2000/svg"')
    assert 'role="img" aria-labelledby="abb-probe-7-titel abb-probe-7-beschreibung"' in html
    assert '<title id="abb-probe-7-titel">Ein Modell</title>' in html
    assert '<desc id="abb-probe-7-beschreibung">Zwei Kästen nebeneinander.</desc>' in html
    assert "<figcaption>" in html and "Abbildung: Ein Modell" in html and "Quelle: Muster (2020)" in html
    assert 'viewBox="0 0 600 200"' in html and "data-quelle" not in html
    assert re.search(r'style="max-width: 24\.0rem"', html)  # 20 units of text are 16 px at most


def test_text_in_a_diagram_is_escaped_on_the_page(tmp_path: Path) -> None:
    text = GOOD.replace("Ein Modell", "A &lt;b&gt; &amp; B").replace("Muster (2020)", "&lt;script&gt;")
    html = figure(tmp_path, text)
    assert '<title id="abb-probe-7-titel">A &lt;b&gt; &amp; B</title>' in html
    assert "Quelle: &lt;script&gt;" in html
    assert "<b>" not in html and "<script" not in html


def test_the_rendered_figure_passes_the_page_net_and_stays_covered_by_it(tmp_path: Path) -> None:
    html = figure(tmp_path)
    assert unsafe_html(html) == ()
    # Should anything ever slip through, the check of the rendered page still sees it inside SVG.
    assert unsafe_html(html.replace("<rect", '<rect onload="x()"', 1)) == ("ein Ereignis-Attribut (on…=)",)
    assert unsafe_html(html.replace("</svg>", "<script>x()</script></svg>")) == ("ein Skript",)


def test_a_marker_naming_a_missing_diagram_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    folder = tmp_path / "docs" / "abbildungen"
    folder.mkdir(parents=True)
    (folder / "seek-sense-share.svg").write_text(GOOD, "utf-8")
    (folder / "ungenutzt.svg").write_text(GOOD, "utf-8")
    page_path = tmp_path / "docs" / "seite.md"
    text = "# Seite\n\n::: abbildung seek-sense-shar\n\n::: abbildung seek-sense-share\n"
    page = split_front_matter(text, page_path, Report(tmp_path))
    report = Report(tmp_path)
    diagrams.check_markers({"seite.md": page}, folder, report)
    assert [d.format() for d in report.errors] == [
        "docs/seite.md:3: Abbildung „seek-sense-shar“ gibt es nicht. Meinten Sie „seek-sense-share“?"
    ]
    assert [d.path for d in report.warnings] == ["docs/abbildungen/ungenutzt.svg"]


def test_the_course_diagrams_pass_the_check_and_each_is_shown() -> None:
    folder = ROOT / "docs" / diagrams.FOLDER
    report = Report(ROOT)
    found = diagrams.load_diagrams(folder, report)
    assert report.items == [], report.render()
    assert set(found) >= {
        "modell-70-20-10",
        "seek-sense-share",
        "cop-entwicklungsphasen",
        "salmon-e-moderation",
        "kirkpatrick-ebenen",
        "blend-entwerfen",
    }
    shown = " ".join(path.read_text("utf-8") for path in (ROOT / "docs").rglob("*.md"))
    for diagram_id in found:
        assert f"::: abbildung {diagram_id}\n" in shown


def test_text_over_several_lines_reads_as_one_sentence(tmp_path: Path) -> None:
    html = figure(
        tmp_path, GOOD.replace("Zwei Kästen nebeneinander.", "Zwei Kästen\n    nebeneinander &amp; verbunden.")
    )
    assert '<desc id="abb-probe-7-beschreibung">Zwei Kästen nebeneinander &amp; verbunden.</desc>' in html
