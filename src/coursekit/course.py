"""Loading the whole course from its folders and checking it; every problem goes to a Report."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import diagrams, facilitator, markers, markup, pagechecks
from .datafiles import DataFile, load_folder, yaml_files
from .diagnostics import Report
from .diagrams import Diagram
from .messages import report_validation_error
from .model import ModuleMeta
from .quiz import Quiz
from .quizzes import LoadedQuiz, load_quizzes
from .sources import Located, Page, read_text, split_front_matter
from .workshop import BLOCK_TAGS, MATERIAL_DIR, Agenda, DayPlan, Method, ModuleBlock, Task, block_minutes, plan_day


@dataclass(frozen=True)
class CourseLayout:
    """Where the course's parts live; comes from the plugin's typed config."""

    root: Path
    docs_dir: Path
    modules_dir: str  # relative to docs_dir
    exercises_dir: Path
    config_file: Path | None = None

    @property
    def quizzes_dir(self) -> Path:
        return self.exercises_dir / "quizzes"

    @property
    def notebooks_dir(self) -> Path:
        return self.exercises_dir / "notebooks"

    @property
    def data_dir(self) -> Path:
        return self.exercises_dir / "data"

    @property
    def methods_dir(self) -> Path:
        return self.exercises_dir / "methods"

    @property
    def agendas_dir(self) -> Path:
        return self.exercises_dir / "agendas"

    @property
    def diagrams_dir(self) -> Path:
        return self.docs_dir / diagrams.FOLDER


@dataclass
class Module:
    meta: ModuleMeta
    page: Page
    located: Located
    src_uri: str  # relative to docs_dir, posix
    number: int = 0


@dataclass
class Course:
    layout: CourseLayout
    modules: list[Module] = field(default_factory=list)
    pages: dict[str, Page] = field(default_factory=dict)  # every Markdown page by src_uri
    quizzes: dict[str, LoadedQuiz] = field(default_factory=dict)  # the valid ones
    quiz_files: set[str] = field(default_factory=set)  # stems of all quiz files, faulty ones too
    notebooks: dict[str, Path] = field(default_factory=dict)
    executed: dict[str, Path] = field(default_factory=dict)  # executed copies, filled by the site build
    methods: dict[str, DataFile[Method]] = field(default_factory=dict)
    agendas: dict[str, DataFile[Agenda]] = field(default_factory=dict)
    diagrams: dict[str, Diagram] = field(default_factory=dict)  # the valid ones

    def module_by_uri(self, src_uri: str) -> Module | None:
        return next((m for m in self.modules if m.src_uri == src_uri), None)

    def module_by_id(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.meta.id == module_id), None)

    def quizzes_of(self, module_id: str) -> list[Quiz]:
        """The valid quizzes of a module, in the order their files were read."""
        return [loaded.item for loaded in self.quizzes.values() if loaded.item.module == module_id]

    @property
    def progress_page(self) -> str | None:
        """src_uri of the page with the progress view (``::: fortschritt``), if the course has one."""
        return next(
            (uri for uri, page in self.pages.items() if any(m.name == "fortschritt" for m in markers.scan(page.body))),
            None,
        )

    @property
    def total_duration(self) -> int:
        return sum(m.meta.duration for m in self.modules)


def nav_paths(nav: Any) -> list[str]:
    """All Markdown paths in an mkdocs ``nav`` value, in order."""
    found: list[str] = []
    if isinstance(nav, str):
        if nav.endswith(".md"):
            found.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            found.extend(nav_paths(item))
    elif isinstance(nav, dict):
        for value in nav.values():
            found.extend(nav_paths(value))
    return found


def _is_module(src_uri: str, modules_dir: str) -> bool:
    return src_uri.startswith(modules_dir.rstrip("/") + "/") and not src_uri.endswith("/index.md")


def load_course(
    layout: CourseLayout, nav: Any, report: Report, generated: Callable[[Course], Iterable[str]] | None = None
) -> Course:
    """The course with every problem reported; ``generated`` names the pages a build adds (link targets)."""
    course = Course(layout)
    unordered: list[Module] = []
    for path in sorted(layout.docs_dir.rglob("*.md")):
        src_uri = path.relative_to(layout.docs_dir).as_posix()
        text = read_text(path, report)
        if text is None:
            continue
        page = split_front_matter(text, path, report)
        course.pages[src_uri] = page
        if _is_module(src_uri, layout.modules_dir):
            module = _load_module(page, src_uri, report)
            if module:
                unordered.append(module)
    course.quizzes = load_quizzes(layout.quizzes_dir, report)
    course.quiz_files = {path.stem for path in yaml_files(layout.quizzes_dir)}
    course.notebooks = _exercise_ids(layout.notebooks_dir, ("*.ipynb",))
    course.methods = load_folder(layout.methods_dir, Method, report)
    course.agendas = load_folder(layout.agendas_dir, Agenda, report, BLOCK_TAGS)
    course.modules = _order_modules(unordered, nav, layout, report)
    _check_references(course, report)
    _check_quizzes(course, report)
    _check_agendas(course, report)
    _check_marker_targets(course, report)
    course.diagrams = diagrams.load_diagrams(layout.diagrams_dir, report)
    diagrams.check_markers(course.pages, layout.diagrams_dir, report)
    pagechecks.check_markers(course.pages, report)
    facilitator.check_notes(course.pages, report)
    markup.check_pages(course.pages, report)
    for notebook in course.notebooks.values():
        markup.check_notebook(notebook, report)
    titles = {m.src_uri: m.meta.title for m in course.modules}
    extra = set(generated(course)) if generated else set()
    pagechecks.check_links(course.pages, layout.docs_dir, titles, report, extra)
    return course


def _load_module(page: Page, src_uri: str, report: Report) -> Module | None:
    path = page.path
    if page.meta is None:
        if page.has_front_matter:
            return None  # unreadable front matter has been reported already
        report.error(
            path,
            1,
            "Dem Modul fehlt der Vorspann (Front Matter).",
            "Beginnen Sie die Datei mit „---“, den Modulangaben und wieder „---“ (Vorlage: make new-module).",
        )
        return None
    if not isinstance(page.meta.data, dict):
        report.error(path, page.meta.first_line, "Der Vorspann muss aus Schlüsseln wie „id:“ und „title:“ bestehen.")
        return None
    try:
        meta = ModuleMeta.model_validate(page.meta.data)
    except ValidationError as exc:
        report_validation_error(exc, ModuleMeta, page.meta, path, report)
        return None
    if not page.body.strip():
        report.error(
            path, page.body_line, "Das Modul hat keinen Text.", "Schreiben Sie den Modultext unter den Vorspann."
        )
    for offset, text in enumerate(page.body.splitlines()):
        if text.startswith("# "):
            report.error(
                path,
                page.body_line + offset,
                "Module haben keine eigene Überschrift erster Ebene.",
                "Der Titel kommt aus „title“ im Vorspann; beginnen Sie Abschnitte mit „## “.",
            )
    seen: dict[str, int] = {}
    for i, objective in enumerate(meta.objectives):
        line = page.meta.line_of(("objectives", i, "id"))
        if objective.id in seen:
            report.error(
                path,
                line,
                f"Die Lernziel-Kennung „{objective.id}“ kommt doppelt vor (zuerst in Zeile {seen[objective.id]}).",
                "Geben Sie jedem Lernziel eine eigene Kennung.",
            )
        seen.setdefault(objective.id, line)
    return Module(meta, page, page.meta, src_uri)


def _exercise_ids(folder: Path, patterns: Iterable[str]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    for pattern in patterns:
        for path in sorted(folder.glob(pattern)):
            found[path.stem] = path
    return found


def _order_modules(modules: list[Module], nav: Any, layout: CourseLayout, report: Report) -> list[Module]:
    order = nav_paths(nav)
    by_uri = {m.src_uri: m for m in modules}
    ordered = [by_uri[uri] for uri in order if uri in by_uri]
    for module in modules:
        if module.src_uri not in order:
            report.error(
                module.page.path,
                1,
                "Das Modul steht nicht in der Navigation, daher ist seine Position im Kurs unbekannt.",
                f"Tragen Sie „{module.src_uri}“ unter „nav:“ in mkdocs.yml ein.",
            )
    for number, module in enumerate(ordered, start=1):
        module.number = number
    return ordered


def _check_references(course: Course, report: Report) -> None:
    first: dict[str, Module] = {}
    all_modules = course.modules
    for module in all_modules:
        path, located = module.page.path, module.located
        other = first.get(module.meta.id)
        if other is not None:
            report.error(
                path,
                located.line_of(("id",)),
                f"Die Modulkennung „{module.meta.id}“ wird schon in {course_rel(course, other.page.path)} verwendet.",
                "Jedes Modul braucht eine eigene Kennung.",
            )
        first.setdefault(module.meta.id, module)
    position = {m.meta.id: m.number for m in all_modules}
    for module in all_modules:
        meta, path, located = module.meta, module.page.path, module.located
        for i, prereq in enumerate(meta.prerequisites):
            line = located.line_of(("prerequisites", i))
            if prereq == meta.id:
                report.error(path, line, "Ein Modul kann nicht seine eigene Voraussetzung sein.")
            elif prereq not in position:
                _unknown(report, path, line, "Modul", prereq, position)
            elif position[prereq] > module.number:
                report.warning(
                    path,
                    line,
                    f"Die Voraussetzung „{prereq}“ kommt im Kurs erst nach diesem Modul.",
                    "Ändern Sie die Reihenfolge unter „nav:“ in mkdocs.yml.",
                )
        for i, ref in enumerate(meta.notebooks):
            if ref not in course.notebooks:
                _unknown(report, path, located.line_of(("notebooks", i)), "Notebook", ref, course.notebooks)
        for i, ref in enumerate(meta.quizzes):
            quiz = course.quizzes.get(ref)
            line = located.line_of(("quizzes", i))
            if quiz is None:
                if ref not in course.quiz_files:  # a faulty quiz file has been reported already
                    _unknown(report, path, line, "Quiz", ref, course.quizzes)
            elif quiz.item.module != meta.id:
                report.error(
                    path,
                    line,
                    f"Das Quiz „{ref}“ gehört laut seiner Datei zum Modul „{quiz.item.module}“.",
                    f"Tragen Sie es dort ein oder ändern Sie „module“ in {course_rel(course, quiz.path)}.",
                )


def _check_quizzes(course: Course, report: Report) -> None:
    """Each quiz belongs to a module, tags that module's objectives and is placed exactly once on its page."""
    placements: dict[str, list[tuple[str, int]]] = {}
    for src_uri, page in course.pages.items():
        for marker in markers.scan(page.body):
            if marker.name == "quiz" and len(marker.args) == 1:
                placements.setdefault(marker.args[0], []).append((src_uri, page.body_line + marker.index))
    for quiz_id, places in placements.items():
        if quiz_id not in course.quiz_files:
            for src_uri, line in places:
                _unknown(report, course.pages[src_uri].path, line, "Quiz", quiz_id, course.quizzes)
        for src_uri, line in places[1:]:
            first_uri, first_line = places[0]
            report.error(
                course.pages[src_uri].path,
                line,
                f"Das Quiz „{quiz_id}“ steht schon in docs/{first_uri}, Zeile {first_line}.",
                "Jedes Quiz erscheint genau einmal im Kurs.",
            )
    for quiz_id, loaded in course.quizzes.items():
        quiz, path = loaded.item, loaded.path
        module = course.module_by_id(quiz.module)
        if module is None:
            _unknown(report, path, loaded.line_of("module"), "Modul", quiz.module, [m.meta.id for m in course.modules])
            continue
        objectives = [o.id for o in module.meta.objectives]
        for i, question in enumerate(quiz.questions):
            if question.objective is not None and question.objective not in objectives:
                _unknown(
                    report,
                    path,
                    loaded.line_of("questions", i, "objective"),
                    "Lernziel",
                    question.objective,
                    objectives,
                )
        places = placements.get(quiz_id, [])
        if not places:
            report.error(
                path,
                loaded.line_of("id"),
                f"Das Quiz „{quiz_id}“ wird auf keiner Seite angezeigt.",
                f"Setzen Sie die Zeile „::: quiz {quiz_id}“ in {course_rel(course, module.page.path)}.",
            )
        elif places[0][0] != module.src_uri:
            src_uri, line = places[0]
            report.error(
                course.pages[src_uri].path,
                line,
                f"Das Quiz „{quiz_id}“ gehört zum Modul „{quiz.module}“ und muss auf dessen Seite stehen.",
                f"Verschieben Sie die Zeile nach docs/{module.src_uri}.",
            )


def _unknown(report: Report, path: Path, line: int, kind: str, ref: str, known: Iterable[str]) -> None:
    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    hint = (
        f"Meinten Sie „{close[0]}“?"
        if close
        else ("Vorhanden: " + ", ".join(sorted(known)) + "." if known else f"Es gibt noch kein {kind}.")
    )
    report.error(path, line, f"{kind} „{ref}“ gibt es nicht.", hint)


def day_plans(course: Course, agenda: Agenda) -> list[DayPlan]:
    minutes = {m.meta.id: m.meta.duration for m in course.modules}
    titles = {m.meta.id: m.meta.title for m in course.modules}
    return [plan_day(day, minutes, titles) for day in agenda.days]


def _check_marker_targets(course: Course, report: Report) -> None:
    """``::: ablauf`` and ``::: notebook`` name files that exist; listed notebooks appear on their module."""
    for module in course.modules:
        shown = {m.args[0] for m in markers.scan(module.page.body) if m.name == "notebook" and len(m.args) == 1}
        for i, notebook in enumerate(module.meta.notebooks):
            if notebook in course.notebooks and notebook not in shown:
                report.error(
                    module.page.path,
                    module.located.line_of(("notebooks", i)),
                    f"Das Notebook „{notebook}“ steht im Vorspann, aber nicht im Text.",
                    f"Setzen Sie die Zeile „::: notebook {notebook}“ an die passende Stelle.",
                )
    agenda_files = {path.stem for path in yaml_files(course.layout.agendas_dir)}
    for page in course.pages.values():
        for marker in markers.scan(page.body):
            if marker.name == "ablauf" and len(marker.args) == 1 and marker.args[0] not in agenda_files:
                _unknown(report, page.path, page.body_line + marker.index, "Ablauf", marker.args[0], course.agendas)
            if marker.name == "notebook" and len(marker.args) == 1 and marker.args[0] not in course.notebooks:
                _unknown(report, page.path, page.body_line + marker.index, "Notebook", marker.args[0], course.notebooks)


def _check_agendas(course: Course, report: Report) -> None:
    """Blocks name existing modules, methods and material pages, and their parts add up to the block;
    a day that runs past its end is a warning."""
    modules = [m.meta.id for m in course.modules]
    minutes = {m.meta.id: m.meta.duration for m in course.modules}
    sheets = sorted(uri[len(MATERIAL_DIR) : -3] for uri in course.pages if uri.startswith(MATERIAL_DIR))
    for loaded in course.agendas.values():
        agenda, path = loaded.item, loaded.path
        # (location, kind, id) of every material page and module named in tasks and blocks
        refs: list[tuple[tuple[str | int, ...], str, str]] = []
        tasks: list[tuple[tuple[str | int, ...], Task]] = [(("after", t), task) for t, task in enumerate(agenda.after)]
        for d, day in enumerate(agenda.days):
            tasks += [(("days", d, "before", t), task) for t, task in enumerate(day.before)]
            for b, block in enumerate(day.blocks):
                refs += [(("days", d, "blocks", b, "sheets", s), "sheet", ref) for s, ref in enumerate(block.sheets)]
        for where, task in tasks:
            refs += [((*where, "sheets", s), "sheet", ref) for s, ref in enumerate(task.sheets)]
            refs += [((*where, "modules", m), "module", ref) for m, ref in enumerate(task.modules)]
        for where, kind, ref in refs:
            if kind == "sheet" and ref not in sheets:
                _unknown(report, path, loaded.line_of(*where), "Materialseite", ref, sheets)
            elif kind == "module" and ref not in modules:
                _unknown(report, path, loaded.line_of(*where), "Modul", ref, modules)
        for d, day in enumerate(agenda.days):
            for b, block in enumerate(day.blocks):
                planned, length = sum(part.minutes for part in block.parts), block_minutes(block, minutes)
                if block.parts and planned != length:
                    report.error(
                        path,
                        loaded.line_of("days", d, "blocks", b, "parts"),
                        f"Die Teile dieses Blocks (Input, Übung, Auswertung) dauern zusammen {planned} Minuten, "
                        f"der Block aber {length} Minuten.",
                        "Passen Sie die Minuten der Teile oder „duration“ des Blocks an, bis beide gleich sind.",
                    )
                if isinstance(block, ModuleBlock) and block.module not in modules:
                    _unknown(
                        report, path, loaded.line_of("days", d, "blocks", b, "module"), "Modul", block.module, modules
                    )
                if block.method is not None and block.method not in course.methods:
                    _unknown(
                        report,
                        path,
                        loaded.line_of("days", d, "blocks", b, "method"),
                        "Methode",
                        block.method,
                        course.methods,
                    )
        for d, plan in enumerate(day_plans(course, agenda)):
            if plan.overrun:
                report.warning(
                    path,
                    loaded.line_of("days", d, "end"),
                    f"„{plan.day.title}“ endet erst um {plan.end} Uhr, {plan.overrun} Minuten nach dem "
                    f"geplanten Ende ({plan.day.end} Uhr).",
                    "Kürzen Sie Blöcke oder verschieben Sie „end“.",
                )


def course_rel(course: Course, path: Path) -> str:
    try:
        return path.relative_to(course.layout.root).as_posix()
    except ValueError:
        return path.as_posix()
