"""Markdown that the plugin adds to pages: module header and footer, and marker output."""

from __future__ import annotations

import posixpath

from ..course import Course, Module
from ..markers import Marker
from ..model import DIGCOMPEDU_COMPETENCES


def minutes(value: int) -> str:
    hours, rest = divmod(value, 60)
    if hours and rest:
        return f"{hours} Std. {rest} Min."
    return f"{hours} Std." if hours else f"{rest} Min."


def link(from_uri: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def module_header(course: Course, module: Module) -> str:
    meta = module.meta
    facts = [f"Modul {module.number} von {len(course.modules)}", f"Dauer: ca. {minutes(meta.duration)}"]
    prereqs = [course.module_by_id(p) for p in meta.prerequisites]
    if prereqs:
        links = ", ".join(f"[{p.meta.title}]({link(module.src_uri, p.src_uri)})" for p in prereqs if p)
        facts.append(f"Voraussetzungen: {links}")
    competences = ", ".join(f'<abbr title="{DIGCOMPEDU_COMPETENCES[code]}">{code}</abbr>' for code in meta.digcompedu)
    facts.append(f"DigCompEdu: {competences}")
    objectives = "\n".join(f"    - {o.text}" for o in meta.objectives)
    return (
        f"# {meta.title}\n\n"
        f"{' · '.join(facts)}\n{{: .ck-facts }}\n\n"
        f"{meta.summary}\n\n"
        f'!!! abstract "Lernziele"\n\n{objectives}\n\n'
    )


def module_footer(module: Module) -> str:
    points = "\n".join(f"    - {p}" for p in module.meta.key_points)
    return f'\n\n!!! tip "Das Wichtigste in Kürze"\n\n{points}\n'


def module_list(course: Course, page_uri: str) -> str:
    items = []
    for module in course.modules:
        meta = module.meta
        items.append(
            f"-   **[Modul {module.number}: {meta.title}]({link(page_uri, module.src_uri)})**\n\n"
            f"    {meta.summary}\n\n"
            f"    Dauer: ca. {minutes(meta.duration)} · {len(meta.objectives)} Lernziele\n"
        )
    total = f"{len(course.modules)} Module, zusammen ca. {minutes(course.total_duration)}."
    return f"{total}\n\n" + '<div class="grid cards" markdown>\n\n' + "\n".join(items) + "\n</div>\n"


def render_marker(course: Course, page_uri: str, marker: Marker) -> str:
    if marker.name == "modulliste":
        return module_list(course, page_uri)
    raise KeyError(marker.name)  # validation rejects unknown markers before rendering
