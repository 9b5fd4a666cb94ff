"""Facilitator notes never reach learners, whatever their header looks like; unclear ones are errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.facilitator import split_notes, with_canonical_notes
from support.course import MakeCourse, run_check, valid_module

SECRET = "GEHEIM-nur-fuer-die-Moderation"

CLEAR_HEADERS = [
    ('!!! moderation "Missverständnis klären: "Bandura belegt das""', 'Missverständnis klären: "Bandura belegt das"'),
    ("!!! moderation „Typografische Anführung“", "Typografische Anführung"),
    ('!!! moderation "Zeit: 10 Min. [Plenum] (optional)"', "Zeit: 10 Min. [Plenum] (optional)"),
    ("!!! moderation", "Moderation"),
    ('??? moderation "Aufklappbar"', "Aufklappbar"),
    ('???+ moderation "Offen aufklappbar"', "Offen aufklappbar"),
]

UNCLEAR_HEADERS = [
    "!!! moderation Titel ohne Anführungszeichen",
    '!!! warning moderation "Zwei Typen"',
    '!!! Moderation extra "Großgeschrieben mit Zusatz"',
    '!!! moderation "Nicht geschlossen',
]


def body_with(header: str, indent: str = "") -> str:
    return f"Vorher.\n\n{indent}{header}\n\n{indent}    {SECRET}\n\nNachher.\n"


@pytest.mark.parametrize(("header", "title"), CLEAR_HEADERS)
def test_clear_headers_are_notes_with_their_title(header: str, title: str) -> None:
    learner, notes = split_notes(body_with(header))
    assert SECRET not in learner
    assert "Vorher." in learner and "Nachher." in learner
    assert [(n.title, n.text, n.problem) for n in notes] == [(title, SECRET, None)]


@pytest.mark.parametrize("header", UNCLEAR_HEADERS)
def test_unclear_headers_are_hidden_and_flagged(header: str) -> None:
    learner, notes = split_notes(body_with(header))
    assert SECRET not in learner
    assert len(notes) == 1 and notes[0].problem


@pytest.mark.parametrize(
    ("container", "inner"),
    [("- Listenpunkt\n\n    ", "        "), ("1. Schritt\n\n    ", "        "), ("> ", ">     ")],
)
def test_indented_notes_are_hidden_and_flagged(container: str, inner: str) -> None:
    body = f'Vorher.\n\n{container}!!! moderation "Eingerückt"\n{inner.rstrip()}\n{inner}{SECRET}\n\nNachher.\n'
    learner, notes = split_notes(body)
    assert SECRET not in learner and "Nachher." in learner
    assert len(notes) == 1 and notes[0].problem and "eingerückt" in notes[0].problem


def test_notes_inside_code_fences_are_examples_not_notes() -> None:
    body = f'```markdown\n!!! moderation "Beispiel"\n\n    {SECRET}\n```\n'
    learner, notes = split_notes(body)
    assert notes == () and SECRET in learner


def test_lines_after_a_note_keep_their_numbers() -> None:
    learner, _ = split_notes(body_with('!!! moderation "x"'))
    assert learner.splitlines()[6] == "Nachher."


def test_facilitator_view_gets_headers_that_markdown_reads() -> None:
    body = with_canonical_notes(body_with("!!! moderation „Typografisch“"))
    assert '!!! moderation "Typografisch"' in body


def test_check_reports_unclear_notes_with_their_line(make_course: MakeCourse) -> None:
    module = valid_module("alpha") + "\n" + body_with("!!! moderation Ohne Anführungszeichen")
    module += '\n- Liste\n\n    !!! moderation "Eingerückt"\n\n        Text.\n'
    config = make_course({"docs/module/alpha.md": module})
    report = run_check(config)
    lines = module.splitlines()
    found = {(d.line, d.path) for d in report.errors if "Moderationsnotiz" in d.message}
    expected_lines = [i + 1 for i, line in enumerate(lines) if "!!! moderation" in line]
    assert found == {(n, "docs/module/alpha.md") for n in expected_lines}
    assert all('!!! moderation "Titel"' in d.hint for d in report.errors if "Moderationsnotiz" in d.message)


def test_clear_notes_give_no_error(make_course: MakeCourse, tmp_path: Path) -> None:
    module = valid_module("alpha") + "\n" + "\n".join(body_with(h) for h, _ in CLEAR_HEADERS)
    report = run_check(make_course({"docs/module/alpha.md": module}))
    assert [d for d in report.errors if "Moderationsnotiz" in d.message] == []
