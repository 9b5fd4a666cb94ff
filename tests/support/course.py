"""Helpers for tests that build tiny courses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coursekit.build import load
from coursekit.diagnostics import Report
from coursekit.plugin.plugin import check

ROOT = Path(__file__).resolve().parents[2]
SITES = Path(__file__).resolve().parents[1] / "sites"

MINIMAL_MKDOCS = """\
site_name: Test
theme:
  name: material
  language: de
  font: false
plugins:
  - course:
      pedagogy_checks: "{pedagogy}"
nav:
{nav}
markdown_extensions: [admonition, attr_list, md_in_html, abbr]
"""

VALID_MODULE = """\
---
id: {id}
title: "Titel {id}"
summary: "Kurz."
duration: 30
objectives:
  - id: ziel-a
    text: "Sie können A erklären."
key_points:
  - "Punkt eins."
digcompedu: ["1.2"]
---

## Abschnitt

Text.
"""


def valid_module(module_id: str = "alpha") -> str:
    return VALID_MODULE.format(id=module_id)


MakeCourse = Callable[..., Path]


def run_check(config_file: Path) -> Report:
    config = load(config_file)
    plugin = config.plugins["course"]
    _, report = check(config, plugin.config)  # type: ignore[arg-type]
    return report


VALID_QUIZ = """\
id: {id}
title: "Selbstcheck"
module: {module}
questions:
  - id: frage-1
    type: single
    prompt: "Was stimmt?"
    objective: ziel-a
    options:
      - text: "Das hier."
        correct: true
      - text: "Das nicht."
        feedback: "Weil es nicht stimmt."
    explanation: "Darum."
"""


def valid_quiz(quiz_id: str = "alpha", module: str = "alpha") -> str:
    return VALID_QUIZ.format(id=quiz_id, module=module)
