"""Workshop data for facilitators: method cards and agendas (run-sheets) in exercises/.

Method cards: exercises/methods/<id>.yml. Agendas: exercises/agendas/<id>.yml, days of blocks
that reference modules and methods; the run-sheet gives every block its clock time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, field_validator

from .datafiles import Identified
from .model import Slug, StrictModel, Text

CLOCK_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


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


def _clock(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 09:00 as a sexagesimal number (540); turn it back into a clock time.
        value = f"{value // 60:02d}:{value % 60:02d}"
    if not isinstance(value, str) or not CLOCK_RE.match(value):
        raise ValueError(f"„{value}“ ist keine Uhrzeit; schreiben Sie sie als „HH:MM“, z. B. „09:00“")
    return value


class BlockBase(StrictModel):
    duration: int | None = Field(default=None, ge=5, le=600, description="Minuten; bei Modulen sonst aus dem Modul.")
    method: Slug | None = Field(default=None, description="Kennung einer Methodenkarte.")
    lead: Text | None = Field(default=None, description="Wer den Block leitet.")
    materials: list[Text] = Field(default=[])
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
    type: Literal["break", "lunch"]
    title: Text | None = Field(default=None, description="Sonst „Pause“ bzw. „Mittagspause“.")
    duration: int = Field(ge=5, le=180)


Block = Annotated[ModuleBlock | SessionBlock | BreakBlock, Field(discriminator="type")]


class Day(StrictModel):
    title: Text
    start: str = Field(description="Beginn, z. B. „09:00“.")
    end: str = Field(description="Geplantes Ende, z. B. „17:00“; ein Überziehen wird gemeldet.")
    blocks: list[Block] = Field(min_length=1)

    _check_clock = field_validator("start", "end", mode="before")(_clock)


class Agenda(Identified):
    """A workshop plan in exercises/agendas/<id>.yml."""

    model_config = ConfigDict(
        title="Ablaufplan", json_schema_extra={"description": "Ein Workshopablauf in Tagen und Blöcken."}
    )

    title: Text
    audience: Text | None = Field(default=None, description="Für wen der Ablauf gedacht ist.")
    days: list[Day] = Field(min_length=1)


BLOCK_TAGS = frozenset({"module", "session", "break", "lunch"})


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
    kind: str  # module, session, break, lunch
    block: ModuleBlock | SessionBlock | BreakBlock


@dataclass(frozen=True)
class DayPlan:
    day: Day
    slots: list[Slot]
    end: str
    work_minutes: int
    break_minutes: int
    overrun: int  # minutes past the planned end (0 if on time)


def plan_day(day: Day, module_minutes: dict[str, int], module_titles: dict[str, str]) -> DayPlan:
    """Clock times for every block of one day, breaks included."""
    now = minutes_of(day.start)
    slots = []
    work = pauses = 0
    for block in day.blocks:
        if isinstance(block, ModuleBlock):
            length = block.duration or module_minutes.get(block.module, 0)
            title = block.title or module_titles.get(block.module, block.module)
        elif isinstance(block, SessionBlock):
            length, title = block.duration, block.title
        else:
            length = block.duration
            title = block.title or ("Mittagspause" if block.type == "lunch" else "Pause")
        slots.append(Slot(clock(now), clock(now + length), length, title, block.type, block))
        now += length
        if block.type in ("break", "lunch"):
            pauses += length
        else:
            work += length
    overrun = max(0, now - minutes_of(day.end))
    return DayPlan(day, slots, clock(now), work, pauses, overrun)
