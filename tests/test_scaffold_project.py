"""`make new-module` then `make check` on a copy of the real course: the check names every placeholder
with path:line and passes once an editor has written them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from coursekit.scaffold import PLACEHOLDERS
from support.course import ROOT


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, *args], cwd=project, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _check(project: Path) -> subprocess.CompletedProcess[str]:
    return _run(project, str(ROOT / "scripts" / "build.py"), "--check")


def test_scaffolded_module_fails_the_check_until_its_placeholders_are_written(tmp_path: Path) -> None:
    project = tmp_path / "kurs"
    project.mkdir()
    for name in ("docs", "exercises", "includes"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    before = _check(project)

    made = _run(project, str(ROOT / "scripts" / "new_module.py"), "lernkultur", "Lernkultur gestalten")
    assert made.returncode == 0, made.stderr
    page = project / "docs" / "module" / "lernkultur.md"
    quiz = project / "exercises" / "quizzes" / "lernkultur.yml"

    failed = _check(project)
    assert failed.returncode == 1
    reported = re.findall(
        r"^((?:docs/module|exercises/quizzes)/lernkultur\.(?:md|yml)):(\d+): Platzhaltertext „(.+?)“",
        failed.stdout,
        re.MULTILINE,
    )
    assert {text for _, _, text in reported} == PLACEHOLDERS
    for rel, line, text in reported:
        assert text in (project / rel).read_text("utf-8").splitlines()[int(line) - 1]
    # Nothing else about the new module is wrong: a quiz exists, is placed and checks the objective.
    others = [line for line in failed.stdout.splitlines() if "lernkultur" in line and "Platzhaltertext" not in line]
    assert others == []

    for path in (page, quiz):
        text = path.read_text("utf-8")
        for i, placeholder in enumerate(sorted(PLACEHOLDERS)):
            text = text.replace(placeholder, f"Ein eigener Satz der Redaktion, Nummer {i}.")
        path.write_text(text, "utf-8")
    after = _check(project)
    assert "lernkultur" not in after.stdout
    # The course is exactly as good as before the new module: `make check` passes when it passed before.
    assert (after.returncode, after.stdout) == (before.returncode, before.stdout)
