"""Course markers in Markdown: a line of its own such as ``::: modulliste``.

Markers inside fenced code blocks are left alone, so the editors' page can show examples.
Every marker name is documented on docs/redaktion.md; an unknown one is an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

MARKER_RE = re.compile(r"^:::[ \t]*(?P<name>[^\s]+)(?P<args>.*)$")
FENCE_RE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True)
class MarkerSpec:
    name: str
    args: tuple[str, ...]  # names of required arguments
    summary: str


SPECS: dict[str, MarkerSpec] = {
    spec.name: spec
    for spec in (
        MarkerSpec("modulliste", (), "Liste aller Module in Kursreihenfolge mit Kurzbeschreibung und Dauer."),
        MarkerSpec("quiz", ("kennung",), "Das Quiz mit dieser Kennung aus exercises/quizzes/."),
        MarkerSpec("notebook", ("kennung",), "Übung aus exercises/notebooks/<kennung>.ipynb zum Ausführen im Browser."),
        MarkerSpec("fortschritt", (), "Übersicht „Mein Fortschritt“ mit Quizergebnissen je Modul."),
        MarkerSpec("literatur", (), "Alle Quellen aus den Abschnitten „## Quellen“ der Module, alphabetisch."),
        MarkerSpec("ablauf", ("kennung",), "Ablaufplan (Run-Sheet) aus exercises/agendas/<kennung>.yml mit Uhrzeiten."),
        MarkerSpec("methodenkarten", (), "Alle Methodenkarten aus exercises/methods/."),
        MarkerSpec("folie", (), "Beginnt in den Folien eine neue Folie; auf der Seite unsichtbar."),
        MarkerSpec("moderationsplan", (), "Alle Module mit Moderationsansicht, Zeitbedarf und Zahl der Notizen."),
        MarkerSpec("abbildung", ("kennung",), "Abbildung aus docs/abbildungen/<kennung>.svg mit Bildunterschrift."),
    )
}


@dataclass(frozen=True)
class Marker:
    name: str
    args: tuple[str, ...]
    index: int  # 0-based line index within the body


def _classify(lines: list[str]) -> Iterator[tuple[int, str, bool]]:
    """(index, line, inside_fence) for every line; fence delimiters count as inside."""
    fence: str | None = None
    for i, line in enumerate(lines):
        fence_match = FENCE_RE.match(line)
        if fence_match:
            mark = fence_match.group("fence")
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
            yield i, line, True
            continue
        yield i, line, fence is not None


def _marker_lines(lines: list[str]) -> Iterator[tuple[int, re.Match[str]]]:
    for i, line, fenced in _classify(lines):
        match = None if fenced else MARKER_RE.match(line)
        if match:
            yield i, match


def fenced_lines(body: str) -> set[int]:
    """Indexes of the lines that belong to fenced code blocks."""
    return {i for i, _, fenced in _classify(body.splitlines()) if fenced}


def scan(body: str) -> list[Marker]:
    return [Marker(m.group("name"), tuple(m.group("args").split()), i) for i, m in _marker_lines(body.splitlines())]


def replace(body: str, render: Callable[[Marker], str]) -> str:
    lines = body.splitlines()
    for i, match in list(_marker_lines(lines)):
        lines[i] = render(Marker(match.group("name"), tuple(match.group("args").split()), i))
    return "\n".join(lines) + "\n"
