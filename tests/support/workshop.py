"""A small course with poll questions for the workshop tests (a copy of tests/sites/quiz)."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from coursekit.workshopserver.app import create_app
from coursekit.workshopserver.catalogue import load_catalogue
from coursekit.workshopserver.store import Store
from support.course import SITES

POLLED = {"eins": ["einfach", "mehrfach", "wahr"], "zwei": ["angriff"]}


def poll_course(target: Path) -> Path:
    """Copy the quiz fixture course to ``target`` and mark some questions with ``poll: true``."""
    shutil.copytree(SITES / "quiz", target, ignore=shutil.ignore_patterns("site"))
    for quiz, ids in POLLED.items():
        path = target / "exercises" / "quizzes" / f"{quiz}.yml"
        text = path.read_text("utf-8")
        for qid in ids:
            text, found = re.subn(
                rf"(\n  - id: {qid}\n(?:    objective: \w+\n)?    type: \w+\n)", r"\1    poll: true\n", text
            )
            assert found == 1, (quiz, qid)
        path.write_text(text, "utf-8")
    return target


@contextmanager
def serving_workshop(root: Path, site: Path, folder: Path) -> Iterator[tuple[str, Store]]:
    """The workshop service under a real Uvicorn on 127.0.0.1 with a free port (bound before use)."""
    store = Store(folder)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    app = create_app(store, load_catalogue(root), site, f"{url}/mitmachen")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "Der Workshop-Dienst ist nicht gestartet."
        time.sleep(0.02)
    try:
        yield url, store
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
        store.close()
