"""Workshop data for facilitators: method cards and agendas (run-sheets) in exercises/.

Method cards: exercises/methods/<id>.yml. Agendas: exercises/agendas/<id>.yml, days of blocks
that reference modules and methods; the run-sheet gives every block its clock time. A block may
split its minutes into input, practice and debrief, and name printable material pages
(docs/moderation/material/<id>.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, field_validator

from .datafiles import Identified
from .model import Slug, StrictModel, Text

CLOCK_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
MATERIAL_DIR = "moderation/material/"  # printable material pages, relative to docs_dir


def material_uri(sheet: str) -> str:
    return f"{MATERIAL_DIR}{sheet}.md"


class Variants(StrictModel):
    vor_ort: Text = Field(description="So läuft die Methode im Raum.")
    online: Text = Field(description="So läuft die Methode in einer Videokonferenz.")


class Method(Identified):
    """A method card in exercises/methods/<id>.yml."""

    model_config = ConfigDict(title="Methodenkarte", json_schema_extra={"description": "Eine Workshopmethode."})

    title: Text
    purpose: Text = Field(description="Wozu die Methode dient (ein bis zwei Sätze).")
    duration: int = Field(ge=5, le=480, description="Typische Dauer in Minuten.")
    group_size: Text = Field(description="Gruppengröße, z. B. „6–30 Personen“.")
    materials: list[Text] = Field(default=[], description="Material.")
    steps: list[Text] = Field(min_length=2, description="Ablauf in Schritten.")
    variants: Variants
    small_groups: Text | None = Field(
        default=None,
        description="So gelingt die Methode mit weniger Personen, als die Gruppengröße vorsieht (z. B. 8–11).",
    )


def _clock(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 09:00 as a sexagesimal number (540); turn it back into a clock time.
        value = f"{value // 60:02d}:{value % 60:02d}"
    if not isinstance(value, str) or not CLOCK_RE.match(value):
        raise ValueError(f"„{value}“ ist keine Uhrzeit; schreiben Sie sie als „HH:MM“, z. B. „09:00“")
    return value


PartKind = Literal["input", "practice", "debrief"]
PART_LABELS: dict[str, str] = {"input": "Input", "practice": "Übung", "debrief": "Auswertung"}


class Part(StrictModel):
    """One phase of a block: input, practice or debrief, with its minutes."""

    kind: PartKind = Field(description="input (Input), practice (Übung) oder debrief (Auswertung).")
    minutes: int = Field(ge=1, le=300, description="Minuten dieses Teils.")
    text: Text = Field(description="Was in diesem Teil geschieht.")


class BlockBase(StrictModel):
    duration: int | None = Field(default=None, ge=5, le=600, description="Minuten; bei Modulen sonst aus dem Modul.")
    method: Slug | None = Field(default=None, description="Kennung einer Methodenkarte.")
    lead: Text | None = Field(default=None, description="Wer den Block leitet.")
    materials: list[Text] = Field(default=[])
    sheets: list[Slug] = Field(
        default=[], description="Kennungen druckbarer Materialseiten in docs/moderation/material/."
    )
    key_message: Text | None = Field(default=None, description="Die Kernbotschaft des Blocks in einem Satz.")
    parts: list[Part] = Field(
        default=[], description="Input, Übung und Auswertung mit Minuten; zusammen so lang wie der Block."
    )
    note: Text | None = None


class ModuleBlock(BlockBase):
    type: Literal["module"]
    module: Slug = Field(description="Kennung des Moduls.")
    title: Text | None = Field(default=None, description="Sonst der Modultitel.")


class SessionBlock(BlockBase):
    type: Literal["session"]
    title: Text
    duration: int = Field(ge=5, le=600)


class BreakBlock(BlockBase):
    type: Literal["break", "lunch", "buffer"]
    title: Text | None = Field(default=None, description="Sonst „Pause“, „Mittagspause“ bzw. „Puffer“.")
    duration: int = Field(ge=5, le=180)


Block = Annotated[ModuleBlock | SessionBlock | BreakBlock, Field(discriminator="type")]


class Task(StrictModel):
    """Something participants do before a day: reading, a quiz, a transfer task."""

    text: Text = Field(description="Die Aufgabe für die Teilnehmenden.")
    minutes: int | None = Field(default=None, ge=5, le=1200, description="Geschätzter Aufwand in Minuten.")
    modules: list[Slug] = Field(default=[], description="Kennungen der Module, die dazugehören.")
    sheets: list[Slug] = Field(default=[], description="Kennungen von Materialseiten in docs/moderation/material/.")


class Day(StrictModel):
    title: Text
    when: Text | None = Field(default=None, description="Wann der Tag stattfindet, z. B. „3–4 Wochen nach Tag 1“.")
    start: str = Field(description="Beginn, z. B. „09:00“.")
    end: str = Field(description="Geplantes Ende, z. B. „17:00“; ein Überziehen wird gemeldet.")
    before: list[Task] = Field(default=[], description="Was die Teilnehmenden vor diesem Tag erledigen.")
    blocks: list[Block] = Field(min_length=1)

    _check_clock = field_validator("start", "end", mode="before")(_clock)


class Agenda(Identified):
    """A workshop plan in exercises/agendas/<id>.yml."""

    model_config = ConfigDict(
        title="Ablaufplan", json_schema_extra={"description": "Ein Workshopablauf in Tagen und Blöcken."}
    )

    title: Text
    audience: Text | None = Field(default=None, description="Für wen der Ablauf gedacht ist.")
    objectives: list[Text] = Field(default=[], description="Ziele des Workshops: Was die Teilnehmenden danach können.")
    days: list[Day] = Field(min_length=1)
    after: list[Task] = Field(default=[], description="Transfer nach dem letzten Tag.")


BLOCK_TAGS = frozenset({"module", "session", "break", "lunch", "buffer"})
PAUSE_TITLES = {"break": "Pause", "lunch": "Mittagspause", "buffer": "Puffer"}


def minutes_of(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def clock(total: int) -> str:
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


@dataclass(frozen=True)
class Slot:
    start: str
    end: str
    minutes: int
    title: str
    kind: str  # module, session, break, lunch, buffer
    block: ModuleBlock | SessionBlock | BreakBlock


@dataclass(frozen=True)
class DayPlan:
    day: Day
    slots: list[Slot]
    end: str
    work_minutes: int
    break_minutes: int
    overrun: int  # minutes past the planned end (0 if on time)
    buffer_minutes: int = 0  # reserve inside the day, neither content nor break


def plan_day(day: Day, module_minutes: dict[str, int], module_titles: dict[str, str]) -> DayPlan:
    """Clock times for every block of one day, breaks included."""
    now = minutes_of(day.start)
    slots = []
    work = pauses = buffers = 0
    for block in day.blocks:
        if isinstance(block, ModuleBlock):
            length = block.duration or module_minutes.get(block.module, 0)
            title = block.title or module_titles.get(block.module, block.module)
        elif isinstance(block, SessionBlock):
            length, title = block.duration, block.title
        else:
            length = block.duration
            title = block.title or PAUSE_TITLES[block.type]
        slots.append(Slot(clock(now), clock(now + length), length, title, block.type, block))
        now += length
        if block.type in ("break", "lunch"):
            pauses += length
        elif block.type == "buffer":
            buffers += length
        else:
            work += length
    overrun = max(0, now - minutes_of(day.end))
    return DayPlan(day, slots, clock(now), work, pauses, overrun, buffers)


def block_minutes(block: ModuleBlock | SessionBlock | BreakBlock, module_minutes: dict[str, int]) -> int:
    if isinstance(block, ModuleBlock):
        return block.duration or module_minutes.get(block.module, 0)
    return block.duration
