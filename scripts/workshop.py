#!/usr/bin/env python3
"""Workshop mode (make workshop): the course and the live poll for the room's network.

make workshop-ende deletes every answer (scripts/workshop.py --ende).
"""

import argparse
import contextlib
import sys
from pathlib import Path

from coursekit.workshopserver.run import end, serve

ROOT = Path(__file__).resolve().parent.parent

parser = argparse.ArgumentParser(description="Startet den Kurs mit Live-Umfrage im lokalen Netz.")
parser.add_argument("--site", type=Path, default=ROOT / "site", help="gebaute Website (Standard: site/)")
parser.add_argument("--port", type=int, default=8765)
parser.add_argument("--ordner", type=Path, default=ROOT / ".workshop", help="Ordner für die Antworten")
parser.add_argument("--ende", action="store_true", help="alle Antworten löschen und den Ordner entfernen")
args = parser.parse_args()

if args.ende:
    try:
        print(end(args.ordner))
    except RuntimeError as exc:
        sys.exit(str(exc))
    sys.exit(0)
if not (args.site / "index.html").is_file():
    from coursekit.build import BuildFailed, build_site  # mkdocs and friends load only when needed

    print(f"Die Website ist noch nicht gebaut; sie entsteht jetzt in {args.site} …")
    try:
        build_site(ROOT / "mkdocs.yml", args.site)
    except BuildFailed as exc:
        sys.exit(str(exc))
with contextlib.suppress(KeyboardInterrupt):
    serve(ROOT, args.site, args.ordner, args.port)
