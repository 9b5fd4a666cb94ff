"""The scale benchmark's generated course is a valid course: it builds like the real one, checks included."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.bench.scale import make_course
from coursekit.build import build_site
from support.course import ROOT

pytestmark = pytest.mark.slow


def test_a_generated_course_builds_with_every_check(tmp_path: Path) -> None:
    course = make_course(ROOT, tmp_path / "kurs", 3)
    lines: list[str] = []
    build_site(course / "mkdocs.yml", course / "site", out=lines.append)
    assert (course / "site" / "module" / "modul-003" / "index.html").is_file()
    assert (course / "site" / "moderation" / "modul-002" / "folien" / "index.html").is_file()
