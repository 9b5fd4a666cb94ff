"""The notebooks' helper package under CPython: data, charts and German self-check feedback."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kurslab import (
    STOPWORDS_DE,
    Feedback,
    answered,
    bar_chart,
    check,
    funnel_chart,
    line_chart,
    load,
    network_chart,
    radar_chart,
    word_counts,
    words,
)
from kurslab.checks import TASKS
from support.course import ROOT

SVG = "{http://www.w3.org/2000/svg}"


def test_data_sets_load_with_numbers() -> None:
    members = load("netzwerk-mitglieder")
    assert len(members) == 120
    assert isinstance(members[0]["beitraege"], int)
    with pytest.raises(ValueError, match="Den Datensatz „netz“ gibt es nicht"):
        load("netz")


def test_generator_reproduces_the_shipped_data(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_data.py"), str(tmp_path)], check=True, capture_output=True
    )
    for shipped in (ROOT / "exercises" / "data").glob("*.csv"):
        assert (tmp_path / shipped.name).read_bytes() == shipped.read_bytes(), shipped.name


@pytest.mark.parametrize(
    "chart",
    [
        bar_chart({"A": 3, "B": 1.5}, "Balken", unit=" %"),
        funnel_chart([("alle", 100), ("aktiv", 40)], "Trichter"),
        line_chart({"x": [1, 3, 2]}, ["W1", "W2", "W3"], "Linie"),
        network_chart([("A", "B", 2), ("B", "C", 1)], "Netz", highlight=["B"]),
        radar_chart({"1.1": 2, "3.3": 4, "6.4": 1}, 5, "Profil"),
    ],
    ids=["bar", "funnel", "line", "network", "radar"],
)
def test_charts_are_accessible_svg(chart: object) -> None:
    root = ET.fromstring(str(chart))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}title").text  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc") is not None and root.find(f"{SVG}desc").text  # type: ignore[union-attr]
    assert chart._repr_svg_() == chart._repr_html_() == str(chart)  # type: ignore[attr-defined]


def test_network_chart_names_its_nodes_and_scales_lines_by_weight() -> None:
    chart = network_chart([("Service", "Vertrieb", 10), ("Vertrieb", "Personal", 1)], "Netz", nodes="Bereiche")
    assert chart.description.startswith("3 Bereiche, 2 Verbindungen")
    widths = [float(line.get("stroke-width") or 0) for line in ET.fromstring(str(chart)).iter(f"{SVG}line")]
    assert widths == [4.0, 0.8]


def test_bar_chart_describes_its_values_in_german_number_format() -> None:
    chart = bar_chart({"nur lesend": 90.0, "intensiv": 1.7}, "Beteiligung", unit=" %")
    assert chart.description == "nur lesend: 90 %; intensiv: 1,7 %"


PROGRAMME_GAPS = [
    ("Leistungsgespräche", "austausch"),
    ("Schichtplanung", "rueckmeldung"),
    ("Schichtplanung", "austausch"),
    ("Konfliktmoderation", "rueckmeldung"),
]


@pytest.mark.parametrize(
    ("task", "answer", "ok", "hint"),
    [
        ("netzwerk-anteile", (90.0, 8.3, 1.7), True, "90-9-1-Faustregel"),
        ("netzwerk-anteile", (90, 8, 1), True, "kein Beleg"),
        ("netzwerk-anteile", (60, 20, 5), False, "ergeben zusammen 85,0 %"),
        ("netzwerk-anteile", (80, 15, 5), False, "Gruppe „intensiv“"),
        ("netzwerk-anteile", "90", False, "drei Prozentwerte"),
        ("netzwerk-bereiche", 37.0, True, "37,0 % der Antworten gehen über Bereichsgrenzen"),
        ("netzwerk-bereiche", "37,0", True, "kein Urteil"),
        ("netzwerk-bereiche", 63, False, "innerhalb eines Bereichs"),
        ("netzwerk-bereiche", 0.37, False, "Anteil als Dezimalzahl"),
        ("netzwerk-bereiche", 50, False, "Summieren Sie „anzahl“"),
        ("netzwerk-haelfte", 2, True, "müssen Sie nicht wissen, wer sie sind"),
        ("netzwerk-haelfte", 1, False, "Das Mitglied mit den meisten Antworten gibt 35 %"),
        ("netzwerk-haelfte", 3, False, "es geht mit weniger"),
        ("netzwerk-haelfte", 2.5, False, "ganze Zahl"),
        ("mooc-abbruch", 2, True, "Woche 1 auf Woche 2"),
        ("mooc-abbruch", 1, False, "In Woche 1 kann niemand wegfallen"),
        ("mooc-abbruch", 4, False, "Aktive der Vorwoche minus"),
        ("mooc-quote", 15.4, True, "15,4 % der Eingeschriebenen"),
        ("mooc-quote", 0.154, False, "Anteil als Dezimalzahl"),
        ("mooc-quote", "viel", False, "Zahl in Prozent"),
        ("lernmix-luecken", PROGRAMME_GAPS, True, "Rückmeldung fehlt bei „Schichtplanung“ und „Konfliktmoderation“"),
        ("lernmix-luecken", [(t.lower(), g) for t, g in reversed(PROGRAMME_GAPS)], True, "Austausch fehlt bei"),
        ("lernmix-luecken", PROGRAMME_GAPS[:3], False, "Eine Lücke fehlt noch"),
        ("lernmix-luecken", [*PROGRAMME_GAPS, ("Führungsrolle", "praxis")], False, "Gesucht sind die Nullen"),
        ("lernmix-luecken", [("Projekt", "praxis")], False, "kein Thema des Programms"),
        ("lernmix-luecken", [("Schichtplanung", "feedback")], False, "keine Lerngelegenheit"),
        ("lernmix-luecken", "Schichtplanung", False, "Liste von Paaren"),
        ("lernmix-deutung", "C", True, "beschreibt den Kalender, nicht das Lernen"),
        ("lernmix-deutung", " c", True, "Auswertungsgespräch"),
        ("lernmix-deutung", "A", False, "kein Sollwert"),
        ("lernmix-deutung", "B", False, "Stunden messen eingeplante Zeit"),
        ("lernmix-deutung", "D", False, "A, B oder C"),
        ("feedback-haeufigstes-wort", "Austausch", True, "Häufigkeit sagt aber nichts"),
        ("feedback-haeufigstes-wort", "lang", False, "ein anderes Wort häufiger"),
        ("feedback-haeufigstes-wort", "und", False, "Stoppwörter"),
        ("evaluation-zuwachs", 16.1, True, "Ohne Vergleichsgruppe"),
        ("evaluation-zuwachs", 50, False, "nachher minus vorher"),
        ("evaluation-korrelation", -0.18, True, "Alliger"),
        ("evaluation-korrelation", 0.9, False, "statistics.correlation"),
        ("gibt-es-nicht", 1, False, "Vorhanden:"),
    ],
)
def test_self_checks_explain_what_to_look_at(task: str, answer: object, ok: bool, hint: str) -> None:
    feedback = check(task, answer)
    assert feedback.ok is ok
    assert hint in feedback.message
    assert str(feedback).startswith("✔ Richtig." if ok else "✘ Noch nicht.")
    assert not feedback.pending


@pytest.mark.parametrize("task", sorted(TASKS))
def test_an_untouched_gap_is_not_judged(task: str) -> None:
    feedback = check(task, ...)
    assert feedback.pending and not feedback.ok
    assert (
        str(feedback)
        == "Noch nicht bearbeitet: Ersetzen Sie `...` durch Ihre Lösung und führen Sie die Zelle noch einmal aus."
    )
    assert feedback._repr_markdown_().startswith("**Noch nicht bearbeitet:** Ersetzen Sie `...`")


@pytest.mark.parametrize(
    ("task", "answer", "message"),
    [
        ("netzwerk-anteile", (90.0, ..., ...), "2 von 3 Werten fehlen noch."),
        ("netzwerk-anteile", [90.0, 8.3, ...], "1 von 3 Werten fehlt noch."),
        ("lernmix-luecken", [("Schichtplanung", "rueckmeldung"), ("Schichtplanung", ...)], "1 von 4 Werten fehlt"),
        ("mooc-abbruch", {2: ..., 3: 40}, "1 von 2 Werten fehlt noch."),
    ],
)
def test_a_partly_filled_answer_says_how_much_is_missing(task: str, answer: object, message: str) -> None:
    feedback = check(task, answer)
    assert feedback.pending
    assert str(feedback).startswith(f"Noch nicht bearbeitet: {message}")


@pytest.mark.parametrize(
    ("answer", "done"),
    [
        (..., False),
        ((1, ...), False),
        ({"a": ...}, False),
        ({...: "a"}, False),
        ([("a", ("b", ...))], False),
        ({1, ...}, False),
        (0, True),
        (None, True),
        ("...", True),  # text with three dots is an answer (a wrong one), not the gap
        ([("a", "b")], True),
        ({}, True),
    ],
)
def test_answered_finds_the_gap_anywhere_in_the_answer(answer: object, done: bool) -> None:
    assert answered(answer) is done


def test_an_unknown_task_is_reported_even_with_the_gap() -> None:
    feedback = check("gibt-es-nicht", ...)
    assert not feedback.pending and str(feedback).startswith("✘ Noch nicht. Die Aufgabe „gibt-es-nicht“")


def test_feedback_reads_the_same_as_text_and_as_markdown() -> None:
    assert str(Feedback(True, "Gut.")) == "✔ Richtig. Gut."
    assert Feedback(False, "Prüfen Sie …")._repr_markdown_() == "**✘ Noch nicht.** Prüfen Sie …"
    assert str(Feedback(False, "Lücke.", pending=True)) == "Noch nicht bearbeitet: Lücke."


def test_word_counts_drop_german_stop_words() -> None:
    assert words("Der Austausch war sehr hilfreich, die Pausen zu kurz.") == [
        "austausch",
        "hilfreich",
        "pausen",
        "kurz",
    ]
    assert word_counts(["Austausch und Austausch", "Pausen"]) == [("austausch", 2), ("pausen", 1)]
    assert "und" in STOPWORDS_DE and "austausch" not in STOPWORDS_DE


def test_two_charts_on_one_page_have_distinct_ids() -> None:
    first = ET.fromstring(str(bar_chart({"A": 1}, "Eins")))
    second = ET.fromstring(str(bar_chart({"B": 2}, "Zwei")))
    ids = [e.get("id") for root in (first, second) for e in root.iter() if e.get("id")]
    assert len(ids) == 4 and len(set(ids)) == 4
    assert first.get("aria-labelledby") == " ".join(e.get("id") or "" for e in first if e.get("id"))
