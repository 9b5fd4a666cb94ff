"""The exercise notebooks, in CPython and in real Pyodide: as written, every task waits for the learner
("Noch nicht bearbeitet", never an answer); with the solutions from the cells' metadata, every self-check passes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from coursekit.lite import build_helper_wheel, precompiled
from support.course import ROOT
from support.notebooks import cells, gap_lines, run_cells, solution, source

NOTEBOOKS = sorted((ROOT / "exercises" / "notebooks").glob("*.ipynb"))
PENDING = "Noch nicht bearbeitet:"
CHECK_OUTPUTS = ("✔", "✘", PENDING)


def assert_open(values: list[str | None]) -> None:
    """As written: the self-checks wait for the learner and give nothing away."""
    checks = [v for v in values if v and v.startswith(CHECK_OUTPUTS)]
    assert checks, "das Notebook enthält keine Selbstprüfung"
    assert all(v.startswith(PENDING) for v in checks), checks
    assert any(v and v.startswith("<svg") for v in values), "das Notebook zeigt keine Grafik"


def assert_solved(values: list[str | None]) -> None:
    """With the solutions: every self-check is right, none waits."""
    checks = [v for v in values if v and v.startswith(CHECK_OUTPUTS)]
    assert checks, "das Notebook enthält keine Selbstprüfung"
    assert all(v.startswith("✔") for v in checks), checks
    assert not any(v and "Noch nicht" in v for v in values), values
    assert any(v and v.startswith("<svg") for v in values), "das Notebook zeigt keine Grafik"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_gaps_are_marked_and_solved_in_the_metadata(notebook: Path) -> None:
    nbformat.validate(nbformat.read(notebook, as_version=4))
    gaps = 0
    for cell in cells(notebook):
        code, full = source(cell), solution(cell)
        lines = gap_lines(code)
        if not lines:
            assert "..." not in code, f"Zelle {cell['id']}: „...“ außerhalb einer Lücke"
            assert full is None, f"Zelle {cell['id']}: Lösung in den Metadaten, aber keine Lücke im Code"
            continue
        gaps += len(lines)
        # Tools find a gap by its text (the page's runner, the browser tests): "..." means a gap and nothing else.
        assert code.count("...") == len(lines), f"Zelle {cell['id']}: „...“ außerhalb einer Lücke"
        for number in lines:
            assert "# Ihre Lösung: " in code.splitlines()[number - 1], f"Zelle {cell['id']}, Zeile {number}"
        assert full is not None, f"Zelle {cell['id']}: Lücke ohne metadata.kurs.loesung"
        assert not gap_lines(full), f"Zelle {cell['id']}: die Lösung enthält noch eine Lücke"
        assert "Ihre Lösung" not in full
    assert gaps, "das Notebook hat keine Lücke für die Lernenden"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_notebook_as_written_waits_for_the_learner_in_cpython(notebook: Path) -> None:
    assert_open(run_cells(notebook))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_notebook_with_the_solutions_passes_every_check_in_cpython(notebook: Path) -> None:
    assert_solved(run_cells(notebook, solved=True))


@pytest.mark.slow
def test_notebooks_run_in_pyodide(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js fehlt"
    (wheel,) = precompiled(ROOT, [build_helper_wheel(ROOT, tmp_path)])  # the wheel the site ships
    runner = ROOT / "tests" / "pyodide" / "run_notebooks.mjs"
    result = subprocess.run(
        [node, str(runner), str(ROOT), str(wheel), *map(str, NOTEBOOKS)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values.pop("python").startswith("3.14")  # Pyodide 314 ships Python 3.14, not the host's Python
    for notebook in NOTEBOOKS:
        assert_open(values[notebook.name]["offen"])
        assert_solved(values[notebook.name]["geloest"])
