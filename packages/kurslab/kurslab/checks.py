"""Self-checks for notebook tasks: German feedback that says what to look at, never just True/False."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from .data import load
from .text import word_counts


@dataclass(frozen=True)
class Feedback:
    ok: bool
    message: str

    def __str__(self) -> str:
        return ("✔ Richtig. " if self.ok else "✘ Noch nicht. ") + self.message

    def _repr_markdown_(self) -> str:
        return ("**✔ Richtig.** " if self.ok else "**✘ Noch nicht.** ") + self.message


def _de(value: float, digits: int = 1) -> str:
    """A number as Germans write it: decimal comma."""
    return f"{value:.{digits}f}".replace(".", ",")


def _number(answer: object) -> float | None:
    """The answer as a number (``3,5`` and ``3.5`` alike), or None."""
    try:
        return float(str(answer).replace(",", "."))
    except ValueError:
        return None


def _three_shares(answer: object, names: str) -> list[float] | Feedback:
    """Three percentages, or feedback saying what shape the answer needs."""
    if not isinstance(answer, tuple | list) or len(answer) != 3:
        return Feedback(False, f"Geben Sie drei Prozentwerte an: ({names}).")
    values = [_number(v) for v in answer]
    if any(v is None for v in values):
        return Feedback(False, "Die drei Werte müssen Zahlen sein, z. B. (85.0, 10.0, 5.0).")
    return [v for v in values if v is not None]


def _participation() -> tuple[float, float, float]:
    rows = load("netzwerk-mitglieder")
    total = len(rows)
    silent = sum(1 for r in rows if r["beitraege"] == 0)
    heavy = sum(1 for r in rows if isinstance(r["beitraege"], int) and r["beitraege"] >= 10)
    return 100 * silent / total, 100 * (total - silent - heavy) / total, 100 * heavy / total


def _shares(answer: object) -> Feedback:
    expected = _participation()
    given = _three_shares(answer, "nur lesend, gelegentlich, intensiv")
    if isinstance(given, Feedback):
        return given
    if abs(sum(given) - 100) > 1.5:
        return Feedback(
            False,
            f"Ihre Anteile ergeben zusammen {_de(sum(given))} %, nicht 100 %. "
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
    given = _number(answer)
    if given is None:
        return Feedback(False, "Geben Sie eine Zahl in Prozent an, z. B. 12.5.")
    if abs(given - expected) <= 0.5:
        shown = _de(expected)
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


OPEN_ACTIVITIES = {
    "Feedbackgespräche mit dem eigenen Team": "andere",
    "Hospitation in einem anderen Werk": "erfahrung",
    "Lektüre und Quiz zu Führungsstilen": "formal",
}
SOURCE_NAMES = {"erfahrung": "Erfahrung", "andere": "andere Menschen", "formal": "formales Lernen"}


def _classification(answer: object) -> Feedback:
    if not isinstance(answer, dict):
        return Feedback(False, "Geben Sie ein Wörterbuch an: {„Aktivität“: „erfahrung“ | „andere“ | „formal“}.")
    wrong = [name for name, source in OPEN_ACTIVITIES.items() if str(answer.get(name, "")).strip().lower() != source]
    if not wrong:
        return Feedback(
            True,
            "Alle drei offenen Aktivitäten sind zugeordnet. Grenzfälle gibt es trotzdem: Eine "
            "Hospitation ist Erfahrung, lebt aber auch von den Menschen vor Ort.",
        )
    first = wrong[0]
    if first.startswith("Feedback"):
        hint = "Wer lernt hier von wem? Rückmeldung kommt von anderen Menschen."
    elif first.startswith("Hospitation"):
        hint = "Eine Hospitation heißt, selbst in einer fremden Umgebung mitzuarbeiten: Lernen aus Erfahrung."
    else:
        hint = "Lektüre mit Quiz ist ein organisiertes Lernangebot: formales Lernen."
    return Feedback(False, f"„{first}“ passt noch nicht. {hint}")


def _portfolio_mix(answer: object) -> Feedback:
    rows = load("programm-aktivitaeten")
    hours = {"erfahrung": 0.0, "andere": 0.0, "formal": 0.0}
    for row in rows:
        source = OPEN_ACTIVITIES.get(str(row["aktivitaet"]), str(row["lernquelle"]))
        hours[source] += float(row["stunden"])
    total = sum(hours.values())
    expected = [100 * hours[k] / total for k in ("erfahrung", "andere", "formal")]
    given = _three_shares(answer, "Erfahrung, andere Menschen, formales Lernen")
    if isinstance(given, Feedback):
        return given
    if all(abs(g - e) <= 1 for g, e in zip(given, expected, strict=True)):
        shares = " – ".join(_de(e, 0) for e in expected)
        return Feedback(
            True,
            f"Der Mix liegt bei {shares} (nach Stunden). Das ähnelt 70-20-10, aber die Faustregel "
            "ist kein Soll: Entscheidend ist, ob die Erfahrungen begleitet und ausgewertet werden.",
        )
    return Feedback(
        False,
        "Summieren Sie die Stunden je Lernquelle (mit Ihrer Zuordnung der offenen Aktivitäten) "
        "und teilen Sie durch die Summe aller Stunden.",
    )


def _top_word(answer: object) -> Feedback:
    counts = word_counts(str(row["kommentar"]) for row in load("workshop-feedback"))
    best, number = counts[0]
    given = str(answer).strip().lower()
    if given == best:
        return Feedback(
            True,
            f"„{best}“ kommt {number}-mal vor. Häufigkeit sagt aber nichts über Gewicht, Ironie "
            "oder Einzelstimmen: Lesen Sie die Kommentare trotzdem.",
        )
    if given in {w for w, _ in counts}:
        return Feedback(False, f"„{given}“ kommt vor, aber ein anderes Wort häufiger. Sortieren Sie nach Anzahl.")
    return Feedback(False, "Dieses Wort kommt nach dem Entfernen der Stoppwörter nicht vor. Nutzen Sie word_counts().")


def _learning_gain(answer: object) -> Feedback:
    rows = load("evaluation")
    expected = sum(int(r["test_nachher"]) - int(r["test_vorher"]) for r in rows) / len(rows)
    given = _number(answer)
    if given is None:
        return Feedback(False, "Geben Sie den mittleren Zuwachs als Zahl an (Punkte).")
    if abs(given - expected) <= 0.5:
        shown = _de(expected)
        return Feedback(
            True,
            f"Im Mittel {shown} Punkte mehr nach dem Training (Ebene 2, Lernen). Ohne "
            "Vergleichsgruppe bleibt offen, wie viel davon am Training liegt.",
        )
    return Feedback(False, "Bilden Sie für jede Person „nachher minus vorher“ und davon den Mittelwert.")


def _correlation(answer: object) -> Feedback:
    rows = load("evaluation")
    expected = statistics.correlation(
        [float(r["zufriedenheit"]) for r in rows], [float(r["anwendung_nach_3_monaten"]) for r in rows]
    )
    given = _number(answer)
    if given is None:
        return Feedback(False, "Geben Sie den Korrelationskoeffizienten als Zahl zwischen -1 und 1 an.")
    if abs(given - expected) <= 0.05:
        shown = _de(expected, 2)
        return Feedback(
            True,
            f"r = {shown}: Zufriedenheit (Ebene 1) sagt hier kaum etwas über die Anwendung "
            "(Ebene 3) voraus. Das passt zu Alliger u. a. (1997): Die Ebenen hängen nur schwach zusammen.",
        )
    return Feedback(False, "Nutzen Sie statistics.correlation(zufriedenheit, anwendung) mit den beiden Spalten.")


TASKS: dict[str, Callable[[object], Feedback]] = {
    "portfolio-zuordnung": _classification,
    "portfolio-mix": _portfolio_mix,
    "feedback-haeufigstes-wort": _top_word,
    "evaluation-zuwachs": _learning_gain,
    "evaluation-korrelation": _correlation,
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
