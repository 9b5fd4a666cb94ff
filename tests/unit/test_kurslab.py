"""The notebooks' helper package under CPython: data, charts and German self-check feedback."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kurslab import (
    STOPWORDS_DE,
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


def test_bar_chart_describes_its_values_in_german_number_format() -> None:
    chart = bar_chart({"nur lesend": 90.0, "intensiv": 1.7}, "Beteiligung", unit=" %")
    assert chart.description == "nur lesend: 90 %; intensiv: 1,7 %"


@pytest.mark.parametrize(
    ("task", "answer", "ok", "hint"),
    [
        ("netzwerk-anteile", (90.0, 8.3, 1.7), True, "90-9-1-Faustregel"),
        ("netzwerk-anteile", (90, 8, 1), True, "kein Beleg"),
        ("netzwerk-anteile", (60, 20, 5), False, "ergeben zusammen 85,0 %"),
        ("netzwerk-anteile", (80, 15, 5), False, "Gruppe „intensiv“"),
        ("netzwerk-anteile", "90", False, "drei Prozentwerte"),
        ("netzwerk-helfer", "Niemand X.", False, "genaue Schreibweise"),
        ("mooc-abbruch", 2, True, "Woche 1 auf Woche 2"),
        ("mooc-abbruch", 1, False, "In Woche 1 kann niemand wegfallen"),
        ("mooc-abbruch", 4, False, "Aktive der Vorwoche minus"),
        ("mooc-quote", 15.4, True, "15,4 % der Eingeschriebenen"),
        ("mooc-quote", 0.154, False, "Anteil als Dezimalzahl"),
        ("mooc-quote", "viel", False, "Zahl in Prozent"),
        ("portfolio-zuordnung", {"Feedbackgespräche mit dem eigenen Team": "formal"}, False, "Rückmeldung kommt von"),
        ("portfolio-zuordnung", "andere", False, "Wörterbuch"),
        ("portfolio-mix", (70, 20, 10), False, "Summieren Sie die Stunden"),
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
