#!/usr/bin/env python3
"""Generate the course's synthetic data sets into exercises/data/ (fixed seeds, so always the same).

netzwerk-mitglieder.csv  120 members of an internal social network under pseudonyms: department, posts,
                         answers (participation inequality: most read only, few write a lot)
netzwerk-antworten.csv   answers between departments, aggregated: who answered whom never leaves the platform
mooc-wochen.csv          an internal MOOC over six weeks: enrolled, active, completed the weekly task
programm-aktivitaeten.csv  a draft programme for new team leads: hours per activity and the learning
                         opportunities it offers (practice, feedback, exchange with peers, formal)
workshop-feedback.csv    short free-text comments after a workshop
evaluation.csv           an evaluation along Kirkpatrick's levels: reaction, test before/after, behaviour

Usage: python scripts/generate_data.py [TARGET_DIR]
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

ROLES = ["Service", "Vertrieb", "Entwicklung", "Produktion", "Personal"]


def members(rng: random.Random) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for i in range(120):
        if i < 2:  # a very small core writes most
            posts, answers = rng.randint(35, 60), rng.randint(40, 80)
        elif i < 12:  # occasional contributors
            posts, answers = rng.randint(1, 9), rng.randint(0, 12)
        else:  # the silent majority reads
            posts, answers = 0, 0
        rows.append({"bereich": rng.choice(ROLES), "beitraege": posts, "antworten": answers})
    rng.shuffle(rows)
    # Pseudonyms, not names: the export a personnel developer may work with (still personal data).
    return [{"kennung": f"M{i:03d}", **row} for i, row in enumerate(rows, start=1)]


def answers(rng: random.Random, people: list[dict[str, object]]) -> list[dict[str, object]]:
    """Answers between departments; most stay inside the asker's own department."""
    askers = [p for p in people if int(str(p["beitraege"])) > 0]
    counts: dict[tuple[str, str], int] = {}
    for helper in people:
        others = [a for a in askers if a is not helper]
        colleagues = [a for a in others if a["bereich"] == helper["bereich"]]
        for _ in range(int(str(helper["antworten"]))):
            asker = rng.choice(colleagues if colleagues and rng.random() < 0.6 else others)
            key = (str(helper["bereich"]), str(asker["bereich"]))
            counts[key] = counts.get(key, 0) + 1
    return [{"von_bereich": a, "an_bereich": b, "anzahl": n} for (a, b), n in sorted(counts.items())]


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


# A draft programme for new team leads. By hours it meets 70-20-10 exactly (210/60/30 of 300); by learning
# opportunities per topic it has gaps: no exchange with peers on appraisals and shift planning, no feedback on
# shift planning and conflict moderation. Columns: activity, topic, hours, the learning source the planners
# filed it under, and the opportunities it offers (practice at work, feedback, exchange with peers, formal).
PROGRAMME = [
    ("Auftaktseminar Führungsrolle", "Führungsrolle", 12, "formal", (0, 0, 1, 1)),
    ("Leitung eines bereichsübergreifenden Projekts", "Führungsrolle", 120, "erfahrung", (1, 0, 0, 0)),
    ("Mentoring durch eine erfahrene Führungskraft", "Führungsrolle", 36, "andere", (0, 1, 0, 0)),
    ("Seminar Gesprächsführung mit Rollenspielen", "Leistungsgespräche", 10, "formal", (0, 1, 0, 1)),
    ("Jahresgespräche im eigenen Team führen", "Leistungsgespräche", 30, "erfahrung", (1, 0, 0, 0)),
    ("Auswertung der Jahresgespräche mit der eigenen Führungskraft", "Leistungsgespräche", 6, "andere", (0, 1, 0, 0)),
    ("E-Learning Arbeitszeitrecht", "Schichtplanung", 4, "formal", (0, 0, 0, 1)),
    ("Schichtplan für das eigene Team erstellen", "Schichtplanung", 40, "erfahrung", (1, 0, 0, 0)),
    ("Lektüre zu Konfliktmodellen", "Konfliktmoderation", 4, "formal", (0, 0, 0, 1)),
    ("Teambesprechung zu einem strittigen Thema moderieren", "Konfliktmoderation", 20, "erfahrung", (1, 0, 0, 0)),
    ("Kollegiale Fallberatung zu Konflikten im Team", "Konfliktmoderation", 18, "andere", (0, 0, 1, 0)),
]
OPPORTUNITIES = ("praxis", "rueckmeldung", "austausch", "formal")

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
    return [
        {"baustein": a, "thema": t, "stunden": h, "lernquelle": q, **dict(zip(OPPORTUNITIES, flags, strict=True))}
        for a, t, h, q, flags in PROGRAMME
    ]


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
