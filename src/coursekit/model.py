"""The content model: what a module's front matter may contain.

The pydantic models are the single definition: validation, defaults and the published
JSON schema for editors all come from here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

# The EU DigCompEdu framework: 6 areas with 4, 3, 4, 3, 3 and 5 competences (22 in all).
DIGCOMPEDU_AREAS: dict[int, str] = {
    1: "Berufliches Engagement",
    2: "Digitale Ressourcen",
    3: "Lehren und Lernen",
    4: "Evaluation",
    5: "Lernendenorientierung",
    6: "Förderung der digitalen Kompetenz der Lernenden",
}
DIGCOMPEDU_COMPETENCES: dict[str, str] = {
    "1.1": "Berufliche Kommunikation",
    "1.2": "Berufliche Zusammenarbeit",
    "1.3": "Reflektierte Praxis",
    "1.4": "Digitale Weiterbildung",
    "2.1": "Auswählen digitaler Ressourcen",
    "2.2": "Erstellen und Anpassen digitaler Ressourcen",
    "2.3": "Organisieren, Schützen und Teilen digitaler Ressourcen",
    "3.1": "Lehren",
    "3.2": "Lernbegleitung",
    "3.3": "Kollaboratives Lernen",
    "3.4": "Selbstgesteuertes Lernen",
    "4.1": "Lernstandserhebung",
    "4.2": "Lern-Evidenzen analysieren",
    "4.3": "Feedback und Planung",
    "5.1": "Digitale Teilhabe",
    "5.2": "Differenzierung und Individualisierung",
    "5.3": "Aktive Einbindung der Lernenden",
    "6.1": "Informations- und Medienkompetenz",
    "6.2": "Digitale Kommunikation und Zusammenarbeit",
    "6.3": "Erstellung digitaler Inhalte",
    "6.4": "Verantwortungsvoller Umgang mit digitalen Medien",
    "6.5": "Digitales Problemlösen",
}

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=60),
    Field(description="Stabile Kennung: Kleinbuchstaben a–z, Ziffern, Bindestriche."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _digcompedu_code(value: object) -> object:
    # Unquoted codes such as 2.1 arrive from YAML as numbers; they are unambiguous.
    if isinstance(value, float | int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and value not in DIGCOMPEDU_COMPETENCES:
        raise PydanticCustomError(
            "digcompedu",
            "„{code}“ ist kein DigCompEdu-Kompetenzcode. Gültig sind 1.1–1.4, 2.1–2.3, "
            "3.1–3.4, 4.1–4.3, 5.1–5.3 und 6.1–6.5.",
            {"code": value},
        )
    return value


DigCompCode = Annotated[
    str,
    BeforeValidator(_digcompedu_code),
    Field(
        description="DigCompEdu-Kompetenz, z. B. „3.3“ (Kollaboratives Lernen).",
        json_schema_extra={"enum": list(DIGCOMPEDU_COMPETENCES)},
    ),
]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Objective(StrictModel):
    id: Slug = Field(description="Kurze Kennung, auf die sich Quizfragen beziehen.")
    text: Text = Field(description="Beobachtbares Lernziel, z. B. „Sie können … erklären.“")


PageFeature = Literal["navigation", "toc", "footer", "path", "tags", "feedback"]


class ModuleMeta(StrictModel):
    """Front matter of a module page (docs/module/*.md)."""

    model_config = ConfigDict(
        title="Modul-Vorspann",
        json_schema_extra={"description": "Vorspann (Front Matter) einer Modulseite in docs/module/."},
    )

    id: Slug = Field(description="Stabile Kennung des Moduls; ändern Sie sie nach der Veröffentlichung nicht mehr.")
    title: Text = Field(description="Titel des Moduls, erscheint als Überschrift.")
    summary: Text = Field(description="Ein bis zwei Sätze für die Modulübersicht.")
    duration: int = Field(ge=5, le=600, description="Geplante Dauer in Minuten (Lesen, Quiz, Übungen).")
    objectives: list[Objective] = Field(min_length=1, max_length=8, description="Lernziele (3–5 empfohlen).")
    key_points: list[Text] = Field(min_length=1, description="Das Wichtigste in Kürze.")
    digcompedu: list[DigCompCode] = Field(min_length=1, description="DigCompEdu-Kompetenzen des Moduls.")
    prerequisites: list[Slug] = Field(default=[], description="Kennungen von Modulen, die vorher kommen sollten.")
    quizzes: list[Slug] = Field(default=[], description="Kennungen der Quizze dieses Moduls.")
    notebooks: list[Slug] = Field(default=[], description="Kennungen der Notebooks dieses Moduls.")
    hide: list[PageFeature] = Field(default=[], description="Seitenelemente, die mkdocs-material ausblendet.")
