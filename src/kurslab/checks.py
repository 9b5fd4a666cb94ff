"""Self-checks for notebook tasks: German feedback that says what to look at, never just True/False."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from .data import load


@dataclass(frozen=True)
class Feedback:
    ok: bool
    message: str

    def __str__(self) -> str:
        return ("✔ Richtig. " if self.ok else "✘ Noch nicht. ") + self.message

    def _repr_markdown_(self) -> str:
        return ("**✔ Richtig.** " if self.ok else "**✘ Noch nicht.** ") + self.message


def _participation() -> tuple[float, float, float]:
    rows = load("netzwerk-mitglieder")
    total = len(rows)
    silent = sum(1 for r in rows if r["beitraege"] == 0)
    heavy = sum(1 for r in rows if isinstance(r["beitraege"], int) and r["beitraege"] >= 10)
    return 100 * silent / total, 100 * (total - silent - heavy) / total, 100 * heavy / total


def _shares(answer: object) -> Feedback:
    expected = _participation()
    if not isinstance(answer, tuple | list) or len(answer) != 3:
        return Feedback(False, "Geben Sie drei Prozentwerte an: (nur lesend, gelegentlich, intensiv).")
    try:
        given = [float(v) for v in answer]
    except (TypeError, ValueError):
        return Feedback(False, "Die drei Werte müssen Zahlen sein, z. B. (85.0, 10.0, 5.0).")
    if abs(sum(given) - 100) > 1.5:
        total = f"{sum(given):.1f}".replace(".", ",")
        return Feedback(
            False,
            f"Ihre Anteile ergeben zusammen {total} %, nicht 100 %. "
            "Teilen Sie jede Gruppe durch die Zahl aller Mitglieder.",
        )
    if all(abs(g - e) <= 1 for g, e in zip(given, expected, strict=True)):
        return Feedback(
            True,
            f"Rund {expected[0]:.0f} % lesen nur, {expected[1]:.0f} % schreiben gelegentlich und "
            f"{expected[2]:.0f} % intensiv. Das ähnelt der 90-9-1-Faustregel, ist aber ein einzelnes "
            "Netzwerk und kein Beleg für eine feste Verteilung.",
        )
    if abs(given[2] - expected[2]) > 1:
        return Feedback(
            False, "Prüfen Sie die Gruppe „intensiv“: gezählt werden Mitglieder mit 10 oder mehr Beiträgen."
        )
    return Feedback(False, "Prüfen Sie die Gruppe „nur lesend“: gezählt werden Mitglieder mit 0 Beiträgen.")


def _top_helper(answer: object) -> Feedback:
    totals: dict[str, int] = {}
    for row in load("netzwerk-antworten"):
        totals[str(row["von"])] = totals.get(str(row["von"]), 0) + int(row["anzahl"])
    best = max(totals, key=lambda name: totals[name])
    if str(answer).strip() == best:
        return Feedback(
            True,
            f"{best} hat {totals[best]} Antworten gegeben. Fällt diese Person aus, fehlt dem "
            "Netzwerk ein großer Teil seines Wissens: ein Argument, weitere Menschen zum Antworten zu "
            "ermutigen.",
        )
    if str(answer).strip() in totals:
        return Feedback(
            False,
            f"{str(answer).strip()} hat {totals[str(answer).strip()]} Antworten gegeben; jemand "
            "hat mehr. Summieren Sie die Spalte „anzahl“ je Person in der Spalte „von“.",
        )
    return Feedback(
        False,
        "Diese Person kommt in der Spalte „von“ nicht vor. Achten Sie auf die genaue Schreibweise, z. B. „Anna A.“.",
    )


def _biggest_drop(answer: object) -> Feedback:
    rows = load("mooc-wochen")
    drops = {int(b["woche"]): int(a["aktiv"]) - int(b["aktiv"]) for a, b in pairwise(rows)}
    week = max(drops, key=lambda w: drops[w])
    if answer == week:
        return Feedback(
            True,
            f"Von Woche {week - 1} auf Woche {week} gingen {drops[week]} Aktive verloren, so viele "
            "wie in keiner anderen Woche. Der Anfang eines Kurses entscheidet viel.",
        )
    if isinstance(answer, int) and answer == 1:
        return Feedback(
            False, "In Woche 1 kann niemand wegfallen: vergleichen Sie jeweils eine Woche mit der Woche davor."
        )
    return Feedback(
        False,
        "Berechnen Sie für jede Woche: Aktive der Vorwoche minus Aktive dieser Woche. "
        "Welche Woche hat den größten Wert?",
    )


def _completion(answer: object) -> Feedback:
    rows = load("mooc-wochen")
    expected = 100 * int(rows[-1]["aufgabe_erledigt"]) / int(rows[0]["eingeschrieben"])
    try:
        given = float(str(answer).replace(",", "."))
    except ValueError:
        return Feedback(False, "Geben Sie eine Zahl in Prozent an, z. B. 12.5.")
    if abs(given - expected) <= 0.5:
        shown = f"{expected:.1f}".replace(".", ",")
        return Feedback(
            True,
            f"{shown} % der Eingeschriebenen haben die letzte Aufgabe erledigt. Bezogen auf "
            "die in Woche 1 Aktiven wäre die Quote deutlich höher: Welche Zahl Sie nennen, hängt davon "
            "ab, wen Sie als Ausgangsgruppe nehmen.",
        )
    if 0 < given <= 1 and abs(100 * given - expected) <= 0.5:
        return Feedback(
            False, "Das ist der Anteil als Dezimalzahl. Multiplizieren Sie mit 100, um Prozent zu erhalten."
        )
    return Feedback(
        False,
        "Teilen Sie die Zahl derer, die in der letzten Woche die Aufgabe erledigt haben, durch "
        "die Zahl der Eingeschriebenen, und multiplizieren Sie mit 100.",
    )


TASKS: dict[str, Callable[[object], Feedback]] = {
    "netzwerk-anteile": _shares,
    "netzwerk-helfer": _top_helper,
    "mooc-abbruch": _biggest_drop,
    "mooc-quote": _completion,
}


def check(task: str, answer: object) -> Feedback:
    """Check a task's answer; the task names are given in the notebooks."""
    if task not in TASKS:
        return Feedback(False, f"Die Aufgabe „{task}“ gibt es nicht. Vorhanden: {', '.join(sorted(TASKS))}.")
    return TASKS[task](answer)
