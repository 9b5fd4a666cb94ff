"""Typed configuration of the ``course`` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CourseConfig(base.Config):
    # Folder below docs_dir whose pages are modules; their order comes from mkdocs.yml's nav.
    modules_dir = c.Type(str, default="module")
    # Folder with quizzes, notebooks and data sets, relative to mkdocs.yml.
    exercises_dir = c.Type(str, default="exercises")
    # Share of a quiz's points needed to pass it; a quiz file may set its own pass_threshold.
    pass_threshold = c.Type(float, default=0.8)
    # Pedagogy lint (objectives covered by questions, feedback on wrong options, alt texts, ...):
    # "error" fails the build, "warning" only reports, "off" skips it (for tiny test sites).
    pedagogy_checks = c.Choice(("error", "warning", "off"), default="error")
    # Who may show the course in a frame (CSP frame-ancestors), e.g. an LMS: ["'self'", "https://lms.example.org"].
    frame_ancestors = c.ListOfItems(c.Type(str), default=["'self'"])
