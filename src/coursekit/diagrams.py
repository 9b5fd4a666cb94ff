"""Diagrams: hand-written SVG files in docs/abbildungen/, shown on a page with ``::: abbildung <kennung>``.

An SVG is markup written by editors and goes into the page inline (so it follows the colour scheme
and can be read by screen readers). It is therefore checked against an allowlist: plain shapes,
text and groups with presentational attributes; no scripts, no event attributes, no references,
no fixed colours. The page never receives the editor's file as written: ``figure_html`` writes
the checked tree out again, every text and attribute value escaped.
"""

from __future__ import annotations

import difflib
import html
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from . import markers
from .diagnostics import Report
from .sources import Page

FOLDER = "abbildungen"  # below docs_dir
SVG_NS = "http://www.w3.org/2000/svg"
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

SHAPES = {"rect", "circle", "ellipse", "line", "polyline", "polygon", "path"}
ELEMENTS = {"svg", "g", "title", "desc", "text", "tspan"} | SHAPES
REFUSED = {
    "script": (
        "Skripte sind in Abbildungen nicht erlaubt.",
        "Entfernen Sie das Element; Abbildungen zeigen nur Formen und Text.",
    ),
    "foreignObject": (
        "„foreignObject“ bettet HTML in die Abbildung ein und ist nicht erlaubt.",
        "Schreiben Sie Text mit <text> und <tspan>.",
    ),
    "image": (
        "Bilder („image“) sind in Abbildungen nicht erlaubt: Sie laden Dateien nach und folgen nicht dem Farbschema.",
        "Zeichnen Sie die Form mit rect, circle, line, polygon oder path.",
    ),
}
# Presentational attributes; colours only as "none" or "currentColor" (the rest comes from CLASSES).
ATTRIBUTES = {
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height", "points", "d",
    "dx", "dy", "transform", "fill", "stroke", "stroke-width", "stroke-dasharray", "stroke-linecap",
    "stroke-linejoin", "opacity", "font-size", "font-weight", "font-style", "text-anchor",
    "dominant-baseline", "class",
}  # fmt: skip
ROOT_ATTRIBUTES = {"viewBox", "font-size", "font-weight", "text-anchor", "class", "data-quelle"}
COLOUR_ATTRIBUTES = {"fill", "stroke"}
COLOURS = {"none", "currentColor"}
# Defined in assets/course.css (block "Abbildungen"); change both together.
CLASSES = {"flaeche", "flaeche-2", "flaeche-3", "rand", "linie", "gefuellt", "betont"}
# Text must stay legible on a phone: the figure is about 360 px wide on a 390 px screen.
PHONE_WIDTH = 360
MIN_PHONE_PX = 11
# On wide screens a figure grows until 20 units of its font are 16 px (the text size of the page).
BASE_FONT_UNITS = 20
BASE_FONT_PX = 16


@dataclass
class Node:
    tag: str  # local name; "{namespace}name" for elements outside SVG
    attrs: dict[str, str]
    line: int
    children: list[Node | str] = field(default_factory=list)


@dataclass(frozen=True)
class Diagram:
    id: str
    path: Path
    root: Node
    title: str
    desc: str
    source: str
    width: float  # of the viewBox


class _Refused(Exception):
    def __init__(self, line: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


def _parse(text: str) -> Node:
    """The document as Nodes, with line numbers; DOCTYPE, entities and processing instructions refused."""
    parser = expat.ParserCreate(namespace_separator=" ")
    stack: list[Node] = []
    roots: list[Node] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        tag = local if namespace == SVG_NS else f"{{{namespace}}}{local}"
        named = {(f"{k.rpartition(' ')[0]}:{k.rpartition(' ')[2]}" if " " in k else k): v for k, v in attrs.items()}
        node = Node(tag, named, parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(_name: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        if stack:  # expat hands over text in pieces (at line ends, entities): keep one string per run
            children = stack[-1].children
            if children and isinstance(children[-1], str):
                children[-1] += data
            else:
                children.append(data)

    def doctype(*_args: object) -> None:
        raise _Refused(
            parser.CurrentLineNumber,
            "Eine DOCTYPE-Angabe ist in Abbildungen nicht erlaubt (sie kann Entitäten und fremde Dateien einbinden).",
            "Entfernen Sie die Zeile „<!DOCTYPE …>“; die Datei beginnt mit <svg …>.",
        )

    def instruction(target: str, _data: str) -> None:
        raise _Refused(
            parser.CurrentLineNumber,
            f"Die Verarbeitungsanweisung „<?{target} …?>“ ist in Abbildungen nicht erlaubt.",
            "Entfernen Sie die Zeile; nur „<?xml version=…?>“ am Anfang ist erlaubt.",
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    parser.Parse(text, True)
    return roots[0]


def _font_floor(width: float) -> float:
    return math.ceil(width * MIN_PHONE_PX / PHONE_WIDTH)


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


class _Checker:
    def __init__(self, path: Path, report: Report, width: float) -> None:
        self.path, self.report, self.width = path, report, width

    def error(self, line: int, message: str, hint: str = "") -> None:
        self.report.error(self.path, line, message, hint)

    def element(self, node: Node, font_size: float | None) -> None:
        if node.tag in REFUSED:
            self.error(node.line, *REFUSED[node.tag])
            return
        if node.tag not in ELEMENTS:
            self.error(
                node.line,
                f"Das Element „{node.tag}“ ist in Abbildungen nicht erlaubt.",
                "Erlaubt sind: " + ", ".join(sorted(ELEMENTS)) + ".",
            )
            return
        for name, value in node.attrs.items():
            self.attribute(node, name, value, root=False)
        size = _number(node.attrs.get("font-size")) or font_size
        if node.tag == "text":
            sizes = list(_text_sizes(node, size))
            if sizes:
                self.text_size(node, None if None in sizes else min(s for s in sizes if s is not None))
        for child in node.children:
            if not isinstance(child, Node):
                continue
            if child.tag in ("title", "desc"):
                self.error(
                    child.line,
                    f"<{child.tag}> steht nur einmal direkt unter <svg>, nicht innerhalb von <{node.tag}>.",
                    "Beschreiben Sie die ganze Abbildung in dem einen <desc> am Anfang.",
                )
            else:
                self.element(child, size)

    def caption_part(self, node: Node) -> None:
        """<title> and <desc> hold plain text only."""
        for name in node.attrs:
            self.error(node.line, f"<{node.tag}> hat keine Attribute (gefunden: „{name}“).", "Entfernen Sie es.")
        for child in node.children:
            if isinstance(child, Node):
                self.error(child.line, f"In <{node.tag}> steht nur Text, keine Elemente wie <{child.tag}>.")

    def attribute(self, node: Node, name: str, value: str, root: bool) -> None:
        line = node.line
        if name.lower().startswith("on"):
            self.error(
                line,
                f"Das Ereignis-Attribut „{name}“ ist nicht erlaubt: Abbildungen führen keinen Code aus.",
                "Entfernen Sie das Attribut.",
            )
        elif name.endswith("href"):
            self.error(
                line,
                f'Der Verweis „{name}="{value[:40]}"“ ist nicht erlaubt: Abbildungen laden nichts nach und '
                "verweisen auf nichts.",
                "Zeichnen Sie die Form direkt in die Abbildung; Links gehören in den Text der Seite.",
            )
        elif name == "style":
            reason = " und lädt mit „url(…)“ Inhalte nach" if "url(" in value.replace(" ", "").lower() else ""
            self.error(
                line,
                f"Das Attribut „style“ ist in Abbildungen nicht erlaubt{reason}.",
                "Größen setzen Sie mit Attributen wie font-size oder stroke-width, Farben mit den Klassen "
                + ", ".join(sorted(CLASSES))
                + ".",
            )
        elif "url(" in value.replace(" ", "").lower():
            self.error(
                line,
                f"Der Wert von „{name}“ verweist mit „url(…)“ auf etwas anderes; das ist nicht erlaubt.",
                "Verwenden Sie einfache Formen und Farben aus den Klassen.",
            )
        elif (name not in ATTRIBUTES and not root) or (root and name not in ROOT_ATTRIBUTES):
            allowed = ROOT_ATTRIBUTES if root else ATTRIBUTES
            self.error(
                line,
                f"Das Attribut „{name}“ ist {'an <svg>' if root else 'in Abbildungen'} nicht erlaubt.",
                "Erlaubt sind: " + ", ".join(sorted(allowed)) + ".",
            )
        elif name in COLOUR_ATTRIBUTES and value not in COLOURS:
            self.error(
                line,
                f'Die Farbe {name}="{value}" folgt nicht dem hellen und dunklen Farbschema und nicht dem Druck.',
                f'Schreiben Sie {name}="none" oder {name}="currentColor" oder verwenden Sie eine Klasse: '
                + ", ".join(sorted(CLASSES))
                + ".",
            )
        elif name == "class":
            for name_ in value.split():
                if name_ not in CLASSES:
                    self.error(
                        line,
                        f"Die Klasse „{name_}“ gibt es für Abbildungen nicht.",
                        "Vorhanden: " + ", ".join(sorted(CLASSES)) + ".",
                    )

    def text_size(self, node: Node, size: float | None) -> None:
        floor = _font_floor(self.width)
        if size is None:
            self.error(
                node.line,
                "Für diesen Text ist keine Schriftgröße angegeben.",
                f"Setzen Sie font-size an <svg> oder am Text (mindestens {floor:g}).",
            )
        elif size < floor:
            phone = size * PHONE_WIDTH / self.width
            self.error(
                node.line,
                f'Die Schrift ist mit font-size="{size:g}" zu klein: Auf einem Smartphone wäre sie nur etwa '
                f"{phone:.0f} px groß.",
                f'Verwenden Sie bei dieser Breite (viewBox {self.width:g}) mindestens font-size="{floor:.0f}" '
                "oder kürzen Sie den Text.",
            )


def _text_sizes(node: Node, size: float | None) -> Iterator[float | None]:
    """The font size of every piece of visible text in a <text> element, <tspan>s included."""
    if any(isinstance(c, str) and c.strip() for c in node.children):
        yield size
    for child in node.children:
        if isinstance(child, Node):
            yield from _text_sizes(child, _number(child.attrs.get("font-size")) or size)


def _text(node: Node) -> str:
    return " ".join("".join(c for c in node.children if isinstance(c, str)).split())


def load_diagram(path: Path, report: Report) -> Diagram | None:
    """The checked diagram, or None after reporting every problem of the file."""
    before = len(report.errors)
    text = path.read_text("utf-8")
    try:
        root = _parse(text)
    except _Refused as refused:
        report.error(path, refused.line, refused.message, refused.hint)
        return None
    except expat.ExpatError as exc:
        report.error(
            path,
            exc.lineno,
            f"Die Abbildung ist kein gültiges SVG ({expat.errors.messages[exc.code]}).",
            "Prüfen Sie, ob jedes Element geschlossen ist (<rect … />) und Werte in Anführungszeichen stehen.",
        )
        return None
    if root.tag != "svg":
        report.error(
            path,
            root.line,
            "Die Datei beginnt nicht mit einem SVG-Element.",
            'Beginnen Sie mit <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 400">.',
        )
        return None
    box = root.attrs.get("viewBox", "").replace(",", " ").split()
    width = _number(box[2]) if len(box) == 4 else None
    if width is None or width <= 0:
        report.error(
            path,
            root.line,
            "Dem <svg> fehlt eine gültige viewBox.",
            'Geben Sie die Zeichenfläche an, z. B. viewBox="0 0 600 400"; die Abbildung passt sich dann der '
            "Seitenbreite an.",
        )
        width = 600.0
    checker = _Checker(path, report, width)
    for name in ("width", "height"):
        if name in root.attrs:
            report.error(
                path,
                root.line,
                f"Eine feste Größe ({name}) am <svg> ist nicht erlaubt: Die Abbildung passt sich der Seitenbreite an.",
                f"Entfernen Sie {name}=…; die Proportionen ergeben sich aus der viewBox.",
            )
    for name, value in root.attrs.items():
        if name not in ("width", "height"):
            checker.attribute(root, name, value, root=True)
    source = " ".join(root.attrs.get("data-quelle", "").split())
    if not source:
        report.error(
            path,
            root.line,
            "Der Abbildung fehlt die Quelle des Modells.",
            'Ergänzen Sie am <svg> z. B. data-quelle="Jarche (2014), eigene Darstellung".',
        )
    parts = {}
    for kind, label, hint in (
        ("title", "Titel", "Der Titel ist die Bildunterschrift, z. B. <title>Seek, Sense, Share</title>."),
        (
            "desc",
            "Beschreibung",
            "Beschreiben Sie in <desc>…</desc> in ganzen Sätzen, was die Abbildung zeigt; "
            "Screenreader lesen diesen Text vor.",
        ),
    ):
        found = next((c for c in root.children if isinstance(c, Node) and c.tag == kind), None)
        parts[kind] = _text(found) if found else ""
        if not parts[kind]:
            report.error(
                path,
                found.line if found else root.line,
                f"Der Abbildung fehlt {'ein' if kind == 'title' else 'eine'} {label} (<{kind}>)."
                if found is None
                else f"{'Der' if kind == 'title' else 'Die'} {label} (<{kind}>) ist leer.",
                f"Schreiben Sie <{kind}> direkt unter <svg>. {hint}",
            )
        if found is not None:
            checker.caption_part(found)
    size = _number(root.attrs.get("font-size"))
    seen: set[str] = set()
    for child in root.children:
        if not isinstance(child, Node):
            continue
        if child.tag in ("title", "desc"):
            if child.tag in seen:
                report.error(path, child.line, f"<{child.tag}> steht mehrfach in der Abbildung.", "Behalten Sie eines.")
            seen.add(child.tag)
        else:
            checker.element(child, size)
    if len(report.errors) > before:
        return None
    return Diagram(path.stem, path, root, parts["title"], parts["desc"], source, width)


def load_diagrams(folder: Path, report: Report) -> dict[str, Diagram]:
    found: dict[str, Diagram] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.suffix != ".svg":
            continue
        if not ID_RE.match(path.stem):
            report.error(
                path,
                1,
                f"Der Dateiname „{path.name}“ taugt nicht als Kennung.",
                "Verwenden Sie Kleinbuchstaben, Ziffern und Bindestriche, z. B. seek-sense-share.svg.",
            )
            continue
        diagram = load_diagram(path, report)
        if diagram is not None:
            found[diagram.id] = diagram
    return found


def check_markers(pages: dict[str, Page], folder: Path, report: Report) -> None:
    """Each ``::: abbildung`` names a diagram file; a diagram no page shows is a warning."""
    files = {path.stem for path in folder.glob("*.svg")} if folder.is_dir() else set()
    shown: set[str] = set()
    for page in pages.values():
        for marker in markers.scan(page.body):
            if marker.name != "abbildung" or len(marker.args) != 1:
                continue
            ref = marker.args[0]
            shown.add(ref)
            if ref not in files:
                close = difflib.get_close_matches(ref, sorted(files), n=1, cutoff=0.6)
                hint = (
                    f"Meinten Sie „{close[0]}“?"
                    if close
                    else f"Legen Sie die Datei docs/{FOLDER}/{ref}.svg an"
                    + (f" oder wählen Sie eine vorhandene: {', '.join(sorted(files))}." if files else ".")
                )
                report.error(page.path, page.body_line + marker.index, f"Abbildung „{ref}“ gibt es nicht.", hint)
    for diagram_id in sorted(files - shown):
        report.warning(
            folder / f"{diagram_id}.svg",
            1,
            f"Die Abbildung „{diagram_id}“ erscheint auf keiner Seite.",
            f"Setzen Sie „::: abbildung {diagram_id}“ an die passende Stelle eines Moduls oder löschen Sie die Datei.",
        )


def _attrs(attrs: dict[str, str]) -> str:
    return "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in attrs.items())


def _write(node: Node, ids: dict[str, str]) -> str:
    attrs = dict(node.attrs)
    if node.tag in ids:
        attrs = {"id": ids[node.tag]}
    inner = "".join(
        html.escape(re.sub(r"\s+", " ", child), quote=False) if isinstance(child, str) else _write(child, ids)
        for child in node.children
    )
    return f"<{node.tag}{_attrs(attrs)}>{inner}</{node.tag}>"


def figure_html(diagram: Diagram, prefix: str) -> str:
    """The figure on one line (a raw HTML block for Markdown); ``prefix`` makes its ids unique on the page."""
    title_id, desc_id = f"{prefix}-titel", f"{prefix}-beschreibung"
    root = diagram.root
    attrs = {k: v for k, v in root.attrs.items() if k != "data-quelle"}
    scale_rem = diagram.width * BASE_FONT_PX / BASE_FONT_UNITS / 20  # mkdocs-material: 1 rem = 20 px at 100 %
    attrs |= {
        "role": "img",
        "aria-labelledby": f"{title_id} {desc_id}",
        "style": f"max-width: {scale_rem:.1f}rem",
    }
    children = [c for c in root.children if not isinstance(c, str)]
    ids = {"title": title_id, "desc": desc_id}
    inner = "".join(_write(child, ids) for child in children)
    svg = f'<svg xmlns="{SVG_NS}"{_attrs(attrs)}>{inner}</svg>'
    caption = (
        f'<figcaption><span class="ck-abbildung__titel">Abbildung: {html.escape(diagram.title)}</span> '
        f'<span class="ck-abbildung__quelle">Quelle: {html.escape(diagram.source)}</span></figcaption>'
    )
    return f'<figure class="ck-abbildung" id="{prefix}">{svg}{caption}</figure>'
