"""Exercise notebooks on module pages: executed in the build, rendered statically, failures reported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build

from coursekit.build import BuildFailed, build_site, load
from coursekit.notebooks import executed_copy
from support.course import MakeCourse, valid_module
from test_build import visible_text

# Written by hand so the line numbers in the expected message can be read off: the failing cell starts on line 15.
NOTEBOOK = """\
{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "c1",
   "metadata": {},
   "source": ["# Übung: Teilen\\n", "\\n", "## Aufgabe 1: Rechnen"]
  },
  {
   "cell_type": "code",
   "execution_count": null, "id": "c2", "metadata": {}, "outputs": [],
   "source": ["print('Hallo', 6 * 7)"]
  },
  {
   "cell_type": "code",
   "execution_count": null, "id": "c3", "metadata": {}, "outputs": [],
   "source": ["%s"]
  }
 ],
 "metadata": {"kernelspec": {"display_name": "Python", "language": "python", "name": "python"}},
 "nbformat": 4,
 "nbformat_minor": 5
}
"""


def notebook_course(make_course: MakeCourse, last_cell: str) -> Path:
    module = (
        valid_module("alpha").replace("digcompedu:", "notebooks: [teilen]\ndigcompedu:") + "\n::: notebook teilen\n"
    )
    return make_course(
        {"docs/module/alpha.md": module, "exercises/notebooks/teilen.ipynb": NOTEBOOK % last_cell}
    ).parent


def test_a_failing_notebook_cell_fails_the_build_with_path_line_and_keeps_the_site(make_course: MakeCourse) -> None:
    project = notebook_course(make_course, "1 / 0")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("vorherige Fassung", "utf-8")
    lines: list[str] = []
    with pytest.raises(BuildFailed) as failed:
        build_site(project / "mkdocs.yml", site, out=lines.append)
    assert (
        "exercises/notebooks/teilen.ipynb:15: Die Zelle bricht mit ZeroDivisionError: division by zero ab. "
        "Ein Übungs-Notebook muss ohne Fehler durchlaufen; prüfen Sie die Zelle (in JupyterLite oder mit „make test“)."
    ) in str(failed.value).splitlines()
    assert (site / "index.html").read_text("utf-8") == "vorherige Fassung"


def test_html_printed_by_notebook_code_cannot_run_on_the_page(make_course: MakeCourse) -> None:
    project = notebook_course(make_course, "from IPython.display import HTML; HTML('<img src=x onerror=alert(1)>')")
    with pytest.raises(BuildFailed) as failed:
        build_site(project / "mkdocs.yml", project / "site", out=lambda _: None)
    assert (
        "docs/module/alpha.md:1: Die fertige Seite enthält ein Ereignis-Attribut (on…=). "
        "Inhalte dürfen keinen Code ausführen"
    ) in str(failed.value)


def mkdocs_only(project: Path) -> Path:
    """mkdocs with the course plugin, without JupyterLite (whose link the post-build scan would miss)."""
    config = load(project / "mkdocs.yml")
    mkdocs_build(config)
    return Path(config.site_dir)


def test_module_page_shows_the_executed_notebook_and_reuses_the_run(make_course: MakeCourse) -> None:
    project = notebook_course(make_course, "print(sum(range(5)))")
    site = mkdocs_only(project)
    static = static_notebook(site / "module" / "alpha" / "index.html")
    assert 'class="ck-exercise" data-exercise="teilen"' in static
    assert re.search(r'<div class="ck-cell" data-cell="[\w-]+" data-hash="[0-9a-f]{12}"', static)  # runner.js hooks
    assert re.search(r"<h3 id=\"[^\"]+\">Übung: Teilen", static)  # title one level below the module's H2
    assert re.search(r"<h4 id=\"[^\"]+\">Aufgabe 1: Rechnen", static)
    assert "<code class=\"language-python\">print('Hallo', 6 * 7)" in static  # a code block of the page
    assert "Hallo 42" in visible_text(static) and ">10\n</pre>" in static  # outputs of both code cells
    assert "<style" not in static and "<script" not in static
    # The run is kept per content version: a second build does not run the notebook again.
    notebook = project / "exercises" / "notebooks" / "teilen.ipynb"
    copy = executed_copy(project, notebook)
    stamp = copy.stat().st_mtime_ns
    mkdocs_only(project)
    assert executed_copy(project, notebook).stat().st_mtime_ns == stamp
    notebook.write_text(NOTEBOOK % "print(sum(range(6)))", "utf-8")
    assert executed_copy(project, notebook) != copy  # a changed notebook is a new version


def static_notebook(page: Path) -> str:
    """The HTML of the executed notebook on a module page (the exercise that runner.js makes editable)."""
    html = page.read_text("utf-8")
    static = html[html.index('class="ck-exercise"') :]
    return static[: static.index("</section>")]


@pytest.mark.slow
def test_real_course_modules_show_their_notebooks_with_charts_and_feedback(built_site: Path) -> None:
    pages = {
        "interne-moocs": "Übung: Wo steigen die Teilnehmenden aus?",
        "enterprise-social-networks": "Übung: Beteiligung auswerten, ohne Einzelne zu beobachten",
        "modell-70-20-10": "Übung: Was die Stunden nicht zeigen",
        "medienkompetenz": "Übung: Was steht in den Rückmeldungen?",
        "einfuehren-evaluieren": "Übung: Was sagt die Evaluation?",
    }
    for module, title in pages.items():
        page = built_site / "module" / module / "index.html"
        static = static_notebook(page)
        assert re.search(rf"<h3 id=\"[^\"]+\">{re.escape(title)}", static), module
        assert "<svg" in static and 'role="img"' in static, module  # at least one chart, accessible
        # Every self-check ran and waits for the learner: the page shows the task, not its solution.
        assert "Noch nicht bearbeitet" in static and "✔" not in static and "✘" not in static, module
        assert "Traceback" not in static and "Error" not in visible_text(static), module
        html = page.read_text("utf-8")
        toc = html[html.index('class="md-nav md-nav--secondary"') :]
        assert "Aufgabe 1" not in toc[: toc.index("</nav>")], module  # tasks stay out of the page's contents
    solutions = built_site / "assets" / "uebungen" / "mooc-trichter.json"
    assert "quote" in solutions.read_text("utf-8")  # solutions ship apart from the page, not in its HTML
    assert "quote = round(" not in (built_site / "module" / "interne-moocs" / "index.html").read_text("utf-8")
