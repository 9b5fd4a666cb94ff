"""JSON schemas for editors, generated from the content model (``make schema``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .model import ModuleMeta
from .quiz import Quiz
from .workshop import Agenda, Method

SCHEMAS: dict[str, type[BaseModel]] = {
    "module.schema.json": ModuleMeta,
    "quiz.schema.json": Quiz,
    "agenda.schema.json": Agenda,
    "method.schema.json": Method,
}


def schema_text(model: type[BaseModel]) -> str:
    schema: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    schema.update(model.model_json_schema())
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        target = folder / name
        target.write_text(schema_text(model), "utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "schema")):
        print(f"geschrieben: {path}")
