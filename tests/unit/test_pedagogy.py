"""Pedagogy lint: what makes a module complete for learners, reported with file and line."""

from __future__ import annotations

import pytest

from support.course import MakeCourse, run_check, valid_module, valid_quiz

M = "docs/module/alpha.md"
Q = "exercises/quizzes/alpha.yml"
MODULE = valid_module() + "\n::: quiz alpha\n"


def check(make_course: MakeCourse, files: dict[str, str | None], mode: str = "error") -> list[str]:
    """Problems of a one-module course; a file given as None is left out."""
    merged = {M: MODULE, Q: valid_quiz(), **files}
    report = run_check(make_course({k: v for k, v in merged.items() if v is not None}, pedagogy=mode))
    return [d.format() for d in report.items]


def test_complete_module_passes(make_course: MakeCourse) -> None:
    assert check(make_course, {}) == []


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {M: valid_module(), Q: None},
            f"{M}:2: Das Modul hat kein Quiz. Legen Sie exercises/quizzes/<kennung>.yml an",
        ),
        (
            {M: MODULE.replace('    text: "Sie können A erklären."', '    text: "A."\n  - id: ziel-b\n    text: "B."')},
            f"{M}:9: Keine Quizfrage prüft das Lernziel „ziel-b“.",
        ),
        (
            {Q: valid_quiz().replace('    explanation: "Darum."\n', "")},
            f"{Q}:5: Die Frage „frage-1“ hat keine Erklärung.",
        ),
        (
            {Q: valid_quiz().replace('        feedback: "Weil es nicht stimmt."\n', "")},
            f"{Q}:12: Die falsche Möglichkeit 2 in Frage „frage-1“ hat keine Rückmeldung.",
        ),
        (
            {M: MODULE + "\n![](diagramm.png)\n", "docs/module/diagramm.png": ""},
            f"{M}:20: Dem Bild fehlt ein Alternativtext.",
        ),
    ],
    ids=["module_without_quiz", "objective_unchecked", "no_explanation", "wrong_option_without_feedback", "no_alt"],
)
def test_gap_is_an_error_with_place(make_course: MakeCourse, files: dict[str, str | None], expected: str) -> None:
    found = check(make_course, files)
    assert any(line.startswith(expected) for line in found), "\n".join(found)


def test_short_duration_and_word_budget_warn(make_course: MakeCourse) -> None:
    long_text = MODULE.replace("duration: 30", "duration: 5") + ("Wort " * 2600) + "\n"
    found = check(make_course, {M: long_text})
    assert any(line.startswith(f"{M}:5: Warnung: Die Dauer von 5 Minuten ist knapp") for line in found), found
    assert any(line.startswith(f"{M}:1: Warnung: Das Modul hat 2602 Wörter") for line in found), found


def test_warning_mode_reports_without_failing(make_course: MakeCourse) -> None:
    report = run_check(make_course({M: valid_module()}, pedagogy="warning"))
    assert report.errors == []
    assert [d.message for d in report.warnings] == ["Das Modul hat kein Quiz."]
