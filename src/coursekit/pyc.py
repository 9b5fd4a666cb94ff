"""Precompile wheels and the standard library zip to bytecode, for Pyodide's own interpreter.

Runs *inside* Pyodide (under Node.js, see pyc.mjs), so the bytecode matches the browser's Python
exactly (Pyodide 314 ships Python 3.14; the build machine's Python is older). This is what
`pyodide py-compile` does, which needs a host Python equal to Pyodide's. Compiled archives hold
``module.pyc`` in place of ``module.py`` (sourceless, as Pyodide's own packages are); Python then
imports without compiling, which the kernel does for about a thousand modules at every start.

Standard library only; no coursekit imports.
"""

from __future__ import annotations

import base64
import hashlib
import py_compile
import sys
import tempfile
import zipfile
from pathlib import Path

# Hash-based and unchecked: the bytecode does not depend on file times, so builds are reproducible.
MODE = py_compile.PycInvalidationMode.UNCHECKED_HASH
INTERPRETER = f"cp{sys.version_info[0]}{sys.version_info[1]}"


def compiled_wheel_name(name: str) -> str:
    """``pkg-1.0-py3-none-any.whl`` -> ``pkg-1.0-cp314-none-any.whl``: the bytecode fits one Python only."""
    stem, _, _ = name.removesuffix(".whl").rpartition("-")  # drops the platform tag
    stem, _, _ = stem.rpartition("-")  # drops the ABI tag
    stem, _, _ = stem.rpartition("-")  # drops the Python tag
    return f"{stem}-{INTERPRETER}-none-any.whl"


def _bytecode(source: bytes, name: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        py_file, pyc_file = Path(tmp) / "m.py", Path(tmp) / "m.pyc"
        py_file.write_bytes(source)
        py_compile.compile(str(py_file), str(pyc_file), dfile=name, doraise=True, invalidation_mode=MODE)
        return pyc_file.read_bytes()


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def compile_archive(source: str, target: str) -> int:
    """Write ``target``: the archive ``source`` with each compilable .py as .pyc; returns how many."""
    is_wheel = source.endswith(".whl")
    entries: dict[str, bytes] = {}
    compiled = 0
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            data = archive.read(info)
            name = info.filename
            if name.endswith(".py"):
                try:
                    data, name = _bytecode(data, name), name + "c"
                    compiled += 1
                except py_compile.PyCompileError:
                    pass  # kept as source: e.g. a Python-2-only test module
            entries[name] = data
    if is_wheel:
        dist_info = next(n.split("/")[0] for n in entries if n.split("/")[0].endswith(".dist-info"))
        wheel_file = f"{dist_info}/WHEEL"
        entries[wheel_file] = "\n".join(
            f"Tag: {INTERPRETER}-none-any" if line.startswith("Tag:") else line
            for line in entries[wheel_file].decode().splitlines()
        ).encode()
        record = f"{dist_info}/RECORD"
        lines = [_record_line(n, d) for n, d in entries.items() if n != record]
        entries[record] = ("\n".join([*lines, f"{record},,"]) + "\n").encode()
    with zipfile.ZipFile(target, "w") as out:
        for name in sorted(entries, key=lambda n: (".dist-info/" in n, n)):  # metadata last, as in wheels
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            out.writestr(info, entries[name], compress_type=zipfile.ZIP_DEFLATED)
    return compiled
