"""Pages reused by content (pagecache.py: conversion and search entries; templatecache.py: the theme's
HTML): never stale, and only what changed is converted or rendered again.

Each scenario edits the course, builds with the cache of the builds before (as the preview does, one
process, a new configuration each time) and compares every file of that site with a build of the same
course from an empty cache.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build

from coursekit.build import load
from coursekit.plugin.pagecache import FOLDER, PageCache

Copy = Callable[[str], Path]


def build_with_cache(project: Path, site: Path) -> PageCache:
    config = load(project / "mkdocs.yml", site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    cache = config.plugins["course"].pages  # type: ignore[attr-defined]
    assert isinstance(cache, PageCache)
    return cache


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build_and_compare(project: Path, tmp: Path) -> tuple[PageCache, dict[str, bytes]]:
    """Build with the cache so far, then a copy from an empty cache; both sites must be the same file for file.

    (The plugin lives on between builds in one process, as under ``mkdocs serve``; the copy has a cache
    of its own because it lies in another folder.)"""
    cached = build_with_cache(project, tmp / "mit-cache")
    copy = tmp / "frisch" / project.name
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(FOLDER.parts[0]))
    fresh = build_with_cache(copy, tmp / "ohne-cache")
    shutil.rmtree(tmp / "frisch")
    assert fresh.hits == 0 and fresh.converted  # the reference really converted every page
    a, b = site_files(tmp / "mit-cache"), site_files(tmp / "ohne-cache")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    shutil.rmtree(tmp / "mit-cache")
    shutil.rmtree(tmp / "ohne-cache")
    return cached, a


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.slow
def test_each_build_equals_a_build_from_scratch_and_converts_only_what_changed(
    fixture_site: Copy, tmp_path: Path
) -> None:
    project = fixture_site("quiz")
    first, _ = build_and_compare(project, tmp_path)
    assert "module/eins.md" in first.converted and first.hits == 0
    pages = len(first.converted)

    unchanged, _ = build_and_compare(project, tmp_path)
    assert unchanged.converted == [] and unchanged.rendered == []
    assert unchanged.hits >= pages  # pages and their search entries

    edit(project / "docs" / "module" / "eins.md", "Ein wenig Text vor dem Quiz.", "Ein neuer Satz vor dem Quiz.")
    text_edited, site = build_and_compare(project, tmp_path)
    assert "Ein neuer Satz" in site["module/eins/index.html"].decode()
    assert "module/eins.md" in text_edited.converted
    assert not {"module/zwei.md", "index.md", "fortschritt.md"} & set(text_edited.converted)
    assert "module/eins.md" in text_edited.rendered
    assert not {"module/zwei.md", "index.md", "fortschritt.md"} & set(text_edited.rendered)

    # A quiz joins its module page, its handout and the handbook after the conversion (slots filled in
    # on_page_content): they show the new text without converting again.
    edit(project / "exercises" / "quizzes" / "zwei.yml", "Welche dieser Städte", "Welche der Städte")
    quiz_edited, site = build_and_compare(project, tmp_path)
    for printed in ("module/zwei/index.html", "handout/zwei/index.html", "moderation/handbuch/index.html"):
        assert "Welche der Städte" in site[printed].decode()
    assert quiz_edited.converted == []
    assert {"module/zwei.md", "handout/zwei.md", "moderation/handbuch.md"} <= set(quiz_edited.rendered)
    assert "module/eins.md" not in quiz_edited.rendered

    # A new title is in every page's navigation: every page is rendered again, none converted.
    edit(project / "docs" / "module" / "zwei.md", 'title: "', 'title: "Neu: ')
    retitled, site = build_and_compare(project, tmp_path)
    assert "Neu: " in site["module/eins/index.html"].decode()
    assert {"module/eins.md", "index.md", "fortschritt.md"} <= set(retitled.rendered)
    assert "module/eins.md" not in retitled.converted  # its Markdown is as before

    # So is a setting of mkdocs.yml that the theme shows on every page.
    edit(project / "mkdocs.yml", "site_name: Quizkurs", "site_name: Quizkurs zwei")
    configured, _ = build_and_compare(project, tmp_path)
    assert {"module/eins.md", "index.md"} <= set(configured.rendered)

    # A page that is added changes what links resolve to: every page converts again.
    (project / "docs" / "neu.md").write_text("# Neu\n\nEine neue Seite.\n", "utf-8")
    added, _ = build_and_compare(project, tmp_path)
    assert {"module/eins.md", "module/zwei.md", "index.md"} <= set(added.converted)


@pytest.mark.slow
def test_a_reused_page_logs_what_its_conversion_logged(
    fixture_site: Copy, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = fixture_site("quiz")
    edit(project / "docs" / "module" / "eins.md", "Ein wenig Text", "Ein [Verweis](/impressum/) und Text")
    caplog.set_level(logging.INFO)
    logging.getLogger("mkdocs").addHandler(caplog.handler)  # mkdocs' logger does not propagate
    try:
        build_with_cache(project, tmp_path / "a")
        first = [r.getMessage() for r in caplog.records if "/impressum/" in r.getMessage()]
        caplog.clear()
        again = build_with_cache(project, tmp_path / "b")
        second = [r.getMessage() for r in caplog.records if "/impressum/" in r.getMessage()]
    finally:
        logging.getLogger("mkdocs").removeHandler(caplog.handler)
    assert "module/eins.md" not in again.converted
    assert first and second == first


@pytest.mark.slow
def test_damaged_cache_entries_are_made_again(fixture_site: Copy, tmp_path: Path) -> None:
    project = fixture_site("quiz")
    build_and_compare(project, tmp_path)
    entries = sorted((project / FOLDER).glob("*.json"))
    assert entries
    for number, entry in enumerate(entries):  # valid JSON of the wrong shape, and broken JSON
        entry.write_text('{"format": 1, "links": {"x": 1}}' if number % 2 else '{"content": ', "utf-8")
    again, _ = build_and_compare(project, tmp_path)
    assert "module/eins.md" in again.converted and "module/eins.md" in again.rendered
