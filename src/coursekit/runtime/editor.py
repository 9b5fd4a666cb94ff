"""The CodeMirror bundle for the in-page exercises: esbuild (pinned in package.json) makes one file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import RuntimeBuildError, run_tool

ENTRY = Path(__file__).with_name("editor.mjs")
CACHE = Path(".cache") / "editor"


def esbuild_modules(root: Path) -> Path:
    """The nearest node_modules at or above ``root`` that has esbuild, as Node.js resolves packages."""
    for folder in (root.resolve(), *root.resolve().parents):
        if (folder / "node_modules" / ".bin" / "esbuild").exists():
            return folder / "node_modules"
    raise RuntimeBuildError("esbuild fehlt. Führen Sie „make setup“ aus (installiert package.json).")


def bundle_editor(root: Path) -> Path:
    """The bundled editor module, made once per entry file and installed npm packages."""
    modules = esbuild_modules(root)
    installed = modules / ".package-lock.json"  # npm's record of exactly what is installed
    key = hashlib.sha256(ENTRY.read_bytes() + (installed.read_bytes() if installed.is_file() else b"")).hexdigest()
    target = root / CACHE / f"editor-{key[:16]}.js"
    if target.is_file():
        return target
    partial = target.with_suffix(f".{os.getpid()}.tmp.js")  # own name: parallel builds
    esbuild = [str(modules / ".bin" / "esbuild"), str(ENTRY), "--bundle", "--minify", "--format=esm"]
    run_tool([*esbuild, f"--outfile={partial}"], "Der Code-Editor (CodeMirror)", partial, target, cwd=root)
    return target
