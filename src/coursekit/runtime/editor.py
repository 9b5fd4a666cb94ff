"""The CodeMirror bundle for the in-page exercises: esbuild (pinned in package.json) makes one file."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

ENTRY = Path(__file__).with_name("editor.mjs")
CACHE = Path(".cache") / "editor"


class EditorBundleError(Exception):
    pass


def _node_modules(root: Path) -> Path:
    """The nearest node_modules at or above ``root`` that has esbuild, as Node.js resolves packages."""
    for folder in (root.resolve(), *root.resolve().parents):
        if (folder / "node_modules" / ".bin" / "esbuild").exists():
            return folder / "node_modules"
    raise EditorBundleError("esbuild fehlt. Führen Sie „make setup“ aus (installiert package.json).")


def bundle_editor(root: Path) -> Path:
    """The bundled editor module, made once per entry file and installed npm packages."""
    modules = _node_modules(root)
    installed = modules / ".package-lock.json"  # npm's record of exactly what is installed
    key = hashlib.sha256(ENTRY.read_bytes() + (installed.read_bytes() if installed.is_file() else b"")).hexdigest()
    target = root / CACHE / f"editor-{key[:16]}.js"
    if target.is_file():
        return target
    esbuild = modules / ".bin" / "esbuild"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp.js")
    try:
        subprocess.run(
            [
                str(esbuild),
                str(ENTRY),
                "--bundle",
                "--minify",
                "--format=esm",
                "--target=es2020",
                f"--outfile={partial}",
            ],
            check=True,
            capture_output=True,
            text=True,
            cwd=root,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        raise EditorBundleError(f"Der Code-Editor ließ sich nicht bündeln: {detail[-500:]}") from exc
    partial.replace(target)
    return target
