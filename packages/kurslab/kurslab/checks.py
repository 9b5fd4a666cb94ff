"""Self-checks for notebook tasks: German feedback that says what to look at, never just True/False.

A task cell leaves a gap, the Ellipsis ``...``, where the learner writes the answer. ``check`` treats an
answer that still holds a gap (also inside a tuple, list or dict) as not yet worked on, before any task's
own check sees it; ``answered`` lets a notebook skip what needs the learner's result (e.g. a chart).
"""

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
    pending: bool = False  # the gap is still there: nothing to judge yet

    def _verdict(self) -> str:
        if self.pending:
            return "Noch nicht bearbeitet:"
        return "✔ Richtig." if self.ok else "✘ Noch nicht."

    def __str__(self) -> str:
        return f"{self._verdict()} {self.message}"

    def _repr_markdown_(self) -> str:
        return f"**{self._verdict()}** {self.message}"


def _gaps(answer: object) -> tuple[int, int]:
    """How many parts of ``answer`` are still the gap ``...``, and how many parts it has."""
    if answer is Ellipsis:
        return 1, 1
    if isinstance(answer, dict):
        parts = [*answer.values(), *(key for key in answer if key is Ellipsis)]
    elif isinstance(answer, tuple | list | set | frozenset):
        parts = list(answer)
    else:
        return 0, 1
    counts = [_gaps(part) for part in parts]
    return sum(open_ for open_, _ in counts), sum(total for _, total in counts)


def answered(answer: object) -> bool:
    """True once no gap ``...`` is left in ``answer``."""
    return _gaps(answer)[0] == 0


def _not_yet(answer: object) -> Feedback:
    open_, total = _gaps(answer)
    if open_ == total:
        text = "Ersetzen Sie `...` durch Ihre Lösung und führen Sie die Zelle noch einmal aus."
    else:
        text = (
            f"{open_} von {total} Werten {'fehlt' if open_ == 1 else 'fehlen'} noch. Ersetzen Sie jedes `...` "
            "durch Ihre Lösung und führen Sie die Zelle noch einmal aus."
        )
    return Feedback(False, text, pending=True)


def _de(value: float, digits: int = 1) -> str:
    """A number as Germans write it: decimal comma."""
    return f"{value:.{digits}f}".replace(".", ",")


def _number(answer: object) -> float | None:
    """The answer as a number (``3,5`` and ``3.5`` alike), or None."""
    try:
        return float(str(answer).replace(",", "."))
    except ValueError:
        return None


def _percent(answer: object, expected: float, tolerance: float) -> float | Feedback:
    """The answer as a percentage, or feedback when it is no number or the share as a decimal (0.154)."""
    given = _number(answer)
    if given is None:
        return Feedback(False, "Geben Sie den Anteil als Zahl in Prozent an, z. B. 25,0.")
    if abs(given - expected) > tolerance and 0 < given <= 1 and abs(100 * given - expected) <= tolerance:
        return Feedback(
            False, "Das ist der Anteil als Dezimalzahl. Multiplizieren Sie mit 100, um Prozent zu erhalten."
        )
    return given


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


def _cross_share(answer: object) -> Feedback:
    rows = load("netzwerk-antworten")
    total = sum(int(r["anzahl"]) for r in rows)
    across = sum(int(r["anzahl"]) for r in rows if r["von_bereich"] != r["an_bereich"])
    expected = 100 * across / total
    given = _percent(answer, expected, 1)
    if isinstance(given, Feedback):
        return given
    if abs(given - expected) <= 1:
        return Feedback(
            True,
            f"{_de(expected)} % der Antworten gehen über Bereichsgrenzen, {_de(100 - expected)} % bleiben im "
            "eigenen Bereich. Das ist ein Ausgangswert, kein Urteil: Ob die Antworten geholfen haben, zeigt die "
            "Zahl nicht. Dafür brauchen Sie Gespräche und Beispiele aus der Arbeit.",
        )
    if abs(given - (100 - expected)) <= 1:
        return Feedback(
            False,
            "Das ist der Anteil der Antworten innerhalb eines Bereichs. Gefragt sind die Zeilen, in denen "
            "„von_bereich“ und „an_bereich“ verschieden sind.",
        )
    return Feedback(
        False,
        "Summieren Sie „anzahl“ über die Zeilen, in denen „von_bereich“ und „an_bereich“ verschieden sind, "
        "teilen Sie durch die Zahl aller Antworten und multiplizieren Sie mit 100.",
    )


def _half_of_answers(answer: object) -> Feedback:
    counts = sorted((int(r["antworten"]) for r in load("netzwerk-mitglieder")), reverse=True)
    total = sum(counts)
    needed = next(n for n in range(1, len(counts) + 1) if 2 * sum(counts[:n]) >= total)
    given = _number(answer)
    if given is None or given != int(given) or given < 1:
        return Feedback(False, "Geben Sie eine ganze Zahl an: wie viele Mitglieder zusammen.")
    n = int(given)
    share = 100 * sum(counts[:n]) / total
    one = n == 1
    if n == needed:
        who = "ein Mitglied gibt" if one else f"{n} von {len(counts)} Mitgliedern geben zusammen"
        return Feedback(
            True,
            f"Schon {who} {_de(share, 0)} % aller Antworten. {'Fällt es' if one else 'Fallen sie'} aus, fehlt dem "
            "Netzwerk ein großer Teil seines Wissens. Um etwas dagegen zu tun (Community-Management, geklärte "
            "Antworten ins Wiki, weitere Fachleute gewinnen), müssen Sie nicht wissen, "
            f"{'wer es ist' if one else 'wer sie sind'}.",
        )
    if n < needed:
        who = (
            "Das Mitglied mit den meisten Antworten gibt"
            if one
            else f"Die {n} Mitglieder mit den meisten Antworten geben zusammen"
        )
        return Feedback(
            False, f"{who} {_de(share, 0)} % der Antworten, noch nicht die Hälfte. Nehmen Sie das nächste hinzu."
        )
    return Feedback(
        False,
        f"Mit {n} Mitgliedern ist die Hälfte erreicht, aber es geht mit weniger. Zählen Sie von der größten "
        f"Zahl an, bis die Summe mindestens die Hälfte von {total} erreicht.",
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
    given = _percent(answer, expected, 0.5)
    if isinstance(given, Feedback):
        return given
    if abs(given - expected) <= 0.5:
        shown = _de(expected)
        return Feedback(
            True,
            f"{shown} % der Eingeschriebenen haben die letzte Aufgabe erledigt. Bezogen auf "
            "die in Woche 1 Aktiven wäre die Quote deutlich höher: Welche Zahl Sie nennen, hängt davon "
            "ab, wen Sie als Ausgangsgruppe nehmen.",
        )
    return Feedback(
        False,
        "Teilen Sie die Zahl derer, die in der letzten Woche die Aufgabe erledigt haben, durch "
        "die Zahl der Eingeschriebenen, und multiplizieren Sie mit 100.",
    )


OPPORTUNITIES = {
    "praxis": "Praxis",
    "rueckmeldung": "Rückmeldung",
    "austausch": "Austausch",
    "formal": "ein formales Angebot",
}


def _programme_gaps() -> tuple[list[str], list[tuple[str, str]]]:
    """The programme's topics, and the (topic, opportunity) pairs that no activity offers."""
    rows = load("programm-aktivitaeten")
    topics = list(dict.fromkeys(str(r["thema"]) for r in rows))
    missing = [
        (topic, kind)
        for topic in topics
        for kind in OPPORTUNITIES
        if not any(int(r[kind]) for r in rows if r["thema"] == topic)
    ]
    return topics, missing


def _topics(names: list[str]) -> str:
    quoted = [f"„{name}“" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " und " + quoted[-1]


def _without_feedback() -> list[str]:
    return [topic for topic, kind in _programme_gaps()[1] if kind == "rueckmeldung"]


def _pairs(answer: object) -> set[tuple[str, str]] | None:
    if not isinstance(answer, list | tuple | set | frozenset):
        return None
    pairs = set()
    for item in answer:
        if not isinstance(item, tuple | list) or len(item) != 2:
            return None
        pairs.add((str(item[0]).strip(), str(item[1]).strip().lower()))
    return pairs


def _programme_gap_check(answer: object) -> Feedback:
    topics, expected = _programme_gaps()
    pairs = _pairs(answer)
    if pairs is None:
        return Feedback(
            False, 'Geben Sie eine Liste von Paaren (Thema, Lerngelegenheit) an, z. B. [("Thema", "praxis")].'
        )
    known = {topic.lower(): topic for topic in topics}
    given = set()
    for topic, kind in sorted(pairs):
        if topic.lower() not in known:
            return Feedback(False, f"„{topic}“ ist kein Thema des Programms. Die Themen heißen {_topics(topics)}.")
        if kind not in OPPORTUNITIES:
            return Feedback(
                False,
                f"„{kind}“ ist keine Lerngelegenheit. Möglich sind {', '.join(OPPORTUNITIES)}.",
            )
        given.add((known[topic.lower()], kind))
    extra = [pair for pair in sorted(given) if pair not in expected]
    if extra:
        topic, kind = extra[0]
        return Feedback(
            False,
            f"Für „{topic}“ gibt es {OPPORTUNITIES[kind]}: Die Tabelle zählt dort mindestens einen Baustein. "
            "Gesucht sind die Nullen.",
        )
    missing = [pair for pair in expected if pair not in given]
    if missing:
        count = "Eine Lücke fehlt" if len(missing) == 1 else f"{len(missing)} Lücken fehlen"
        return Feedback(False, f"{count} noch. Gehen Sie die Tabelle Zeile für Zeile durch und notieren Sie jede Null.")
    by_kind = {
        kind: [topic for topic, k in expected if k == kind]
        for kind in OPPORTUNITIES
        if any(k == kind for _, k in expected)
    }
    listed = "; ".join(f"{OPPORTUNITIES[kind]} fehlt bei {_topics(names)}" for kind, names in by_kind.items())
    return Feedback(
        True,
        f"{listed}. Nach Stunden trifft der Entwurf 70-20-10 genau; dass Erfahrungsaufgaben ohne Rückmeldung "
        "bleiben, zeigt erst der Blick auf die Lerngelegenheiten.",
    )


def _reading(answer: object) -> Feedback:
    choice = str(answer).strip().upper()
    unaccompanied = _topics(_without_feedback())
    if choice == "C":
        return Feedback(
            True,
            "Die Verteilung nach Stunden beschreibt den Kalender, nicht das Lernen. Erst der Blick auf die "
            f"Lerngelegenheiten je Thema zeigt, wo Begleitung fehlt: bei {unaccompanied}. Ein kurzes "
            "Auswertungsgespräch nach dem ersten Schichtplan würde die Prozentzahlen kaum verändern, für das "
            "Lernen aber vermutlich mehr bringen als jede Verschiebung von Stunden.",
        )
    if choice == "A":
        return Feedback(
            False,
            "Dass der Entwurf 70-20-10 nach Stunden trifft, stimmt. Gut geplant ist er deshalb nicht: Die Zahlen "
            "des Modells beruhen auf Rückblicken erfolgreicher Führungskräfte und sind kein Sollwert. Und Ihre "
            "Tabelle zeigt Lücken, die in der Stundenverteilung nicht auftauchen.",
        )
    if choice == "B":
        return Feedback(
            False,
            "Stunden messen eingeplante Zeit, nicht Lernen. Wie viel jemand aus einer Aufgabe lernt, hängt auch "
            f"davon ab, ob die Erfahrung ausgewertet wird, und dafür ist bei {unaccompanied} niemand eingeplant.",
        )
    return Feedback(False, 'Schreiben Sie einen der Buchstaben A, B oder C in Anführungszeichen, z. B. "B".')


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
    "lernmix-luecken": _programme_gap_check,
    "lernmix-deutung": _reading,
    "feedback-haeufigstes-wort": _top_word,
    "evaluation-zuwachs": _learning_gain,
    "evaluation-korrelation": _correlation,
    "netzwerk-anteile": _shares,
    "netzwerk-bereiche": _cross_share,
    "netzwerk-haelfte": _half_of_answers,
    "mooc-abbruch": _biggest_drop,
    "mooc-quote": _completion,
}


def check(task: str, answer: object) -> Feedback:
    """Check a task's answer; the task names are given in the notebooks. An untouched gap is not judged."""
    if task not in TASKS:
        return Feedback(False, f"Die Aufgabe „{task}“ gibt es nicht. Vorhanden: {', '.join(sorted(TASKS))}.")
    if not answered(answer):
        return _not_yet(answer)
    return TASKS[task](answer)
