"""The questions a workshop can poll: per module the quiz questions marked ``poll: true``,
a 1–5 scale and a short free text.

Everything shown to people is plain text (Markdown marks removed), so the pages can insert it
with ``textContent`` and never as HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from .. import markup, safemd
from ..diagnostics import Report
from ..quiz import MultipleChoice, SingleChoice, TrueFalse, display_order
from ..quizzes import load_quizzes

Kind = Literal["single", "multiple", "true_false", "scale", "text"]

SCALE_PROMPT = "Wie gut können Sie das Thema „{title}“ in Ihrem Arbeitsalltag anwenden?"
SCALE_LABELS = ("1 – kaum", "2", "3", "4", "5 – sehr gut")
TEXT_PROMPT = "Was nehmen Sie aus dem Thema „{title}“ mit? Ein Stichwort oder ein kurzer Satz genügt."
TRUE_FALSE_LABELS = ("Stimmt", "Stimmt nicht")
FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


@dataclass(frozen=True)
class Choice:
    value: int  # what a participant sends: the option's written position (true/false: 0 = stimmt)
    label: str
    correct: bool


@dataclass(frozen=True)
class PollQuestion:
    id: str  # "<quiz>/<question>" or "<module>/_skala", "<module>/_freitext" (quiz ids cannot start with _)
    module: str
    kind: Kind
    prompt: str
    choices: tuple[Choice, ...] = ()  # in the order learners see them on the course page
    explanation: str = ""

    def public(self, revealed: bool) -> dict[str, object]:
        """What a participant may see: no correct answer before the reveal."""
        data: dict[str, object] = {
            "id": self.id,
            "art": self.kind,
            "frage": self.prompt,
            "auswahl": [{"wert": c.value, "text": c.label} for c in self.choices],
        }
        if revealed:
            data["richtig"] = [c.value for c in self.choices if c.correct]
            data["erklaerung"] = self.explanation
        return data


@dataclass
class Module:
    id: str
    title: str
    questions: list[PollQuestion] = field(default_factory=list)


@dataclass
class Catalogue:
    modules: list[Module]

    def __post_init__(self) -> None:
        self.by_id = {q.id: q for m in self.modules for q in m.questions}

    def get(self, question_id: str) -> PollQuestion | None:
        return self.by_id.get(question_id)


def plain_text(markdown_text: str) -> str:
    return markup.plain(safemd.inline(markdown_text))


def _module_titles(root: Path) -> dict[str, str]:
    titles: dict[str, str] = {}
    for path in sorted((root / "docs" / "module").glob("*.md")):
        match = FRONT_MATTER_RE.match(path.read_text("utf-8"))
        if match is None:
            continue
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            continue
        if isinstance(meta, dict) and isinstance(meta.get("id"), str):
            titles[meta["id"]] = str(meta.get("title", meta["id"]))
    return titles


def _nav_position(root: Path) -> dict[str, int]:
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8") if config.is_file() else ""
    return {m.group(1): m.start() for m in re.finditer(r"module/([a-z0-9-]+)\.md", text)}


def load_catalogue(root: Path) -> Catalogue:
    """The poll questions of the course in ``root`` (quiz files that do not load are left out)."""
    quizzes = load_quizzes(root / "exercises" / "quizzes", Report(root))
    titles = _module_titles(root)
    modules: dict[str, Module] = {}
    for loaded in quizzes.values():
        quiz = loaded.item
        module = modules.setdefault(quiz.module, Module(quiz.module, titles.get(quiz.module, quiz.title)))
        for q in quiz.questions:
            if not getattr(q, "poll", False):
                continue
            qid = f"{quiz.id}/{q.id}"
            explanation = plain_text(q.explanation) if q.explanation else ""
            if isinstance(q, SingleChoice | MultipleChoice):
                choices = tuple(
                    Choice(i, plain_text(q.options[i].text), q.options[i].correct) for i in display_order(quiz.id, q)
                )
                module.questions.append(
                    PollQuestion(qid, quiz.module, q.type, plain_text(q.prompt), choices, explanation)
                )
            elif isinstance(q, TrueFalse):
                choices = (Choice(0, TRUE_FALSE_LABELS[0], q.answer), Choice(1, TRUE_FALSE_LABELS[1], not q.answer))
                module.questions.append(
                    PollQuestion(qid, quiz.module, "true_false", plain_text(q.prompt), choices, explanation)
                )
    position = _nav_position(root)
    ordered = sorted(modules.values(), key=lambda m: (position.get(m.id, 1 << 30), m.id))
    for module in ordered:
        title = module.title
        scale = tuple(Choice(i + 1, label, False) for i, label in enumerate(SCALE_LABELS))
        module.questions.append(
            PollQuestion(f"{module.id}/_skala", module.id, "scale", SCALE_PROMPT.format(title=title), scale)
        )
        module.questions.append(
            PollQuestion(f"{module.id}/_freitext", module.id, "text", TEXT_PROMPT.format(title=title))
        )
    return Catalogue(ordered)
