"""Editors' Markdown carries no HTML and no script; fields are text; the rendered page is checked again."""

from __future__ import annotations

import pytest

from coursekit.markup import body_problems, md_text, unsafe_html
from coursekit.pagechecks import prose_lines
from support.course import MakeCourse, run_check, valid_module

REFUSED = [
    "Ein <b>fetter</b> Text.",
    '<div class="x">Block</div>',
    "<!-- Kommentar -->",
    "Text <img src=x onerror=alert(1)>",
    "[klick](javascript:alert(1))",
    "[klick](JaVa&#115;cript:alert(1))",
    "[klick]( vbscript:msgbox(1))",
    "![Bild](data:text/html,<b>x</b>)",
    "[ref]: javascript:alert(1)",
    "## Abschnitt { onclick=alert(1) }",
    'Absatz{: style="color:red" }',
    '!!! tip "<svg onload=alert(1)>"',
]

ALLOWED = [
    "Ein **fetter** Text mit `<b>` im Code.",
    "Eine Formel: a < b und b > c.",
    "Ein Link auf <https://example.org> und <mail@example.org>.",
    "Ein \\<b> bleibt sichtbar.",
    "[Glossar](../glossar.md#lurking) und [Web](https://example.org) und [Post](mailto:a@b.de).",
    "## Abschnitt { #eigene-id .klasse }",
]


@pytest.mark.parametrize("line", REFUSED)
def test_markup_that_could_run_is_refused(line: str) -> None:
    problems = body_problems(prose_lines(line))
    assert problems and all(index == 0 and message and hint for index, message, hint in problems)


@pytest.mark.parametrize("line", ALLOWED)
def test_ordinary_markdown_is_allowed(line: str) -> None:
    assert body_problems(prose_lines(line)) == []


def test_errors_name_file_and_line_of_each_problem(make_course: MakeCourse) -> None:
    module = valid_module("alpha") + "\nAbsatz mit <span>HTML</span>.\n\n[x](javascript:alert(1))\n"
    config = make_course({"docs/module/alpha.md": module, "docs/glossar.md": "# Glossar\n\n<script>x</script>\n"})
    report = run_check(config)
    lines = module.splitlines()
    places = sorted((d.path, d.line) for d in report.errors)
    assert places == [
        ("docs/glossar.md", 3),
        ("docs/module/alpha.md", lines.index("Absatz mit <span>HTML</span>.") + 1),
        ("docs/module/alpha.md", lines.index("[x](javascript:alert(1))") + 1),
    ]


def test_code_fences_may_show_html(make_course: MakeCourse) -> None:
    module = valid_module("alpha") + "\n```html\n<script>alert(1)</script>\n```\n"
    assert run_check(make_course({"docs/module/alpha.md": module})).errors == []


def test_md_text_keeps_the_markdown_subset_and_disables_the_rest() -> None:
    assert md_text("Ein *wichtiger* Punkt") == "Ein <em>wichtiger</em> Punkt"
    text = md_text("<b>x</b> {: onclick=y } [a](javascript:b)")
    assert "<b>" not in text and "{" not in text and "href" not in text
    assert "&lt;b&gt;" in text and "&#123;" in text


@pytest.mark.parametrize(
    ("html", "what"),
    [
        ("<p>ok</p><script>alert(1)</script>", "ein Skript"),
        ('<svg><g onload="x()"></g></svg>', "ein Ereignis-Attribut (on…=)"),
        ('<a href=" javascript:x()">a</a>', "eine Adresse der Art „javascript:“"),
        ('<iframe src="a.html"></iframe>', "ein eingebettetes Objekt"),
    ],
)
def test_rendered_content_is_checked_again(html: str, what: str) -> None:
    assert what in unsafe_html(html)


def test_clean_content_and_quiz_data_pass() -> None:
    page = '<p>Text</p><script type="application/json" class="ck-quiz-data">{"a": "<\\/script>"}</script>'
    page += '<img src="data:image/png;base64,AAAA" alt="x"><a href="../seite/">x</a>'
    assert unsafe_html(page) == ()
