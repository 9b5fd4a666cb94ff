"""Python on the module page: what the build makes for the in-page runner.

``snapshot``: a Pyodide memory snapshot with kurslab imported, so a page boots Python in about a
second. ``editor``: the CodeMirror editor as one bundled file. The browser side lives in
assets/runner.js (page) and assets/pyworker.js (the worker that runs Python).
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class RuntimeBuildError(Exception):
    """A tool of the runtime build (Node.js, esbuild) failed; the message is for editors (German)."""


def run_tool(command: list[str], what: str, partial: Path, target: Path, *, cwd: Path | None = None) -> None:
    """Run ``command``, which writes ``partial``, and move that to ``target`` only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, cwd=cwd, timeout=300)
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        raise RuntimeBuildError(f"{what} ließ sich nicht erzeugen: {detail[-500:]}") from exc
    partial.replace(target)  # a half-written file never counts as made
