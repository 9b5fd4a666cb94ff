"""The self-assessment page covers exactly the DigCompEdu competences the modules tag, each with six levels."""

from __future__ import annotations

import json
import re

from coursekit.build import course_config, load
from coursekit.model import DIGCOMPEDU_COMPETENCES
from coursekit.plugin.plugin import check
from coursekit.plugin.selfassessment import competences_json, tagged
from support.course import ROOT

PAGE = ROOT / "docs" / "selbsteinschaetzung.md"
HEADING_RE = re.compile(r"^### (?P<code>\d\.\d) (?P<name>.+?) \{ #kompetenz-(?P<anchor>\d-\d) \}$")
LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]


def _sections() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    found: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    code = None
    for line in PAGE.read_text("utf-8").splitlines():
        heading = HEADING_RE.match(line)
        if heading:
            code = heading.group("code")
            assert heading.group("anchor") == code.replace(".", "-")
            found[code] = (heading.group("name"), [])
        elif line.startswith("#"):
            code = None
        elif code and line.startswith("| ") and not line.startswith(("| Stufe", "| ---")):
            level, text = (cell.strip() for cell in line.strip("|").split("|"))
            found[code][1].append((level, text))
    return found


def test_page_has_every_tagged_competence_with_six_levels_in_order() -> None:
    config = load(ROOT / "mkdocs.yml")
    course, _ = check(config, course_config(config))
    sections = _sections()
    assert list(sections) == tagged(course)
    texts = []
    for code, (name, rows) in sections.items():
        assert name == DIGCOMPEDU_COMPETENCES[code]
        assert [level.split()[0] for level, _ in rows] == LEVELS, code
        texts += [text for _, text in rows]
    assert all(len(text.split()) >= 6 for text in texts)
    assert len(set(texts)) == len(texts)  # each level says something of its own
    data = json.loads(competences_json(course, {m.src_uri: m.src_uri for m in course.modules}))
    assert [c["code"] for c in data["competences"]] == tagged(course)
    assert all(c["modules"] for c in data["competences"])  # every competence leads to a module


def test_page_is_in_the_learner_navigation() -> None:
    config = load(ROOT / "mkdocs.yml")
    assert {"Selbsteinschätzung": "selbsteinschaetzung.md"} in config.nav
