"""A build with unchanged inputs and an untouched site does nothing; any change means a full build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from coursekit.build import BuildFailed, build_site

Copy = Callable[[str], Path]
SKIPPED = "Keine Änderung seit dem letzten Build"
pytestmark = pytest.mark.slow


def build(project: Path) -> list[str]:
    lines: list[str] = []
    build_site(project / "mkdocs.yml", project / "site", out=lines.append)
    return lines


def skipped(lines: list[str]) -> bool:
    return any(SKIPPED in line for line in lines)


def test_an_unchanged_course_is_not_built_again_and_its_site_is_left_alone(fixture_site: Copy) -> None:
    project = fixture_site("minimal")
    assert not skipped(build(project))
    page = project / "site" / "index.html"
    before = page.stat().st_mtime_ns
    assert skipped(build(project))
    assert page.stat().st_mtime_ns == before


@pytest.mark.parametrize(
    "change",
    [
        "docs/module/erstes.md",  # content
        "mkdocs.yml",  # configuration
    ],
)
def test_a_changed_input_builds_again(fixture_site: Copy, change: str) -> None:
    project = fixture_site("minimal")
    build(project)
    path = project / change
    path.write_text(path.read_text("utf-8") + "\n", "utf-8")
    assert not skipped(build(project))
    assert skipped(build(project))  # and then it is current again


def test_a_changed_site_builds_again(fixture_site: Copy) -> None:
    project = fixture_site("minimal")
    build(project)
    (project / "site" / "index.html").unlink()  # someone tidied up by hand
    assert not skipped(build(project))
    assert (project / "site" / "index.html").is_file()


def test_an_environment_variable_the_configuration_reads_builds_again(
    fixture_site: Copy, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = fixture_site("minimal")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "site_author: !ENV [KURS_TEST_AUTOR, 'niemand']\n", "utf-8")
    monkeypatch.setenv("KURS_TEST_AUTOR", "Redaktion A")
    build(project)
    assert skipped(build(project))
    monkeypatch.setenv("KURS_TEST_AUTOR", "Redaktion B")
    assert not skipped(build(project))


def test_a_damaged_record_only_costs_a_build(fixture_site: Copy) -> None:
    project = fixture_site("minimal")
    build(project)
    for record in (project / ".cache" / "build").glob("*.json"):
        record.write_text("{kaputt", "utf-8")
    assert not skipped(build(project))


def test_a_failed_build_leaves_no_record_that_could_skip_the_next(fixture_site: Copy) -> None:
    project = fixture_site("minimal")
    build(project)
    page = project / "docs" / "module" / "erstes.md"
    good = page.read_text("utf-8")
    page.write_text(good.replace("duration:", "duration: viel\nx:"), "utf-8")
    with pytest.raises(BuildFailed):
        build(project)
    page.write_text(good, "utf-8")  # back to the inputs of the last good build, whose site is still there
    assert not skipped(build(project))  # the failed build forgot the record: no skip on its word
    assert skipped(build(project))
