"""Running notebooks' code cells in CPython the way Jupyter does: the last expression is the cell's value."""

from __future__ import annotations

import ast
import json
from pathlib import Path


def code_cells(path: Path) -> list[str]:
    notebook = json.loads(path.read_text("utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


def run_cells(path: Path) -> list[str | None]:
    """str() of each code cell's value (None when the cell ends in a statement)."""
    scope: dict[str, object] = {}
    values: list[str | None] = []
    for source in code_cells(path):
        tree = ast.parse(source)
        last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        if last is not None:
            tree.body = tree.body[:-1]
        exec(compile(tree, str(path), "exec"), scope)  # the course's own notebooks
        values.append(
            None if last is None else str(eval(compile(ast.Expression(last.value), str(path), "eval"), scope))
        )
    return values
