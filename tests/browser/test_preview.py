"""`make preview`: a content error shows in the previewed page itself and goes away after the fix.

Runs the real `mkdocs serve --livereload` on a copy of the course, edits a module like an editor would
and watches the open page in Chromium.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser.conftest import fresh_page
from coursekit.bench.browser import RequestRecorder
from support.browser import axe_violations
from support.course import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MODULE = "docs/module/social-learning.md"
BANNER = ".ck-preview-problems"
OVERHEAD = 6.0  # seconds between the end of a rebuild and the page showing it, on a loaded machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_served(url: str, server: subprocess.Popen[str], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError("mkdocs serve ist vorzeitig beendet.")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("mkdocs serve hat die Vorschau nicht rechtzeitig bereitgestellt.")


class ServerLog:
    """The lines `mkdocs serve` prints, each with the moment it arrived."""

    def __init__(self, server: subprocess.Popen[str]) -> None:
        self.lines: list[tuple[float, str]] = []
        assert server.stdout is not None
        stream = server.stdout
        reader = threading.Thread(target=lambda: self.lines.extend((time.monotonic(), x) for x in stream), daemon=True)
        reader.start()

    def rebuild_seconds(self, after: float) -> float:
        """How long mkdocs says its first rebuild after ``after`` took."""
        for when, line in list(self.lines):
            match = re.search(r"Documentation built in ([\d.]+) seconds", line)
            if when > after and match:
                return float(match.group(1))
        raise AssertionError("mkdocs serve hat nach dem Speichern nicht neu gebaut.")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, ServerLog]]:
    """A copy of the course (with the caches of executed notebooks and the editor) under `mkdocs serve`."""
    project = tmp_path_factory.mktemp("vorschau") / "kurs"
    project.mkdir()
    for name in ("docs", "exercises", "includes", "packages"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    if (ROOT / "site" / "lite" / "static" / "pyodide").is_dir():  # the last full build, as `make site` leaves it
        (project / "site").mkdir()
        (project / "site" / "lite").symlink_to(ROOT / "site" / "lite", target_is_directory=True)
    for cache in ("notebooks", "editor"):
        if (ROOT / ".cache" / cache).is_dir():
            shutil.copytree(ROOT / ".cache" / cache, project / ".cache" / cache)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"]
    server = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    log = ServerLog(server)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_served(url + "/", server)
        yield project, url, log
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def preview_page(
    browser: Browser, recorder: RequestRecorder, preview: tuple[Path, str, ServerLog], request: pytest.FixtureRequest
) -> Iterator[Page]:
    with fresh_page(browser, recorder, preview[1], request) as page:
        yield page


def _banner_text(page: Page) -> str:
    banner = page.locator(BANNER)
    return banner.inner_text() if banner.count() else ""


def test_an_error_shows_in_the_page_within_seconds_and_goes_away_after_the_fix(
    preview: tuple[Path, str, ServerLog], preview_page: Page
) -> None:
    project, _, log = preview
    page = preview_page
    source = project / MODULE
    original = source.read_text("utf-8")
    page.goto("/module/social-learning/")
    place = f"{MODULE}:{original.splitlines().index('duration: 90') + 1}"
    assert place not in _banner_text(page)

    broken = original.replace("duration: 90", 'duration: "90 Minuten"', 1)
    assert broken != original
    saved = time.monotonic()
    source.write_text(broken, "utf-8")
    page.wait_for_function(
        "([sel, place]) => document.querySelector(sel)?.textContent.includes(place)", arg=[BANNER, place], timeout=30000
    )
    shown_after = time.monotonic() - saved
    banner = page.locator(BANNER)
    assert "ganze Zahl" in banner.inner_text()
    assert banner.get_attribute("role") == "alert"
    # Escaped text: the editor's value appears as written, nothing of it became markup.
    assert "'90 Minuten'" in banner.inner_text()
    assert page.locator(f"{BANNER} script").count() == 0
    assert axe_violations(page) == []

    fixed = time.monotonic()
    source.write_text(original, "utf-8")
    page.wait_for_function(
        "([sel, place]) => !(document.querySelector(sel)?.textContent ?? '').includes(place)",
        arg=[BANNER, place],
        timeout=30000,
    )
    gone_after = time.monotonic() - fixed
    built, rebuilt = log.rebuild_seconds(saved), log.rebuild_seconds(fixed)
    print(
        f"Vorschau: Fehler nach {shown_after:.1f} s sichtbar (Neubau {built:.1f} s), "
        f"nach der Korrektur {gone_after:.1f} s weg (Neubau {rebuilt:.1f} s)"
    )
    # mkdocs rebuilds the whole course on each save: about 3 s on an idle machine, up to ten times that
    # on a busy test machine. Noticing the save (polling every 0.5 s) and reloading the page come on top;
    # on an idle machine the page shows the new state within 2 s of the rebuild, here a margin for load.
    assert shown_after - built < OVERHEAD
    assert gone_after - rebuilt < OVERHEAD


def test_exercise_links_work_or_the_page_says_why_not(preview: tuple[Path, str, ServerLog], preview_page: Page) -> None:
    project, url, _ = preview
    page = preview_page
    page.goto("/module/interne-moocs/")
    exercise = page.locator(".ck-exercise").first
    notes = page.locator("p.ck-preview-note")
    links = page.locator("a.md-button[href*='lite/notebooks/']")
    if not (project / "site" / "lite").is_dir():  # no full build yet: no dead link, an explanation instead
        assert links.count() == 0
        expect(notes.first).to_contain_text("make site")
        return
    # With the last full build, each link opens a notebook that is there, or the page says why not.
    for href in links.evaluate_all("links => links.map(a => a.href)"):
        notebook = re.search(r"path=([^&]+)", href)
        assert notebook is not None
        with urllib.request.urlopen(f"{url}/lite/files/{notebook.group(1)}", timeout=10) as response:
            assert response.status == 200
    assert links.count() + notes.count() >= 1
    # ... and Python runs on the page, from the same build.
    exercise.scroll_into_view_if_needed()
    cell = exercise.locator(".ck-cell").first
    cell.get_by_role("button", name="Ausführen").click()
    output = cell.locator(".ck-run-output")
    expect(output).to_contain_text("woche", timeout=120000)
