#!/usr/bin/env bash
# Prints a Python >= 3.12 that can create virtual environments (pyodide-build needs 3.12+).
set -u
for candidate in "${PYTHON:-}" python3.13 python3.12 python3 \
    /root/.pyenv/versions/3.13*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if "$path" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
echo "Kein Python ab Version 3.12 mit venv gefunden (Debian: apt-get install python3 python3-venv)." >&2
exit 1
