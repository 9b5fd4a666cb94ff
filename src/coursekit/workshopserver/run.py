"""Starting and ending a workshop: addresses, the service under Uvicorn, the end that deletes all."""

from __future__ import annotations

import contextlib
import os
import socket
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from .app import create_app
from .catalogue import load_catalogue
from .store import Store, remove_workshop

PID_FILE = "dienst.pid"


def lan_address() -> str:
    """The laptop's address in the local network (no packet is sent: UDP connect only picks a route)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


@dataclass(frozen=True)
class Addresses:
    join: str
    leader: str


def addresses(host: str, port: int, token: str) -> Addresses:
    return Addresses(
        join=f"http://{host}:{port}/mitmachen",
        # The token rides in the fragment: browsers never send it, so it lands in no log.
        leader=f"http://127.0.0.1:{port}/_workshop/leitung#schluessel={token}",
    )


def running_pid(folder: Path) -> int | None:
    path = folder / PID_FILE
    try:
        pid = int(path.read_text("utf-8").strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def serve(root: Path, site: Path, folder: Path, port: int, bind: str = "0.0.0.0") -> None:
    store = Store(folder)
    catalogue = load_catalogue(root)
    where = addresses(lan_address(), port, store.token)
    app = create_app(store, catalogue, site, where.join)
    (folder / PID_FILE).write_text(str(os.getpid()), "utf-8")
    print("Workshop-Modus: Live-Umfrage und Kurs laufen auf diesem Laptop.", flush=True)
    print(f"  Für Teilnehmende (gleiches WLAN): {where.join}")
    print(f"  Für Sie (Moderation, geheim halten): {where.leader}")
    print("  Beenden mit Strg+C; danach löscht „make workshop-ende“ alle Antworten.", flush=True)
    try:
        uvicorn.run(app, host=bind, port=port, log_level="warning", timeout_graceful_shutdown=2)
    finally:
        with contextlib.suppress(OSError):
            (folder / PID_FILE).unlink()
        store.close()


def end(folder: Path) -> str:
    """Delete all workshop data; refuses while the service still runs."""
    pid = running_pid(folder)
    if pid is not None:
        raise RuntimeError(
            f"Der Workshop-Dienst läuft noch (Prozess {pid}). Beenden Sie ihn zuerst mit Strg+C, dann löschen Sie."
        )
    if remove_workshop(folder):
        return f"Alle Workshop-Daten in {folder} sind gelöscht."
    return f"Es gibt keine Workshop-Daten ({folder} existiert nicht)."
