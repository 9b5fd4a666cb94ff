"""How build and preview cost grows with the course: generated courses of 10, 50 and 200 modules.

Each generated module has about 1,200 words of text, two facilitator notes and a quiz of 20
questions, in a copy of the real course's configuration (theme, plugins, Markdown extensions) without
JupyterLite and notebooks, whose cost does not depend on the number of modules. Builds and checks
run as processes, as `make site` and `make check` run them, the preview is a real `mkdocs serve`;
each beside plain mkdocs-material (`mkdocs build`, also a process) on the same Markdown.
"""

from __future__ import annotations

import contextlib
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .harness import stock_config

SIZES = (10, 50, 200)
WORDS = [
    "Lernende",
    "Mitarbeitende",
    "Team",
    "Wissen",
    "Austausch",
    "Routine",
    "Kanal",
    "Frage",
    "Antwort",
    "Beispiel",
    "Erfahrung",
    "Werkzeug",
    "Gespräch",
    "Rückmeldung",
    "Vorhaben",
    "Führungskraft",
    "Community",
    "Beitrag",
    "Quelle",
    "Übung",
    "Moderation",
    "Praxis",
    "Alltag",
    "Kollegin",
    "Kollege",
    "Aufgabe",
    "Ergebnis",
    "Termin",
    "Entwurf",
    "Plan",
    "Ziel",
    "Schritt",
    "Woche",
    "Monat",
    "Notiz",
    "Liste",
    "Thema",
]
VERBS = [
    "teilt",
    "prüft",
    "sammelt",
    "erklärt",
    "beschreibt",
    "ordnet",
    "plant",
    "fragt",
    "beantwortet",
    "zeigt",
    "nutzt",
    "bespricht",
]
STOCK_EXTENSIONS = "markdown_extensions: [admonition, attr_list, md_in_html, abbr, toc]\n"


def _sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, 6)
    return f"{words[0]} und {words[1]}: Das {words[2]} {rng.choice(VERBS)} {words[3]}, {words[4]} und {words[5]}."


def _paragraph(rng: random.Random, sentences: int = 6) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def module_text(number: int, rng: random.Random) -> str:
    ident = f"modul-{number:03d}"
    objectives = "\n".join(
        f'  - id: ziel-{k}\n    text: "Sie können Thema {k} von Modul {number} erklären."' for k in range(1, 4)
    )
    sections = []
    for k in range(1, 7):
        sections.append(f"## Abschnitt {k}\n\n{_paragraph(rng)}\n\n{_paragraph(rng)}\n")
        if k in (2, 5):
            sections.append(
                f'!!! moderation "Einstieg in Abschnitt {k}"\n\n    Dauer: 10 Min.\n\n    {_paragraph(rng, 2)}\n'
            )
    return (
        f'---\nid: {ident}\ntitle: "Modul {number}: Thema {number}"\nsummary: "{_sentence(rng)}"\nduration: 60\n'
        f'objectives:\n{objectives}\nkey_points:\n  - "{_sentence(rng)}"\ndigcompedu: ["3.3"]\n'
        f"quizzes: [{ident}]\n---\n\n" + "\n".join(sections) + f"\n::: quiz {ident}\n\n## Quellen\n\n"
        "- Beispiel, A. (2020). *Ein Buch*. Verlag.\n"
    )


def quiz_text(number: int) -> str:
    ident = f"modul-{number:03d}"
    questions = []
    for q in range(20):
        objective = f"ziel-{q % 3 + 1}"
        if q % 2:
            questions.append(
                f"  - id: aussage-{q}\n    type: true_false\n    objective: {objective}\n"
                f'    prompt: "Aussage {q} zu Thema {number} trifft nach dem Modul zu."\n'
                f"    answer: {'true' if q % 4 == 1 else 'false'}\n"
                f'    feedback_wrong: "Lesen Sie Abschnitt {q % 6 + 1} noch einmal."\n'
                f'    explanation: "Erklärung zur Aussage {q}."'
            )
        else:
            options = "\n".join(
                f'      - text: "Möglichkeit {chr(65 + k)} zu Frage {q}"'
                + ("\n        correct: true" if k == q % 4 else "")
                + f'\n        feedback: "Rückmeldung {chr(65 + k)}."'
                for k in range(4)
            )
            questions.append(
                f"  - id: frage-{q}\n    type: single\n    objective: {objective}\n"
                f'    prompt: "Welche Möglichkeit passt zu Frage {q} in Modul {number}?"\n'
                f'    options:\n{options}\n    explanation: "Erklärung zu Frage {q}."'
            )
    return f'id: {ident}\ntitle: "Selbstcheck: Modul {number}"\nmodule: {ident}\nquestions:\n' + "\n".join(questions)


def make_course(root: Path, target: Path, modules: int) -> Path:
    """A course with ``modules`` generated modules under ``target``, configured like the real one."""
    rng = random.Random(modules)
    (target / "docs" / "module").mkdir(parents=True)
    (target / "exercises" / "quizzes").mkdir(parents=True)
    shutil.copytree(root / "includes", target / "includes")
    (target / "node_modules").symlink_to((root / "node_modules").resolve())  # reveal.js, CodeMirror, Pyodide
    pages = {
        "index.md": "# Kurs\n\nEin erzeugter Kurs für den Skalierungstest.\n\n::: modulliste\n",
        "module/index.md": "# Module\n\n::: modulliste\n",
        "fortschritt.md": "# Mein Fortschritt\n\n::: fortschritt\n",
        "glossar.md": "# Glossar\n\n" + _paragraph(rng) + "\n",
        "literatur.md": "# Literatur\n\n::: literatur\n",
        # The pages the footer of the real configuration links to (extra.footer_links).
        "moderation/index.md": "# Für die Moderation\n\n" + _paragraph(rng) + "\n",
        "redaktion.md": "# Für die Redaktion\n\n" + _paragraph(rng) + "\n",
    }
    for name, text in pages.items():
        (target / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (target / "docs" / name).write_text(text, "utf-8")
    for number in range(1, modules + 1):
        (target / "docs" / "module" / f"modul-{number:03d}.md").write_text(module_text(number, rng), "utf-8")
        (target / "exercises" / "quizzes" / f"modul-{number:03d}.yml").write_text(quiz_text(number), "utf-8")
    nav = "\n".join(f"      - module/modul-{n:03d}.md" for n in range(1, modules + 1))
    config = (root / "mkdocs.yml").read_text("utf-8")
    nav_block = (
        "nav:\n  - Start: index.md\n  - Module:\n      - module/index.md\n"
        f"{nav}\n  - Mein Fortschritt: fortschritt.md\n  - Glossar: glossar.md\n  - Literatur: literatur.md\n"
    )
    config = re.sub(r"^nav:\n(?:[ \t]+.*\n|\n)*", nav_block + "\n", config, count=1, flags=re.M)
    (target / "mkdocs.yml").write_text(config, "utf-8")
    return target


def stock_course(course: Path, target: Path) -> Path:
    """The same Markdown for plain mkdocs-material: markers and the course's front matter removed."""
    docs = target / "docs"
    for page in (course / "docs").rglob("*.md"):
        text = re.sub(r"\A---\n.*?\n---\n", "", page.read_text("utf-8"), flags=re.S)
        text = re.sub(r"^:::.*$", "", text, flags=re.M)
        out = docs / page.relative_to(course / "docs")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, "utf-8")
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    nav = "\n".join(f"  - {p}" for p in pages)
    config = stock_config(docs, target / "site", fonts=False, more=f"nav:\n{nav}\n{STOCK_EXTENSIONS}")
    (target / "mkdocs.yml").write_text(config, "utf-8")
    return target / "mkdocs.yml"


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _mkdocs_build(config: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


@contextlib.contextmanager
def _preview(course: Path) -> Iterator[str]:
    """`mkdocs serve` as `make preview` starts it; yields its address once the first build is served."""
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"]
    server = subprocess.Popen(command, cwd=course, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 600
        while "<html" not in _get(base):
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("Die Vorschau (mkdocs serve) ist nicht gestartet.")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _until_shown(url: str, marker: str, timeout: float = 120) -> float:
    start = time.perf_counter()
    while marker not in _get(url):
        if time.perf_counter() - start > timeout:
            raise RuntimeError(f"Die Änderung erschien nicht in der Vorschau: {url}")
        time.sleep(0.05)
    return time.perf_counter() - start


@dataclass
class ScaleFigures:
    modules: int
    stock: float
    full: float
    unchanged: float
    one_changed: float
    check: float
    preview_markdown: float
    preview_quiz: float


def measure(root: Path, modules: int, work: Path, runs: int = 3) -> ScaleFigures:
    course = make_course(root, work / f"kurs-{modules}", modules)
    config = course / "mkdocs.yml"
    stock_config = stock_course(course, work / f"stock-{modules}")
    stock = statistics.median(_timed(lambda: _mkdocs_build(stock_config)) for _ in range(runs))
    site = course / "site"
    # As editors run them (make site, make check): a process each, like the stock build beside them.
    build = [sys.executable, str(root / "scripts" / "build.py"), "-f", str(config), "-d", str(site)]

    def run(*extra: str) -> None:
        subprocess.run([*build, *extra], check=True, stdout=subprocess.DEVNULL)

    full = _timed(run)
    unchanged = statistics.median(_timed(run) for _ in range(runs))
    page = course / "docs" / "module" / "modul-001.md"
    changed: list[float] = []
    for attempt in range(runs):
        page.write_text(page.read_text("utf-8") + f"\nNachtrag {attempt}.\n", "utf-8")
        changed.append(_timed(run))
    check = statistics.median(_timed(lambda: run("--check")) for _ in range(runs))
    quiz = course / "exercises" / "quizzes" / "modul-001.yml"
    markdown_times: list[float] = []
    quiz_times: list[float] = []
    with _preview(course) as base:
        url = base + "module/modul-001/"
        for attempt in range(runs):
            marker = f"Vorschaumarke{attempt}x{modules}"
            page.write_text(page.read_text("utf-8") + f"\n{marker}\n", "utf-8")
            markdown_times.append(_until_shown(url, marker))
            marker = f"Quizmarke{attempt}x{modules}"
            quiz.write_text(quiz.read_text("utf-8").replace("Frage 0 in Modul 1?", f"Frage 0 {marker}?", 1), "utf-8")
            quiz_times.append(_until_shown(url, marker))
            quiz.write_text(quiz.read_text("utf-8").replace(f"Frage 0 {marker}?", "Frage 0 in Modul 1?", 1), "utf-8")
            _until_shown(url, "Frage 0 in Modul 1?")
    return ScaleFigures(
        modules,
        stock,
        full,
        unchanged,
        statistics.median(changed),
        check,
        statistics.median(markdown_times),
        statistics.median(quiz_times),
    )


def report(figures: list[ScaleFigures], out: Callable[[str], None] = print) -> None:
    out("\nSkalierung: erzeugte Kurse (je Modul ca. 1.200 Wörter, 2 Moderationsnotizen, Quiz mit 20 Fragen;")
    out("  ohne JupyterLite und Notebooks). Zeiten in Sekunden, Median; in Klammern das Vielfache von")
    out("  mkdocs-material ohne Kurs-Plugin („Stock“) mit demselben Markdown.")
    header = f"  {'Module':>6} {'Stock':>7} {'voll':>13} {'unverändert':>13} {'1 Datei neu':>13} {'check':>7}"
    out(header + f" {'Vorschau .md':>13} {'Vorschau Quiz':>14} {'je Modul (voll)':>16}")
    for f in figures:
        out(
            f"  {f.modules:6d} {f.stock:7.2f} {f.full:6.2f} ({f.full / f.stock:4.1f}x) "
            f"{f.unchanged:6.2f} ({f.unchanged / f.stock:4.1f}x) "
            f"{f.one_changed:6.2f} ({f.one_changed / f.stock:4.1f}x) "
            f"{f.check:7.2f} {f.preview_markdown:13.2f} {f.preview_quiz:14.2f} {f.full / f.modules * 1000:13.0f} ms"
        )
    out("  Ziele:")
    for line in verdicts(figures):
        out(f"    {line}")


UNCHANGED_GOAL = 1.3  # x stock mkdocs, at every size
PREVIEW_GOAL = 1.0  # seconds from saving to the changed page ...
PREVIEW_UP_TO = 50  # ... for courses up to this many modules
LINEAR_SLACK = 1.25  # the largest course may cost this much more per module than the smallest (noise, caches)


def verdicts(figures: list[ScaleFigures]) -> list[str]:
    """One line per goal and size, each with ✓ or ✗."""

    def mark(ok: bool) -> str:
        return "✓" if ok else "✗"

    lines = []
    for f in figures:
        ratio = f.unchanged / f.stock
        lines.append(f"{mark(ratio <= UNCHANGED_GOAL)} {f.modules} Module: unverändert {ratio:.2f}x Stock (≤ 1.3x)")
    for f in (f for f in figures if f.modules <= PREVIEW_UP_TO):
        slowest = max(f.preview_markdown, f.preview_quiz)
        lines.append(
            f"{mark(slowest <= PREVIEW_GOAL)} {f.modules} Module: Vorschau .md {f.preview_markdown:.2f} s, "
            f"Quiz {f.preview_quiz:.2f} s (≤ 1 s)"
        )
    if len(figures) > 1:
        small, large = min(figures, key=lambda f: f.modules), max(figures, key=lambda f: f.modules)
        growth = (large.full / large.modules) / (small.full / small.modules)
        lines.append(
            f"{mark(growth <= LINEAR_SLACK)} je Modul bei {large.modules} Modulen das {growth:.2f}-Fache von "
            f"{small.modules} Modulen (linear: ≤ {LINEAR_SLACK:.2f}, mit Raum für Messrauschen)"
        )
    return lines


def main(root: Path, sizes: tuple[int, ...] = SIZES, runs: int = 3) -> None:
    with tempfile.TemporaryDirectory(prefix="skala-") as tmp:
        figures = []
        for size in sizes:
            print(f"  … {size} Module", flush=True)
            figures.append(measure(root, size, Path(tmp), runs))
        report(figures)
