#!/usr/bin/env python3
"""Scaffold a module: new_module.py ID "Titel" (make new-module ID=... TITEL=...)."""

import sys
from pathlib import Path

from coursekit.scaffold import ScaffoldError, new_module

if len(sys.argv) != 3:
    sys.exit('Aufruf: make new-module ID=mein-modul TITEL="Mein Modul"')
try:
    page = new_module(Path.cwd(), sys.argv[1], sys.argv[2])
except ScaffoldError as exc:
    sys.exit(f"Fehler: {exc}")
print(f"Angelegt: {page.relative_to(Path.cwd())} (und in mkdocs.yml unter „nav:“ eingetragen)")
print(f"          exercises/quizzes/{sys.argv[1]}.yml (Selbstcheck mit einer Beispielfrage)")
print("Ersetzen Sie die Platzhaltertexte. Welche noch fehlen, zeigt: make check")
