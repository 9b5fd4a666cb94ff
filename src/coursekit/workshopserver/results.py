"""Answers and results: what a participant may send, and what the screen and the console show."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .catalogue import Catalogue, PollQuestion
from .store import QuestionState, Store

MAX_TEXT = 280  # characters of one free text
CHOICE_KINDS = frozenset({"single", "true_false", "scale"})
WORD_RE = re.compile(r"[\wÄÖÜäöüß-]{3,}")
WORDS_LEFT_OUT = (  # of the word list: words that say nothing on their own
    "und oder aber der die das den dem des ein eine einen einem einer ist sind war mit für von auf aus bei "
    "nicht auch wie was wir ich sie man sich noch nur mehr dass als zum zur im am es so mal wenn dann"
)
STOPWORDS = frozenset(WORDS_LEFT_OUT.split())


class Refusal(Exception):
    """A request the service turns down, with a German reason for the person who sent it."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def check_answer(question: PollQuestion, value: object) -> object:
    """The answer as stored, or a Refusal that says what is wrong with it."""
    allowed = {c.value for c in question.choices}
    if question.kind in CHOICE_KINDS:
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            raise Refusal(422, "Bitte wählen Sie genau eine der angebotenen Antworten.")
        return value
    if question.kind == "multiple":
        if (
            not isinstance(value, list)
            or not value
            or any(isinstance(v, bool) or not isinstance(v, int) or v not in allowed for v in value)
            or len(set(value)) != len(value)
        ):
            raise Refusal(422, "Bitte wählen Sie eine oder mehrere der angebotenen Antworten.")
        return sorted(value)
    if not isinstance(value, str) or not value.strip():
        raise Refusal(422, "Bitte schreiben Sie ein Stichwort oder einen kurzen Satz.")
    text = " ".join(value.split())
    if len(text) > MAX_TEXT:
        raise Refusal(422, f"Ihr Text ist zu lang: höchstens {MAX_TEXT} Zeichen, Ihrer hat {len(text)}.")
    return text


def word_list(texts: list[str], limit: int = 30) -> list[list[object]]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({w for w in (m.group(0).lower() for m in WORD_RE.finditer(text)) if w not in STOPWORDS})
    return [[word, count] for word, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]]


def results(store: Store, question: PollQuestion) -> dict[str, Any]:
    """What the screen shows: counts per answer; the right answer only once revealed; free texts
    only once released (one by one, or all of them as a word list)."""
    state = store.state(question.id)
    data: dict[str, Any] = {
        "frage": question.public(state.revealed),
        "status": state.state,
        "aufgeloest": state.revealed,
    }
    if question.kind == "text":
        texts = store.texts(question.id)
        data["anzahl"] = len(texts)
        data["freigegeben"] = [text for _, text, released in texts if released]
        data["wortliste"] = word_list([text for _, text, _ in texts]) if state.wordlist else None
        return data
    values = store.values(question.id)
    counts: Counter[int] = Counter()
    for value in values:
        counts.update(value if isinstance(value, list) else [value])  # type: ignore[list-item]
    data["anzahl"] = len(values)
    data["balken"] = [
        {
            "wert": c.value,
            "text": c.label,
            "anzahl": counts.get(c.value, 0),
            **({"richtig": c.correct} if state.revealed and question.kind != "scale" else {}),
        }
        for c in question.choices
    ]
    if question.kind == "scale" and values:
        data["mittel"] = round(sum(int(v) for v in values if isinstance(v, int)) / len(values), 1)
    return data


def overview(store: Store, catalogue: Catalogue, join_url: str | None, focus: str | None) -> dict[str, Any]:
    """Everything the console shows; ``focus``: the question whose results are wanted."""
    states = store.states()
    counts = dict(store.db.execute("SELECT question, COUNT(*) FROM answer GROUP BY question").fetchall())
    current = store.current
    shown = catalogue.get(focus or current or "")
    data: dict[str, Any] = {
        "aktuell": current,
        "teilnahme": join_url,
        "module": [
            {
                "id": m.id,
                "titel": m.title,
                "fragen": [
                    {
                        "id": q.id,
                        "art": q.kind,
                        "frage": q.prompt,
                        "status": states.get(q.id, QuestionState()).state,
                        "aufgeloest": states.get(q.id, QuestionState()).revealed,
                        "anzahl": counts.get(q.id, 0),
                    }
                    for q in m.questions
                ],
            }
            for m in catalogue.modules
        ],
        "ergebnis": results(store, shown) if shown else None,
    }
    if shown is not None and shown.kind == "text":
        data["texte"] = [{"nr": n, "text": t, "frei": r} for n, t, r in store.texts(shown.id)]
    return data
