"""`make new-module`: a new module page with valid front matter, entered into the nav."""

from __future__ import annotations

import re
from pathlib import Path

from .model import SLUG_PATTERN

TEMPLATE = """\
---
id: {id}
title: "{title}"
summary: "Ein bis zwei Sätze: Worum geht es, und was haben Lernende davon?"
duration: 60
objectives:
  - id: ziel-1
    text: "Sie können … erklären."
  - id: ziel-2
    text: "Sie können … an einem Beispiel aus Ihrem Arbeitsalltag anwenden."
  - id: ziel-3
    text: "Sie können … beurteilen."
key_points:
  - "Erster Kernsatz."
  - "Zweiter Kernsatz."
digcompedu: ["1.4"]
prerequisites: []
quizzes: []
notebooks: []
---

## Ausgangssituation

Eine kurze Szene aus einem echten Arbeitsalltag, die zum Thema hinführt.

## Worum es geht

Die zentralen Begriffe und Zusammenhänge.

## Praxisbeispiel

Ein durchgerechnetes oder Schritt für Schritt beschriebenes Beispiel.

!!! reflexion "Reflexion"

    Fragen, über die Lernende nachdenken.

!!! transfer "Transfer in Ihren Arbeitsalltag"

    Eine kleine, konkrete Aufgabe für die nächsten zwei Wochen.

## Quellen

- Autorin, A. (Jahr). *Titel*. Ort: Verlag.
"""

NAV_MODULE_RE = re.compile(r"^(?P<indent>\s*-\s+(?:[^:\n]+:\s+)?)(?P<path>module/[\w.-]+\.md)\s*$")


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
    if page.exists():
        raise ScaffoldError(f"{page.relative_to(root)} gibt es schon.")
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
    page.write_text(TEMPLATE.format(id=module_id, title=title.replace('"', "'")), "utf-8")
    config.write_text("".join(lines), "utf-8")
    return page
