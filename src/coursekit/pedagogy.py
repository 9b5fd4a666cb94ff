"""Pedagogy lint: a module is complete when its objectives are checked and its quiz explains itself.

Structure errors (wrong keys, broken references) live elsewhere; these checks are about
teaching quality and can be relaxed per site with the plugin option ``pedagogy_checks``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from . import markers, pagechecks
from .course import Course, Module
from .facilitator import split_notes
from .quiz import Matching, MultipleChoice, Ordering, ShortText, SingleChoice, TrueFalse
from .quizzes import LoadedQuiz
from .sources import Page

WORDS_PER_MINUTE = 200  # reading speed for factual German text
MINUTES_PER_QUESTION = 1
MINUTES_PER_NOTEBOOK = 20
WORD_BUDGET = 2500
IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)")

Emit = Callable[[Path, int, str, str], None]


def body_words(page: Page) -> int:
    """Words a learner reads: without facilitator notes and course markers."""
    learner_text, _ = split_notes(page.body)
    marker_lines = {m.index for m in markers.scan(learner_text)}
    prose = " ".join(line for i, line in enumerate(learner_text.splitlines()) if i not in marker_lines)
    return len([w for w in prose.split() if any(ch.isalnum() for ch in w)])


def check(course: Course, error: Emit, warning: Emit) -> None:
    quizzes_by_module: dict[str, list[LoadedQuiz]] = {}
    for loaded in course.quizzes.values():
        quizzes_by_module.setdefault(loaded.item.module, []).append(loaded)
    for module in course.modules:
        quizzes = quizzes_by_module.get(module.meta.id, [])
        _check_module(module, quizzes, error, warning)
        for loaded in quizzes:
            _check_quiz(loaded, error)
    for page in course.pages.values():
        for index, line in pagechecks.prose_lines(page.body):
            for match in IMAGE_RE.finditer(line):
                if not match.group("alt").strip():
                    error(
                        page.path,
                        page.body_line + index,
                        "Dem Bild fehlt ein Alternativtext.",
                        "Beschreiben Sie in ![…](bild.png) in wenigen Worten, was das Bild zeigt.",
                    )


def _check_module(module: Module, quizzes: list[LoadedQuiz], error: Emit, warning: Emit) -> None:
    path, meta = module.page.path, module.meta
    if not quizzes:
        error(
            path,
            module.located.line_of(("quizzes",)),
            "Das Modul hat kein Quiz.",
            "Legen Sie exercises/quizzes/<kennung>.yml an und setzen Sie „::: quiz <kennung>“ in den Text.",
        )
    checked = {q.objective for loaded in quizzes for q in loaded.item.questions if q.objective}
    for i, objective in enumerate(meta.objectives):
        if quizzes and objective.id not in checked:
            error(
                path,
                module.located.line_of(("objectives", i, "id")),
                f"Keine Quizfrage prüft das Lernziel „{objective.id}“.",
                "Geben Sie mindestens einer Frage „objective: " + objective.id + "“.",
            )
    words = body_words(module.page)
    questions = sum(len(loaded.item.questions) for loaded in quizzes)
    needed = round(words / WORDS_PER_MINUTE + questions * MINUTES_PER_QUESTION)
    if meta.duration < needed:
        warning(
            path,
            module.located.line_of(("duration",)),
            f"Die Dauer von {meta.duration} Minuten ist knapp: Lesen (~{words} Wörter) und Quiz "
            f"({questions} Fragen) brauchen schon etwa {needed} Minuten.",
            "Planen Sie Zeit für Aufgaben und Notebooks ein und erhöhen Sie „duration“.",
        )
    if words > WORD_BUDGET:
        warning(
            path,
            1,
            f"Das Modul hat {words} Wörter, mehr als die empfohlenen {WORD_BUDGET}.",
            "Kürzen Sie oder teilen Sie das Modul.",
        )


def _check_quiz(loaded: LoadedQuiz, error: Emit) -> None:
    path = loaded.path
    for i, q in enumerate(loaded.item.questions):
        if q.type == "reflection":
            continue
        if not q.explanation:
            error(
                path,
                loaded.line_of("questions", i, "id"),
                f"Die Frage „{q.id}“ hat keine Erklärung.",
                "Ergänzen Sie „explanation:“: Warum ist die richtige Antwort richtig?",
            )
        for loc, what in _missing_feedback(q):
            error(
                path,
                loaded.line_of("questions", i, *loc),
                f"{what} in Frage „{q.id}“ hat keine Rückmeldung.",
                "Ergänzen Sie „feedback:“ und erklären Sie, warum das nicht passt.",
            )


def _missing_feedback(q: object) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(q, SingleChoice | MultipleChoice):
        return [
            (("options", j), f"Die falsche Möglichkeit {j + 1}")
            for j, o in enumerate(q.options)
            if not o.correct and not o.feedback
        ]
    if isinstance(q, TrueFalse) and not q.feedback_wrong:
        return [(("answer",), "Die falsche Wahl")]
    if isinstance(q, Matching):
        return [(("pairs", j), f"Das Paar {j + 1}") for j, p in enumerate(q.pairs) if not p.feedback]
    if isinstance(q, Ordering):
        return [(("items", j), f"Der Eintrag {j + 1}") for j, item in enumerate(q.items) if not item.feedback]
    if isinstance(q, ShortText) and not q.feedback_wrong:
        return [(("id",), "Eine falsche Antwort")]
    return []
