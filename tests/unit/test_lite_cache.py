"""The JupyterLite output is reused by content: exactly its inputs invalidate it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coursekit.lite import KURSLAB, WHEEL_CACHE, lite_key

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The inputs of the JupyterLite build, copied (wheels linked), plus a stand-in Pyodide package."""
    root = tmp_path / "kurs"
    shutil.copytree(ROOT / "lite", root / "lite", ignore=shutil.ignore_patterns("_output"))
    for folder in ("notebooks", "data", "quizzes"):
        shutil.copytree(ROOT / "exercises" / folder, root / "exercises" / folder)
    shutil.copytree(ROOT / KURSLAB, root / KURSLAB, ignore=shutil.ignore_patterns("__pycache__", "build", "dist"))
    (root / WHEEL_CACHE).mkdir(parents=True)
    for wheel in (ROOT / WHEEL_CACHE).glob("*.whl"):
        (root / WHEEL_CACHE / wheel.name).symlink_to(wheel)
    pyodide = root / "node_modules" / "pyodide"
    pyodide.mkdir(parents=True)
    (pyodide / "pyodide.mjs").write_text("// stand-in", "utf-8")
    (pyodide / "package.json").write_text(json.dumps({"name": "pyodide", "version": "314.0.6"}), "utf-8")
    return root


def changed(root: Path, relative: str, extra: str = "\n") -> str:
    before = lite_key(root)
    path = root / relative
    path.write_text(path.read_text("utf-8") + extra, "utf-8")
    after = lite_key(root)
    assert lite_key(root) == after  # stable for the same inputs
    return "anders" if after != before else "gleich"


def test_same_inputs_give_the_same_key(project: Path) -> None:
    assert lite_key(project) == lite_key(project)


@pytest.mark.parametrize(
    ("relative", "effect"),
    [
        ("exercises/notebooks/mooc-trichter.ipynb", "anders"),  # a notebook
        ("exercises/data/mooc-wochen.csv", "anders"),  # a data set every notebook folder carries
        ("packages/kurslab/kurslab/checks.py", "anders"),  # the helper package in the wheel and snapshot
        ("lite/jupyter-lite.json", "anders"),  # JupyterLite's configuration
        ("exercises/quizzes/social-learning.yml", "gleich"),  # quizzes are not part of JupyterLite
    ],
)
def test_a_change_invalidates_exactly_what_depends_on_it(project: Path, relative: str, effect: str) -> None:
    assert changed(project, relative) == effect


def test_another_pinned_pyodide_release_invalidates(project: Path) -> None:
    before = lite_key(project)
    package = project / "node_modules" / "pyodide" / "package.json"
    package.write_text(json.dumps({"name": "pyodide", "version": "314.0.7"}), "utf-8")
    assert lite_key(project) != before


def test_a_changed_kernel_wheel_invalidates(project: Path) -> None:
    before = lite_key(project)
    wheel = next((project / WHEEL_CACHE).glob("*.whl"))
    wheel.unlink()
    wheel.write_bytes(b"another build of the same wheel")
    assert lite_key(project) != before
