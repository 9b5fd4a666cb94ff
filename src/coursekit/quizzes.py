"""Loading quiz files (exercises/quizzes/); their checks against the course live in course.py."""

from __future__ import annotations

from pathlib import Path

from .datafiles import DataFile, load_folder
from .diagnostics import Report
from .quiz import QUESTION_TYPES, Quiz

LoadedQuiz = DataFile[Quiz]


def load_quizzes(folder: Path, report: Report) -> dict[str, LoadedQuiz]:
    """Every valid quiz by id, with duplicate question ids reported."""
    found = load_folder(folder, Quiz, report, frozenset(QUESTION_TYPES))
    for loaded in found.values():
        seen: dict[str, int] = {}
        for i, question in enumerate(loaded.item.questions):
            line = loaded.line_of("questions", i, "id")
            if question.id in seen:
                report.error(
                    loaded.path,
                    line,
                    f"Die Fragekennung „{question.id}“ kommt doppelt vor (zuerst in Zeile {seen[question.id]}).",
                    "Geben Sie jeder Frage eine eigene Kennung.",
                )
            seen.setdefault(question.id, line)
    return found
