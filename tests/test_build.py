"""The build over fixture sites: it renders modules, fails clearly and never breaks the old site."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files

from coursekit.build import BuildFailed, build_site, load
from coursekit.facilitator import split_notes
from coursekit.plugin.plugin import check
from coursekit.postbuild import check_site
from support.course import ROOT

Copy = Callable[[str], Path]


def build(project: Path) -> tuple[Path, list[str]]:
    lines: list[str] = []
    site = project / "site"
    build_site(project / "mkdocs.yml", site, out=lines.append)
    return site, lines


def visible_text(html: str) -> str:
    """Visible text of HTML: tags removed, entities decoded, whitespace collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html)))


def text_of(html: Path) -> str:
    """Visible text of a page."""
    return visible_text(html.read_text("utf-8"))


def test_minimal_site_renders_module_header_and_footer(fixture_site: Copy) -> None:
    site, _lines = build(fixture_site("minimal"))
    page = text_of(site / "module" / "zweites" / "index.html")
    assert "Modul 2 von 2" in page
    assert "Dauer: ca. 1 Std. 15 Min." in page
    assert "Voraussetzungen: Erstes Modul" in page
    assert "Lernziele Sie können es anwenden." in page
    assert "Das Wichtigste in Kürze Merksatz zwei." in page
    html = (site / "module" / "zweites" / "index.html").read_text("utf-8")
    assert html.count("<h1") == 1
    # the competence's name is written out (touch screens have no hover)
    assert "DigCompEdu: 6.4 Verantwortungsvoller Umgang mit digitalen Medien" in page
    assert 'id="das-wichtigste-in-kuerze"' in html  # a section of its own, in the table of contents


def test_module_list_marker_lists_modules_in_nav_order_with_total(fixture_site: Copy) -> None:
    site, _ = build(fixture_site("minimal"))
    page = text_of(site / "module" / "index.html")
    assert "2 Module, zusammen ca. 2 Std." in page
    assert page.index("Modul 1: Erstes Modul") < page.index("Modul 2: Zweites Modul")
    assert "::: modulliste" not in page


def test_build_prints_each_step_with_its_duration(fixture_site: Copy) -> None:
    _, lines = build(fixture_site("minimal"))
    done = [line for line in lines if line.startswith("✓")]
    assert [re.sub(r" \(\d+\.\d s\)$", "", line) for line in done] == [
        "✓ Inhalte prüfen",
        "✓ JupyterLite bauen",
        "✓ mkdocs build --strict",
        "✓ Fertige Website prüfen",
        "✓ Sicherheits-Header schreiben",
        "✓ Website nach site/ übernehmen",
    ]


def test_broken_site_fails_with_its_error_and_keeps_the_previous_site(fixture_site: Copy) -> None:
    project = fixture_site("broken")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("vorherige Fassung", "utf-8")
    lines: list[str] = []
    with pytest.raises(BuildFailed, match="bisherige Website bleibt unverändert"):
        build_site(project / "mkdocs.yml", site, out=lines.append)
    printed = "\n".join(lines).splitlines()
    assert "docs/module/erstes.md:12: Quiz „erstes-quiz“ gibt es nicht. Es gibt noch kein Quiz." in printed
    assert (site / "index.html").read_text("utf-8") == "vorherige Fassung"
    assert sorted(p.name for p in project.iterdir()) == ["docs", "mkdocs.yml", "site"]  # no staging left


def test_mkdocs_strict_warning_fails_the_build_and_keeps_the_site(fixture_site: Copy) -> None:
    project = fixture_site("minimal")
    site, _ = build(project)
    before = (site / "index.html").read_text("utf-8")
    # A reference-style link is left to mkdocs' own link validation, which --strict turns into an error.
    module = project / "docs" / "module" / "erstes.md"
    module.write_text(module.read_text("utf-8") + "\nSiehe [Quelle][q].\n\n[q]: fehlt.md\n", "utf-8")
    with pytest.raises(BuildFailed, match=r"fehlt\.md"):
        build(project)
    assert (site / "index.html").read_text("utf-8") == before


def test_check_command_reports_all_errors_in_german_and_exits_1(fixture_site: Copy) -> None:
    project = fixture_site("broken")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "--check"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/module/erstes.md:12: Quiz „erstes-quiz“ gibt es nicht. Es gibt noch kein Quiz.",
        "1 Fehler, 0 Warnungen.",
    ]


@pytest.mark.slow
def test_real_course_builds_strict_and_passes_post_build_checks(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "module" / "social-learning" / "index.html").is_file()
    assert (built_site / "search" / "search_index.json").is_file()
    assert check_site(built_site) == []


def test_content_warning_is_printed_but_does_not_fail_the_strict_build(fixture_site: Copy) -> None:
    project = fixture_site("minimal")
    first = project / "docs" / "module" / "erstes.md"
    first.write_text(
        first.read_text("utf-8").replace('digcompedu: ["1.2", 3.3]', 'digcompedu: ["1.2"]\nprerequisites: [zweites]')
    )
    site, lines = build(project)
    assert (site / "index.html").is_file()
    assert any("Warnung: Die Voraussetzung „zweites“ kommt im Kurs erst nach diesem Modul." in line for line in lines)


def test_preview_keeps_serving_and_logs_errors_in_german(fixture_site: Copy, caplog: pytest.LogCaptureFixture) -> None:
    project = fixture_site("broken")
    config = load(project / "mkdocs.yml")
    plugin = config.plugins["course"]
    plugin.on_startup(command="serve", dirty=False)
    files = get_files(config)
    config.plugins.on_files(files, config=config)  # through mkdocs, as a build runs it
    assert "docs/module/erstes.md:12: Quiz „erstes-quiz“ gibt es nicht." in caplog.text
    plugin.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError, match="Der Kurs enthält Fehler"):
        config.plugins.on_files(get_files(config), config=config)


def test_facilitator_notes_are_absent_from_learner_pages_and_search(fixture_site: Copy) -> None:
    site, _ = build(fixture_site("minimal"))
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json") and path.relative_to(site).parts[0] != "moderation":
            assert "GEHEIM-MODERATION" not in path.read_text("utf-8"), path
    assert "GEHEIM-MODERATION" in (site / "moderation" / "erstes" / "index.html").read_text("utf-8")
    page = text_of(site / "module" / "erstes" / "index.html")
    assert "Text nach der Notiz." in page
    assert "Flipchart" not in page


def test_search_attributes_are_removed_and_every_page_indexed(fixture_site: Copy) -> None:
    # mkdocs-material's search removes valued data-search-* attributes after indexing a page; the course
    # skips that scan on pages without one (plugin/search.py), and both kinds of page must be indexed.
    project = fixture_site("minimal")
    page = project / "docs" / "module" / "zweites.md"
    page.write_text(page.read_text("utf-8") + '\nZwetschgenbaum im Absatz.\n{ data-search-hinweis="eins" }\n', "utf-8")
    site, _ = build(project)
    assert "data-search-hinweis" not in (site / "module" / "zweites" / "index.html").read_text("utf-8")
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]

    def indexed(location: str) -> str:
        return " ".join(d["text"] for d in index if d["location"].startswith(location))

    assert "Zwetschgenbaum" in indexed("module/zweites/")
    assert "Text nach der Notiz." in indexed("module/erstes/")  # a page without such an attribute


@pytest.mark.slow
def test_real_course_facilitator_notes_only_in_the_facilitator_view(built_site: Path) -> None:
    config = load(ROOT / "mkdocs.yml")
    course, _ = check(config, config.plugins["course"].config)  # type: ignore[arg-type]
    search_index = (built_site / "search" / "search_index.json").read_text("utf-8")
    noted = 0
    for module in course.modules:
        learner = text_of(built_site / "module" / module.meta.id / "index.html")
        view = text_of(built_site / "moderation" / module.meta.id / "index.html")
        assert "Zeitplan der Moderationsschritte" in view
        for note in split_notes(module.page.body)[1]:
            probe = " ".join(re.sub(r"[*_`\[\]]", "", note.text).split()[:6])
            assert probe not in learner, (module.meta.id, probe)
            assert probe not in search_index, (module.meta.id, probe)
            assert probe in view, (module.meta.id, probe)
            noted += 1
    assert noted >= 10  # the course has facilitator notes in most modules


@pytest.mark.slow
def test_real_course_has_handouts_and_a_handbook(built_site: Path) -> None:
    handout = text_of(built_site / "handout" / "social-learning" / "index.html")
    assert "Handout: Social Learning" in handout
    assert "Lernziele" in handout and "Das Wichtigste in Kürze" in handout and "Reflexion" in handout
    assert "Wo haben Sie zuletzt von anderen gelernt?" not in handout  # facilitator note stays out
    assert (built_site / "handout" / "einfuehren-evaluieren" / "index.html").is_file()
    handbook = text_of(built_site / "moderation" / "handbuch" / "index.html")
    assert "Wo haben Sie zuletzt von anderen gelernt?" in handbook
    assert "Ablaufpläne" in handbook and "Methodenkarten" in handbook and "09:00–09:30" in handbook
    # The exercises' solutions, which learners see only after "Lösung anzeigen", are in the handbook.
    mooc = json.loads((built_site / "assets" / "uebungen" / "mooc-trichter.json").read_text("utf-8"))
    assert mooc and all(" ".join(code.split()) in handbook for code in mooc.values())
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith(("handout/", "moderation/"))]


@pytest.mark.slow
def test_the_search_index_holds_the_learners_text_not_page_data(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "fortschritt/" in locations and "module/social-learning/" in locations
    assert [d["location"] for d in index["docs"] if '{"' in d["text"]] == []  # no JSON of the page scripts
    assert "redaktion/" not in locations  # the editors' guide is reached from the footer
