"""Markdown that the plugin adds to pages: module header and footer, and marker output."""

from __future__ import annotations

import json
import re

from .. import diagrams, notebooks
from ..course import Course, Module
from ..lite import notebook_path
from ..markers import Marker
from ..markup import md_text
from ..model import DIGCOMPEDU_COMPETENCES
from . import facilitation, progress, quizhtml, workshopmd
from .text import link, minutes, plural


def handout_uri(module: Module) -> str:
    return f"handout/{module.meta.id}.md"


def module_header(course: Course, module: Module, learner: bool = True) -> str:
    """Title, facts line, summary and objectives; ``learner`` marks the page for the progress store
    (course.js remembers the module page seen last for "Weiter, wo ich war")."""
    meta = module.meta
    facts = [f"Modul {module.number} von {len(course.modules)}", f"Dauer: ca. {minutes(meta.duration)}"]
    prereqs = [course.module_by_id(p) for p in meta.prerequisites]
    if prereqs:
        links = ", ".join(f"[{md_text(p.meta.title)}]({link(module.src_uri, p.src_uri)})" for p in prereqs if p)
        facts.append(f"Voraussetzungen: {links}")
    # Names written out, not only on hover: touch screens have no hover.
    competences = ", ".join(f"{code} {DIGCOMPEDU_COMPETENCES[code]}" for code in meta.digcompedu)
    facts.append(f"DigCompEdu: {competences}")
    facts.append(f"[Handout zum Ausdrucken]({link(module.src_uri, handout_uri(module))})")
    objectives = "\n".join(f"    - {md_text(o.text)}" for o in meta.objectives)
    return (
        f"# {md_text(meta.title)}\n\n"
        f"{' · '.join(facts)}\n{{: .ck-facts{f' data-module="{meta.id}"' if learner else ''} }}\n\n"
        f"{md_text(meta.summary)}\n\n"
        f'!!! abstract "Lernziele"\n\n{objectives}\n\n'
    )


KEY_POINTS_BEFORE = ("::: quiz", "::: notebook", "## Quellen")


def with_key_points(module: Module, markdown: str) -> str:
    """The module body with "Das Wichtigste in Kürze" as a section of its own (in the table of
    contents) after the text and before the exercise, the self-check and the sources."""
    points = "\n".join(f"- {md_text(p)}" for p in module.meta.key_points)
    section = f"## Das Wichtigste in Kürze {{#das-wichtigste-in-kuerze}}\n\n{points}\n\n"
    lines = markdown.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith(KEY_POINTS_BEFORE):
            return "".join(lines[:index]) + section + "".join(lines[index:])
    return markdown.rstrip("\n") + "\n\n" + section


def module_list(course: Course, page_uri: str) -> str:
    items = []
    for module in course.modules:
        meta = module.meta
        items.append(
            f"-   **[Modul {module.number}: {md_text(meta.title)}]({link(page_uri, module.src_uri)})**\n\n"
            f"    {md_text(meta.summary)}\n\n"
            f"    Dauer: ca. {minutes(meta.duration)} · {plural(len(meta.objectives), 'Lernziel', 'Lernziele')}\n"
        )
    total = f"{len(course.modules)} Module, zusammen ca. {minutes(course.total_duration)}".rstrip(".") + "."
    return f"{total}\n\n" + '<div class="grid cards" markdown>\n\n' + "\n".join(items) + "\n</div>\n"


def sources_of(module: Module) -> list[str]:
    """List items of the module's "## Quellen" section."""
    items: list[str] = []
    inside = False
    for line in module.page.body.splitlines():
        if line.startswith("## "):
            inside = line[3:].strip() == "Quellen"
        elif inside and line.startswith(("- ", "* ")):
            items.append(line[2:].strip())
    return items


def _sort_key(entry: str) -> str:
    return entry.casefold().translate(str.maketrans("äöüß", "aous")).lstrip("*_[")


def bibliography(course: Course, page_uri: str) -> str:
    """One alphabetical list of every module's sources, each with the modules that cite it."""
    cited: dict[str, list[Module]] = {}
    for module in course.modules:
        for entry in sources_of(module):
            cited.setdefault(entry, []).append(module)
    lines = []
    for entry in sorted(cited, key=_sort_key):
        where = ", ".join(f"[{m.number}]({link(page_uri, m.src_uri)}#quellen)" for m in cited[entry])
        lines.append(f"- {entry} (Modul {where})")
    return f"{len(cited)} Quellen aus {len(course.modules)} Modulen.\n\n" + "\n".join(lines) + "\n"


def notebook_box(course: Course, page_uri: str, notebook_id: str) -> str:
    """An exercise box: the notebook's title and tasks, and a button that opens it in JupyterLite."""
    path = course.notebooks.get(notebook_id)
    if path is None:
        return ""
    cells = json.loads(path.read_text("utf-8")).get("cells", [])
    headings = [
        line.lstrip("#").strip()
        for cell in cells
        if cell.get("cell_type") == "markdown"
        for line in "".join(cell.get("source", [])).splitlines()
        if line.startswith("#")
    ]
    title = headings[0] if headings else notebook_id
    tasks = "\n".join(f"    - {h}" for h in headings[1:])
    depth = page_uri.count("/") + (0 if page_uri.endswith("index.md") else 1)
    page_url = page_uri.removesuffix(".md").removesuffix("index") + ("" if page_uri.endswith("index.md") else "/")
    back = "../../" + page_url  # from lite/notebooks/ to this page
    href = "../" * depth + f"lite/notebooks/index.html?path={notebook_path(course.layout.root, path)}&zurueck={back}"
    return (
        f'!!! example "{md_text(title)}"\n\n'
        "    Eine Übung mit (synthetischen) Daten: Python läuft direkt auf dieser Seite, in Ihrem Browser, "
        "ohne Installation und ohne Internetverbindung. Ersetzen Sie in den Zellen jede Lücke `...` durch Ihre "
        "Lösung und führen Sie die Zelle mit „Ausführen“ oder Umschalt+Eingabe aus. Ihre Änderungen bleiben in "
        "diesem Browser. Im Editor rückt Strg+] ein; die Tabulatortaste führt aus dem Editor hinaus.\n\n"
        f"{tasks}\n\n"
        f'    <a class="md-button" href="{href}" target="_blank" rel="noopener">'
        "Als Notebook öffnen (JupyterLab)</a>\n" + _exercise(course, notebook_id)
    )


def _exercise(course: Course, notebook_id: str) -> str:
    """The executed notebook on the page; runner.js turns its code cells into editors that run Python."""
    executed = course.executed.get(notebook_id)
    if executed is None:  # validation only (make check): nothing was executed
        return ""
    return (
        # Out of the search index: code, numbers and open checks are no answer to a search.
        f'\n<section class="ck-exercise" data-exercise="{notebook_id}" aria-label="Übung zum Bearbeiten" '
        f'data-search-exclude markdown="1">\n\n{notebooks.rendered(executed)}\n</section>\n'
    )


def slot(name: str, arg: str = "") -> str:
    """A placeholder that survives Markdown and is filled with generated HTML in on_page_content."""
    return f'<div class="ck-slot" data-slot="{name}" data-arg="{arg}"></div>'


SLOT_RE = re.compile(r'<div class="ck-slot" data-slot="([\w-]+)" data-arg="([\w-]*)"></div>')
PRINTED_QUIZ, PRINTED_KEY = "printed-quiz", "printed-key"  # a quiz on paper, without and with its solutions


def render_marker(course: Course, page_uri: str, marker: Marker) -> str:
    if marker.name == "modulliste":
        return module_list(course, page_uri)
    if marker.name == "quiz":
        loaded = course.quizzes.get(marker.args[0])
        title = loaded.item.title if loaded else marker.args[0]
        return f"## {md_text(title)} {{#quiz-{marker.args[0]}}}\n\n{slot('quiz', marker.args[0])}\n"
    if marker.name == "fortschritt":
        return slot("fortschritt") + "\n"
    if marker.name == "literatur":
        return bibliography(course, page_uri)
    if marker.name == "notebook":
        return notebook_box(course, page_uri, marker.args[0])
    if marker.name == "folie":
        return ""  # only the slide decks use it
    if marker.name == "ablauf":
        agenda = course.agendas.get(marker.args[0])
        return workshopmd.run_sheet(course, agenda.item, page_uri) if agenda else ""
    if marker.name == "methodenkarten":
        return workshopmd.method_cards(course)
    if marker.name == "moderationsplan":
        return facilitation.overview(course, page_uri)
    if marker.name == "abbildung":
        diagram = course.diagrams.get(marker.args[0])
        # A raw HTML block of one line; the line index keeps the figure's ids unique on the page.
        return f"\n{diagrams.figure_html(diagram, f'abb-{diagram.id}-{marker.index}')}\n" if diagram else ""
    raise KeyError(marker.name)  # validation rejects unknown markers before rendering


def next_step(course: Course, module_id: str, urls: dict[str, str]) -> tuple[str, str] | None:
    """(URL, link text) of where a learner goes after passing this module's quiz: the next module, or
    after the last one the progress page; ``urls`` maps src_uris to URLs relative to the page."""
    ids = [m.meta.id for m in course.modules]
    if module_id not in ids:
        return None
    index = ids.index(module_id)
    if index + 1 < len(course.modules):
        following = course.modules[index + 1]
        url = urls.get(following.src_uri)
        return (url, f"Weiter mit Modul {following.number}: {following.meta.title}") if url else None
    url = urls.get(course.progress_page or "")
    return (url, "Zu „Mein Fortschritt“: Ihr Stand im ganzen Kurs") if url else None


def fill_slots(html: str, course: Course, urls: dict[str, str], default_threshold: float) -> str:
    """Replace slots with generated HTML; ``urls`` maps module src_uris to URLs relative to the page."""

    def fill(match: re.Match[str]) -> str:
        name, arg = match.group(1), match.group(2)
        if name in (PRINTED_QUIZ, PRINTED_KEY):
            printed = course.quizzes.get(arg)
            if printed is None:  # only while previewing a faulty quiz file
                return '<p class="ck-missing">Dieses Quiz enthält Fehler und wird nach der Korrektur angezeigt.</p>'
            return quizhtml.printed_quiz(printed.item, solutions=name == PRINTED_KEY)
        if name == "quiz":
            loaded = course.quizzes.get(arg)
            if loaded is None:  # only while previewing a faulty quiz file
                return '<p class="ck-missing">Dieses Quiz enthält Fehler und wird nach der Korrektur angezeigt.</p>'
            quiz = loaded.item
            threshold = quiz.threshold(default_threshold)
            return quizhtml.quiz_html(quiz, quiz.module, threshold, next_step(course, quiz.module, urls))
        return progress.progress_html(course, urls, default_threshold)

    return SLOT_RE.sub(fill, html)
