"""make bench, part "uebung": Python on the module page, from navigation to the first output of a cell."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import BrowserContext, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..serve import Served
from .browser import QUIET_CHROMIUM, RequestRecorder, chromium_path
from .harness import Visit, serving

EXERCISE_PAGE = "/module/interne-moocs/"
STOP_AFTER_MS = 2000
# Watched every frame from navigation on, as a reader who scrolls to the exercise once the page has
# been parsed: then scrolls the first exercise into view (once; before, it would force a layout of the
# half-parsed page every frame), and returns the middle of its first "Ausführen" once that is there.
FIRST_RUN_BUTTON = """() => {
  if (document.readyState === "loading") return null;
  const exercise = document.querySelector(".ck-exercise");
  if (!window.__benchScrolled) {
    exercise.scrollIntoView();
    window.__benchScrolled = true;
  }
  const button = exercise.querySelector(".ck-cell-actions button");
  if (!button) return null;
  const box = button.getBoundingClientRect();
  if (box.top < 0 || box.bottom > innerHeight) {
    button.scrollIntoView({ block: "center" });
    return null;
  }
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}"""


def exercise_output(context: BrowserContext, base: str, log: list[Served]) -> tuple[Visit, float, float]:
    """On the module page: click "Ausführen" of the first cell at once, stop at its first output.

    Then "Stopp" during an endless loop and the time until a cell runs again (a fresh worker)."""
    page = context.new_page()
    log.clear()
    start = time.perf_counter()
    page.goto(base + EXERCISE_PAGE, wait_until="commit")
    # As the quickest reader: the exercise is scrolled into view once the page has been parsed, and
    # "Ausführen" is clicked as soon as it is there (enabled from the start; a click waits for Python).
    # The page is watched every frame; the click is a real mouse click at the button. Playwright's
    # click() first waits for the button to be stable over frames: 0.1-0.3 s between the button and the
    # click that belonged to the test driver, not to the page.
    where = page.wait_for_function(FIRST_RUN_BUTTON, polling="raf", timeout=120_000).json_value()
    page.mouse.click(where["x"], where["y"])
    exercise = page.locator(".ck-exercise").first
    first, last = exercise.locator(".ck-cell").first, exercise.locator(".ck-cell").last
    try:
        first.locator(".ck-run-output > *").first.wait_for(timeout=5_000)  # "Python startet …" at once
    except PlaywrightTimeout:
        sys.exit("Der Klick hat „Ausführen“ der ersten Zelle nicht getroffen (die Seite hat sich verschoben?).")
    first.locator(".ck-run-output > :not(.ck-running)").first.wait_for(timeout=120_000)
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
