"""Loading the course's small CSV data sets (exercises/data/) as lists of rows."""

from __future__ import annotations

import csv
import os
from pathlib import Path

Row = dict[str, str | int | float]

DATA_SETS = {
    "netzwerk-mitglieder": "Mitglieder eines internen sozialen Netzwerks (pseudonymisiert) mit Beiträgen und Antworten",
    "netzwerk-antworten": "Antworten zwischen den Bereichen des Netzwerks, zusammengefasst (ohne Personen)",
    "mooc-wochen": "Ein interner MOOC: Eingeschriebene und Aktive je Woche",
    "programm-aktivitaeten": "Bausteine eines Programms für neue Teamleitungen: Stunden, Lernquelle, Lerngelegenheiten",
    "workshop-feedback": "Freitext-Rückmeldungen nach einem Workshop",
    "evaluation": "Evaluation nach Kirkpatrick: Zufriedenheit, Test vorher und nachher, Anwendung",
}


def data_dir() -> Path:
    """Where the CSV files are: $KURSLAB_DATA, the notebook's folder (JupyterLite), or the repository."""
    candidates = [Path(os.environ["KURSLAB_DATA"])] if "KURSLAB_DATA" in os.environ else []
    candidates += [Path.cwd() / "data", Path.cwd(), Path(__file__).resolve().parents[3] / "exercises" / "data"]
    for folder in candidates:
        if (folder / "netzwerk-mitglieder.csv").is_file():
            return folder
    raise FileNotFoundError("Die Kursdaten wurden nicht gefunden. Öffnen Sie das Notebook aus dem Kurs heraus.")


def _number(value: str) -> str | int | float:
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


def load(name: str) -> list[Row]:
    """A data set as a list of rows; numbers are converted."""
    if name not in DATA_SETS:
        known = ", ".join(sorted(DATA_SETS))
        raise ValueError(f"Den Datensatz „{name}“ gibt es nicht. Vorhanden: {known}.")
    with (data_dir() / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return [{key: _number(value) for key, value in row.items()} for row in csv.DictReader(handle)]
