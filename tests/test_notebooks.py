"""The exercise notebooks run, in CPython and in real Pyodide, and every self-check passes with the given code."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from coursekit.lite import build_helper_wheel, precompiled
from support.course import ROOT
from support.notebooks import run_cells

NOTEBOOKS = sorted((ROOT / "exercises" / "notebooks").glob("*.ipynb"))


def assert_cells_ok(values: list[str | None]) -> None:
    checks = [v for v in values if v and v.startswith(("✔", "✘"))]
    assert checks, "das Notebook enthält keine Selbstprüfung"
    assert all(v.startswith("✔") for v in checks), checks
    assert any(v and v.startswith("<svg") for v in values), "das Notebook zeigt keine Grafik"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_notebook_runs_in_cpython(notebook: Path) -> None:
    assert_cells_ok(run_cells(notebook))


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
        assert_cells_ok(values[notebook.name])
