"""Pedagogy lint: what makes a module complete for learners, reported with file and line."""

from __future__ import annotations

import pytest

from coursekit import pedagogy
from support.course import MakeCourse, run_check, valid_module, valid_quiz

M = "docs/module/alpha.md"
Q = "exercises/quizzes/alpha.yml"
MODULE = valid_module() + "\n::: quiz alpha\n"


def check(make_course: MakeCourse, files: dict[str, str | None], mode: str = "error") -> list[str]:
    """Problems of a one-module course; a file given as None is left out."""
    merged = {M: MODULE, Q: valid_quiz(), **files}
    report = run_check(make_course({k: v for k, v in merged.items() if v is not None}, pedagogy=mode))
    return [d.format() for d in report.items]


def test_complete_module_passes(make_course: MakeCourse) -> None:
    assert check(make_course, {}) == []


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {M: valid_module(), Q: None},
            f"{M}:2: Das Modul hat kein Quiz. Legen Sie exercises/quizzes/<kennung>.yml an",
        ),
        (
            {M: MODULE.replace('    text: "Sie können A erklären."', '    text: "A."\n  - id: ziel-b\n    text: "B."')},
            f"{M}:9: Keine Quizfrage prüft das Lernziel „ziel-b“.",
        ),
        (
            {Q: valid_quiz().replace('    explanation: "Darum."\n', "")},
            f"{Q}:5: Die Frage „frage-1“ hat keine Erklärung.",
        ),
        (
            {Q: valid_quiz().replace('        feedback: "Weil es nicht stimmt."\n', "")},
            f"{Q}:12: Die falsche Möglichkeit 2 in Frage „frage-1“ hat keine Rückmeldung.",
        ),
        (
            {M: MODULE + "\n![](diagramm.png)\n", "docs/module/diagramm.png": ""},
            f"{M}:20: Dem Bild fehlt ein Alternativtext.",
        ),
    ],
    ids=["module_without_quiz", "objective_unchecked", "no_explanation", "wrong_option_without_feedback", "no_alt"],
)
def test_gap_is_an_error_with_place(make_course: MakeCourse, files: dict[str, str | None], expected: str) -> None:
    found = check(make_course, files)
    assert any(line.startswith(expected) for line in found), "\n".join(found)


def test_short_duration_and_word_budget_warn(make_course: MakeCourse) -> None:
    long_text = MODULE.replace("duration: 30", "duration: 5") + ("Wort " * 3100) + "\n"
    found = check(make_course, {M: long_text})
    assert any(line.startswith(f"{M}:5: Warnung: Die Dauer von 5 Minuten ist knapp") for line in found), found
    assert any(line.startswith(f"{M}:1: Warnung: Das Modul hat 3102 Wörter") for line in found), found


def test_warning_mode_reports_without_failing(make_course: MakeCourse) -> None:
    report = run_check(make_course({M: valid_module()}, pedagogy="warning"))
    assert report.errors == []
    assert [d.message for d in report.warnings] == ["Das Modul hat kein Quiz."]


def single(qid: str, right: str, *wrong: str) -> str:
    options = [f'      - text: "{right}"\n        correct: true\n']
    options += [f'      - text: "{w}"\n        feedback: "Passt nicht."\n' for w in wrong]
    return (
        f'  - id: {qid}\n    type: single\n    prompt: "Was stimmt?"\n    objective: ziel-a\n    options:\n'
        + "".join(options)
        + '    explanation: "Darum."\n'
    )


def statement(qid: str, prompt: str, answer: bool = False) -> str:
    return (
        f'  - id: {qid}\n    type: true_false\n    prompt: "{prompt}"\n    objective: ziel-a\n'
        f'    answer: {str(answer).lower()}\n    feedback_wrong: "Schauen Sie noch einmal."\n'
        '    explanation: "Darum."\n'
    )


def quiz(*questions: str) -> str:
    return 'id: alpha\ntitle: "Selbstcheck"\nmodule: alpha\nquestions:\n' + "".join(questions)


def line_with(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def warnings_of(make_course: MakeCourse, quiz_text: str) -> list[str]:
    return [line for line in check(make_course, {Q: quiz_text}) if ": Warnung: " in line]


LONG = "Eine ausführliche, differenzierte richtige Antwort."


def test_right_answer_longest_in_most_singles_warns_at_first(make_course: MakeCourse) -> None:
    text = quiz(*(single(f"frage-{n}", LONG, "Kurz falsch.", "Auch falsch.") for n in (1, 2, 3)))
    found = warnings_of(make_course, text)
    expected = f"{Q}:{line_with(text, 'frage-1')}: Warnung: In 3 von 3 Fragen vom Typ „single“ ist die richtige"
    assert any(line.startswith(expected) for line in found), found


def test_right_answer_longest_only_sometimes_passes(make_course: MakeCourse) -> None:
    long_wrong = "Eine ebenso ausführliche, aber leider falsche Antwort."
    text = quiz(
        single("frage-1", LONG, "Kurz falsch."),
        single("frage-2", "Kurz richtig.", long_wrong),
        single("frage-3", LONG, long_wrong),
        single("frage-4", LONG, LONG + "!"),  # a tie or a longer wrong option is not "the longest"
    )
    assert not [line for line in warnings_of(make_course, text) if "die längste" in line]


def test_all_statements_with_one_key_warn(make_course: MakeCourse) -> None:
    text = quiz(
        single("frage-1", "Das hier.", "Das nicht."),
        statement("aussage-1", "Die Aussage A trifft zu.", answer=False),
        statement("aussage-2", "Die Aussage B trifft zu.", answer=False),
    )
    found = warnings_of(make_course, text)
    answer_line = line_with(text, "answer: false")
    expected = f"{Q}:{answer_line}: Warnung: Beide Richtig-falsch-Aussagen des Quiz sind mit „Stimmt nicht“"
    assert any(line.startswith(expected) for line in found), found


@pytest.mark.parametrize("keys", [(True, False), (False,), (True,)], ids=["mixed", "one_false", "one_true"])
def test_mixed_keys_or_single_statement_pass(make_course: MakeCourse, keys: tuple[bool, ...]) -> None:
    text = quiz(
        single("frage-1", "Das hier.", "Das nicht."),
        *(statement(f"aussage-{n}", f"Die Aussage {n} trifft zu.", key) for n, key in enumerate(keys)),
    )
    assert not [line for line in warnings_of(make_course, text) if "Richtig-falsch-Aussagen" in line]


def test_giveaway_word_in_statement_warns_with_word(make_course: MakeCourse) -> None:
    text = quiz(single("frage-1", "Das hier.", "Das nicht."), statement("aussage-1", "Lernende lernen Immer allein."))
    found = warnings_of(make_course, text)
    expected = (
        f"{Q}:{line_with(text, 'Immer allein')}: Warnung: Die Aussage „aussage-1“ enthält das absolute Wort „immer“"
    )
    assert any(line.startswith(expected) for line in found), found


@pytest.mark.parametrize(
    ("prompt", "words"),
    [
        ("Lernende lernen immer allein.", ["immer"]),
        ("Nur Kurse zählen, und alle wissen das.", ["nur", "alle"]),
        ("Kein Kurs ist ein Beleg, jedoch allerlei Nachweise fehlen.", []),
        ("Nicht nur Kurse, sondern auch Kolleginnen helfen immer wieder.", []),
        ("Nur 8 Prozent schließen ab.", []),
    ],
    ids=["immer", "two_words", "no_whole_word", "exempt_phrases", "nur_amount"],
)
def test_giveaway_words(prompt: str, words: list[str]) -> None:
    assert pedagogy.giveaway_words(prompt) == words


def test_double_claim_in_statement_warns(make_course: MakeCourse) -> None:
    prompt = "Die Community ist gescheitert und die Koordination sollte eingreifen."
    text = quiz(single("frage-1", "Das hier.", "Das nicht."), statement("aussage-1", prompt))
    found = warnings_of(make_course, text)
    expected = f"{Q}:{line_with(text, prompt)}: Warnung: Die Aussage „aussage-1“ verbindet mit „und“ wohl zwei"
    assert any(line.startswith(expected) for line in found), found


@pytest.mark.parametrize(
    ("prompt", "joiner"),
    [
        ("Die Community ist gescheitert und die Koordination sollte eingreifen.", "und"),
        ("Das Werkzeug hilft, und das Team lernt schneller.", "und"),
        ("Die Quote ist niedrig. Damit ist der Kurs gescheitert.", "damit"),
        ("Ansprüche werden gesenkt, damit sich niemand unter Druck fühlt.", "damit"),
        ("Die Regel ist eine Faustregel. Sie gilt außerdem für Wikis.", "außerdem"),
        ("Das Modul zeigt, dass Lesen und Schreiben wichtig sind.", None),
        ("Aufmerksamkeit, Behalten, Ausführen sowie Motivation gehören zur Theorie.", None),
        ("Das Team arbeitet damit seit einem Jahr.", None),
        ("Eine Community mit Mitlesenden und wenigen Schreibenden kann gesund sein.", None),
    ],
    ids=[
        "two_verbs",
        "comma_und",
        "damit_sentence",
        "damit_comma",
        "ausserdem",
        "dass_list",
        "list",
        "damit_adverb",
        "nouns",
    ],
)
def test_second_claim(prompt: str, joiner: str | None) -> None:
    assert pedagogy.second_claim(prompt) == joiner


def test_good_statements_pass(make_course: MakeCourse) -> None:
    text = quiz(
        single("frage-1", "Das hier.", "Das nicht."),
        statement("aussage-1", "Eine Community mit vielen Mitlesenden kann gesund sein.", answer=True),
        statement("aussage-2", "Die Zahlen 70, 20 und 10 sind Messwerte einer großen Studie.", answer=False),
    )
    assert warnings_of(make_course, text) == []
