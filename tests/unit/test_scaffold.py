"""`make new-module` writes a module that validates and appears in the nav after the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coursekit.build import load
from coursekit.plugin.plugin import check
from coursekit.scaffold import PLACEHOLDERS, ScaffoldError, new_module, placeholder_lines
from support.course import SITES, run_check


def test_new_module_is_last_in_nav_and_only_its_placeholders_are_reported(tmp_path: Path) -> None:
    project = tmp_path / "kurs"
    shutil.copytree(SITES / "minimal", project)
    page = new_module(project, "lernkultur", 'Lernkultur "gestalten"')
    assert page == project / "docs" / "module" / "lernkultur.md"
    quiz = project / "exercises" / "quizzes" / "lernkultur.yml"
    nav = (project / "mkdocs.yml").read_text("utf-8")
    assert "  - module/zweites.md\n  - module/lernkultur.md\n" in nav
    assert "\n::: quiz lernkultur\n\n## Quellen\n" in page.read_text("utf-8")
    report = run_check(project / "mkdocs.yml")
    assert {d.message for d in report.errors} == {
        f"Platzhaltertext „{text}“ ist noch nicht ersetzt." for text in PLACEHOLDERS
    }
    assert {d.path for d in report.errors} == {"docs/module/lernkultur.md", "exercises/quizzes/lernkultur.yml"}
    for path in (page, quiz):  # each error points at the line that holds its placeholder
        lines = path.read_text("utf-8").splitlines()
        rel = path.relative_to(project).as_posix()
        for d in (d for d in report.errors if d.path == rel):
            assert d.message.split("„")[1].split("“")[0] in lines[d.line - 1]
    for path in (page, quiz):
        text = path.read_text("utf-8")
        for i, placeholder in enumerate(sorted(PLACEHOLDERS)):
            text = text.replace(placeholder, f"Eigener Text Nummer {i}.")
        path.write_text(text, "utf-8")
    assert run_check(project / "mkdocs.yml").items == []


def test_placeholders_are_whole_values_only() -> None:
    assert placeholder_lines('  - text: "Sie können … erklären."\n') == ((1, "Sie können … erklären."),)
    assert placeholder_lines("    Fragen, über die Lernende nachdenken.\n") == (
        (1, "Fragen, über die Lernende nachdenken."),
    )
    # The same words inside an editor's own sentence are the editor's text.
    assert placeholder_lines('  - text: "Sie können … erklären. Und mehr."\nDie richtige Antwort. Ja.\n') == ()


def test_existing_quiz_file_is_not_overwritten(tmp_path: Path) -> None:
    project = tmp_path / "kurs"
    shutil.copytree(SITES / "minimal", project)
    (project / "exercises" / "quizzes").mkdir(parents=True)
    (project / "exercises" / "quizzes" / "neu.yml").write_text("id: neu\n", "utf-8")
    with pytest.raises(ScaffoldError, match=r"exercises/quizzes/neu\.yml gibt es schon"):
        new_module(project, "neu", "Neu")
    assert not (project / "docs" / "module" / "neu.md").exists()


@pytest.mark.parametrize(
    ("module_id", "title", "message"),
    [
        ("Lern Kultur", "Titel", "keine gültige Kennung"),
        ("erstes", "Titel", "gibt es schon"),
        ("neu", "  ", "Titel"),
    ],
)
def test_bad_requests_are_refused_in_german(tmp_path: Path, module_id: str, title: str, message: str) -> None:
    project = tmp_path / "kurs"
    shutil.copytree(SITES / "minimal", project)
    with pytest.raises(ScaffoldError, match=message):
        new_module(project, module_id, title)


def test_placeholders_are_warnings_in_the_preview(tmp_path: Path) -> None:
    project = tmp_path / "kurs"
    shutil.copytree(SITES / "minimal", project)
    new_module(project, "lernkultur", "Lernkultur")
    config = load(project / "mkdocs.yml")
    _, report = check(config, config.plugins["course"].config, previewing=True)  # type: ignore[arg-type]
    assert report.errors == []
    assert {d.message for d in report.warnings} == {
        f"Platzhaltertext „{text}“ ist noch nicht ersetzt." for text in PLACEHOLDERS
    }
