"""The preview banner: escaped text with path:line, at the top of the content; exercise links explained."""

from __future__ import annotations

from pathlib import Path

from coursekit.diagnostics import Report
from coursekit.plugin import preview

PAGE = '<html><body><main><article class="md-content__inner md-typeset"><h1>T</h1></article></main></body></html>'
LITE = (
    '<a class="md-button" href="../../lite/notebooks/index.html?path=nb-v1/nb.ipynb&amp;zurueck=x" '
    'target="_blank" rel="noopener">Als Notebook öffnen (JupyterLab)</a>'
)


def test_banner_lists_errors_first_with_place_and_escapes_everything(tmp_path: Path) -> None:
    report = Report(tmp_path)
    report.warning(tmp_path / "docs" / "a.md", 3, "Noch <b>ein</b> Platzhalter.")
    report.error(tmp_path / "docs" / "b.md", 7, "Unbekannt: <script>alert(1)</script>", "Tippfehler?")
    html = preview.banner(preview.from_report(report))
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;ein&lt;/b&gt;" in html
    assert html.index("docs/b.md:7") < html.index("docs/a.md:3")
    assert "1 Fehler, 1 Warnung im Kurs" in html
    assert 'role="alert"' in html and "ck-preview-problems--error" in html
    page = preview.inject(PAGE, html)
    assert page.index("ck-preview-problems") < page.index("<h1>")


def test_no_problems_no_banner() -> None:
    assert preview.banner([]) == ""
    assert preview.inject(PAGE, "") == PAGE


def test_logged_messages_keep_their_place_when_they_have_one() -> None:
    assert preview.found("docs/x.md:1: Die fertige Seite enthält <script>.", True) == preview.Finding(
        "docs/x.md:1", "Die fertige Seite enthält <script>.", True
    )
    assert preview.found("Doc file 'x.md' contains a link", False).place == ""


def test_exercise_links_stay_when_the_last_full_build_has_the_notebook(tmp_path: Path) -> None:
    lite = tmp_path / "lite"
    assert "make site" in preview.exercise_links(LITE, lite) and "md-button" not in preview.exercise_links(LITE, lite)
    (lite / "static" / "pyodide").mkdir(parents=True)
    assert "seit dem letzten „make site“ geändert" in preview.exercise_links(LITE, lite)
    (lite / "files" / "nb-v1").mkdir(parents=True)
    (lite / "files" / "nb-v1" / "nb.ipynb").write_text("{}", "utf-8")
    assert preview.exercise_links(LITE, lite) == LITE


def test_the_last_full_build_joins_the_preview_as_a_link(tmp_path: Path) -> None:
    built, served = tmp_path / "site" / "lite", tmp_path / "serve"
    built.mkdir(parents=True)
    served.mkdir()
    preview.link_lite(built, served)
    assert (served / "lite").resolve() == built.resolve()
    preview.link_lite(built, served)  # again on the next rebuild: nothing to do
    assert (served / "lite").is_symlink()
