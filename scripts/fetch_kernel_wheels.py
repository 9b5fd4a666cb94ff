#!/usr/bin/env python3
"""Download the Pyodide kernel's pinned wheels into .cache/lite-wheels/ (run by make setup)."""

from pathlib import Path

from coursekit.lite import fetch_wheels

root = Path(__file__).resolve().parents[1]
cache = fetch_wheels(root)
print(f"Kernel-Pakete in {cache.relative_to(root)}: {len(list(cache.glob('*.whl')))}")
