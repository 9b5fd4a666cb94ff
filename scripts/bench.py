#!/usr/bin/env python3
"""make bench: build time, first-load page weight and notebook start, each against its stock counterpart.

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
import gzip
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from coursekit import buildrecord  # noqa: E402
from coursekit.lite import KURSLAB, PYODIDE_FILES, kernel_wheels, notebook_path, stage_pyodide, write_notebook_folder  # noqa: E402
from coursekit.serve import Served, compressible, encoded_size, make_server  # noqa: E402
from support.browser import QUIET_CHROMIUM, chromium_path  # noqa: E402
from support.recorder import RequestRecorder  # noqa: E402

RUNS = 5
PAGE = "/module/social-learning/"
QUIZ_ANCHOR = "quiz-social-learning"  # the heading of PAGE's quiz
SETTLE_MS = 4000
STOCK_CONFIG = """\
site_name: Stock
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  language: de
"""


@contextmanager
def serving(site: Path) -> Iterator[tuple[str, list[Served]]]:
    """Serve ``site`` on a free port; yields the base URL and the server's record of every answer."""
    log: list[Served] = []
    server = make_server(site, quiet=True, on_response=log.append)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", log
    finally:
        server.shutdown()
        server.server_close()


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


@dataclass
class BuildFigures:
    changed: list[float]  # the course's build after a change to its content (caches of unchanged parts kept)
    unchanged: list[float]  # the same build again: nothing changed
    stock: list[float]


def build_times(work: Path) -> tuple[BuildFigures, Path, Path]:
    ours_site, stock_site = work / "ours", work / "stock"
    stock_yml = work / "stock.yml"
    stock_yml.write_text(STOCK_CONFIG.format(docs=ROOT / "docs", site=stock_site), "utf-8")
    figures = BuildFigures([], [], [])
    build = [sys.executable, "scripts/build.py", "--site-dir", str(ours_site)]
    for _ in range(RUNS):  # interleaved, so drift in machine speed hits both alike
        buildrecord.forget(ROOT, ours_site)  # as after an edit: the whole site is built again
        figures.changed.append(timed(build))
        figures.unchanged.append(timed(build))
        figures.stock.append(timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(stock_yml)]))
    return figures, ours_site, stock_site


def page_weight(site: Path, recorder: RequestRecorder) -> tuple[int, int, int, int]:
    """(requests, raw bytes, bytes sent, requests to other hosts) for a first visit of PAGE."""
    recorder.requests.clear()
    with serving(site) as (base, log), sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path(), args=[*QUIET_CHROMIUM, f"--proxy-server={recorder.url}"]
        )
        page = browser.new_context().new_page()
        page.goto(base + PAGE, wait_until="networkidle")
        page.wait_for_timeout(500)
        browser.close()
        served = list(log)
    raw = sum(s.file_bytes for s in served if s.status == 200)
    return len(served), raw, sum(s.body_bytes for s in served), len(recorder.requests)


def custom_assets(site: Path) -> list[tuple[str, int, int]]:
    """(name, raw bytes, gzip bytes) of the course's own JS and CSS as the site ships them (minified)."""
    shipped = site / "assets" / "coursekit"
    return [
        (p.name, len(p.read_bytes()), len(gzip.compress(p.read_bytes(), 6)))
        for p in sorted(shipped.iterdir())
        if p.suffix in (".js", ".css") and p.name != "editor.js"  # CodeMirror: a package, reported with the exercise
    ]


# What a module page with a quiz loads of them (course.css, course.js and the modules announced in <head>).
MODULE_PAGE_ASSETS = {"course.css", "course.js", "store.js", "standing.js", "quiz.js", "score.js"}


def fresh_visits(site: Path, visit: Callable[[Page, str], float], runs: int = RUNS) -> list[float]:
    """``visit(page, url of PAGE)`` once per run, each in a fresh browser profile; its figures."""
    times = []
    with serving(site) as (base, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=QUIET_CHROMIUM)
        for _ in range(runs):
            page = browser.new_context().new_page()
            times.append(visit(page, base + PAGE))
            page.context.close()
        browser.close()
    return times


def dom_ready(page: Page, url: str) -> float:
    """DOMContentLoaded: before it, no script of any theme can make a quiz usable."""
    page.goto(url, wait_until="domcontentloaded")
    return float(page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"))


def quiz_interactive(page: Page, url: str) -> float:
    """A first visit that follows a link to the quiz (PAGE#QUIZ_ANCHOR): milliseconds from navigation start
    until the quiz is initialised. The driver only asks now and then: its own scrolling and waiting ran
    scripts in the page that cost it about 0.2 s here."""
    page.goto(f"{url}#{QUIZ_ANCHOR}", wait_until="commit")
    while not page.evaluate("performance.getEntriesByName('kurs:quiz').length"):
        page.wait_for_timeout(50)
    return quiz_mark(page)


def quiz_mark(page: Page) -> float:
    """When the quiz was initialised, by the page's own clock (User Timing mark of quiz.js)."""
    return float(page.evaluate("performance.getEntriesByName('kurs:quiz').at(-1).startTime"))


def quiz_after_link(page: Page, url: str) -> float:
    """In the course: on the module overview, a click on a link to the quiz of PAGE, which mkdocs-material's
    instant navigation follows without loading a new document; milliseconds from the click event until
    the quiz is initialised, both by the page's clock."""
    page.goto(urljoin(url, "../"))
    page.wait_for_timeout(SETTLE_MS)  # a learner reads before clicking: the page's own start is over
    anchor = page.evaluate(
        """(href) => {
            const link = Object.assign(document.createElement("a"), { href, textContent: "Zum Quiz" });
            document.querySelector(".md-content__inner").append(link);
            addEventListener("click", (event) => { window.kursBenchClick = event.timeStamp; }, { capture: true });
            return link.href;
        }""",
        urljoin(url, "#" + QUIZ_ANCHOR),
    )
    page.get_by_role("link", name="Zum Quiz").click()
    page.wait_for_url(anchor)
    page.locator(".ck-quiz[data-ready='1']").wait_for(state="attached")
    if page.evaluate("window.kursBenchClick") is None:
        sys.exit("Die Navigation im Kurs hat die Seite neu geladen: navigation.instant wirkt nicht.")
    return quiz_mark(page) - float(page.evaluate("window.kursBenchClick"))


NOTEBOOK_RUNS = 2  # keeps --nur notebook near 1–2 minutes; raise with --laeufe
NOTEBOOK_SOURCE = ROOT / "exercises" / "notebooks" / "mooc-trichter.ipynb"
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
# Stock apart from what running offline needs: no CDN for Pyodide, no PyPI.
STOCK_LITE_CONFIG = {
    "jupyter-lite-schema-version": 0,
    "jupyter-config-data": {
        "litePluginSettings": {
            KERNEL_PLUGIN: {"pyodideUrl": "./static/pyodide/pyodide.mjs", "disablePyPIFallback": True}
        }
    },
}


def precompress_app(folder: Path) -> int:
    """Fill the server's gzip cache ahead of the timed visits, as a server with ready .gz files would be.

    Source maps are skipped: a browser fetches them only with developer tools open.
    """
    files = [p for p in folder.rglob("*") if p.is_file() and p.suffix != ".map" and compressible(p)]
    for path in files:
        encoded_size(path)
    return len(files)


def notebook_url() -> str:
    return "/lite/notebooks/index.html?path=" + notebook_path(ROOT, NOTEBOOK_SOURCE)


def run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        what = f"{Path(command[0]).name} {command[1]}"
        sys.exit(f"{what} ist fehlgeschlagen:\n{(result.stderr or result.stdout)[-3000:]}")


def build_stock_lite(work: Path) -> tuple[Path, float]:
    """A stock JupyterLite (default apps, source maps kept) with the course's Pyodide, kernel wheels and
    notebook folder; returns the folder to serve (the app sits in its lite/) and the build's seconds."""
    bin_dir = Path(sys.executable).parent
    lite_dir = work / "stock-lite"
    stage_pyodide(ROOT, lite_dir / "static" / "pyodide", kernel_wheels(ROOT), work, compiled=False)
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(STOCK_LITE_CONFIG, indent=2), "utf-8")
    # The notebook folder as in the course, but the helper package as sources beside it (the stock way).
    contents = work / "stock-contents"
    folder = write_notebook_folder(ROOT, NOTEBOOK_SOURCE, contents).parent
    shutil.copytree(ROOT / KURSLAB / "kurslab", folder / "kurslab")
    served = work / "stock-site"
    start = time.perf_counter()
    run(
        [str(bin_dir / "jupyter"), "lite", "build", "--contents", str(contents), "--output-dir", str(served / "lite")],
        lite_dir,
    )
    return served, time.perf_counter() - start


@dataclass
class Visit:
    seconds: float
    requests: int
    revalidated: int  # 304 answers
    raw: int  # file sizes of the 200 answers
    sent: int  # body bytes the server wrote (compressed where it compresses)


def first_output(context: BrowserContext, base: str, log: list[Served]) -> Visit:
    """Open the notebook, run its first code cell, and stop the clock at the cell's first output."""
    url = base + notebook_url()
    page = context.new_page()
    log.clear()
    start = time.perf_counter()
    page.goto(url)
    page.locator(".jp-Notebook").wait_for(timeout=120_000)
    page.locator(".jp-CodeCell").first.click()
    page.keyboard.press("Shift+Enter")
    output = page.locator(".jp-OutputArea-output").first
    output.wait_for(timeout=120_000)
    seconds = time.perf_counter() - start
    served = list(log)  # what the server answered up to the first output
    text = output.inner_text()
    page.close()
    if "Error" in text or "Traceback" in text:  # a failing cell would make the time meaningless
        sys.exit(f"Die erste Zelle lieferte einen Fehler statt einer Ausgabe ({url}):\n{text[:500]}")
    return Visit(
        seconds=seconds,
        requests=len(served),
        revalidated=sum(s.status == 304 for s in served),
        raw=sum(s.file_bytes for s in served if s.status == 200),
        sent=sum(s.body_bytes for s in served),
    )


def cold_and_warm(pw: Playwright, base: str, log: list[Served], recorder: RequestRecorder) -> tuple[Visit, Visit]:
    """A visit with an empty browser profile, then a second visit with the same profile."""
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=chromium_path(), args=[*QUIET_CHROMIUM, f"--proxy-server={recorder.url}"]
        )
        try:
            return first_output(context, base, log), first_output(context, base, log)
        finally:
            context.close()


@dataclass
class NotebookFigures:
    cold: list[Visit]
    warm: list[Visit]
    foreign: int


def notebook_bench(sites: dict[str, Path], runs: int) -> dict[str, NotebookFigures]:
    """Cold and warm visits, runs interleaved across the sites so drift in machine speed hits all alike."""
    figures = {name: NotebookFigures([], [], 0) for name in sites}
    recorder = RequestRecorder()
    with ExitStack() as stack, sync_playwright() as pw:
        servers = {name: stack.enter_context(serving(site)) for name, site in sites.items()}
        for _ in range(runs):
            for name, (base, log) in servers.items():
                recorder.requests.clear()
                cold, warm = cold_and_warm(pw, base, log, recorder)
                figures[name].cold.append(cold)
                figures[name].warm.append(warm)
                figures[name].foreign += len(recorder.requests)
    recorder.close()
    return figures


EXERCISE_PAGE = "/module/interne-moocs/"
STOP_AFTER_MS = 2000


def exercise_output(context: BrowserContext, base: str, log: list[Served]) -> tuple[Visit, float, float]:
    """On the module page: click "Ausführen" of the first cell at once, stop at its first output.

    Then "Stopp" during an endless loop and the time until a cell runs again (a fresh worker)."""
    page = context.new_page()
    log.clear()
    start = time.perf_counter()
    page.goto(base + EXERCISE_PAGE)
    exercise = page.locator(".ck-exercise").first
    exercise.scroll_into_view_if_needed()  # Python boots when the exercise comes near, as for a reader
    first, last = exercise.locator(".ck-cell").first, exercise.locator(".ck-cell").last
    # Clicked as soon as the button is there (enabled from the start; a click waits for Python): the page
    # is watched every frame. A plain click() looks for the button with growing pauses (up to 0.5 s)
    # and measured those pauses as well.
    page.wait_for_function("() => document.querySelector('.ck-exercise .ck-cell-actions button')", polling="raf")
    first.get_by_role("button", name="Ausführen").click()
    first.locator(".ck-run-output > :not(.ck-running)").first.wait_for(timeout=120_000)
    # The page marks when it shows an output (User Timing); that is the time since navigation began,
    # without the test driver's polling (about 0.3 s here).
    seconds = page.evaluate("performance.getEntriesByName('kurs:ausgabe')[0].startTime") / 1000
    wall = time.perf_counter() - start  # as the JupyterLite figures are taken, for the ratio
    served = list(log)
    text = first.locator(".ck-run-output").inner_text()
    if "Fehler" in text or "konnte nicht starten" in text:
        sys.exit(f"Die erste Zelle lieferte einen Fehler statt einer Ausgabe:\n{text[:500]}")
    last.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text("while True:\n    pass")
    last.get_by_role("button", name="Ausführen").click()
    last.get_by_role("button", name="Stopp").wait_for()
    page.wait_for_timeout(STOP_AFTER_MS)  # a learner stops a run that hangs, not one that just began
    last.get_by_role("button", name="Stopp").click()
    first.get_by_role("button", name="Ausführen").click()
    first.locator(".ck-run-output > pre, .ck-run-output > div").first.wait_for(timeout=120_000)
    restarted = page.evaluate(
        "(performance.getEntriesByName('kurs:ausgabe').at(-1).startTime"
        " - performance.getEntriesByName('kurs:stopp')[0].startTime) / 1000"
    )
    page.close()
    visit = Visit(
        seconds=seconds,
        requests=len(served),
        revalidated=sum(s.status == 304 for s in served),
        raw=sum(s.file_bytes for s in served if s.status == 200),
        sent=sum(s.body_bytes for s in served),
    )
    return visit, wall, restarted


def exercise_part(site: Path, runs: int, lite_cold: float | None) -> None:
    """Python on the module page (Pyodide worker from the memory snapshot), cold and warm."""
    cold: list[Visit] = []
    warm: list[Visit] = []
    restarts: list[float] = []
    walls: list[float] = []
    recorder = RequestRecorder()
    with serving(site) as (base, log), sync_playwright() as pw:
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
                context = pw.chromium.launch_persistent_context(
                    profile, executable_path=chromium_path(), args=[*QUIET_CHROMIUM, f"--proxy-server={recorder.url}"]
                )
                try:
                    for visits in (cold, warm):
                        visit, wall, restarted = exercise_output(context, base, log)
                        visits.append(visit)
                        restarts.append(restarted)
                        if visits is cold:
                            walls.append(wall)
                finally:
                    context.close()
    recorder.close()
    print(f"\nÜbung auf der Modulseite ({EXERCISE_PAGE}): vom Aufruf bis zur ersten Ausgabe nach „Ausführen“,")
    print(f"  sofort geklickt; Median aus {runs} Läufen, kalt = leeres Profil, warm = zweiter Besuch. Gemessen")
    print("  mit den Zeitmarken der Seite (performance.mark), ab Beginn der Navigation.")
    print(f"\n  {'':32} {'Median':>7}  {'Läufe':<20} {'Anfragen':>8} {'davon 304':>9} {'roh':>10} {'gesendet':>10}")
    for label, visits, goal in (("kalt", cold, "≤ 2 s"), ("warm", warm, "≤ 1 s")):
        seconds = [v.seconds for v in visits]
        print(
            f"  {'Übung, ' + label:32} {statistics.median(seconds):5.2f} s  "
            f"{', '.join(f'{t:.2f}' for t in seconds):<20} "
            f"{statistics.median_low([v.requests for v in visits]):8d} "
            f"{statistics.median_low([v.revalidated for v in visits]):9d} "
            f"{statistics.median_low([v.raw for v in visits]) / 2**20:7.1f} MB "
            f"{statistics.median_low([v.sent for v in visits]) / 2**20:7.1f} MB   (Ziel {goal})"
        )
    sent = statistics.median_low([v.sent for v in cold]) / 2**20
    print(f"  Kalt gesendet bis zur ersten Ausgabe {sent:5.1f} MB  (Ziel ≤ 12 MB)")
    if lite_cold:
        ratio = statistics.median(walls) / lite_cold
        print(
            f"  Kalt, Übung / Notebook in JupyterLite {ratio:5.2f} x  (Ziel ≤ 0.2 x; beide mit der Uhr des Testtreibers"
            f", Übung {statistics.median(walls):.2f} s)"
        )
    print(
        f"  „Stopp“ {STOP_AFTER_MS / 1000:.0f} s nach Start einer Endlosschleife, dann „Ausführen“ der ersten Zelle:\n"
        f"  Neustart bis zur nächsten Ausgabe: Median {statistics.median(restarts):.2f} s"
        f"  Läufe: {', '.join(f'{t:.2f}' for t in restarts)}  (Ziel ≤ 1 s)"
    )
    print(f"  Anfragen an fremde Hosts             {len(recorder.requests)}")


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def site_part(work: Path) -> Path:
    """Build time, page weight and quiz start against stock mkdocs-material; returns the course built here."""
    builds, ours_site, stock_site = build_times(work)
    lite_work = work / "jupyterlite-standard"
    lite_work.mkdir()
    _, stock_lite = build_stock_lite(lite_work)  # what the course's build does beyond mkdocs, done the stock way
    recorder = RequestRecorder()
    ours_w = page_weight(ours_site, recorder)
    stock_w = page_weight(stock_site, recorder)
    recorder.close()
    interactive = fresh_visits(ours_site, quiz_interactive)
    in_course = fresh_visits(ours_site, quiz_after_link)
    ready = {"Kurs": fresh_visits(ours_site, dom_ready), "Standard-Material": fresh_visits(stock_site, dom_ready)}
    s = statistics.median(builds.stock)
    print(f"Build (Median aus {RUNS} Läufen, jeweils ganzer Prozess; Caches der unveränderten Teile bleiben)")
    for label, times in (
        ("Kurs-Build nach einer Änderung", builds.changed),
        ("Kurs-Build, nichts geändert", builds.unchanged),
        ("mkdocs build, Standard-Material", builds.stock),
    ):
        print(f"  {label:36} {statistics.median(times):6.2f} s   Läufe: {', '.join(f'{t:.2f}' for t in times)}")
    print(f"  Verhältnis nach Änderung             {statistics.median(builds.changed) / s:6.2f} x")
    print(
        f"  Verhältnis nach Änderung zu mkdocs + Standard-JupyterLite ({stock_lite:.2f} s, ein Lauf)"
        f" {statistics.median(builds.changed) / (s + stock_lite):6.2f} x  (Ziel ≤ 1.3 x)"
    )
    print(f"  Verhältnis, nichts geändert          {statistics.median(builds.unchanged) / s:6.2f} x  (Ziel ≤ 1.3 x)")
    print(f"\nErster Aufruf von {PAGE} (frisches Profil; Bytes wie vom Server gesendet, Text mit gzip -6)")
    print(f"  {'':36} {'Anfragen':>9} {'roh':>11} {'gesendet':>11} {'fremd':>6}")
    for name, (n, raw, sent, foreign) in (("Kurs", ours_w), ("Standard-Material", stock_w)):
        print(f"  {name:36} {n:9d} {raw / 1024:8.1f} KB {sent / 1024:8.1f} KB {foreign:6d}")
    print(f"  Verhältnis gesendet                  {ours_w[2] / stock_w[2]:6.2f} x  (Ziel ≤ 1.15 x)")
    if stock_w[3]:
        print(
            f"  (Standard-Material fragt zusätzlich {stock_w[3]} fremde Hosts an, z. B. Google Fonts;"
            " deren Bytes sind hier nicht erreichbar und nicht mitgezählt.)"
        )
    assets = custom_assets(ours_site)
    print("\nEigenes JavaScript und CSS, wie ausgeliefert (minifiziert), gzip -6")
    for name, raw, packed in assets:
        print(f"  {name:36} {raw / 1024:8.1f} KB roh {packed / 1024:8.1f} KB gzip")
    total = sum(packed for _, _, packed in assets)
    print(
        f"  {'zusammen':36} {sum(r for _, r, _ in assets) / 1024:8.1f} KB roh {total / 1024:8.1f} KB gzip"
        "  (Ziel ≤ 20 KB gzip)"
    )
    on_page = sum(packed for name, _, packed in assets if name in MODULE_PAGE_ASSETS)
    print(f"  {'davon lädt eine Modulseite mit Quiz':36} {on_page / 1024:23.1f} KB gzip")
    print(f"\nQuiz bedienbar: erster Aufruf von {PAGE}#{QUIZ_ANCHOR} (Link zum Quiz, frisches Profil, {RUNS} Läufe)")
    print(f"  Median {statistics.median(interactive):.0f} ms   Läufe: {', '.join(f'{t:.0f}' for t in interactive)}")
    print(
        f"  Im Kurs, Klick auf einen Link zum Quiz in der Modulübersicht (sofortige Navigation): Median"
        f" {statistics.median(in_course):.0f} ms   Läufe: {', '.join(f'{t:.0f}' for t in in_course)}  (Ziel ≤ 300 ms)"
    )
    print("  Zum Vergleich DOMContentLoaded derselben Seite (davor macht kein Skript eines Themes etwas bedienbar):")
    for name, times in ready.items():
        print(f"  {name:36} {statistics.median(times):6.0f} ms   Läufe: {', '.join(f'{t:.0f}' for t in times)}")
    return ours_site


def notebook_part(site: Path, work: Path, runs: int) -> float | None:
    """Time to the first cell output and bytes sent, against a stock JupyterLite with the same notebook."""
    path = notebook_path(ROOT, NOTEBOOK_SOURCE)
    print(f"\nNotebook im Browser: {notebook_url()}", flush=True)
    if not (site / "lite" / "files" / path).is_file():
        print(f"  {site}/lite/files/{path} fehlt: Ist die Website älter als das Notebook? Erst „make site“ ausführen.")
        return None
    stock_site, stock_build = build_stock_lite(work)
    start = time.perf_counter()
    primed = sum(precompress_app(root / "lite") for root in (site, stock_site))
    primed_seconds = time.perf_counter() - start
    figures = notebook_bench({"Kurs": site, "Standard-JupyterLite": stock_site}, runs)
    # The Pyodide core as npm ships it (the stock app's copy; the course's standard library is precompiled).
    core = sum(encoded_size(stock_site / "lite" / "static" / "pyodide" / name) for name in PYODIDE_FILES)

    print(f"  Zeit vom Aufruf bis zur ersten Zellausgabe, Median aus {runs} Läufen; je Lauf ein leeres Profil (kalt),")
    print("  dann ein zweiter Besuch mit demselben Profil (warm). Bytes zählt der Server beim Senden:")
    print("  roh = Dateigrößen der 200-Antworten, gesendet = Antwortkörper wie übertragen (gzip -6 für Text).")
    print(
        f"  Standard-JupyterLite: gleiche Pyodide-Dateien, Kernel-Pakete und Notebook-Ordner, Standard-Apps,"
        f" Source-Maps behalten; jupyter lite build {stock_build:.1f} s, Ausgabe"
        f" {folder_bytes(stock_site) / 2**20:.1f} MB (Kurs: {folder_bytes(site / 'lite') / 2**20:.1f} MB)."
    )
    print(
        f"  Vorab komprimiert wie bei einem Server mit fertigen .gz-Dateien: {primed} Dateien in"
        f" {primed_seconds:.1f} s, nicht in den Zeiten enthalten."
    )
    print(f"\n  {'':32} {'Median':>7}  {'Läufe':<20} {'Anfragen':>8} {'davon 304':>9} {'roh':>10} {'gesendet':>10}")
    for name, figure in figures.items():
        for label, visits in (("kalt", figure.cold), ("warm", figure.warm)):
            seconds = [v.seconds for v in visits]
            print(
                f"  {name + ', ' + label:32} {statistics.median(seconds):5.1f} s  "
                f"{', '.join(f'{t:.1f}' for t in seconds):<20} "
                f"{statistics.median_low([v.requests for v in visits]):8d} "
                f"{statistics.median_low([v.revalidated for v in visits]):9d} "
                f"{statistics.median_low([v.raw for v in visits]) / 2**20:7.1f} MB "
                f"{statistics.median_low([v.sent for v in visits]) / 2**20:7.1f} MB"
            )
    ours, stock = figures["Kurs"], figures["Standard-JupyterLite"]
    ours_cold = statistics.median(v.seconds for v in ours.cold)
    stock_cold = statistics.median(v.seconds for v in stock.cold)
    ours_warm = statistics.median(v.seconds for v in ours.warm)
    sent = statistics.median_low([v.sent for v in ours.cold])
    print(f"\n  Kalt, Kurs / Standard-JupyterLite    {ours_cold / stock_cold:5.2f} x  (Ziel ≤ 0.5 x)")
    print(f"  Warm, Kurs                           {ours_warm:5.1f} s  (Ziel ≤ 2 s)")
    print(
        f"  Kalt gesendet, Kurs / Pyodide-Kern   {sent / core:5.2f} x  (Ziel ≤ 1.3 x;"
        f" {sent / 2**20:.1f} MB zu {core / 2**20:.1f} MB für {', '.join(PYODIDE_FILES)} aus npm, gesendet)"
    )
    print(f"  Anfragen an fremde Hosts             Kurs {ours.foreign}, Standard-JupyterLite {stock.foreign}")
    return ours_cold


def lms_part(site: Path) -> None:
    """Package sizes (issue 14): each LMS package with and without the Python runtime, beside the site."""
    from coursekit.build import load
    from coursekit.exports.lms import RUNTIME, VERSIONS, build_packages, slug

    print("\nLMS-Pakete (make lms; Zip mit Deflate, wie hochgeladen)", flush=True)
    if not (site / "index.html").is_file():
        print(f"  {site} ist keine gebaute Website: Erst „make site“ ausführen.")
        return
    site_time = max(p.stat().st_mtime for p in site.rglob("*") if p.is_file())
    name = slug(str(load(ROOT / "mkdocs.yml")["site_name"]))
    dist = ROOT / "dist"
    sizes: dict[tuple[str, bool], int] = {}
    for with_runtime in (True, False):
        suffix = "" if with_runtime else "-ohne-python"
        paths = {v: dist / f"{name}-{v}{suffix}.zip" for v in VERSIONS}
        stale = [v for v, p in paths.items() if not p.is_file() or p.stat().st_mtime < site_time]
        if stale:
            start = time.perf_counter()
            build_packages(ROOT / "mkdocs.yml", dist, stale, with_runtime, site=site, out=lambda _: None)
            what = "mit" if with_runtime else "ohne"
            print(f"  gebaut nach dist/ ({what} Python): {', '.join(stale)} ({time.perf_counter() - start:.0f} s)")
        sizes.update({(v, with_runtime): p.stat().st_size for v, p in paths.items()})
    runtime = folder_bytes(site / RUNTIME.rstrip("/"))
    total = folder_bytes(site)
    print(f"  {'':36} {'mit Python':>12} {'ohne Python':>12}")
    print(f"  {'Website (site/, ungepackt)':36} {total / 2**20:9.1f} MB {(total - runtime) / 2**20:9.1f} MB")
    for version in VERSIONS:
        print(f"  {version + '.zip':36} {sizes[version, True] / 2**20:9.1f} MB {sizes[version, False] / 2**20:9.1f} MB")
    print("  (ohne Python: ohne lite/; die Übungen zeigen ihre fertig ausgeführte Fassung)")


def main() -> None:
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
        "--site", type=Path, default=ROOT / "site", help="gebaute Website für --nur notebook/uebung/lms (site/)"
    )
    parser.add_argument(
        "--laeufe", type=int, default=NOTEBOOK_RUNS, help="Läufe im Notebook-Teil (Standard: %(default)s)"
    )
    args = parser.parse_args()
    if args.nur == "workshop":  # the live poll under load (issue 15); needs no built site
        from coursekit.workshopserver import bench as workshop_bench

        workshop_bench.run(ROOT)
        return
    if args.nur == "skala":  # generated courses of growing size (issue 17); builds its own courses
        from coursekit.bench import scale

        scale.main(ROOT, tuple(int(n) for n in args.groessen.split(",")))
        return
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        site = site_part(work) if args.nur in ("alles", "seite") else args.site.resolve()
        lite_cold = notebook_part(site, work, args.laeufe) if args.nur in ("alles", "notebook") else None
        if args.nur in ("alles", "notebook", "uebung"):
            exercise_part(site, args.laeufe, lite_cold)
        if args.nur in ("alles", "lms"):
            lms_part(site)


if __name__ == "__main__":
    main()
