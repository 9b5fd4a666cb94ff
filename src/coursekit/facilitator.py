"""Facilitator notes (``!!! moderation "Titel"``): parsed from module Markdown, never shown to learners.

A note is an admonition of type ``moderation``. Its first paragraph may give the timing and
materials: ``Dauer: 15 Min. · Material: Flipchart``. Learner pages get the Markdown without
the notes, so the notes are absent from their HTML and from the search index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import markers
from .diagnostics import Report
from .sources import Page

BOX_START_RE = r'^(?:!!!|\?\?\?\+?)[ \t]+{kind}\b[ \t]*(?:"(?P<title>[^"]*)")?[ \t]*$'
TIMING_RE = re.compile(r"^Dauer:\s*(?P<minutes>\d+)\s*Min\.?(?:\s*·\s*Material:\s*(?P<materials>.+))?$")


@dataclass(frozen=True)
class Box:
    """An admonition of one type: its title, its dedented Markdown and where it starts."""

    title: str
    text: str
    index: int  # 0-based line index of the box's first line in the body


@dataclass(frozen=True)
class Note:
    title: str
    minutes: int | None
    materials: str
    text: str  # the note's Markdown, dedented, without the timing line
    index: int  # 0-based line index of the note's first line in the body


def split_boxes(body: str, kind: str) -> tuple[str, list[Box]]:
    """The body without admonitions of type ``kind`` (outside code fences), and those admonitions."""
    start_re = re.compile(BOX_START_RE.format(kind=re.escape(kind)))
    lines = body.splitlines()
    fenced = markers.fenced_lines(body)
    kept: list[str] = []
    boxes: list[Box] = []
    i = 0
    while i < len(lines):
        match = None if i in fenced else start_re.match(lines[i])
        if match is None:
            kept.append(lines[i])
            i += 1
            continue
        start = i
        i += 1
        block: list[str] = []
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith(("    ", "\t"))):
            block.append(lines[i][4:] if lines[i].startswith("    ") else lines[i].lstrip("\t"))
            i += 1
        boxes.append(Box(match.group("title") or "", "\n".join(block).strip(), start))
    return "\n".join(kept) + "\n", boxes


def split_notes(body: str) -> tuple[str, list[Note]]:
    """The body without facilitator notes, and the notes."""
    rest, boxes = split_boxes(body, "moderation")
    return rest, [_note(box.title or "Moderation", box.text, box.index) for box in boxes]


def _note(title: str, text: str, index: int) -> Note:
    paragraphs = text.split("\n\n", 1)
    timing = TIMING_RE.match(paragraphs[0].strip()) if paragraphs[0].startswith("Dauer:") else None
    if timing:
        text = paragraphs[1].strip() if len(paragraphs) > 1 else ""
        return Note(title, int(timing.group("minutes")), (timing.group("materials") or "").strip(), text, index)
    return Note(title, None, "", text, index)


def check_notes(pages: dict[str, Page], report: Report) -> None:
    for page in pages.values():
        for note in split_notes(page.body)[1]:
            line = page.body_line + note.index
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
