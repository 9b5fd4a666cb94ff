"""Printable pages: a participant handout per module and one facilitator handbook.

Both are generated Markdown pages outside the navigation and the search index; the print
stylesheet and ``make pdf`` (headless Chromium) turn them into paper.
"""

from __future__ import annotations

from .. import notebooks, pdf
from ..course import Course, Module
from ..facilitator import split_boxes, split_notes
from ..markup import md_text
from . import facilitation, render
from .text import link, minutes

HANDBOOK = "moderation/handbuch.md"
FRONT = "---\nsearch:\n  exclude: true\nhide:\n  - navigation\n  - toc\n---\n"
WRITING_SPACE = '<div class="ck-writing-space" aria-hidden="true"></div>'


def pdf_link(page_url: str, text: str, css: str = "md-button") -> str:
    """A link from a generated page (at ``page_url``, two folders deep) to its PDF in the site."""
    return f'<a class="{css}" href="../../{pdf.SITE_FOLDER}/{pdf.pdf_name(page_url)}" download>{text}</a>'


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.splitlines())


def printed_quizzes(course: Course, module: Module, solutions: bool = False, level: int = 2) -> str:
    """Markdown for a printable page: each quiz of ``module`` under a heading of ``level``.

    The questions are a slot, filled after the conversion (``render.fill_slots``): an edited quiz leaves
    the page's Markdown as it was, so its conversion is reused (pagecache.py). The handbook holds every
    quiz; converting it again took 0.3 s of each preview rebuild at 50 modules."""
    parts = []
    for quiz in course.quizzes_of(module.meta.id):
        questions = render.slot(render.PRINTED_KEY if solutions else render.PRINTED_QUIZ, quiz.id)
        parts.append(f"{'#' * level} {md_text(quiz.title)}\n\n{questions}\n")
    return "\n".join(parts)


def handout(course: Course, module: Module, pdfs: bool = False) -> str:
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
        f"[Zum Modul]({learner}){{: .ck-print-url }}\n{{: .ck-facts }}\n\n"
        # Shown and wired by course.js (the CSP allows no inline handlers); hidden on paper.
        '<p class="ck-print-bar">'
        '<button type="button" class="md-button ck-print" hidden>Handout drucken</button>'
        + (f" {pdf_link(f'/handout/{meta.id}/', 'Als PDF herunterladen')}" if pdfs else "")
        + "</p>\n\n"
        f"{md_text(meta.summary)}\n\n## Lernziele\n\n{objectives}\n\n## Das Wichtigste in Kürze\n\n{points}\n\n"
        + "\n".join(tasks)
        + f"\n{printed_quizzes(course, module)}"  # questions only: solutions are in the handbook
        + f"\n## Notizen\n\n{WRITING_SPACE}\n\n## Quellen\n\n{sources}\n"
    )


def handbook(course: Course, pdfs: bool = False) -> str:
    parts = [
        f"{FRONT}\n# Handbuch für die Moderation\n\n"
        "Alle Moderationsnotizen, die Lösungen der Selbstchecks und der Übungen, Ablaufpläne und Methodenkarten "
        "auf einer Seite, zum Ausdrucken (Strg+P) oder als PDF.\n\n"
        + (_pdf_section(course) if pdfs else _no_pdf_note())
        + "## Moderationsnotizen nach Modul\n"
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
        parts.append(printed_quizzes(course, module, solutions=True, level=4) or "Kein Quiz.\n")
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


def _pdf_section(course: Course) -> str:
    """The handbook and every handout as PDF, as the site ships them (built by `make site`)."""
    handouts = "\n".join(
        f"| {module.number} | {md_text(module.meta.title)} | "
        f"{pdf_link(f'/handout/{module.meta.id}/', f'Handout {module.number} (PDF)', 'ck-pdf')} |"
        for module in course.modules
    )
    return (
        '<p class="ck-print-bar">'
        f"{pdf_link('/moderation/handbuch/', 'Handbuch als PDF herunterladen')}</p>\n\n"
        "**Handouts für Teilnehmende als PDF**, eines je Modul, zum Ausdrucken oder Verschicken:\n\n"
        f"| Nr. | Modul | Handout |\n| --- | --- | --- |\n{handouts}\n\n"
    )


def _no_pdf_note() -> str:
    # Only in the live preview and quick builds: `make site` prints the PDFs into the site.
    return (
        "Die PDF-Fassungen dieses Handbuchs und der Handouts entstehen beim vollständigen Bau der Website; "
        "in dieser Vorschau fehlen sie.\n{: .ck-facts }\n\n"
    )
