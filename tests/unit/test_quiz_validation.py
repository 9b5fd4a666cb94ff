"""Quiz files: every editor mistake is reported with file, line and a German message."""

from __future__ import annotations

import pytest

from support.course import MakeCourse, run_check, valid_module, valid_quiz

M = "docs/module/alpha.md"
Q = "exercises/quizzes/alpha.yml"


# The body of the one question in valid_quiz(), after its id: replaced to try other types.
SINGLE_BODY = valid_quiz().split("  - id: frage-1\n", 1)[1].split("    explanation:", 1)[0]


def task_with_criteria(count: int) -> str:
    criteria = "".join(f'      - text: "Kriterium {i}."\n        fulfilled: "Erfüllt {i}."\n' for i in range(count))
    return (
        '    type: task\n    prompt: "Planen Sie eine Routine."\n    product: "Eine Routine für zwei Wochen."\n'
        f"    criteria:\n{criteria}"
    )


# A valid task; replacing the single choice question, its criteria start in line 10 of the quiz file.
TASK_BODY = task_with_criteria(3)


def module_with_quiz(marker: str = "::: quiz alpha") -> str:
    return valid_module() + f"\n{marker}\n"


def quiz(old: str = "", new: str = "") -> str:
    text = valid_quiz()
    assert old in text, old
    return text.replace(old, new, 1)


CASES = [
    (
        "unknown_type",
        {Q: quiz("type: single", "type: einfach")},
        f"{Q}:5",
        "Unbekannter Typ „einfach“ in „questions[1]“.",
        "single, multiple",
    ),
    (
        "missing_type",
        {Q: quiz("    type: single\n")},
        f"{Q}:5",
        "„questions[1]“: Die Angabe „type“ fehlt.",
        "erlaubten Typen",
    ),
    (
        "single_without_right_option",
        {Q: quiz("        correct: true\n")},
        f"{Q}:5",
        "genau eine richtige Antwort, gefunden: 0",
        "type: multiple",
    ),
    (
        "single_with_two_right_options",
        {Q: quiz('feedback: "Weil es nicht stimmt."', "correct: true")},
        f"{Q}:5",
        "genau eine richtige Antwort, gefunden: 2",
        "",
    ),
    (
        "true_false_answer_names_no_option",
        {
            Q: quiz(
                SINGLE_BODY,
                '    type: true_false\n    prompt: "Stimmt das?"\n    answer: vielleicht\n',
            )
        },
        f"{Q}:8",
        "„questions[1].answer“ muss true oder false sein, gefunden: 'vielleicht'.",
        "",
    ),
    (
        "matching_pairs_do_not_pair",
        {
            Q: quiz(
                SINGLE_BODY,
                '    type: matching\n    prompt: "Ordnen Sie zu."\n    pairs:\n      - left: A\n        right: X\n'
                "      - left: B\n        right: X\n",
            )
        },
        f"{Q}:5",
        "„X“ steht mehrfach als „right“",
        "nur einmal",
    ),
    (
        "matching_pair_without_partner",
        {
            Q: quiz(
                SINGLE_BODY,
                '    type: matching\n    prompt: "Ordnen Sie zu."\n    pairs:\n      - left: A\n        right: X\n'
                "      - left: B\n",
            )
        },
        f"{Q}:11",
        "Pflichtfeld „questions[1].pairs[2].right“ fehlt.",
        "",
    ),
    (
        "empty_prompt",
        {Q: quiz('prompt: "Was stimmt?"', 'prompt: "  "')},
        f"{Q}:7",
        "„questions[1].prompt“ darf nicht leer sein.",
        "",
    ),
    (
        "unknown_key",
        {Q: quiz("explanation:", "explanaton:")},
        f"{Q}:14",
        "Unbekannter Schlüssel „explanaton“.",
        "Meinten Sie „explanation“?",
    ),
    (
        "unknown_key_in_option",
        {Q: quiz("        feedback:", "        feedbak:")},
        f"{Q}:13",
        "Unbekannter Schlüssel „feedbak“.",
        "Meinten Sie „feedback“?",
    ),
    (
        "duplicate_question_id",
        {Q: valid_quiz() + valid_quiz().split("questions:\n")[1]},
        f"{Q}:15",
        "Die Fragekennung „frage-1“ kommt doppelt vor (zuerst in Zeile 5).",
        "",
    ),
    (
        "unknown_objective",
        {Q: quiz("objective: ziel-a", "objective: ziel-b")},
        f"{Q}:8",
        "Lernziel „ziel-b“ gibt es nicht.",
        "ziel-a",
    ),
    (
        "unknown_module",
        {Q: quiz("module: alpha", "module: alfa")},
        f"{Q}:3",
        "Modul „alfa“ gibt es nicht.",
        "Meinten Sie „alpha“?",
    ),
    (
        "id_differs_from_file_name",
        {Q: quiz("id: alpha", "id: alpha-quiz")},
        f"{Q}:1",
        "Die Kennung „alpha-quiz“ passt nicht zum Dateinamen.",
        "alpha.yml",
    ),
    (
        "quiz_never_placed",
        {M: valid_module()},
        f"{Q}:1",
        "Das Quiz „alpha“ wird auf keiner Seite angezeigt.",
        "::: quiz alpha",
    ),
    (
        "quiz_placed_twice",
        {M: module_with_quiz() + "\n::: quiz alpha\n"},
        f"{M}:20",
        "Das Quiz „alpha“ steht schon in docs/module/alpha.md, Zeile 18.",
        "genau einmal",
    ),
    (
        "marker_names_unknown_quiz",
        {M: module_with_quiz("::: quiz alpah")},
        f"{M}:18",
        "Quiz „alpah“ gibt es nicht.",
        "Meinten Sie „alpha“?",
    ),
    (
        "short_text_without_answer",
        {
            Q: quiz(
                SINGLE_BODY,
                '    type: short_text\n    prompt: "Wie viele?"\n',
            )
        },
        f"{Q}:5",
        "entweder „answers“",
        "",
    ),
    (
        "task_without_criteria",
        {Q: quiz(SINGLE_BODY, TASK_BODY.split("    criteria:\n", 1)[0])},
        f"{Q}:5",
        "Pflichtfeld „questions[1].criteria“ fehlt.",
        "criteria: …",
    ),
    (
        "task_with_two_criteria",
        {Q: quiz(SINGLE_BODY, task_with_criteria(2))},
        f"{Q}:9",
        "„questions[1].criteria“ braucht mindestens 3 Einträge.",
        "",
    ),
    (
        "task_with_seven_criteria",
        {Q: quiz(SINGLE_BODY, task_with_criteria(7))},
        f"{Q}:9",
        "„questions[1].criteria“ hat zu viele Einträge (höchstens 6).",
        "",
    ),
    (
        "task_criterion_without_fulfilled",
        {Q: quiz(SINGLE_BODY, TASK_BODY.replace('        fulfilled: "Erfüllt 1."\n', ""))},
        f"{Q}:12",
        "Pflichtfeld „questions[1].criteria[2].fulfilled“ fehlt.",
        "fulfilled: …",
    ),
    (
        "task_unknown_key",
        {Q: quiz(SINGLE_BODY, TASK_BODY.replace("    product:", "    produkt:"))},
        f"{Q}:8",
        "Unbekannter Schlüssel „produkt“.",
        "Meinten Sie „product“?",
    ),
    (
        "task_unknown_key_in_criterion",
        {Q: quiz(SINGLE_BODY, TASK_BODY.replace('        fulfilled: "Erfüllt 1."', '        erfuellt: "Erfüllt 1."'))},
        f"{Q}:13",
        "Unbekannter Schlüssel „erfuellt“.",
        "fulfilled",
    ),
    (
        "shuffle_is_not_a_boolean",
        {Q: quiz("    options:", "    shuffle: nein\n    options:")},
        f"{Q}:9",
        "„questions[1].shuffle“ muss true oder false sein, gefunden: 'nein'.",
        "",
    ),
    (
        "invalid_yaml_in_quiz",
        {Q: quiz('title: "Selbstcheck"', "title: Selbstcheck: Teil 1")},
        f"{Q}:2",
        "Ungültiges YAML: Doppelpunkt an unerwarteter Stelle.",
        "",
    ),
]


@pytest.mark.parametrize(("files", "where", "message", "hint"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_quiz_error_has_place_and_german_message(
    make_course: MakeCourse, files: dict[str, str], where: str, message: str, hint: str
) -> None:
    report = run_check(make_course({M: module_with_quiz(), Q: valid_quiz(), **files}))
    lines = [d.format() for d in report.errors]
    matching = [line for line in lines if line.startswith(where + ": ") and message in line]
    assert matching, f"erwartet {where}: …{message}…, bekommen:\n" + "\n".join(lines)
    assert hint in matching[0]


def test_valid_quiz_with_all_eight_types_passes(make_course: MakeCourse) -> None:
    every_type = (
        valid_quiz()
        + """\
  - id: mehrere
    type: multiple
    prompt: "Welche?"
    options:
      - {text: "A", correct: true}
      - {text: "B", correct: true}
      - {text: "C", feedback: "Nein."}
    explanation: "A und B."
  - id: stimmt
    type: true_false
    prompt: "Die Erde ist rund."
    answer: true
    feedback_wrong: "Doch."
    explanation: "Ja."
  - id: paare
    type: matching
    prompt: "Ordnen Sie zu."
    pairs:
      - {left: "Seek", right: "Suchen"}
      - {left: "Share", right: "Teilen", feedback: "Teilen ist Share."}
    distractors: ["Löschen"]
    explanation: "So."
  - id: folge
    type: ordering
    prompt: "Bringen Sie in Reihenfolge."
    items:
      - text: "Seek"
      - text: "Sense"
      - text: "Share"
    explanation: "So."
  - id: zahl
    type: short_text
    prompt: "Wie viel Prozent?"
    number: 70
    tolerance: 0.5
    explanation: "70."
  - id: wort
    type: short_text
    prompt: "Wie heißt es?"
    answers: ["Working Out Loud", "WOL"]
    wrong_answers:
      - {answer: "Working loud", feedback: "Fast."}
    explanation: "WOL."
  - id: gedanken
    type: reflection
    prompt: "Was nehmen Sie mit?"
  - id: routine
    type: task
    prompt: "Planen Sie Ihre Lernroutine."
    product: "Eine Lernroutine für zwei Wochen."
    criteria:
      - {text: "Feste Zeiten", fulfilled: "Jeder Termin hat Tag und Uhrzeit."}
      - {text: "Realistisch", fulfilled: "Höchstens 20 Minuten am Tag."}
      - {text: "Mit anderen", fulfilled: "Eine Lernpartnerin ist genannt."}
    peer_feedback: "Lesen, einschätzen, begründen."
  - id: keine
    type: single
    shuffle: false
    prompt: "Welche?"
    options:
      - {text: "A", feedback: "Nein."}
      - {text: "Keine der genannten", correct: true}
    explanation: "Keine."
"""
    )
    report = run_check(make_course({M: module_with_quiz(), Q: every_type}))
    assert report.items == []
