"""make bench (scripts/bench.py): build time, page weight and notebook start, each against its stock counterpart.

Prints figures; asserts nothing. Goals (issue 2): build time <= 1.3x, compressed bytes <= 1.15x.
Notebook goals: cold time to the first cell output <= 0.5x a stock JupyterLite notebooks app built
from the same notebook, warm <= 2 s, bytes sent <= 1.3x the Pyodide core (compressed).

Bytes are counted by the server as it writes them (gzip where the server compresses), not guessed
from the browser's view, in which a 304 revalidation may look like a 200.

    scripts/bench.py                  everything (several minutes)
    scripts/bench.py --nur notebook   JupyterLite and the in-page exercise, against an already built site/ (2–3 min)
    scripts/bench.py --nur workshop   only the live poll of make workshop under load (issue 15, about 45 s)
    scripts/bench.py --nur skala      only the scale benchmark: generated courses of 10, 50, 200 modules (issue 17;
                                      coursekit/bench/scale.py, 10–20 min; --groessen 10,50 for fewer)
    scripts/bench.py --nur lms        sizes of the LMS packages (issue 14), with and without the Python runtime,
                                      beside the site's size; reuses packages in dist/ newer than the site
    scripts/bench.py --nur uebung     only the in-page exercise (issue 12 goals: cold <= 2 s, warm <= 1 s,
                                      <= 12 MB sent, restart after "Stopp" <= 1 s, cold <= 0.2x JupyterLite)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from .exercise import exercise_part
from .lmspart import lms_part
from .notebook import NOTEBOOK_RUNS, notebook_part
from .sitepart import site_part


def main(root: Path) -> None:
    """``make bench`` for the course in ``root``."""
    # As the Makefile does: mkdocs-material's end-of-life banner would fill the report of every mkdocs
    # the bench starts when it is run without make (scripts/bench.py --nur skala).
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    parser = argparse.ArgumentParser(
        description="Misst Build-Zeit, Seitengewicht und Notebook-Start, jeweils im Vergleich zum Standard."
    )
    parser.add_argument(
        "--nur",
        choices=["alles", "seite", "notebook", "uebung", "workshop", "skala", "lms"],
        default="alles",
        help="nur ein Teil: „seite“ (Build, Seitengewicht, Quiz), „notebook“ (JupyterLite, dann die Übung auf der "
        "Modulseite) oder „uebung“ (nur die Übung auf der Modulseite); beide gegen die schon gebaute Website; "
        "„workshop“: die Live-Umfrage von make workshop unter Last; „skala“: erzeugte Kurse mit 10, 50 und 200 "
        "Modulen (Build, unveränderter Build, eine Datei geändert, make check, Vorschau); „lms“: Größe der "
        "LMS-Pakete mit und ohne Python neben der Website (Pakete aus dist/, wenn neuer als die Website)",
    )
    parser.add_argument(
        "--groessen",
        default="10,50,200",
        help="Modulzahlen für --nur skala, durch Kommas getrennt (Standard: %(default)s)",
    )
    parser.add_argument(
        "--site", type=Path, default=root / "site", help="gebaute Website für --nur notebook/uebung/lms (site/)"
    )
    parser.add_argument(
        "--laeufe", type=int, default=NOTEBOOK_RUNS, help="Läufe im Notebook-Teil (Standard: %(default)s)"
    )
    args = parser.parse_args()
    if args.nur == "workshop":  # the live poll under load (issue 15); needs no built site
        from ..workshopserver import bench as workshop_bench

        workshop_bench.run(root)
        return
    if args.nur == "skala":  # generated courses of growing size (issue 17); builds its own courses
        from . import scale

        scale.main(root, tuple(int(n) for n in args.groessen.split(",")))
        return
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        site = site_part(root, work) if args.nur in ("alles", "seite") else args.site.resolve()
        if not (site / "index.html").is_file():
            sys.exit(f"Keine gebaute Website in {site}: zuerst `make site` oder --site ORDNER angeben.")
        lite_cold = notebook_part(root, site, work, args.laeufe) if args.nur in ("alles", "notebook") else None
        if args.nur in ("alles", "notebook", "uebung"):
            exercise_part(site, args.laeufe, lite_cold)
        if args.nur in ("alles", "lms"):
            lms_part(root, site)
