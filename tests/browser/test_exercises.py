"""Exercises on the module page: Python runs in the page (Pyodide worker from a snapshot), gaps need the learner.

The test drives the real course's MOOC exercise (module "Interne MOOCs") in Chromium: an untouched gap,
a wrong and a right answer, a revealed solution, an endless loop stopped, edits kept over a reload,
keyboard-only use, no request to other hosts (worker traffic included) and no CSP violation.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, Route, expect

from coursekit.bench.browser import RequestRecorder
from support.browser import assert_no_foreign_requests, axe_violations, watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PYTHON = 60_000  # ms: the first run waits for Python to boot (about a second here, more on a busy machine)
# and so do the editors, which come once Python has started (runner.js)
MODULE = "/module/interne-moocs/"
EXERCISE = "mooc-trichter"


def open_exercise(page: Page) -> Locator:
    """The module page, scrolled to the exercise (Python boots from <head>, the cells start when it is near)."""
    page.goto(MODULE)
    exercise = page.locator(f".ck-exercise[data-exercise={EXERCISE}]")
    exercise.scroll_into_view_if_needed()
    return exercise


def editor_of(cell: Locator) -> Locator:
    content = cell.locator(".cm-content")
    expect(content).to_be_visible(timeout=PYTHON)
    return content


def set_code(cell: Locator, code: str) -> None:
    content = editor_of(cell)
    content.click()
    content.press("Control+a")
    content.page.keyboard.insert_text(code)


def code_of(cell: Locator) -> str:
    return str(cell.locator(".ck-editor").evaluate("el => el.ckEditor.value"))


def run(cell: Locator) -> Locator:
    cell.get_by_role("button", name="Ausführen").click()
    output = cell.locator(".ck-run-output")
    expect(output.locator(":scope > :not(.ck-running)").first).to_be_attached(timeout=PYTHON)
    return output


def stored(page: Page) -> dict[str, object]:
    state = json.loads(page.evaluate("localStorage.getItem('slkurs.fortschritt.v1')") or "{}")
    return dict(state.get("exercises", {}).get(EXERCISE, {}))


def test_a_gap_needs_the_learner_and_the_solution_is_recorded(page: Page, recorder: RequestRecorder) -> None:
    violations = watch_csp(page.context)
    exercise = open_exercise(page)
    cell = exercise.locator(".ck-cell[data-gap]").first
    editor_of(cell)
    original = code_of(cell)
    assert "..." in original  # the task has a gap, not its solution
    assert "Noch nicht bearbeitet" in run(cell).inner_text()
    set_code(cell, original.replace("...", "-1", 1))
    expect(run(cell)).to_contain_text("✘")
    solutions = page.request.get(f"/assets/uebungen/{EXERCISE}.json").json()
    solution = solutions[cell.get_attribute("data-cell")]
    set_code(cell, solution)
    expect(run(cell)).to_contain_text("✔")
    page.reload()
    exercise.scroll_into_view_if_needed()
    editor_of(cell)
    assert code_of(cell) == solution  # the learner's code survives a reload
    assert "revealed" in stored(page) and stored(page)["revealed"] == {}
    cell.get_by_role("button", name="Lösung anzeigen").click()
    expect(cell.locator(".ck-cell-solution")).to_contain_text(solution.splitlines()[0])
    assert cell.get_attribute("data-cell") in dict(stored(page)["revealed"])  # type: ignore[arg-type]
    cell.get_by_role("button", name="Zurücksetzen").click()
    assert code_of(cell) == original
    assert violations == []
    assert_no_foreign_requests(page, recorder)


def test_stop_ends_an_endless_loop_and_python_starts_again(page: Page) -> None:
    exercise = open_exercise(page)
    first, last = exercise.locator(".ck-cell").first, exercise.locator(".ck-cell").last
    expect(run(first)).not_to_be_empty()
    set_code(last, "while True:\n    pass")
    last.get_by_role("button", name="Ausführen").click()
    stop = last.get_by_role("button", name="Stopp")
    expect(stop).to_be_visible()
    stop.click()
    expect(last.locator(".ck-run-output")).to_contain_text("Angehalten")
    set_code(last, "print(6 * 7)")
    expect(run(last)).to_contain_text("42")


def test_exit_and_a_crashed_python_get_an_answer_and_python_starts_again(page: Page) -> None:
    cell = open_exercise(page).locator(".ck-cell").last
    set_code(cell, "print('davor')\nexit()")
    expect(run(cell)).to_contain_text("Python läuft weiter")  # SystemExit ends the cell, not the worker
    # Deeper than the browser's stack: Pyodide fails fatally; the cell says so and a new Python comes.
    set_code(cell, "import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return f(n + 1)\nf(0)")
    expect(run(cell)).to_contain_text("Python ist bei dieser Zelle abgestürzt")
    expect(cell.locator(".ck-run-output")).to_contain_text("neu gestartet")
    set_code(cell, "print(6 * 7)")
    expect(run(cell)).to_contain_text("42")


CRASHING_WORKER = """self.onmessage = ({ data }) => {
  if (data.type === "boot") self.postMessage({ type: "ready", how: "snapshot" });
  else throw new Error("kaputt");
};"""


def test_a_worker_that_fails_after_its_start_leaves_no_cell_waiting(page: Page) -> None:
    # A worker whose run ends in an uncaught error answers nothing; the page hears its error event.
    page.route("**/pyworker.js", lambda route: route.fulfill(body=CRASHING_WORKER, content_type="text/javascript"))
    cell = open_exercise(page).locator(".ck-cell").first
    output = run(cell)
    expect(output).to_contain_text("Python ist abgestürzt")
    expect(output).to_contain_text("kaputt")
    expect(cell.get_by_role("button", name="Ausführen")).to_be_enabled()


def test_keyboard_only_run_with_shift_enter_and_leave_the_editor(page: Page) -> None:
    exercise = open_exercise(page)
    cell = exercise.locator(".ck-cell").first
    editor = editor_of(cell)
    editor.focus()
    page.keyboard.press("Control+End")
    page.keyboard.insert_text("\nprint('Tastatur')")
    page.keyboard.press("Shift+Enter")
    expect(cell.locator(".ck-run-output")).to_contain_text("Tastatur", timeout=PYTHON)
    page.keyboard.press("Tab")  # no focus trap: Tab leaves the editor for the cell's first button
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Ausführen"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_module_page_with_cells_is_accessible(page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(MODULE)
    exercise = page.locator(".ck-exercise")
    exercise.scroll_into_view_if_needed()
    editor_of(exercise.locator(".ck-cell").first)
    run(exercise.locator(".ck-cell").nth(1))
    exercise.get_by_role("button", name="Ausführen").first.focus()  # the focused look must keep its contrast too
    page.wait_for_timeout(300)  # past Material's colour transition
    assert axe_violations(page) == []
    assert re.search(r"Ausführen", exercise.inner_text())


def test_edits_travel_with_the_progress_export(page: Page, tmp_path: Path) -> None:
    exercise = open_exercise(page)
    cell = exercise.locator(".ck-cell").first
    editor_of(cell)
    edited = code_of(cell) + "\nprint('mitgenommen')"
    set_code(cell, edited)
    page.goto("/fortschritt/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Fortschritt exportieren").click()
    exported = tmp_path / "fortschritt.json"
    download.value.save_as(exported)
    cells = json.loads(exported.read_text("utf-8"))["exercises"][EXERCISE]["cells"]
    assert [c["code"] for c in cells.values()] == [edited]
    page.evaluate("localStorage.clear()")  # another browser: import brings the edit back
    page.reload()
    page.set_input_files("#ck-import", str(exported))
    expect(page.locator(".ck-progress-message")).to_contain_text("importiert")
    page.goto(MODULE)
    exercise.scroll_into_view_if_needed()
    editor_of(cell)
    assert code_of(cell) == edited


def test_an_edit_of_a_cell_the_course_changed_is_shown_once_not_lost_silently(page: Page) -> None:
    exercise = open_exercise(page)
    cell = exercise.locator(".ck-cell").first
    editor_of(cell)
    earlier = code_of(cell) + "\nprint('meine alte Fassung')"
    set_code(cell, earlier)
    # As if the edit had been made before a course update: its cell hash no longer matches.
    page.evaluate(
        """([exercise, cell]) => {
          const key = 'slkurs.fortschritt.v1';
          const state = JSON.parse(localStorage.getItem(key));
          state.exercises[exercise].cells[cell].hash = 'vor-dem-update';
          localStorage.setItem(key, JSON.stringify(state));
        }""",
        [EXERCISE, cell.get_attribute("data-cell")],
    )
    page.reload()
    exercise.scroll_into_view_if_needed()
    notice = cell.get_by_role("note")
    expect(notice).to_contain_text("überarbeitet")
    notice.get_by_text("Ihre frühere Fassung anzeigen").click()
    expect(notice.locator("pre")).to_contain_text("meine alte Fassung")
    assert "meine alte Fassung" not in code_of(cell)  # the editor shows the course's new text
    assert stored(page)["cells"] == {}
    page.reload()
    exercise.scroll_into_view_if_needed()
    editor_of(cell)
    expect(cell.get_by_role("note")).to_have_count(0)  # shown once


def test_python_started_from_the_head_is_taken_over_not_started_twice(page: Page) -> None:
    page.goto(MODULE)
    assert page.locator("script[data-kurs-python]").count() == 1  # plugin/preload.py
    exercise = page.locator(f".ck-exercise[data-exercise={EXERCISE}]")
    exercise.scroll_into_view_if_needed()
    cell = exercise.locator(".ck-cell").first
    editor_of(cell)
    expect(run(cell).locator(".ck-run-error")).to_have_count(0)
    assert page.evaluate("window.kursPython === undefined")  # runner.js took the early worker over
    workers = page.evaluate(
        "performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/pyworker.js')).length"
    )
    assert workers == 1


def test_a_cell_runs_before_its_editor_has_come_and_nothing_moves_when_it_comes(page: Page) -> None:
    held: list[Route] = []
    page.route("**/assets/coursekit/editor.js", lambda route: held.append(route))  # the editor bundle, held back
    page.emulate_media(color_scheme="dark")  # the waiting code keeps the theme's colours, AA in both schemes
    exercise = open_exercise(page)
    cell = exercise.locator(".ck-cell").first
    button = cell.get_by_role("button", name="Ausführen")

    def button_offset() -> float:
        offset = "b => b.getBoundingClientRect().top - b.closest('.ck-cell').getBoundingClientRect().top"
        return float(button.evaluate(offset))

    expect(button).to_be_visible()
    expect(cell.locator(".cm-content")).to_have_count(0)
    page.wait_for_timeout(300)  # past Material's colour transition
    assert axe_violations(page) == []
    waiting = button_offset()
    expect(run(cell)).to_contain_text("'woche': 1")  # the code the page shows, run without its editor
    for _ in range(100):  # the editors are asked for once Python has answered and the page is idle
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the page did not ask for the editor"
    for route in held:
        route.continue_()
    editor_of(cell)
    assert abs(button_offset() - waiting) < 1  # the editor took the box its code had (course.css)


def test_the_editors_wait_for_python_unless_the_learner_reaches_for_the_code(page: Page) -> None:
    held: list[Route] = []
    page.route("**/pyodide/snapshot.bin", lambda route: held.append(route))  # Python cannot finish its boot
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if request.url.endswith("/editor.js") else None)
    exercise = open_exercise(page)
    cell = exercise.locator(".ck-cell").nth(1)
    expect(cell.get_by_role("button", name="Ausführen")).to_be_visible()
    page.wait_for_timeout(1500)  # idle time in which the editors came before they waited for Python
    assert held, "Python did not ask for its snapshot"
    assert asked == [], "the editors came while Python was still booting"
    # The learner clicks a few words into the first line: the editor comes at once, the cursor where they clicked.
    cell.locator(".ck-code-waiting pre").click(position={"x": 120, "y": 12})
    expect(cell.locator(".cm-content")).to_be_focused()
    page.keyboard.insert_text("§")
    first_line = code_of(cell).split("\n")[0]
    assert "§" in first_line and not first_line.startswith("§"), first_line
    editor_of(exercise.locator(".ck-cell").first)  # the other cells get theirs as well
    for route in held:
        route.continue_()


def test_a_kept_edit_runs_before_its_editor_has_come(page: Page) -> None:
    exercise = open_exercise(page)
    cell = exercise.locator(".ck-cell").first
    set_code(cell, "print('meine Fassung')")
    assert stored(page)["cells"], "the edit was not kept in the learner's state"
    held: list[Route] = []
    page.route("**/assets/coursekit/editor.js", lambda route: held.append(route))
    page.reload()
    exercise.scroll_into_view_if_needed()
    expect(cell.locator(".ck-code-waiting")).to_contain_text("print('meine Fassung')")  # shown while it waits
    expect(cell.locator(".cm-content")).to_have_count(0)
    output = run(cell)
    expect(output).to_contain_text("meine Fassung")  # the learner's code ran, not the course's
    expect(output).not_to_contain_text("'woche': 1")
    for route in held:
        route.continue_()


def test_standard_library_modules_the_snapshot_lacks_can_be_imported(page: Page) -> None:
    # The snapshot was made with the bytecode standard library, the page brings the sources: a module no
    # exercise imports before the snapshot is read from the page's zip, not from the snapshot's directory.
    exercise = open_exercise(page)
    cell = exercise.locator(".ck-cell").first
    set_code(
        cell,
        "import calendar, difflib, pprint\n"
        "print(calendar.isleap(2024), difflib.SequenceMatcher(None, 'ab', 'abc').ratio())",
    )
    expect(run(cell)).to_contain_text("True 0.8")


def test_the_boot_compiles_no_standard_library_from_sources(page: Page) -> None:
    # The page's standard library is the source zip: a module imported during the boot that the
    # snapshot lacks is compiled there, on every visit (importlib.invalidate_caches() brought in
    # importlib.metadata and its imports, 0.2-0.5 s of each boot on a 2-core machine).
    exercise = open_exercise(page)
    cell = exercise.locator(".ck-cell").first
    set_code(cell, "import sys\nprint('Quellen:', [m for m in sys.modules if m.startswith('importlib.metadata')])")
    expect(run(cell)).to_contain_text("Quellen: []")


KEPT = """async () => {
  const cache = await caches.open("kurs-python");
  return (await cache.keys()).map(({ url }) => url.split("/").pop());
}"""


def assert_kept(page: Page, version: str) -> None:
    """Python's two files are in Cache Storage under ``version``, and nothing else (they are written
    after the boot, in the background, and the old version's copies deleted first)."""
    expected = [f"pyodide.asm.wasm?v={version}", f"snapshot.bin?v={version}"]
    for _ in range(PYTHON // 100):
        names = sorted(page.evaluate(KEPT))
        if names == expected:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"Cache Storage holds {names}, not {expected}")


def test_python_files_are_kept_per_course_version(page: Page) -> None:
    # Pyodide's WebAssembly and the snapshot are kept unpacked in Cache Storage under the snapshot's
    # version: a second visit reads them from there, not from the server (nor the HTTP cache); a course
    # with another version fetches them anew and drops the old copies.
    exercise = open_exercise(page)
    cell = exercise.locator(".ck-cell").first
    expect(run(cell)).to_contain_text("'woche': 1")
    version = page.request.get("/lite/static/pyodide/snapshot.json").json()["version"]
    assert_kept(page, version)
    served: list[str] = []

    def count(route: Route) -> None:
        served.append(route.request.url)
        route.continue_()

    page.route(re.compile(r"/(pyodide\.asm\.wasm|snapshot\.bin)$"), count)
    page.reload()
    exercise.scroll_into_view_if_needed()
    expect(run(cell)).to_contain_text("'woche': 1")
    assert served == []  # both from Cache Storage
    page.route("**/snapshot.json", lambda route: route.fulfill(json={"version": "neu"}))
    page.reload()
    exercise.scroll_into_view_if_needed()
    expect(run(cell)).to_contain_text("'woche': 1")
    assert sorted(url.rsplit("/", 1)[1] for url in served) == ["pyodide.asm.wasm", "snapshot.bin"]
    assert_kept(page, "neu")


def test_python_boots_from_the_snapshot_and_without_it_when_the_snapshot_is_broken(page: Page) -> None:
    # Pyodide gets an empty heap of the size snapshot.json names and the snapshot is unpacked into it
    # while Pyodide sets up (pyworker.js): the boot must really restore it, and a snapshot that does not
    # fit must end in the plain boot, not in a Python restored from zeros.
    said: list[str] = []
    page.on("console", lambda message: said.append(message.text))
    cell = open_exercise(page).locator(".ck-cell").first
    expect(run(cell)).to_contain_text("'woche': 1")
    assert not [text for text in said if "Speicherabbild" in text]
    facts = page.request.get("/lite/static/pyodide/snapshot.json").json()
    assert facts["heap"] > 0
    page.route("**/snapshot.json", lambda route: route.fulfill(json={**facts, "version": "kaputt"}))
    page.route("**/pyodide/snapshot.bin", lambda route: route.fulfill(body=b"KSN1" + bytes(12)))  # an empty heap
    page.reload()
    cell.scroll_into_view_if_needed()
    expect(run(cell)).to_contain_text("'woche': 1")
    assert [text for text in said if "Python-Speicherabbild nicht nutzbar" in text]
    # The damaged copies are not kept: the next visit fetches and keeps the good files again.
    for _ in range(PYTHON // 100):
        if not page.evaluate("caches.has('kurs-python')"):
            break
        page.wait_for_timeout(100)
    assert not page.evaluate("caches.has('kurs-python')")
    page.unroute("**/snapshot.json")
    page.unroute("**/pyodide/snapshot.bin")
    page.reload()
    cell.scroll_into_view_if_needed()
    expect(run(cell)).to_contain_text("'woche': 1")
    assert_kept(page, facts["version"])


def test_an_exercise_reached_by_instant_navigation_runs_and_gets_its_editors(page: Page) -> None:
    page.goto("/module/neue-rollen/")  # a module without an exercise: no Python started here
    page.evaluate("window.kursGleichesDokument = true")  # gone after a full page load
    page.locator(".md-sidebar--primary").get_by_role("link", name="Interne MOOCs und Lernkampagnen").click()
    expect(page).to_have_url(re.compile(r"/module/interne-moocs/$"))
    assert page.evaluate("window.kursGleichesDokument === true")  # no <head> script ran: runner.js starts Python
    exercise = page.locator(f".ck-exercise[data-exercise={EXERCISE}]")
    exercise.scroll_into_view_if_needed()
    cell = exercise.locator(".ck-cell").first
    expect(run(cell)).to_contain_text("'woche': 1")
    editor_of(cell)
