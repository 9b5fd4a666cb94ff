#!/usr/bin/env python3
"""Print handouts and the facilitator handbook of a built site to PDF into any folder (`make site` already
prints them into site/pdf/)."""

import sys
from pathlib import Path

from coursekit.pdf import export

site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
target = Path(sys.argv[2] if len(sys.argv) > 2 else "pdf")
if not (site / "index.html").is_file():
    sys.exit(f"Keine gebaute Website in {site}/ – zuerst: make site")
for path in export(site, target):
    print(f"geschrieben: {path} ({path.stat().st_size // 1024} KB)")
