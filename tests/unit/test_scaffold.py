"""`make new-module` writes a module that validates and appears in the nav after the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coursekit.scaffold import ScaffoldError, new_module
from support.course import SITES, run_check


def test_new_module_is_valid_and_last_in_nav(tmp_path: Path) -> None:
    project = tmp_path / "kurs"
    shutil.copytree(SITES / "minimal", project)
    page = new_module(project, "lernkultur", 'Lernkultur "gestalten"')
    assert page == project / "docs" / "module" / "lernkultur.md"
    nav = (project / "mkdocs.yml").read_text("utf-8")
    assert "  - module/zweites.md\n  - module/lernkultur.md\n" in nav
    report = run_check(project / "mkdocs.yml")
    assert report.items == []


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
