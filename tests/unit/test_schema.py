"""The published JSON schemas are exactly what the content model enforces."""

from __future__ import annotations

import json

import pytest

from coursekit.quiz import QUESTION_TYPES
from coursekit.schema import SCHEMAS, schema_text
from support.course import ROOT


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_the_model(name: str) -> None:
    committed = (ROOT / "schema" / name).read_text("utf-8")
    assert committed == schema_text(SCHEMAS[name]), "Schema veraltet: make schema ausführen"


def test_module_schema_forbids_unknown_keys_and_requires_the_core() -> None:
    schema = json.loads(schema_text(SCHEMAS["module.schema.json"]))
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"id", "title", "summary", "duration", "objectives", "key_points", "digcompedu"}
    assert "7.1" not in schema["properties"]["digcompedu"]["items"]["enum"]
    assert len(schema["properties"]["digcompedu"]["items"]["enum"]) == 22


@pytest.mark.parametrize(("schema", "folder"), [("quiz", "quizzes"), ("agenda", "agendas"), ("method", "methods")])
def test_vscode_maps_each_data_schema_to_its_files(schema: str, folder: str) -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    assert f"exercises/{folder}/*.yml" in settings["yaml.schemas"][f"./schema/{schema}.schema.json"]


def test_quiz_schema_knows_every_type() -> None:
    schema = json.loads(schema_text(SCHEMAS["quiz.schema.json"]))
    mapping = schema["properties"]["questions"]["items"]["discriminator"]["mapping"]
    assert sorted(mapping) == sorted(QUESTION_TYPES)
