"""The site's snapshot file leaves out the heap's all-zero pages; pyworker.js puts them back."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from coursekit.runtime.snapshot import MAGIC, PAGE, expand, sparse

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "src" / "coursekit" / "assets" / "pyworker.js"


def heap() -> bytes:
    """Data pages between zero pages, a page with a single byte set, and a short last page."""
    data = bytearray(PAGE * 6 + 100)
    data[0:10] = b"0123456789"
    data[PAGE * 2 + PAGE - 1] = 7  # last byte of page 2
    data[PAGE * 4 : PAGE * 5] = bytes(range(256)) * (PAGE // 256)
    data[-1] = 9  # in the short last page
    return bytes(data)


def test_sparse_keeps_only_pages_with_data_and_expands_to_the_same_bytes() -> None:
    packed = sparse(heap())
    assert packed[:4] == MAGIC
    assert len(packed) == 16 + 4 * 4 + 3 * PAGE + 100  # header, four page numbers, pages 0, 2, 4 and the short 6
    assert expand(packed) == heap()


def test_all_zero_and_empty_heaps_round_trip() -> None:
    for data in (b"", bytes(PAGE * 3)):
        assert expand(sparse(data)) == data
        assert len(sparse(data)) == 16  # header only


def with_worker_expand(script: str) -> subprocess.CompletedProcess[str]:
    """``script`` run under Node after the worker's own expandSnapshot."""
    source = WORKER.read_text("utf-8")
    start = source.index("function expandSnapshot")
    end = source.index("\n}\n", start) + 3
    return subprocess.run(["node", "-e", source[start:end] + script], capture_output=True, text=True, check=False)


def reading_packed(tmp_path: Path) -> str:
    """JavaScript that reads the packed test heap into ``packed`` (and has ``fs``)."""
    path = tmp_path / "packed.bin"
    path.write_bytes(sparse(heap()))
    return f"const fs = require('fs'); const packed = new Uint8Array(fs.readFileSync({json.dumps(str(path))}));"


def test_worker_expands_the_file_as_python_does(tmp_path: Path) -> None:
    """The worker's expandSnapshot, run under Node, gives back the heap byte for byte."""
    result = with_worker_expand(
        reading_packed(tmp_path)
        + "const heap = expandSnapshot(packed);"
        + f"fs.writeFileSync({json.dumps(str(tmp_path / 'heap.bin'))}, heap);"
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "heap.bin").read_bytes() == heap()


def test_worker_refuses_a_file_in_another_format() -> None:
    result = with_worker_expand("expandSnapshot(new Uint8Array(64));")
    assert result.returncode != 0
    assert "Unbekanntes Format" in result.stderr


def test_python_refuses_a_file_in_another_format() -> None:
    with pytest.raises(ValueError, match="not a sparse snapshot"):
        expand(bytes(64))


def test_worker_expands_into_a_heap_made_beforehand_only_of_the_right_size(tmp_path: Path) -> None:
    """The heap Pyodide got before the file was read (its size from snapshot.json) is filled in place."""
    result = with_worker_expand(
        reading_packed(tmp_path)
        + f"const heap = new Uint8Array({len(heap())});"
        + "if (expandSnapshot(packed, heap) !== heap) throw new Error('not in place');"
        + f"fs.writeFileSync({json.dumps(str(tmp_path / 'heap.bin'))}, heap);"
        + f"expandSnapshot(packed, new Uint8Array({len(heap()) + PAGE}));"
    )
    assert (tmp_path / "heap.bin").read_bytes() == heap()
    assert result.returncode != 0 and "Speicherabbild:" in result.stderr  # a heap of another size is refused
