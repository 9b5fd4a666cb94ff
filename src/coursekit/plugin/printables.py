"""Printable pages: a participant handout per module and one facilitator handbook.

Both are generated Markdown pages outside the navigation and the search index; the print
stylesheet and ``make pdf`` (headless Chromium) turn them into paper.
"""

from __future__ import annotations

from .. import notebooks
from ..course import Course, Module
from ..facilitator import split_boxes, split_notes
from ..markup import md_text
from . import facilitation, quizhtml, render
from .text import link, minutes

HANDBOOK = "moderation/handbuch.md"
FRONT = "---\nsearch:\n  exclude: true\nhide:\n  - navigation\n  - toc\n---\n"
WRITING_SPACE = '<div class="ck-writing-space" aria-hidden="true"></div>'


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.splitlines())


def handout(course: Course, module: Module) -> str:
    meta = module.meta
    body = split_notes(module.page.body)[0]
    tasks = []
    for kind, heading in (("reflexion", "Reflexion"), ("transfer", "Transfer in Ihren Arbeitsalltag")):
        for box in split_boxes(body, kind)[1]:
            tasks.append(f"## {md_text(box.title) if box.title else heading}\n\n{box.text}\n\n{WRITING_SPACE}\n")
    objectives = "\n".join(f"- {md_text(o.text)}" for o in meta.objectives)
    points = "\n".join(f"- {md_text(p)}" for p in meta.key_points)
    sources = "\n".join(f"- {s}" for s in render.sources_of(module))
    learner = link(render.handout_uri(module), module.src_uri)
    return (
        f"{FRONT}\n# Handout: {md_text(meta.title)}\n\n"
        f"Modul {module.number} von {len(course.modules)} · ca. {minutes(meta.duration)} · "
        f"[Zum Modul]({learner})\n{{: .ck-facts }}\n\n"
        f"{md_text(meta.summary)}\n\n## Lernziele\n\n{objectives}\n\n## Das Wichtigste in Kürze\n\n{points}\n\n"
        + "\n".join(tasks)
        + f"\n{quizhtml.printed_quizzes(course, module)}"  # questions only: solutions are in the handbook
        + f"\n## Notizen\n\n{WRITING_SPACE}\n\n## Quellen\n\n{sources}\n"
    )


def handbook(course: Course) -> str:
    parts = [
        f"{FRONT}\n# Handbuch für die Moderation\n\n"
        "Alle Moderationsnotizen, die Lösungen der Selbstchecks und der Übungen, Ablaufpläne und Methodenkarten "
        "auf einer Seite, "
        "zum Ausdrucken oder als PDF (`make pdf`).\n\n## Moderationsnotizen nach Modul\n"
    ]
    for module in course.modules:
        view = link(HANDBOOK, facilitation.view_uri(module))
        parts.append(f"### Modul {module.number}: {md_text(module.meta.title)}\n\n[Moderationsansicht]({view})\n")
        notes = split_notes(module.page.body)[1]
        if not notes:
            parts.append("Keine Moderationsnotizen.\n")
        for note in notes:
            timing = f"Dauer: {note.minutes} Min." if note.minutes else ""
            if note.materials:
                timing += f" · Material: {md_text(note.materials)}"
            body = f"{timing}\n\n{note.text}" if timing else note.text
            parts.append(f'!!! moderation "{md_text(note.title)}"\n\n{_indent(body)}\n')
    parts.append("## Lösungen der Selbstchecks\n")
    for module in course.modules:
        parts.append(f"### Modul {module.number}: {md_text(module.meta.title)}\n")
        parts.append(quizhtml.printed_quizzes(course, module, solutions=True, level=4) or "Kein Quiz.\n")
    parts.append("## Lösungen der Übungen\n")
    for module in course.modules:
        for notebook_id in module.meta.notebooks:
            path = course.notebooks.get(notebook_id)
            if path is None:
                continue
            parts.append(f"### Modul {module.number}: {md_text(module.meta.title)}\n")
            for _cell, task, code in notebooks.solution_steps(path):
                parts.append(f"**{md_text(task)}**\n\n```python\n{code}\n```\n")
    parts.append("## Ablaufpläne\n")
    for agenda_id, loaded in course.agendas.items():
        parts.append(f"### {md_text(loaded.item.title)}\n\n::: ablauf {agenda_id}\n")
    parts.append("## Methodenkarten\n\n::: methodenkarten\n")
    return "\n".join(parts)
