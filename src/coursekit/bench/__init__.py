"""Benchmarks behind `make bench` (scripts/bench.py): figures printed side by side with their baselines."""
