"""The Pyodide memory snapshot, made under Node.js from the same Pyodide release the site ships."""

from __future__ import annotations

import hashlib
import json
import os
import struct
from pathlib import Path

from . import RuntimeBuildError, run_tool

SNAPSHOT = "snapshot.bin"
MANIFEST = "snapshot.json"
SOURCE_STDLIB = "python_stdlib_quellen.zip"  # npm's standard library as sources, for the page's Python
SCRIPT = Path(__file__).with_name("snapshot.mjs")
CACHE = Path(".cache") / "snapshot"
# Restoring a snapshot larger than Pyodide's default heap fails (Pyodide #6254); a plain snapshot is
# about 30 MiB. Above this size the build stops instead of shipping one every browser must discard.
MAX_BYTES = 48 * 2**20
# The snapshot is a copy of Python's whole heap, about three quarters zeros. The site ships only the
# pages that hold data (pyworker.js puts them back in place): 12 instead of 30 MiB to read back from
# Cache Storage on every visit and to unpack once.
PAGE = 4096
MAGIC = b"KSN1"


def make_snapshot(root: Path, pyodide_dir: Path, wheel: Path, target: Path) -> int:
    """Write the snapshot to ``target`` (made once per Pyodide release and wheel); returns its size."""
    key = hashlib.sha256()
    for part in (pyodide_dir / "pyodide.asm.wasm", pyodide_dir / "python_stdlib.zip", wheel, SCRIPT):
        if part.exists():
            key.update(part.read_bytes())
    cached = root / CACHE / f"{key.hexdigest()[:16]}.bin"
    if not cached.is_file():
        partial = cached.with_suffix(f".{os.getpid()}.tmp")  # own name: parallel builds
        command = ["node", str(SCRIPT), str(pyodide_dir), str(wheel), str(partial)]
        run_tool(command, "Das Python-Speicherabbild", partial, cached)
    size = cached.stat().st_size
    if size > MAX_BYTES:
        raise RuntimeBuildError(
            f"Das Python-Speicherabbild ist {size / 2**20:.0f} MiB groß (höchstens {MAX_BYTES // 2**20} MiB); "
            "importieren Sie in runtime/snapshot.mjs weniger."
        )
    target.write_bytes(sparse(cached.read_bytes()))
    # The page keeps the snapshot unpacked in the browser's Cache Storage under this version, so a
    # second visit skips unpacking 31 MB from the HTTP cache; the heap's size lets Pyodide start setting
    # up before the snapshot has been read (pyworker.js).
    manifest = {"version": cached.stem, "heap": size}
    target.with_name(MANIFEST).write_text(json.dumps(manifest), "utf-8")
    return size


def sparse(heap: bytes) -> bytes:
    """``heap`` without its all-zero pages: MAGIC, then little-endian u32 length, page size and page
    count, the numbers of the pages kept, and those pages (the last may be short)."""
    kept = [n for n in range(0, -(-len(heap) // PAGE)) if heap[n * PAGE : (n + 1) * PAGE].strip(b"\0")]
    header = MAGIC + struct.pack(f"<3I{len(kept)}I", len(heap), PAGE, len(kept), *kept)
    return header + b"".join(heap[n * PAGE : (n + 1) * PAGE] for n in kept)


def expand(packed: bytes) -> bytes:
    """The heap again from ``sparse`` output (the same steps as pyworker.js, for tests)."""
    if packed[:4] != MAGIC:
        raise ValueError("not a sparse snapshot")
    length, page, count = struct.unpack_from("<3I", packed, 4)
    numbers = struct.unpack_from(f"<{count}I", packed, 16)
    heap = bytearray(length)
    offset = 16 + 4 * count
    for n in numbers:
        chunk = packed[offset : offset + min(page, length - n * page)]
        heap[n * page : n * page + len(chunk)] = chunk
        offset += len(chunk)
    return bytes(heap)
