"""The facilitator view: every module once more under moderation/, with its notes and a timing plan.

These pages are generated, kept out of the learner navigation and out of the search index.
"""

from __future__ import annotations

from html import escape

from .. import safemd
from ..course import Course, Module
from ..facilitator import Note, split_notes, with_canonical_notes
from ..markup import md_text
from .text import link, minutes

PREFIX = "moderation/"
QUIZ_MINUTES_PER_QUESTION = 1


def view_uri(module: Module) -> str:
    return f"{PREFIX}{module.meta.id}.md"


def view_source(module: Module) -> str:
    """Markdown of the facilitator page: search exclusion, then the module body with its notes."""
    return "---\nsearch:\n  exclude: true\n---\n" + with_canonical_notes(module.page.body)


def timing_plan(course: Course, module: Module) -> str:
    notes: tuple[Note, ...] = split_notes(module.page.body)[1]
    questions = sum(len(quiz.questions) for quiz in course.quizzes_of(module.meta.id))
    rows = [
        f"<tr><td>{escape(n.title)}</td><td>{n.minutes if n.minutes is not None else '–'}</td>"
        f"<td>{safemd.inline(n.materials) if n.materials else '–'}</td></tr>"
        for n in notes
    ]
    planned = sum(n.minutes or 0 for n in notes)
    if questions:
        quiz_minutes = questions * QUIZ_MINUTES_PER_QUESTION
        planned += quiz_minutes
        asked = f"{questions} Frage{'' if questions == 1 else 'n'}"
        rows.append(f"<tr><td>Selbstcheck ({asked})</td><td>{quiz_minutes}</td><td>Endgeräte</td></tr>")
    return (
        '<table class="ck-timing"><caption>Zeitplan der Moderationsschritte</caption>'
        '<thead><tr><th scope="col">Schritt</th><th scope="col">Minuten</th><th scope="col">Material</th></tr>'
        f'</thead><tbody>{"".join(rows)}</tbody><tfoot><tr><th scope="row">Summe</th><td>{planned}</td>'
        f"<td>Moduldauer laut Planung: {minutes(module.meta.duration)}</td></tr></tfoot></table>"
    )


def overview(course: Course, page_uri: str) -> str:
    """Markdown table of all modules with links to their facilitator views."""
    rows = []
    for module in course.modules:
        notes = split_notes(module.page.body)[1]
        planned = sum(n.minutes or 0 for n in notes)
        target = link(page_uri, view_uri(module))
        rows.append(
            f"| {module.number} | [{md_text(module.meta.title)}]({target}) | {minutes(module.meta.duration)} | "
            f"{len(notes)} | {planned} Min. |"
        )
    head = "| Nr. | Modul (Moderationsansicht) | Dauer | Notizen | davon geplant |\n| --- | --- | --- | --- | --- |"
    return head + "\n" + "\n".join(rows) + "\n"


# Right under the title, in sight without scrolling. The deck is a plain page beside this one (not an
# mkdocs page): the link loads it in full.
SLIDES_BUTTONS = (
    '<p class="ck-slides-start"><a class="md-button md-button--primary" href="folien/">Folien starten</a> '
    '<a class="md-button" href="folien/?print-pdf">Folien drucken</a></p>\n\n'
)


def with_slides_buttons(module_header: str) -> str:
    """The module header (title first) with the slide buttons right after the title."""
    title, rest = module_header.split("\n\n", 1)
    return f"{title}\n\n{SLIDES_BUTTONS}{rest}"


def view_header(course: Course, module: Module, learner_url: str) -> str:
    return (
        '!!! info "Moderationsansicht"\n\n'
        "    Diese Seite zeigt das Modul mit allen Hinweisen für die Moderation. Lernende sehen die "
        f"[Lernendenansicht]({learner_url}) ohne diese Hinweise. „Folien starten“ öffnet die Folien mit "
        "Sprechernotizen; dort öffnet die Taste S die Referentenansicht mit Uhr, Notizen und der nächsten Folie.\n\n"
        f"{timing_plan(course, module)}\n\n"
    )
