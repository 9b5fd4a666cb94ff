"""The course's own scripts and styles, minified by esbuild (pinned in package.json) for the site.

Each file stays a file of its own (no bundle): pages still load only what they use, and the modules
import each other by name as in the sources. Minifying takes about a third off what a module page
sends of them (gzip). The result is kept in ``.cache/minified/<hash of every file>/`` and made again
when any file, or the installed esbuild, changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from ..runtime import run_tool
from ..runtime.editor import esbuild_modules

CACHE = Path(".cache") / "minified"
SUFFIXES = (".js", ".css")


def minified(root: Path, assets: list[Path]) -> dict[str, Path]:
    """File name -> minified copy of each of ``assets`` (JavaScript modules and style sheets)."""
    modules = esbuild_modules(root)
    installed = modules / ".package-lock.json"
    digest = hashlib.sha256(installed.read_bytes() if installed.is_file() else b"")
    for asset in sorted(assets):
        digest.update(asset.name.encode() + b"\0" + hashlib.sha256(asset.read_bytes()).digest())
    folder = root / CACHE / digest.hexdigest()[:16]
    if not folder.is_dir():
        partial = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")  # own name: parallel builds
        shutil.rmtree(partial, ignore_errors=True)
        command = [str(modules / ".bin" / "esbuild"), *map(str, sorted(assets)), "--minify", "--log-level=warning"]
        run_tool(
            [*command, f"--outdir={partial}"],
            "Die verkleinerte Fassung der Skripte und Stile des Kurses",
            partial,
            folder,
            cwd=root,
        )
        for old in folder.parent.iterdir():  # earlier versions
            if old != folder and not old.name.endswith(".tmp"):
                shutil.rmtree(old, ignore_errors=True)
    return {asset.name: folder / asset.name for asset in assets}
