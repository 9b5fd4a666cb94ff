"""The quiz content model: one YAML file per quiz in exercises/quizzes/, seven question types."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .datafiles import Identified
from .model import DigCompCode, Slug, StrictModel, Text

QUESTION_TYPES = ("single", "multiple", "true_false", "matching", "ordering", "short_text", "reflection")


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
        data = self.model_dump(mode="json", exclude={"explanation", "objective", "digcompedu"})
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]


def _count_correct(options: list[Option]) -> int:
    return sum(1 for option in options if option.correct)


class SingleChoice(BaseQuestion):
    type: Literal["single"]
    options: list[Option] = Field(min_length=2)

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


class MultipleChoice(BaseQuestion):
    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2)

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


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Matching | Ordering | ShortText | Reflection,
    Field(discriminator="type"),
]


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
        return [q for q in self.questions if q.type != "reflection"]
