"""Running notebooks' code cells in CPython the way Jupyter does: the last expression is the cell's value.

A task cell leaves a gap (``...``) where the learner writes; its full solution is in the cell's metadata
(``metadata.kurs.loesung``). Cells run either as written or with every solution put in.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

Cell = dict[str, Any]


def source(cell: Cell) -> str:
    text = cell["source"]
    return "".join(text) if isinstance(text, list) else str(text)


def solution(cell: Cell) -> str | None:
    """The cell's full solution from its metadata, or None for a cell without a gap."""
    found = cell.get("metadata", {}).get("kurs", {}).get("loesung")
    return found if isinstance(found, str) else None


def cells(path: Path, kind: str = "code") -> list[Cell]:
    notebook = json.loads(path.read_text("utf-8"))
    return [cell for cell in notebook["cells"] if cell["cell_type"] == kind]


def gap_lines(code: str) -> list[int]:
    """The line (1-based) of each Ellipsis ``...`` in the code: the gaps a learner fills in."""
    return sorted(
        node.lineno for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Constant) and node.value is ...
    )


def code_cells(path: Path, solved: bool = False) -> list[str]:
    """Each code cell's code: as written, or with the solution from its metadata where it has one."""
    return [(solution(cell) or source(cell)) if solved else source(cell) for cell in cells(path)]


def run_cells(path: Path, solved: bool = False) -> list[str | None]:
    """str() of each code cell's value (None when the cell ends in a statement)."""
    scope: dict[str, object] = {}
    values: list[str | None] = []
    for code in code_cells(path, solved):
        tree = ast.parse(code)
        last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        if last is not None:
            tree.body = tree.body[:-1]
        exec(compile(tree, str(path), "exec"), scope)  # the course's own notebooks
        values.append(
            None if last is None else str(eval(compile(ast.Expression(last.value), str(path), "eval"), scope))
        )
    return values
