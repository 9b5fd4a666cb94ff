#!/usr/bin/env python3
"""make bench: figures printed beside their baselines (coursekit/bench/cli.py; --help for the parts)."""

from pathlib import Path

from coursekit.bench.cli import main

if __name__ == "__main__":
    main(Path(__file__).resolve().parent.parent)
