"""The quiz content model: one YAML file per quiz in exercises/quizzes/, eight item types."""

from __future__ import annotations

import hashlib
import json
import random
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .datafiles import Identified
from .model import DigCompCode, Slug, StrictModel, Text

QUESTION_TYPES = ("single", "multiple", "true_false", "matching", "ordering", "short_text", "reflection", "task")
UNGRADED_TYPES = frozenset({"reflection", "task"})  # kept in the learner's journal, never scored


class Option(StrictModel):
    text: Text = Field(description="Antwortmöglichkeit (Markdown).")
    correct: bool = Field(default=False, description="true, wenn diese Möglichkeit richtig ist.")
    feedback: Text | None = Field(default=None, description="Rückmeldung, warum diese Möglichkeit (nicht) passt.")


class BaseQuestion(StrictModel):
    type: str  # narrowed to one Literal by each question type
    id: Slug = Field(description="Stabile Kennung der Frage innerhalb des Quiz.")
    prompt: Text = Field(description="Fragetext (Markdown).")
    objective: Slug | None = Field(default=None, description="Kennung des Lernziels, das die Frage prüft.")
    digcompedu: DigCompCode | None = None
    explanation: Text | None = Field(default=None, description="Erklärung, die nach dem Antworten erscheint.")

    def fingerprint(self) -> str:
        """Changes whenever anything a learner's stored answer depends on changes."""
        # Display order is not part of it: stored answers name options by their written position.
        data = self.model_dump(mode="json", exclude={"explanation", "objective", "digcompedu", "shuffle", "poll"})
        return _digest(data)

    @property
    def graded(self) -> bool:
        return self.type not in UNGRADED_TYPES


def _digest(data: object) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]


def shuffled(seed: str, count: int, avoid_identity: bool = False) -> list[int]:
    """A permutation of range(count) that is the same on every build (string seeds are hashed stably)."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    if avoid_identity and order == sorted(order) and count > 1:
        order = order[1:] + order[:1]
    return order


def _count_correct(options: list[Option]) -> int:
    return sum(1 for option in options if option.correct)


POLL_DESCRIPTION = (
    "true: Die Frage erscheint auf den Folien als Diskussionsfrage (ist keine markiert, alle) und steht "
    "im Workshop-Modus (make workshop) als Live-Umfrage bereit. Markieren Sie 2–3 Fragen je Modul."
)


class ChoiceQuestion(BaseQuestion):
    options: list[Option] = Field(min_length=2)
    shuffle: bool = Field(
        default=True,
        description="false: Möglichkeiten in der geschriebenen Reihenfolge zeigen "
        "(etwa wenn „Keine der genannten“ am Ende stehen muss).",
    )
    poll: bool = Field(default=False, description=POLL_DESCRIPTION)


class SingleChoice(ChoiceQuestion):
    type: Literal["single"]

    @model_validator(mode="after")
    def _exactly_one_correct(self) -> SingleChoice:
        found = _count_correct(self.options)
        if found != 1:
            raise PydanticCustomError(
                "single_correct",
                "Eine Frage vom Typ „single“ braucht genau eine richtige Antwort, gefunden: {found}. "
                "Markieren Sie genau eine Möglichkeit mit „correct: true“ (für mehrere: type: multiple).",
                {"found": found},
            )
        return self


class MultipleChoice(ChoiceQuestion):
    type: Literal["multiple"]

    @model_validator(mode="after")
    def _some_correct(self) -> MultipleChoice:
        if _count_correct(self.options) == 0:
            raise PydanticCustomError(
                "multiple_correct",
                "Keine Möglichkeit ist als richtig markiert. Markieren Sie mindestens eine mit „correct: true“.",
            )
        return self


class TrueFalse(BaseQuestion):
    type: Literal["true_false"]
    answer: bool = Field(description="true, wenn die Aussage im Fragetext stimmt.")
    feedback_wrong: Text | None = Field(default=None, description="Rückmeldung für die falsche Wahl.")
    poll: bool = Field(default=False, description=POLL_DESCRIPTION)


class Pair(StrictModel):
    left: Text = Field(description="Element, dem etwas zugeordnet wird.")
    right: Text = Field(description="Das passende Gegenstück.")
    feedback: Text | None = Field(default=None, description="Rückmeldung bei falscher Zuordnung.")


class Matching(BaseQuestion):
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)
    distractors: list[Text] = Field(default=[], description="Zusätzliche Gegenstücke, die zu nichts passen.")

    @model_validator(mode="after")
    def _pairs_pair(self) -> Matching:
        lefts = [p.left for p in self.pairs]
        rights = [p.right for p in self.pairs] + list(self.distractors)
        for name, values in (("left", lefts), ("right", rights)):
            doubles = sorted({v for v in values if values.count(v) > 1})
            if doubles:
                raise PydanticCustomError(
                    "pairs",
                    "Die Paare lassen sich nicht eindeutig zuordnen: „{value}“ steht mehrfach als „{side}“. "
                    "Jedes Element darf nur einmal vorkommen.",
                    {"value": doubles[0], "side": name},
                )
        return self


class OrderItem(StrictModel):
    text: Text
    feedback: Text | None = Field(default=None, description="Rückmeldung, wenn das Element falsch steht.")


class Ordering(BaseQuestion):
    type: Literal["ordering"]
    items: list[OrderItem] = Field(min_length=2, description="Die Elemente in der richtigen Reihenfolge.")


class WrongAnswer(StrictModel):
    answer: Text
    feedback: Text


class ShortText(BaseQuestion):
    type: Literal["short_text"]
    answers: list[Text] = Field(
        default=[], description="Akzeptierte Antworten (ohne Rücksicht auf Groß-/Kleinschreibung)."
    )
    case_sensitive: bool = False
    number: float | None = Field(default=None, description="Erwartete Zahl (statt answers).")
    tolerance: float = Field(default=0, ge=0, description="Erlaubte Abweichung von number.")
    wrong_answers: list[WrongAnswer] = Field(default=[], description="Typische falsche Antworten mit Rückmeldung.")
    feedback_wrong: Text | None = Field(default=None, description="Rückmeldung für alle anderen falschen Antworten.")

    model_config = ConfigDict(strict=False)  # number may be written as 3 or 3.5

    @model_validator(mode="after")
    def _answers_or_number(self) -> ShortText:
        if bool(self.answers) == (self.number is not None):
            raise PydanticCustomError(
                "short_text",
                "Geben Sie entweder „answers“ (Liste akzeptierter Antworten) oder „number“ (eine Zahl) an.",
            )
        return self


class Reflection(BaseQuestion):
    type: Literal["reflection"]
    placeholder: Text | None = Field(default=None, description="Anregung im leeren Eingabefeld.")


class Criterion(StrictModel):
    text: Text = Field(description="Das Kriterium, z. B. „Die Routine passt in den Arbeitsalltag“.")
    fulfilled: Text = Field(description="Woran man erkennt, dass das Kriterium erfüllt ist.")


class Task(BaseQuestion):
    """A practice task: learners make a product and assess it against a rubric; never scored."""

    type: Literal["task"]
    product: Text = Field(description="Was die Lernenden erstellen, z. B. „eine Lernroutine für zwei Wochen“.")
    criteria: list[Criterion] = Field(
        min_length=3, max_length=6, description="Bewertungsraster mit 3–6 Kriterien für die Selbsteinschätzung."
    )
    peer_feedback: Text | None = Field(
        default=None, description="Optional: Ablauf für Rückmeldungen einer Lernpartnerin oder eines Lernpartners."
    )
    placeholder: Text | None = Field(default=None, description="Anregung im leeren Eingabefeld.")

    def fingerprint(self) -> str:
        # The learner's draft is their work: it survives every edit of the task. Ratings are kept
        # by position; after a change in the number of criteria the task counts as open again.
        return _digest({"type": self.type, "id": self.id})


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Matching | Ordering | ShortText | Reflection | Task,
    Field(discriminator="type"),
]


def display_order(quiz_id: str, q: BaseQuestion) -> list[int]:
    """The order in which every view (page, slides, handout, no-JS) shows a question's entries.

    Choices: option indexes; matching: indexes into the right-hand sides followed by the
    distractors; ordering: item indexes, never the solved order. Other types: [].
    """
    seed = f"{quiz_id}/{q.id}"
    if isinstance(q, ChoiceQuestion):
        return shuffled(seed, len(q.options)) if q.shuffle else list(range(len(q.options)))
    if isinstance(q, Matching):
        return shuffled(seed, len(q.pairs) + len(q.distractors))
    if isinstance(q, Ordering):
        return shuffled(seed, len(q.items), avoid_identity=True)
    return []


class Quiz(Identified):
    """A quiz file in exercises/quizzes/<id>.yml."""

    model_config = ConfigDict(
        title="Quiz",
        json_schema_extra={"description": "Ein Selbstcheck-Quiz (eine Datei in exercises/quizzes/)."},
    )

    id: Slug = Field(description="Stabile Kennung; muss dem Dateinamen entsprechen.")
    title: Text = Field(description="Überschrift des Quiz.")
    module: Slug = Field(description="Kennung des Moduls, zu dem das Quiz gehört.")
    pass_threshold: float | None = Field(
        default=None, ge=0, le=1, description="Anteil der Punkte zum Bestehen (0–1); sonst der Kurswert."
    )
    questions: list[Question] = Field(min_length=1)

    @property
    def graded(self) -> list[BaseQuestion]:
        return [q for q in self.questions if q.graded]

    def threshold(self, default: float) -> float:
        """The share of points that passes this quiz: its own, else the course's ``default``."""
        return self.pass_threshold if self.pass_threshold is not None else default
