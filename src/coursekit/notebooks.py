"""The exercise notebooks as learners read them on a module page: executed once per content version.

The build runs every notebook in CPython (nbclient with ipykernel) in the same folder layout as in
JupyterLite, keeps the executed copy in .cache/notebooks/ under the notebook's versioned path, and
renders it with mkdocs-jupyter into Markdown that the module page embeds. A cell that raises is an
editor's error with the notebook's path and the cell's line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .lite import notebook_path, write_notebook_folder

CACHE = Path(".cache") / "notebooks"
TEMPLATE = Path(__file__).resolve().parent / "templates" / "notebook.md.j2"
TIMEOUT_S = 120
# Headings move two levels down: the notebook's title sits under the module's H2 section.
HEADING_SHIFT = 2


class NotebookError(Exception):
    """A notebook cell failed; carries the line of the cell in the notebook file and a German message."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _cell_line(notebook: Path, index: int) -> int:
    """The line of the ``index``-th cell in the notebook's JSON (1 when not found)."""
    starts = [n for n, text in enumerate(notebook.read_text("utf-8").splitlines(), 1) if '"cell_type"' in text]
    return starts[index] if index < len(starts) else 1


def executed_copy(root: Path, notebook: Path) -> Path:
    """The executed copy of ``notebook``, made now unless this content version ran before."""
    target = root / CACHE / notebook_path(root, notebook)
    if target.is_file():
        return target
    # Imported here, not at the top: nbformat and nbconvert take seconds to import (nbformat's schema
    # validation brings a grammar compiled at import), and a build whose notebooks are cached needs neither.
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    with tempfile.TemporaryDirectory(prefix="notebook-") as tmp:
        copy = write_notebook_folder(root, notebook, Path(tmp))
        nb = nbformat.read(copy, as_version=4)
        client = NotebookClient(
            nb,
            kernel_name="python3",
            timeout=TIMEOUT_S,
            resources={"metadata": {"path": str(copy.parent)}},
            # The kernel is a local child process; its log (a warning about TCP on localhost) is not
            # for editors. Cell errors still arrive as messages.
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
        try:
            client.execute()
        except CellTimeoutError as error:
            raise NotebookError(1, f"Eine Zelle lief länger als {TIMEOUT_S} Sekunden ({error}).") from error
        except CellExecutionError as error:
            failed = next(
                (
                    i
                    for i, cell in enumerate(nb.cells)
                    if any(out.get("output_type") == "error" for out in cell.get("outputs", []))
                ),
                0,
            )
            raise NotebookError(
                _cell_line(notebook, failed),
                f"Die Zelle bricht mit {error.ename}: {error.evalue} ab. Ein Übungs-Notebook muss ohne Fehler "
                "durchlaufen; prüfen Sie die Zelle (in JupyterLite oder mit „make test“).",
            ) from error
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")  # own name: parallel builds
        nbformat.write(nb, partial)
        partial.replace(target)  # a half-written copy never counts as done
    return target


def _shift_headings(source: str) -> str:
    out, fenced = [], False
    for line in source.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,4} ", line):
            line = "#" * HEADING_SHIFT + line
        out.append(line)
    return "\n".join(out)


def cell_hash(source: str) -> str:
    """Version of a code cell as written in the course: a learner's edit is kept while it stays the same."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]


def solutions(notebook: Path) -> dict[str, str]:
    """Cell id -> complete code, for the cells whose gaps the learner fills (metadata ``kurs.loesung``)."""
    return {cell_id: code for cell_id, _task, code in solution_steps(notebook)}


def solution_steps(notebook: Path) -> list[tuple[str, str, str]]:
    """(cell id, heading of the task above it, complete code) for each cell with a gap, in notebook order."""
    try:  # read leniently: validation (make check) reads notebooks that are not executed or not yet complete
        cells = json.loads(notebook.read_text("utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return []
    steps: list[tuple[str, str, str]] = []
    task = ""
    for cell in cells:
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if cell.get("cell_type") == "markdown":
            headings = [line.lstrip("#").strip() for line in source.splitlines() if line.startswith("#")]
            task = headings[-1] if headings else task
            continue
        kurs = cell.get("metadata", {}).get("kurs")
        if isinstance(kurs, dict) and kurs.get("loesung"):
            solution = kurs["loesung"]
            steps.append((str(cell.get("id", "")), task, "".join(solution) if isinstance(solution, list) else solution))
    return steps


@lru_cache(maxsize=32)
def rendered(executed: Path) -> str:
    """Markdown (with raw HTML for outputs) of an executed notebook, for embedding in a module page.

    Kept beside the executed copy, keyed by its content, the template, this code and the versions of
    the converters: nbconvert's exporter takes about 0.3 s per notebook."""
    key = hashlib.sha256(executed.read_bytes())
    for part in (TEMPLATE, Path(__file__)):
        key.update(part.read_bytes())
    for package in ("mkdocs-jupyter", "nbconvert", "mistune"):
        key.update(metadata.version(package).encode())
    cached = executed.with_name(f"seite-{key.hexdigest()[:16]}.md")
    if cached.is_file():
        return cached.read_text("utf-8")
    text = _render(executed)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(text, "utf-8")
    partial.replace(cached)
    return text


def _render(executed: Path) -> str:
    import nbformat  # see executed_copy
    from mkdocs_jupyter.convert import nb2html

    nb = nbformat.read(executed, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _shift_headings(cell.source)
        else:
            cell.metadata["ck_hash"] = cell_hash(cell.source)
    with tempfile.TemporaryDirectory(prefix="render-") as tmp:
        shifted = Path(tmp) / executed.name
        nbformat.write(nb, shifted)
        body = nb2html(
            str(shifted),
            custom_template=str(TEMPLATE),
            markdown_cell_processor="mkdocs",
            include_mathjax=False,
            include_mermaidjs=False,
        )
    # nb2html appends the Pygments style sheet for its own template; the course styles code itself.
    return re.sub(r"\s*<style>.*?</style>\s*$", "\n", str(body), flags=re.S)
