"""`make new-module`: a new module page and its quiz with valid structure, entered into the nav.

Every text an editor still has to write is a placeholder from ``PLACEHOLDERS``; ``check_placeholders``
reports each one left in a module page or quiz file, so a scaffolded module cannot go live unfinished.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .datafiles import yaml_files
from .model import SLUG_PATTERN

if TYPE_CHECKING:
    from .course import Course

# Whole values (a YAML scalar, a list item or a paragraph) that the templates below contain.
SUMMARY = "Ein bis zwei Sätze: Worum geht es, und was haben Lernende davon?"
OBJECTIVE = "Sie können … erklären."
KEY_POINTS = ("Erster Kernsatz.", "Zweiter Kernsatz.")
BODY = (
    "Eine kurze Szene aus einem echten Arbeitsalltag, die zum Thema hinführt.",
    "Die zentralen Begriffe und Zusammenhänge.",
    "Ein durchgerechnetes oder Schritt für Schritt beschriebenes Beispiel.",
    "Fragen, über die Lernende nachdenken.",
    "Eine kleine, konkrete Aufgabe für die nächsten zwei Wochen.",
)
SOURCE = "Autorin, A. (Jahr). *Titel*. Ort: Verlag."
QUESTION = (
    "Eine Frage, die das Lernziel prüft: Was sollen Lernende erkennen, entscheiden oder anwenden?",
    "Die richtige Antwort.",
    "Warum diese Antwort stimmt.",
    "Eine plausible Fehlannahme aus der Praxis.",
    "Warum diese Antwort nicht stimmt.",
    "Die Erklärung, die Lernende nach dem Antworten sehen.",
)
PLACEHOLDERS = frozenset({SUMMARY, OBJECTIVE, *KEY_POINTS, *BODY, SOURCE, *QUESTION})

TEMPLATE = f"""\
---
id: {{id}}
title: "{{title}}"
summary: "{SUMMARY}"
duration: 60
# Empfohlen sind drei bis fünf Lernziele; jedes prüft mindestens eine Quizfrage („objective:“).
objectives:
  - id: ziel-1
    text: "{OBJECTIVE}"
key_points:
  - "{KEY_POINTS[0]}"
  - "{KEY_POINTS[1]}"
digcompedu: ["1.4"]
prerequisites: []
quizzes: [{{id}}]
notebooks: []
---

## Ausgangssituation

{BODY[0]}

## Worum es geht

{BODY[1]}

## Praxisbeispiel

{BODY[2]}

!!! reflexion "Reflexion"

    {BODY[3]}

!!! transfer "Transfer in Ihren Arbeitsalltag"

    {BODY[4]}

::: quiz {{id}}

## Quellen

- {SOURCE}
"""

QUIZ_TEMPLATE = f"""\
id: {{id}}
title: "Selbstcheck: {{title}}"
module: {{id}}
questions:
  - id: frage-1
    type: single
    prompt: "{QUESTION[0]}"
    objective: ziel-1
    options:
      - text: "{QUESTION[1]}"
        correct: true
        feedback: "{QUESTION[2]}"
      - text: "{QUESTION[3]}"
        feedback: "{QUESTION[4]}"
    explanation: "{QUESTION[5]}"
"""

NAV_MODULE_RE = re.compile(r"^(?P<indent>\s*-\s+(?:[^:\n]+:\s+)?)(?P<path>module/[\w.-]+\.md)\s*$")
# What surrounds a value on its line: indentation, list dashes, a YAML key, quotes.
VALUE_RE = re.compile(r"^\s*(?:-\s+)*(?:[A-Za-z_]\w*:\s+)?(?P<value>.*?)\s*$")

Emit = Callable[[Path, int, str, str], None]


class ScaffoldError(Exception):
    pass


def new_module(root: Path, module_id: str, title: str, modules_dir: str = "module") -> Path:
    if not re.match(SLUG_PATTERN, module_id or ""):
        raise ScaffoldError(
            f"„{module_id}“ ist keine gültige Kennung. Erlaubt sind Kleinbuchstaben a–z, Ziffern und "
            'Bindestriche, z. B.: make new-module ID=lernkultur TITEL="Lernkultur gestalten"'
        )
    if not title.strip():
        raise ScaffoldError('Bitte geben Sie einen Titel an: make new-module ID=… TITEL="…"')
    page = root / "docs" / modules_dir / f"{module_id}.md"
    quiz = root / "exercises" / "quizzes" / f"{module_id}.yml"
    for existing in (page, quiz):
        if existing.exists():
            raise ScaffoldError(f"{existing.relative_to(root)} gibt es schon.")
    config = root / "mkdocs.yml"
    lines = config.read_text("utf-8").splitlines(keepends=True)
    last = max((i for i, line in enumerate(lines) if NAV_MODULE_RE.match(line)), default=None)
    if last is None:
        raise ScaffoldError("In mkdocs.yml steht unter „nav:“ noch kein Modul; tragen Sie das erste von Hand ein.")
    match = NAV_MODULE_RE.match(lines[last])
    assert match is not None
    indent = re.sub(r"[^\s-]", " ", match.group("indent"))
    indent = indent[: indent.index("-") + 2]
    lines.insert(last + 1, f"{indent}{modules_dir}/{module_id}.md\n")
    safe_title = title.strip().replace('"', "'").replace("\\", "/")
    page.write_text(TEMPLATE.format(id=module_id, title=safe_title), "utf-8")
    quiz.parent.mkdir(parents=True, exist_ok=True)
    quiz.write_text(QUIZ_TEMPLATE.format(id=module_id, title=safe_title), "utf-8")
    config.write_text("".join(lines), "utf-8")
    return page


@functools.lru_cache(maxsize=1024)  # the preview checks every file on each save; most are as before
def placeholder_lines(text: str) -> tuple[tuple[int, str], ...]:
    """(line, placeholder) for every line whose whole value is still a template placeholder."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = VALUE_RE.match(line)
        value = match.group("value") if match else ""
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if value in PLACEHOLDERS:
            found.append((number, value))
    return tuple(found)


def check_placeholders(course: Course, emit: Emit) -> None:
    """Report every placeholder left in module pages and quiz files (errors in a build, warnings in the preview)."""
    prefix = course.layout.modules_dir.rstrip("/") + "/"
    paths = [page.path for uri, page in sorted(course.pages.items()) if uri.startswith(prefix)]
    for path in [*paths, *yaml_files(course.layout.quizzes_dir)]:
        try:
            text = path.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # unreadable files are reported where they are loaded
        for line, placeholder in placeholder_lines(text):
            emit(
                path,
                line,
                f"Platzhaltertext „{placeholder}“ ist noch nicht ersetzt.",
                "Schreiben Sie hier Ihren eigenen Text; die Vorlage stammt von „make new-module“.",
            )
