"""Facilitator notes (``!!! moderation "Titel"``): parsed from module Markdown, never shown to learners.

A note is an admonition of type ``moderation``. Its first paragraph may give the timing and
materials: ``Dauer: 15 Min. · Material: Flipchart``. Learner pages get the Markdown without
the notes, so the notes are absent from their HTML and from the search index.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import markers
from .diagnostics import Report
from .sources import Page

# Any admonition line (``!!!``, ``???``, ``???+``), at any indent or quote depth; the rest is checked in _header().
BOX_LINE_RE = re.compile(r"^(?P<indent>[ \t>]*)(?:!!!|\?\?\?\+?)(?P<rest>.*)$")
HEADER_RE = re.compile(r"^(?P<classes>[^\"„“”«»]*)(?P<title>.*)$")
TITLE_QUOTES = {'"': '"', "„": '“”"', "“": '”"', "«": "»"}
TIMING_RE = re.compile(r"^Dauer:\s*(?P<minutes>\d+)\s*Min\.?(?:\s*·\s*Material:\s*(?P<materials>.+))?$")


@dataclass(frozen=True)
class Box:
    """An admonition of one type: its title, its dedented Markdown and where it starts."""

    title: str
    text: str
    index: int  # 0-based line index of the box's first line in the body
    problem: str | None = None  # why the header line is not valid as written (German), if it is not


@dataclass(frozen=True)
class Note:
    title: str
    minutes: int | None
    materials: str
    text: str  # the note's Markdown, dedented, without the timing line
    index: int  # 0-based line index of the note's first line in the body
    problem: str | None = None


def _header(indent: str, rest: str, kind: str) -> tuple[str, str | None] | None:
    """(title, problem) when the admonition line names ``kind`` among its words, else None.

    Any line that mentions the kind counts, however malformed, so that a box of that kind is
    never mistaken for ordinary text: for facilitator notes this is what keeps them from learners.
    """
    match = HEADER_RE.match(rest.strip())
    assert match is not None  # the pattern matches every string
    words = match.group("classes").split()
    if kind not in (word.casefold() for word in words):
        return None
    raw_title = match.group("title").strip()
    title = raw_title
    problem = None
    if raw_title:
        closing = TITLE_QUOTES.get(raw_title[0], "")
        if len(raw_title) >= 2 and raw_title[-1] in closing:
            title = raw_title[1:-1].strip()
        else:
            problem = "Der Titel ist nicht in Anführungszeichen eingeschlossen."
    if indent:
        problem = "Die Kopfzeile ist eingerückt, etwa in einer Liste; so ist sie nicht sicher erkennbar."
    elif words != [kind]:
        problem = f"Die Kopfzeile enthält neben „{kind}“ weitere Wörter: „{' '.join(words)}“."
    return title, problem


def _blank(line: str) -> bool:
    return not line.replace(">", "").strip()


def _block_end(lines: list[str], start: int, indent: str) -> int:
    """Index after the box that starts at ``start``: blank lines and lines indented deeper than it."""
    deeper = (indent + "    ", indent + "\t")
    i = start + 1
    while i < len(lines) and (_blank(lines[i]) or lines[i].startswith(deeper)):
        i += 1
    while i > start + 1 and _blank(lines[i - 1]):  # trailing blank lines belong to the page
        i -= 1
    return i


# The course check, the facilitator views, slides, handouts and the handbook all split the same pages,
# and the preview does so on every save: kept per text (immutable results).
@functools.lru_cache(maxsize=4096)
def split_boxes(body: str, kind: str) -> tuple[str, tuple[Box, ...]]:
    """The body without admonitions of type ``kind`` (outside code fences), and those admonitions."""
    lines = body.splitlines()
    fenced = markers.fenced_lines(body)
    kept: list[str] = []
    boxes: list[Box] = []
    i = 0
    while i < len(lines):
        match = None if i in fenced else BOX_LINE_RE.match(lines[i])
        header = _header(match.group("indent"), match.group("rest"), kind) if match else None
        if match is None or header is None:
            kept.append(lines[i])
            i += 1
            continue
        indent = match.group("indent")
        end = _block_end(lines, i, indent)
        cut = len(indent) + 4
        block = [line[cut:] if line.startswith(indent + "    ") else line.strip() for line in lines[i + 1 : end]]
        boxes.append(Box(header[0], "\n".join(block).strip(), i, header[1]))
        kept.extend([""] * (end - i))  # keep line numbers of what follows
        i = end
    return "\n".join(kept) + "\n", tuple(boxes)


def canonical_header(box: Box, kind: str) -> str:
    """The header line as Python-Markdown's admonition extension reads it."""
    return f'!!! {kind} "{box.title}"' if box.title else f"!!! {kind}"


def with_canonical_notes(body: str) -> str:
    """The body with every note header rewritten as Python-Markdown reads it (e.g. typographic quotes)."""
    lines = body.splitlines()
    for box in split_boxes(body, "moderation")[1]:
        if not lines[box.index].startswith((" ", "\t", ">")):
            lines[box.index] = canonical_header(box, "moderation")
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=4096)
def split_notes(body: str) -> tuple[str, tuple[Note, ...]]:
    """The body without facilitator notes, and the notes."""
    rest, boxes = split_boxes(body, "moderation")
    return rest, tuple(_note(box) for box in boxes)


def _note(box: Box) -> Note:
    title, text = box.title or "Moderation", box.text
    paragraphs = text.split("\n\n", 1)
    timing = TIMING_RE.match(paragraphs[0].strip()) if paragraphs[0].startswith("Dauer:") else None
    if timing:
        text = paragraphs[1].strip() if len(paragraphs) > 1 else ""
        minutes, materials = int(timing.group("minutes")), (timing.group("materials") or "").strip()
        return Note(title, minutes, materials, text, box.index, box.problem)
    return Note(title, None, "", text, box.index, box.problem)


def check_notes(pages: dict[str, Page], report: Report) -> None:
    for page in pages.values():
        for note in split_notes(page.body)[1]:
            line = page.body_line + note.index
            if note.problem:
                report.error(
                    page.path,
                    line,
                    f"Diese Moderationsnotiz ist nicht eindeutig lesbar. {note.problem}",
                    'Schreiben Sie sie am Zeilenanfang als !!! moderation "Titel" (Titel in geraden '
                    "Anführungszeichen) und rücken Sie den Text darunter um vier Leerzeichen ein. Für Lernende "
                    "bleibt sie auch so verborgen.",
                )
            if note.minutes is None and note.text.startswith("Dauer:"):
                report.error(
                    page.path,
                    line + 2,
                    "Die Zeitangabe der Moderationsnotiz ist nicht lesbar.",
                    "Schreiben Sie z. B. „Dauer: 15 Min.“ oder „Dauer: 15 Min. · Material: Flipchart“.",
                )
            if not note.text:
                report.error(
                    page.path,
                    line,
                    "Die Moderationsnotiz ist leer.",
                    "Schreiben Sie den Hinweis für die Moderation eingerückt unter die Zeile „!!! moderation“.",
                )
