"""Pages announce the course scripts they will import, so the browser fetches them in parallel."""

from __future__ import annotations

import re
from pathlib import Path

from coursekit.plugin.preload import ALWAYS, modules_for, with_preloads

ASSETS = Path(__file__).parents[2] / "src" / "coursekit" / "assets"

PAGE = "<html><head><title>x</title></head><body>{}</body></html>"


def static_imports(name: str, seen: list[str]) -> list[str]:
    """``name`` and the course modules it imports statically, depth first, each once."""
    source = (ASSETS / name).read_text("utf-8")
    for imported in re.findall(r'^import [^;]*? from "\./([\w-]+\.js)";', source, re.MULTILINE):
        if imported not in seen:
            seen.append(imported)
            static_imports(imported, seen)
    return seen


def test_every_page_preloads_what_course_js_imports_statically() -> None:
    # A module course.js imports statically but <head> does not announce is fetched only after course.js;
    # one announced but not imported is fetched for nothing.
    assert sorted(ALWAYS) == sorted(static_imports("course.js", []))
    assert {"store.js", "quiz.js"} <= set(ALWAYS)


def test_the_progress_page_preloads_its_code_and_exercise_code_stays_lazy() -> None:
    # Exercise code stays lazy: its editor is large.
    for body in ('<section class="ck-exercise" data-exercise="b">', "<p/>", '<section class="ck-quiz" data-quiz="a">'):
        assert modules_for(PAGE.format(body)) == ALWAYS
    progress = PAGE.format('<section class="ck-progress"></section>')
    assert modules_for(progress) == [*ALWAYS, "progress.js"]


def test_links_are_relative_to_the_page_and_sit_in_the_head() -> None:
    nested = with_preloads(PAGE.format('<section class="ck-progress">'), "../..")
    head = nested.split("</head>")[0]
    assert '<link rel="modulepreload" href="../../assets/coursekit/progress.js">' in head
    top = with_preloads(PAGE.format(""), ".")
    assert '<link rel="modulepreload" href="assets/coursekit/store.js">' in top.split("</head>")[0]
