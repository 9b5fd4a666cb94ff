"""„Bearbeiten“: each page links to its source file when a repository address is configured, else not."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from coursekit.build import build_site, load
from support.course import ROOT

Copy = Callable[[str], Path]
EDIT = "https://git.example.org/kurs/-/edit/main/docs/"
EDIT_LINK_RE = re.compile(r'<a href="([^"]*)" class="md-content__button ck-edit" rel="edit noopener"')


def _build(project: Path, edit_uri: str | None) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8").replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n", 1)
    if edit_uri is not None:
        text += f"edit_uri: {edit_uri}\n"
    config.write_text(text, "utf-8")
    site = project / "site"
    build_site(config, site, out=lambda _: None)
    return site


def _edit_links(page: Path) -> list[str]:
    return EDIT_LINK_RE.findall(page.read_text("utf-8"))


def test_pages_link_to_their_source_and_generated_pages_to_their_module(fixture_site: Copy) -> None:
    site = _build(fixture_site("minimal"), EDIT)
    assert _edit_links(site / "index.html") == [EDIT + "index.md"]
    assert _edit_links(site / "module" / "erstes" / "index.html") == [EDIT + "module/erstes.md"]
    # The facilitator view and the handout are made from the module's file: that is what an editor changes.
    assert _edit_links(site / "moderation" / "erstes" / "index.html") == [EDIT + "module/erstes.md"]
    assert _edit_links(site / "handout" / "erstes" / "index.html") == [EDIT + "module/erstes.md"]
    assert "Bearbeiten" in (site / "module" / "erstes" / "index.html").read_text("utf-8")


def test_no_link_without_a_repository(fixture_site: Copy) -> None:
    site = _build(fixture_site("minimal"), None)
    assert _edit_links(site / "module" / "erstes" / "index.html") == []
    assert 'rel="edit' not in (site / "index.html").read_text("utf-8")


def test_real_course_takes_the_address_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KURS_BEARBEITEN_URL", raising=False)
    assert not load(ROOT / "mkdocs.yml").edit_uri
    monkeypatch.setenv("KURS_BEARBEITEN_URL", EDIT)
    config = load(ROOT / "mkdocs.yml")
    assert config.edit_uri == EDIT
    assert "content.action.edit" in config.theme["features"]
    assert not config.repo_url  # no repository widget: it would ask the host's API for stars and forks
