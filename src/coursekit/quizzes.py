"""Loading quiz files and checking them against the course (modules, objectives, placement)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .diagnostics import Report
from .messages import report_validation_error
from .quiz import QUESTION_TYPES, Quiz
from .sources import Located, parse_yaml, read_text

TAGS = frozenset(QUESTION_TYPES)


@dataclass
class LoadedQuiz:
    quiz: Quiz
    path: Path
    located: Located

    def line_of(self, *loc: str | int) -> int:
        return self.located.line_of(loc)


def quiz_files(folder: Path) -> list[Path]:
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]) if folder.is_dir() else []


def load_quizzes(folder: Path, report: Report) -> dict[str, LoadedQuiz]:
    """Every valid quiz by id; files with errors are reported and left out."""
    found: dict[str, LoadedQuiz] = {}
    for path in quiz_files(folder):
        text = read_text(path, report)
        located = parse_yaml(text, path, report) if text is not None else None
        if located is None:
            continue
        if not isinstance(located.data, dict):
            report.error(
                path,
                located.first_line,
                "Eine Quizdatei besteht aus Schlüsseln wie „id:“, „title:“ und „questions:“.",
                "Vorlage: siehe „Für die Redaktion“, Abschnitt Quizze.",
            )
            continue
        try:
            quiz = Quiz.model_validate(located.data)
        except ValidationError as exc:
            report_validation_error(exc, Quiz, located, path, report, TAGS)
            continue
        loaded = LoadedQuiz(quiz, path, located)
        if quiz.id != path.stem:
            report.error(
                path,
                loaded.line_of("id"),
                f"Die Quizkennung „{quiz.id}“ passt nicht zum Dateinamen.",
                f"Nennen Sie die Datei „{quiz.id}.yml“ oder ändern Sie „id“ in „{path.stem}“.",
            )
        seen: dict[str, int] = {}
        for i, question in enumerate(quiz.questions):
            line = loaded.line_of("questions", i, "id")
            if question.id in seen:
                report.error(
                    path,
                    line,
                    f"Die Fragekennung „{question.id}“ kommt doppelt vor (zuerst in Zeile {seen[question.id]}).",
                    "Geben Sie jeder Frage eine eigene Kennung.",
                )
            seen.setdefault(question.id, line)
        found[quiz.id] = loaded
    return found
