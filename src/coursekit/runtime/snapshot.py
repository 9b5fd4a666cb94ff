"""The Pyodide memory snapshot, made under Node.js from the same Pyodide release the site ships."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

SNAPSHOT = "snapshot.bin"
SOURCE_STDLIB = "python_stdlib_quellen.zip"  # npm's standard library as sources, for the page's Python
SCRIPT = Path(__file__).with_name("snapshot.mjs")
CACHE = Path(".cache") / "snapshot"
# Restoring a snapshot larger than Pyodide's default heap fails (Pyodide #6254); a plain snapshot is
# about 30 MiB. Above this size the build stops instead of shipping one every browser must discard.
MAX_BYTES = 48 * 2**20


class SnapshotError(Exception):
    pass


def make_snapshot(root: Path, pyodide_dir: Path, wheel: Path, target: Path) -> int:
    """Write the snapshot to ``target`` (made once per Pyodide release and wheel); returns its size."""
    key = hashlib.sha256()
    for part in (pyodide_dir / "pyodide.asm.wasm", pyodide_dir / "python_stdlib.zip", wheel, SCRIPT):
        if part.exists():
            key.update(part.read_bytes())
    cached = root / CACHE / f"{key.hexdigest()[:16]}.bin"
    if not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".tmp")
        try:
            subprocess.run(
                ["node", str(SCRIPT), str(pyodide_dir), str(wheel), str(partial)],
                check=True,
                capture_output=True,
                text=True,
                timeout=300,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            detail = getattr(exc, "stderr", "") or str(exc)
            raise SnapshotError(f"Das Python-Speicherabbild ließ sich nicht erzeugen: {detail[-500:]}") from exc
        partial.replace(cached)
    size = cached.stat().st_size
    if size > MAX_BYTES:
        raise SnapshotError(
            f"Das Python-Speicherabbild ist {size / 2**20:.0f} MiB groß (höchstens {MAX_BYTES // 2**20} MiB); "
            "importieren Sie in runtime/snapshot.mjs weniger."
        )
    shutil.copyfile(cached, target)
    return size
