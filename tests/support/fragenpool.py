"""Pools for the question-pool export tests: a small fixture quiz with every type, and the real course."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml

from coursekit.diagnostics import Report
from coursekit.exports.questionpools import Category, Pool
from coursekit.quiz import Quiz
from coursekit.quizzes import load_quizzes
from support.course import ROOT

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "fragenpool"


def fixture_quiz() -> Quiz:
    return Quiz.model_validate(yaml.safe_load((GOLDEN / "beispiel.yml").read_text("utf-8")))


def fixture_pool() -> Pool:
    """One module with a slash in its title (Moodle category paths) and the fixture quiz."""
    category = Category("grundlagen", "Grundlagen / Einstieg", "Worum es geht & warum.", [fixture_quiz()])
    return Pool("Kurs für Tests", "kurs-fuer-tests", [category])


@functools.cache
def course_pool() -> Pool:
    """Every quiz of the real course, read through the content model, one category per module.

    Only the quiz files: the rest of the course may be mid-edit in a shared tree, and the
    export's job is the quizzes (`make fragenpool` itself checks the whole course first).
    """
    report = Report(ROOT)
    quizzes = load_quizzes(ROOT / "exercises" / "quizzes", report)
    assert not report.errors, report.render()
    modules: dict[str, list[Quiz]] = {}
    for loaded in quizzes.values():
        modules.setdefault(loaded.item.module, []).append(loaded.item)
    return Pool("Social Learning und Medienkompetenz", "kurs", [Category(m, m, m, q) for m, q in modules.items()])


def assert_golden(name: str, actual: bytes) -> None:
    """Compare with tests/golden/fragenpool/<name>; FRAGENPOOL_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("FRAGENPOOL_GOLDEN") == "1":
        path.write_bytes(actual)
    assert path.exists(), f"{path} fehlt: einmal mit FRAGENPOOL_GOLDEN=1 erzeugen und prüfen"
    assert actual.decode("utf-8") == path.read_text("utf-8"), f"{name} weicht von der Golden-Datei ab"
