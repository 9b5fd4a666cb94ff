"""Feedback, solutions and explanations of quizzes never enter the search index.

The texts are read from the quiz files at test time and compared as a reader would see them
(Markdown rendered, tags and entities gone, whitespace collapsed).
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import yaml

from coursekit import safemd
from support.course import ROOT, SITES


def plain(text: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split())


def hidden_texts(quizzes: Path) -> list[str]:
    """Every explanation and every feedback text of the quiz files in ``quizzes``."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("explanation", "feedback", "feedback_wrong") and isinstance(value, str):
                    found.append(plain(safemd.block(value)))
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted(quizzes.glob("*.yml")):
        walk(yaml.safe_load(path.read_text("utf-8")))
    return found


def indexed_text(site: Path) -> str:
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    return plain(" ".join(f"{doc['title']} {doc['text']}" for doc in docs))


def leaked(site: Path, quizzes: Path) -> tuple[list[str], int]:
    index = indexed_text(site)
    hidden = hidden_texts(quizzes)
    return [text for text in hidden if text in index], len(hidden)


def test_fixture_course_keeps_answers_out_of_the_index(quiz_site: Path) -> None:
    found, checked = leaked(quiz_site, SITES / "quiz" / "exercises" / "quizzes")
    assert checked > 10
    assert found == []
    index = indexed_text(quiz_site)
    assert "Ein wenig Text vor dem Quiz." in index  # the index itself works
    assert "Alle Fragetypen" in index  # and has the quiz's heading


@pytest.mark.slow
def test_real_course_keeps_answers_out_of_the_index(built_site: Path) -> None:
    found, checked = leaked(built_site, ROOT / "exercises" / "quizzes")
    assert checked > 100
    assert found == []
