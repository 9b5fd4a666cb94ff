"""A course update of a notebook reaches learners without destroying their edited copy."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from coursekit.build import build_site
from support.course import ROOT
from support.server import serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]
KERNEL = 120_000
NOTEBOOK = "mooc-trichter"


def copy_course(target: Path) -> Path:
    target.mkdir()
    for name in ("mkdocs.yml", "docs", "exercises", "includes", "lite"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    shutil.copytree(ROOT / "packages" / "kurslab", target / "packages" / "kurslab")
    (target / ".cache").mkdir()
    (target / ".cache" / "lite-wheels").symlink_to(ROOT / ".cache" / "lite-wheels", target_is_directory=True)
    # Executed notebooks and precompiled archives are kept by content, so the course's can be shared.
    for cache in ("notebooks", "lite-pyc"):
        (ROOT / ".cache" / cache).mkdir(parents=True, exist_ok=True)
        (target / ".cache" / cache).symlink_to(ROOT / ".cache" / cache, target_is_directory=True)
    return target


def open_exercise(page: Page) -> Page:
    page.goto("/module/interne-moocs/")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Als Notebook öffnen (JupyterLab)").click()
    lab = opened.value
    expect(lab.locator(".jp-Notebook")).to_be_visible(timeout=KERNEL)
    return lab


def test_updated_notebook_shows_and_the_learners_copy_survives(browser: Browser, tmp_path: Path) -> None:
    project = copy_course(tmp_path / "kurs")
    site = project / "site"
    build_site(project / "mkdocs.yml", site, out=lambda _: None)
    with serving(site) as url:
        context = browser.new_context(base_url=url)
        page = context.new_page()
        lab = open_exercise(page)
        old_url = lab.url
        # The learner adds a note of their own to the first code cell and saves.
        lab.locator(".jp-CodeCell .cm-content").first.click()
        lab.keyboard.press("Control+End")
        lab.keyboard.type("\n# meine Notiz")
        lab.keyboard.press("Control+s")
        expect(lab.locator(".jp-CodeCell").first).to_contain_text("# meine Notiz")
        lab.wait_for_timeout(1000)  # the browser storage write is asynchronous
        lab.close()

        # The course team revises the notebook and publishes a new build.
        source = project / "exercises" / "notebooks" / f"{NOTEBOOK}.ipynb"
        notebook = json.loads(source.read_text("utf-8"))
        notebook["cells"][0]["source"][0] = "# Übung: Wo steigen die Teilnehmenden aus? (überarbeitet)\n"
        source.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), "utf-8")
        build_site(project / "mkdocs.yml", site, out=lambda _: None)

        lab = open_exercise(page)
        assert lab.url != old_url
        expect(lab.get_by_role("heading", name=re.compile(r"\(überarbeitet\)"))).to_be_visible(timeout=KERNEL)
        expect(lab.locator(".jp-CodeCell").first).not_to_contain_text("# meine Notiz")
        lab.goto(old_url)  # the learner's earlier copy is still there, under its old folder
        expect(lab.locator(".jp-CodeCell").first).to_contain_text("# meine Notiz", timeout=KERNEL)
        context.close()
