#!/usr/bin/env python3
"""Serve the built site on 127.0.0.1 (make serve)."""

import argparse
import contextlib
import threading
from pathlib import Path

from coursekit.serve import make_server, precompress

parser = argparse.ArgumentParser(description="Stellt die gebaute Website lokal bereit.")
parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
parser.add_argument("--port", type=int, default=8000)
args = parser.parse_args()
server = make_server(args.site, args.port)
# Compress in the background what a first visit would otherwise wait for (Pyodide's 9.6 MB wasm: ~1 s).
threading.Thread(target=precompress, args=(args.site,), daemon=True).start()
print(f"Kurs läuft auf http://127.0.0.1:{server.server_port}/ (Beenden mit Strg+C)")
with contextlib.suppress(KeyboardInterrupt):
    server.serve_forever()
