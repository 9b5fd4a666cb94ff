#!/usr/bin/env python3
"""Generate the course's synthetic data sets into exercises/data/ (fixed seeds, so always the same).

netzwerk-mitglieder.csv  120 members of an internal social network: role, posts, answers
                         (participation inequality: most read only, few write a lot)
netzwerk-antworten.csv   who answered whom, with the number of answers
mooc-wochen.csv          an internal MOOC over six weeks: enrolled, active, completed the weekly task
programm-aktivitaeten.csv  a leadership programme's activities with hours and learning source (three left open)
workshop-feedback.csv    short free-text comments after a workshop
evaluation.csv           an evaluation along Kirkpatrick's levels: reaction, test before/after, behaviour

Usage: python scripts/generate_data.py [TARGET_DIR]
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

FIRST = [
    "Anna",
    "Ben",
    "Chiara",
    "Deniz",
    "Elif",
    "Felix",
    "Greta",
    "Hakan",
    "Ines",
    "Jonas",
    "Kira",
    "Lukas",
    "Mara",
    "Nils",
    "Olga",
    "Paul",
    "Rana",
    "Sven",
    "Tara",
    "Uwe",
    "Vera",
    "Yusuf",
    "Zoe",
    "Malte",
]
LAST = ["A.", "B.", "C.", "D.", "E."]
ROLES = ["Service", "Vertrieb", "Entwicklung", "Produktion", "Personal"]


def members(rng: random.Random) -> list[dict[str, object]]:
    names = [f"{first} {last}" for last in LAST for first in FIRST][:120]
    rows = []
    for i, name in enumerate(names):
        if i < 2:  # a very small core writes most
            posts, answers = rng.randint(35, 60), rng.randint(40, 80)
        elif i < 12:  # occasional contributors
            posts, answers = rng.randint(1, 9), rng.randint(0, 12)
        else:  # the silent majority reads
            posts, answers = 0, 0
        rows.append({"person": name, "bereich": rng.choice(ROLES), "beitraege": posts, "antworten": answers})
    rng.shuffle(rows)
    return rows


def answers(rng: random.Random, people: list[dict[str, object]]) -> list[dict[str, object]]:
    askers = [p["person"] for p in people if int(str(p["beitraege"])) > 0]
    helpers = [p for p in people if int(str(p["antworten"])) > 0]
    counts: dict[tuple[str, str], int] = {}
    for helper in helpers:
        for _ in range(int(str(helper["antworten"]))):
            asker = rng.choice(askers)
            if asker != helper["person"]:
                key = (str(helper["person"]), asker)
                counts[key] = counts.get(key, 0) + 1
    return [{"von": a, "an": b, "anzahl": n} for (a, b), n in sorted(counts.items())]


def mooc(rng: random.Random) -> list[dict[str, object]]:
    enrolled = 480
    active = [312]
    for share in (0.58, 0.74, 0.86, 0.9, 0.93):  # the big drop comes in week 2
        active.append(round(active[-1] * share * rng.uniform(0.98, 1.02)))
    task = [round(a * rng.uniform(0.7, 0.8)) for a in active]
    return [
        {"woche": week, "eingeschrieben": enrolled, "aktiv": a, "aufgabe_erledigt": t}
        for week, (a, t) in enumerate(zip(active, task, strict=True), start=1)
    ]


PROGRAMME = [
    ("Auftaktseminar Führungsrolle", 16, "formal"),
    ("E-Learning Arbeitsrecht für Führungskräfte", 4, "formal"),
    ("Seminar Gesprächsführung", 12, "formal"),
    ("Leitung eines bereichsübergreifenden Projekts", 120, "erfahrung"),
    ("Vertretung der eigenen Führungskraft (vier Wochen)", 60, "erfahrung"),
    ("Mentoring durch eine erfahrene Führungskraft", 18, "andere"),
    ("Kollegiale Fallberatung unter neuen Führungskräften", 12, "andere"),
    ("Feedbackgespräche mit dem eigenen Team", 8, "offen"),
    ("Hospitation in einem anderen Werk", 16, "offen"),
    ("Lektüre und Quiz zu Führungsstilen", 6, "offen"),
]
# The three open rows and their intended classification live in kurslab.checks (the task's solution).

FEEDBACK_PARTS = [
    "Der Austausch mit den anderen war {adj}",
    "Die Übungen waren {adj}",
    "Mehr Zeit für Austausch wäre {adj}",
    "Die Beispiele aus der Praxis waren {adj}",
    "Der Vortrag am Anfang war {adj}",
    "Die Methode Lean Coffee war {adj}",
    "Die Pausen waren {adj}",
    "Für meinen Alltag ist das Thema {adj}",
]
ADJECTIVES = ["sehr hilfreich", "hilfreich", "zu lang", "spannend", "etwas kurz", "praxisnah", "wichtig", "gut"]


def programme() -> list[dict[str, object]]:
    return [{"aktivitaet": a, "stunden": h, "lernquelle": q} for a, h, q in PROGRAMME]


def feedback(rng: random.Random) -> list[dict[str, object]]:
    rows = []
    for number in range(1, 61):
        parts = rng.sample(FEEDBACK_PARTS, rng.randint(1, 2))
        text = ". ".join(p.format(adj=rng.choice(ADJECTIVES)) for p in parts) + "."
        rows.append({"nr": number, "kommentar": text})
    return rows


def evaluation(rng: random.Random) -> list[dict[str, object]]:
    rows = []
    for number in range(1, 41):
        satisfaction = rng.choice([3, 4, 4, 5, 5, 5])
        before = rng.randint(35, 65)
        after = min(100, before + rng.randint(5, 30))
        # Behaviour three months later depends on support at work, hardly on satisfaction.
        support = rng.random()
        behaviour = round(min(5, max(1, 1.5 + 3 * support + rng.uniform(-0.5, 0.5))), 1)
        rows.append(
            {
                "person": number,
                "zufriedenheit": satisfaction,
                "test_vorher": before,
                "test_nachher": after,
                "anwendung_nach_3_monaten": behaviour,
            }
        )
    return rows


def write(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def generate(target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    people = members(random.Random(7020))
    sets = {
        "netzwerk-mitglieder": people,
        "netzwerk-antworten": answers(random.Random(901), people),
        "mooc-wochen": mooc(random.Random(2012)),
        "programm-aktivitaeten": programme(),
        "workshop-feedback": feedback(random.Random(1959)),
        "evaluation": evaluation(random.Random(4)),
    }
    paths = []
    for name, rows in sets.items():
        write(target / f"{name}.csv", rows)
        paths.append(target / f"{name}.csv")
    return paths


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "exercises" / "data"
    for written in generate(folder):
        print(f"geschrieben: {written}")
