"""Data for the DigCompEdu self-assessment page (assets/selbst.js): the competences the course's modules
tag, with their German names and the modules that address each one."""

from __future__ import annotations

import json

from ..course import Course
from ..model import DIGCOMPEDU_COMPETENCES

DATA_URI = "assets/coursekit/kompetenzen.json"


def _order(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


def tagged(course: Course) -> list[str]:
    """Codes of the competences that at least one module tags, in the framework's order."""
    return sorted({code for m in course.modules for code in m.meta.digcompedu}, key=_order)


def competences_json(course: Course, urls: dict[str, str]) -> str:
    """``urls`` maps module src_uris to URLs relative to the site root."""
    data = [
        {
            "code": code,
            "name": DIGCOMPEDU_COMPETENCES[code],
            "modules": [
                {"number": m.number, "title": m.meta.title, "url": urls.get(m.src_uri, "")}
                for m in course.modules
                if code in m.meta.digcompedu
            ],
        }
        for code in tagged(course)
    ]
    return json.dumps({"competences": data}, ensure_ascii=False)
