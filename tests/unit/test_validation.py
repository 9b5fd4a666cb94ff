"""Each editor mistake is reported with its file, its line and a German message."""

from __future__ import annotations

import pytest

from support.course import MakeCourse, run_check, valid_module, valid_quiz

M = "docs/module/alpha.md"


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# (case, files, expected "path:line", expected message fragment, expected hint fragment)
CASES = [
    (
        "listed_notebook_not_shown",
        {
            M: replace(valid_module(), "digcompedu:", "notebooks: [netz]\ndigcompedu:"),
            "exercises/notebooks/netz.ipynb": "{}",
        },
        f"{M}:11",
        "Das Notebook „netz“ steht im Vorspann, aber nicht im Text.",
        "::: notebook netz",
    ),
    (
        "unknown_notebook_marker",
        {M: valid_module() + "\n::: notebook netz\n", "exercises/notebooks/netzwerk.ipynb": "{}"},
        f"{M}:18",
        "Notebook „netz“ gibt es nicht.",
        "Meinten Sie „netzwerk“?",
    ),
    (
        "facilitator_note_timing_unreadable",
        {M: valid_module() + '\n!!! moderation "Einstieg"\n\n    Dauer: eine Viertelstunde\n\n    Text.\n'},
        f"{M}:20",
        "Die Zeitangabe der Moderationsnotiz ist nicht lesbar.",
        "Dauer: 15 Min.",
    ),
    (
        "facilitator_note_empty",
        {M: valid_module() + '\n!!! moderation "Einstieg"\n\nText.\n'},
        f"{M}:18",
        "Die Moderationsnotiz ist leer.",
        "eingerückt",
    ),
    (
        "invalid_yaml_colon",
        {M: replace(valid_module(), 'summary: "Kurz."', "summary: Achtung: Doppelpunkt")},
        f"{M}:4",
        "Ungültiges YAML: Doppelpunkt an unerwarteter Stelle.",
        "Anführungszeichen",
    ),
    (
        "invalid_yaml_tab",
        {M: replace(valid_module(), '  - "Punkt eins."', '\t- "Punkt eins."')},
        f"{M}:10",
        "Ungültiges YAML: Tabulator",
        "Leerzeichen",
    ),
    (
        "invalid_yaml_unclosed_quote",
        {M: replace(valid_module(), 'summary: "Kurz."', 'summary: "Kurz.')},
        f"{M}:4",
        "Ungültiges YAML: Anführungszeichen",
        "schließen",
    ),
    (
        "missing_key",
        {M: replace(valid_module(), 'summary: "Kurz."\n', "")},
        f"{M}:2",
        "Pflichtfeld „summary“ fehlt.",
        "summary: …",
    ),
    (
        "unknown_key_typo",
        {M: replace(valid_module(), "objectives:", "objetives:")},
        f"{M}:6",
        "Unbekannter Schlüssel „objetives“.",
        "Meinten Sie „objectives“?",
    ),
    (
        "wrong_type",
        {M: replace(valid_module(), "duration: 30", "duration: dreißig")},
        f"{M}:5",
        "„duration“ muss eine ganze Zahl sein",
        "ohne Anführungszeichen",
    ),
    (
        "list_expected",
        {M: replace(valid_module(), 'key_points:\n  - "Punkt eins."', 'key_points: "Punkt eins."')},
        f"{M}:9",
        "„key_points“ muss eine Liste sein.",
        "„- “",
    ),
    (
        "bad_slug",
        {M: replace(valid_module(), "id: ziel-a", "id: Ziel A")},
        f"{M}:7",
        "„Ziel A“ ist keine gültige Kennung in „objectives[1].id“.",
        "Kleinbuchstaben",
    ),
    (
        "bad_digcompedu",
        {M: replace(valid_module(), '["1.2"]', '["1.2", "7.1"]')},
        f"{M}:11",
        "„7.1“ ist kein DigCompEdu-Kompetenzcode",
        "",
    ),
    (
        "duplicate_yaml_key",
        {M: replace(valid_module(), "duration: 30", "duration: 30\nduration: 40")},
        f"{M}:6",
        "Der Schlüssel „duration“ kommt doppelt vor.",
        "Löschen Sie",
    ),
    (
        "duplicate_module_id",
        {M: valid_module(), "docs/module/beta.md": valid_module("alpha")},
        "docs/module/beta.md:2",
        "Die Modulkennung „alpha“ wird schon in docs/module/alpha.md verwendet.",
        "",
    ),
    (
        "duplicate_objective_id",
        {
            M: replace(
                valid_module(),
                'text: "Sie können A erklären."',
                'text: "Sie können A erklären."\n  - id: ziel-a\n    text: "Noch eins."',
            )
        },
        f"{M}:9",
        "Die Lernziel-Kennung „ziel-a“ kommt doppelt vor (zuerst in Zeile 7).",
        "",
    ),
    (
        "unknown_prerequisite",
        {M: replace(valid_module(), "digcompedu:", "prerequisites: [betta]\ndigcompedu:")},
        f"{M}:11",
        "Modul „betta“ gibt es nicht.",
        "",
    ),
    (
        "unknown_quiz",
        {
            M: replace(valid_module(), "digcompedu:", "quizzes:\n  - alpha-quiz\ndigcompedu:")
            + "\n::: quiz alpha-test\n",
            "exercises/quizzes/alpha-test.yml": valid_quiz("alpha-test"),
        },
        f"{M}:12",
        "Quiz „alpha-quiz“ gibt es nicht.",
        "Meinten Sie „alpha-test“?",
    ),
    (
        "unknown_notebook",
        {M: replace(valid_module(), "digcompedu:", "notebooks: [netzwerk]\ndigcompedu:")},
        f"{M}:11",
        "Notebook „netzwerk“ gibt es nicht.",
        "Es gibt noch kein Notebook.",
    ),
    (
        "wrong_encoding",
        {M: valid_module().replace("Text.", "Käse.").encode("latin-1")},
        f"{M}:8",
        "nicht UTF-8-kodiert (unlesbares Byte 0xF6)",
        "UTF-8",
    ),
    ("empty_module", {M: valid_module().split("## Abschnitt")[0]}, f"{M}:13", "Das Modul hat keinen Text.", ""),
    ("no_front_matter", {M: "## Nur Text\n"}, f"{M}:1", "Dem Modul fehlt der Vorspann", "make new-module"),
    (
        "unclosed_front_matter",
        {M: "---\nid: alpha\n"},
        f"{M}:1",
        "Der Vorspann (Front Matter) wird nicht geschlossen.",
        "---",
    ),
    (
        "h1_in_module",
        {M: replace(valid_module(), "## Abschnitt", "# Abschnitt")},
        f"{M}:14",
        "Module haben keine eigene Überschrift erster Ebene.",
        "title",
    ),
    (
        "unknown_marker",
        {M: valid_module() + "\n::: modulliste2\n"},
        f"{M}:18",
        "Unbekannte Markierung „::: modulliste2“.",
        "Meinten Sie „::: modulliste“?",
    ),
    (
        "broken_link",
        {M: valid_module() + "\nSiehe [Literatur](../literatur.md).\n"},
        f"{M}:18",
        "Der Link „../literatur.md“ zeigt auf eine Datei, die es nicht gibt.",
        "relativ",
    ),
    (
        "broken_anchor",
        {M: valid_module() + "\n[oben](#abschnit)\n", "docs/index.md": "# Start\n\n[A](module/alpha.md#fehlt)\n"},
        f"{M}:18",
        "Den Abschnitt „#abschnit“ gibt es in module/alpha.md nicht.",
        "Überschrift",
    ),
    (
        "marker_with_extra_argument",
        {"docs/index.md": "# Start\n\n::: modulliste alle\n"},
        "docs/index.md:3",
        "Die Markierung „::: modulliste“ erwartet 0 Angabe(n), gefunden: 1.",
        "::: modulliste",
    ),
]


@pytest.mark.parametrize(("files", "where", "message", "hint"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_error_is_reported_with_place_and_german_message(
    make_course: MakeCourse, files: dict[str, str | bytes], where: str, message: str, hint: str
) -> None:
    report = run_check(make_course(files))
    lines = [d.format() for d in report.errors]
    matching = [line for line in lines if line.startswith(where + ": ") and message in line]
    assert matching, f"erwartet {where}: …{message}…, bekommen:\n" + "\n".join(lines)
    assert hint in matching[0]


def test_invalid_yaml_is_reported_once_not_as_missing_front_matter(make_course: MakeCourse) -> None:
    report = run_check(make_course({M: replace(valid_module(), "duration: 30", "duration: [30")}))
    assert len(report.errors) == 1
    assert "Ungültiges YAML" in report.errors[0].message


def test_module_missing_from_nav_is_an_error(make_course: MakeCourse) -> None:
    report = run_check(
        make_course({M: valid_module(), "docs/module/beta.md": valid_module("beta")}, nav=["module/alpha.md"])
    )
    assert [d.format() for d in report.errors] == [
        "docs/module/beta.md:1: Das Modul steht nicht in der Navigation, daher ist seine Position im Kurs "
        "unbekannt. Tragen Sie „module/beta.md“ unter „nav:“ in mkdocs.yml ein."
    ]


def test_all_errors_of_a_run_are_reported_together(make_course: MakeCourse) -> None:
    broken = replace(replace(valid_module(), "objectives:", "objetives:"), "duration: 30", "duration: -5")
    report = run_check(
        make_course(
            {M: broken, "docs/module/beta.md": "## kein Vorspann\n", "docs/index.md": "# Start\n\n::: quizz x\n"}
        )
    )
    places = sorted((d.path, d.line) for d in report.errors)
    assert places == [
        ("docs/index.md", 3),
        ("docs/module/alpha.md", 2),  # objectives missing (reported where the front matter starts)
        ("docs/module/alpha.md", 5),  # duration too small
        ("docs/module/alpha.md", 6),  # unknown key objetives
        ("docs/module/beta.md", 1),  # no front matter
    ]


def test_prerequisite_later_in_course_is_a_warning_not_an_error(make_course: MakeCourse) -> None:
    alpha = replace(valid_module(), "digcompedu:", "prerequisites: [beta]\ndigcompedu:")
    report = run_check(make_course({M: alpha, "docs/module/beta.md": valid_module("beta")}))
    assert report.errors == []
    assert [d.format() for d in report.warnings] == [
        "docs/module/alpha.md:11: Warnung: Die Voraussetzung „beta“ kommt im Kurs erst nach diesem Modul. "
        "Ändern Sie die Reihenfolge unter „nav:“ in mkdocs.yml."
    ]


def test_markers_and_links_inside_code_are_examples(make_course: MakeCourse) -> None:
    page = "# Redaktion\n\n```markdown\n::: gibt-es-nicht\n[x](fehlt.md)\n```\n\nInline: `[y](fehlt.md)`\n"
    assert run_check(make_course({"docs/redaktion.md": page})).items == []


def test_valid_course_has_no_problems(make_course: MakeCourse) -> None:
    alpha = replace(valid_module(), "digcompedu:", "quizzes: [alpha]\nnotebooks: [alpha]\ndigcompedu:")
    alpha += "\n::: quiz alpha\n\n::: notebook alpha\n\n"
    alpha += "[Abschnitt](#abschnitt), [Titel](#titel-alpha), [Beta](beta.md#abschnitt), [Übersicht](./)\n"
    report = run_check(
        make_course(
            {
                M: alpha,
                "docs/module/beta.md": valid_module("beta"),
                "exercises/quizzes/alpha.yml": valid_quiz(),
                "exercises/notebooks/alpha.ipynb": "{}",
                "docs/module/index.md": "# Module\n\n::: modulliste\n",
            }
        )
    )
    assert report.items == []
