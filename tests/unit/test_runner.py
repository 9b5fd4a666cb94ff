"""kurslab.runner: how a cell on the module page reports its outputs and errors (here in CPython;
the browser tests run the same module in Pyodide)."""

from __future__ import annotations

from kurslab.runner import NO_INPUT, run_cell


def test_printed_text_comes_before_the_value_of_the_last_expression() -> None:
    namespace: dict[str, object] = {}
    outputs = run_cell("x = 20\nprint('Zwischenstand')\nx + 22", namespace)
    assert outputs == [{"type": "text", "text": "Zwischenstand\n"}, {"type": "text", "text": "42"}]
    assert run_cell("x", namespace) == [{"type": "text", "text": "20"}]  # cells of an exercise share names


def test_charts_come_as_svg_and_self_checks_as_feedback() -> None:
    namespace: dict[str, object] = {}
    chart = run_cell("from kurslab import bar_chart\nbar_chart({'a': 1, 'b': 2}, 'Titel')", namespace)
    assert chart[0]["type"] == "svg" and chart[0]["text"].startswith("<svg")
    gap = run_cell("from kurslab import check\ncheck('mooc-abbruch', ...)", namespace)
    assert gap[0]["type"] == "feedback" and gap[0]["state"] == "open"
    assert "Noch nicht bearbeitet" in gap[0]["text"]
    right = run_cell("check('mooc-abbruch', 2)", namespace)
    assert right[0]["state"] == "ok" and right[0]["text"].startswith("✔")


def test_errors_name_the_line_in_the_learners_code_with_a_german_hint() -> None:
    outputs = run_cell("a = 1\nb = a + unbekannt", {})
    assert outputs[-1]["type"] == "error" and outputs[-1]["line"] == 2
    assert outputs[-1]["text"].startswith("Fehler in Zeile 2: NameError")
    assert "Zellen darüber" in outputs[-1]["hint"]
    assert "runner.py" not in outputs[-1]["traceback"]  # the learner sees their code, not the runner's
    syntax = run_cell("if True\n    pass", {})
    assert syntax[-1]["line"] == 1 and "SyntaxError" in syntax[-1]["text"]


def test_an_untouched_gap_in_arithmetic_says_to_fill_it() -> None:
    outputs = run_cell("anteil = ...\nprint(anteil * 100)", {})
    assert outputs[-1]["hint"] == "Ersetzen Sie zuerst die Lücke ... durch Ihre Lösung."


def test_output_printed_before_an_error_is_kept() -> None:
    outputs = run_cell("print('vorher')\n1 / 0", {})
    assert outputs[0] == {"type": "text", "text": "vorher\n"}
    assert outputs[1]["type"] == "error" and "ZeroDivisionError" in outputs[1]["text"]


def test_input_and_missing_packages_get_a_german_explanation() -> None:
    asked = run_cell("name = input('Ihr Name? ')", {})
    assert asked[-1]["text"] == "Fehler in Zeile 1: EOFError: " + NO_INPUT
    assert 'name = "Alex"' in asked[-1]["hint"]
    missing = run_cell("import pandas", {})
    assert missing[-1]["text"].startswith("Fehler in Zeile 1: ModuleNotFoundError")
    assert "keine weiteren Pakete" in missing[-1]["hint"]
    own = {"input": lambda prompt="": "Alex"}  # a learner's own input() is theirs to keep
    assert run_cell("input()", own) == [{"type": "text", "text": "'Alex'"}]


def test_exit_ends_the_cell_not_python() -> None:
    namespace: dict[str, object] = {}
    for code in ("import sys\nprint('davor')\nsys.exit()", "exit()", "raise SystemExit(3)"):
        outputs = run_cell(code, namespace)
        assert outputs[-1]["type"] == "error" and "SystemExit" in outputs[-1]["text"]
        assert "Python läuft weiter" in outputs[-1]["hint"]
    assert outputs[-1]["text"] == "Fehler in Zeile 1: SystemExit: 3"
    assert run_cell("print('danach')", namespace) == [{"type": "text", "text": "danach\n"}]
