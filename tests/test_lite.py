"""The JupyterLite part of the built site: what the kernel gets is pinned, local and precompiled."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from coursekit.lite import build_helper_wheel, pinned_wheels, precompiled
from coursekit.runtime.snapshot import expand
from support.course import ROOT

pytestmark = pytest.mark.slow


def test_lock_lists_exactly_the_shipped_wheels_with_their_checksums(built_site: Path) -> None:
    pyodide = built_site / "lite" / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text("utf-8"))
    shipped = sorted(p.name for p in pyodide.glob("*.whl"))
    assert sorted(entry["file_name"] for entry in lock["packages"].values()) == shipped
    assert len(shipped) == len(pinned_wheels(ROOT)) + 1  # the kernel's wheels and kurslab
    for entry in lock["packages"].values():
        assert "/" not in entry["file_name"]  # next to pyodide.mjs, never a URL
        assert entry["sha256"] == hashlib.sha256((pyodide / entry["file_name"]).read_bytes()).hexdigest()
    assert lock["packages"]["kurslab"]["imports"] == ["kurslab"]  # `import kurslab` loads the wheel


def test_snapshot_json_names_the_size_of_the_heap_in_the_snapshot(built_site: Path) -> None:
    pyodide = built_site / "lite" / "static" / "pyodide"
    facts = json.loads((pyodide / "snapshot.json").read_text("utf-8"))
    # pyworker.js gives Pyodide a heap of this size before the snapshot has been read
    assert facts["heap"] == len(expand((pyodide / "snapshot.bin").read_bytes()))


def test_standard_library_and_wheels_ship_as_bytecode(built_site: Path) -> None:
    pyodide = built_site / "lite" / "static" / "pyodide"
    with zipfile.ZipFile(pyodide / "python_stdlib.zip") as stdlib:
        names = set(stdlib.namelist())
    assert "json/__init__.pyc" in names and "json/__init__.py" not in names
    assert not [n for n in names if n.endswith(".py")]
    with zipfile.ZipFile(next(pyodide.glob("ipython-*.whl"))) as wheel:
        names = set(wheel.namelist())
        record = wheel.read(next(n for n in names if n.endswith(".dist-info/RECORD"))).decode()
        tag = wheel.read(next(n for n in names if n.endswith(".dist-info/WHEEL"))).decode()
    assert "IPython/__init__.pyc" in names and "IPython/__init__.py" not in names
    assert "Tag: cp314-none-any" in tag  # bytecode fits Pyodide's Python 3.14 only
    assert "IPython/__init__.pyc,sha256=" in record


def test_precompiled_copy_keeps_every_file_and_is_made_once(tmp_path: Path) -> None:
    wheel = build_helper_wheel(ROOT, tmp_path)
    (compiled,) = precompiled(ROOT, [wheel])
    assert compiled.name == wheel.name.replace("-py3-none-any", "-cp314-none-any")
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(compiled) as target:
        sources = {n for n in source.namelist() if not n.endswith("RECORD")}
        targets = {n.removesuffix("c") for n in target.namelist() if not n.endswith("RECORD")}
        for name in target.namelist():
            if name.endswith(".pyc"):  # hash-based bytecode (PEP 552): reproducible, no file times
                assert target.read(name)[4:8] == (1).to_bytes(4, "little")
    assert targets == sources
    stamp = compiled.stat().st_mtime_ns
    assert precompiled(ROOT, [wheel])[0].stat().st_mtime_ns == stamp  # taken from the cache
