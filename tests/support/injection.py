"""A course with hostile text in every field of the content model, for the injection tests.

Each payload calls ``__pwned.push(tag)`` if it ever runs; the tag names the field it came from.
"""

from __future__ import annotations

from pathlib import Path

import yaml

MKDOCS = """\
site_name: Injektionskurs
theme:
  name: material
  language: de
  font: false
plugins:
  - search:
      lang: de
  - course:
      pedagogy_checks: "off"
nav:
  - index.md
  - module/alpha.md
  - fortschritt.md
  - moderation/ablaeufe.md
  - moderation/methoden.md
not_in_nav: |
  /moderation/
markdown_extensions: [admonition, attr_list, md_in_html, abbr, toc, tables]
"""


NOTE_SECRET = "Nur für die Moderation: Bandura belegt das nicht."


def hostile(tag: str) -> str:
    """Text with every vector we guard against; ``tag`` says which field it came from."""
    run = f"__pwned.push('{tag}')"
    return (
        f'Feld {tag} <script>{run}</script> <img src=x onerror="{run}"> <svg onload="{run}"> '
        f'[klick](javascript:{run}) "><script>{run}</script> {{: onclick="{run}" }} '
        f"\" ' & Ende {tag}"
    )


def write_course(root: Path) -> dict[str, str]:
    """Write the hostile course below ``root``; returns {tag: field description} for messages."""
    fields: dict[str, str] = {}

    def h(tag: str, what: str) -> str:
        fields[tag] = what
        return hostile(tag)

    front = {
        "id": "alpha",
        "title": h("mtitle", "module title"),
        "summary": h("msummary", "module summary"),
        "duration": 30,
        "objectives": [{"id": "ziel", "text": h("mobjective", "objective")}],
        "key_points": [h("mkeypoint", "key point")],
        "digcompedu": ["1.2"],
        "quizzes": ["alpha"],
    }
    body = (
        "## Abschnitt\n\nGewöhnlicher Text mit einem Link auf die [Übersicht](../index.md).\n\n"
        '!!! moderation "Hinweis"\n\n    Dauer: 10 Min. · Material: Flipchart\n\n    Text der Notiz.\n\n'
        f'!!! moderation "Missverständnis klären: "Bandura belegt das""\n\n    {NOTE_SECRET}\n\n'
        "::: quiz alpha\n"
    )
    write(root / "docs/module/alpha.md", f"---\n{dump(front)}---\n\n{body}")
    write(root / "docs/index.md", "# Start\n\n::: modulliste\n")
    write(root / "docs/fortschritt.md", "# Mein Fortschritt\n\n::: fortschritt\n")
    write(root / "docs/moderation/ablaeufe.md", "# Abläufe\n\n::: ablauf tag\n")
    write(root / "docs/moderation/methoden.md", "# Methoden\n\n::: methodenkarten\n")
    option = {"feedback": h("qfeedback", "option feedback")}
    quiz = {
        "id": "alpha",
        "title": h("qtitle", "quiz title"),
        "module": "alpha",
        "questions": [
            {
                "id": "einfach",
                "type": "single",
                "prompt": h("qprompt", "question prompt"),
                "objective": "ziel",
                "options": [
                    {"text": h("qoption", "option text"), "correct": True},
                    {"text": "Zweite Möglichkeit", **option},
                ],
                "explanation": h("qexplanation", "explanation"),
            },
            {
                "id": "aussage",
                "type": "true_false",
                "prompt": h("tfprompt", "true/false statement"),
                "answer": True,
                "feedback_wrong": h("tffeedback", "true/false feedback"),
            },
            {
                "id": "paare",
                "type": "matching",
                "prompt": "Ordnen Sie zu.",
                "pairs": [
                    {"left": h("mleft", "matching left"), "right": h("mright", "matching right")},
                    {"left": "Links zwei", "right": "Rechts zwei"},
                ],
                "distractors": [h("mdistractor", "matching distractor")],
            },
            {
                "id": "reihe",
                "type": "ordering",
                "prompt": "Ordnen Sie.",
                "items": [{"text": h("oitem", "ordering item")}, {"text": "Zweiter Schritt"}],
            },
            {
                "id": "wort",
                "type": "short_text",
                "prompt": "Schreiben Sie das Wort.",
                "answers": [h("sanswer", "short_text answer")],
                "wrong_answers": [{"answer": "falsch", "feedback": h("swrong", "short_text wrong feedback")}],
            },
            {
                "id": "gedanke",
                "type": "reflection",
                "prompt": h("rprompt", "reflection prompt"),
                "placeholder": h("rplaceholder", "reflection placeholder"),
            },
        ],
    }
    write(root / "exercises/quizzes/alpha.yml", dump(quiz))
    method = {
        "id": "methode",
        "title": h("ktitle", "method title"),
        "purpose": h("kpurpose", "method purpose"),
        "duration": 10,
        "group_size": h("kgroup", "method group size"),
        "materials": [h("kmaterial", "method material")],
        "steps": [h("kstep", "method step"), "Zweiter Schritt."],
        "variants": {"vor_ort": h("konsite", "method on site"), "online": h("konline", "method online")},
    }
    write(root / "exercises/methods/methode.yml", dump(method))
    agenda = {
        "id": "tag",
        "title": h("atitle", "agenda title"),
        "audience": h("aaudience", "agenda audience"),
        "days": [
            {
                "title": h("aday", "agenda day title"),
                "start": "09:00",
                "end": "12:00",
                "blocks": [
                    {
                        "type": "session",
                        "title": h("asession", "session title"),
                        "duration": 30,
                        "method": "methode",
                        "lead": h("alead", "block lead"),
                        "materials": [h("amaterial", "block material")],
                        "note": h("anote", "block note"),
                    },
                    {"type": "module", "module": "alpha", "title": h("amodule", "module block title")},
                    {"type": "break", "duration": 15, "title": h("abreak", "break title")},
                ],
            }
        ],
    }
    write(root / "exercises/agendas/tag.yml", dump(agenda))
    write(root / "mkdocs.yml", MKDOCS)
    return fields


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
