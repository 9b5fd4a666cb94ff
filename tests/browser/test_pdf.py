"""make pdf: Chromium prints a handout to a real PDF."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from coursekit.pdf import export, printable_pages
from support.browser import chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_handout_prints_to_pdf(built_site: Path, tmp_path: Path) -> None:
    pages = printable_pages(built_site)
    assert "/handout/social-learning/" in pages and "/moderation/handbuch/" in pages
    (pdf,) = export(built_site, tmp_path, ["/handout/social-learning/"], chromium=chromium_path())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 2  # at least two printed pages


def printable_copy(site: Path, target: Path) -> Path:
    """What printing two handouts needs of a built site: their pages and assets/."""
    shutil.copytree(site / "assets", target / "assets")
    shutil.copytree(site / "handout" / "social-learning", target / "handout" / "social-learning")
    shutil.copytree(site / "handout" / "blended-learning", target / "handout" / "blended-learning")
    return target


def test_pdf_links_lead_to_the_public_address_or_nowhere(built_site: Path, tmp_path: Path) -> None:
    page = ["/handout/social-learning/"]
    (bare,) = export(built_site, tmp_path / "ohne", page, chromium=chromium_path())
    (public,) = export(
        built_site, tmp_path / "mit", page, chromium=chromium_path(), address="https://kurs.example.org/"
    )
    assert b"127.0.0.1" not in bare.read_bytes()  # the printing server's address is not on paper
    links = re.findall(rb"/URI \(([^)]*)\)", public.read_bytes())
    assert b"https://kurs.example.org/module/social-learning/" in links
    assert not [link for link in links if b"127.0.0.1" in link]


def test_pdfs_are_printed_again_exactly_when_their_inputs_change(built_site: Path, tmp_path: Path) -> None:
    site = printable_copy(built_site, tmp_path / "site")
    pages = ["/handout/social-learning/", "/handout/blended-learning/"]
    social, blended = "handout-social-learning.pdf", "handout-blended-learning.pdf"
    cache = tmp_path / "cache"

    def printed() -> dict[str, bytes]:
        """When each PDF was printed (Chromium's time stamp, to the second)."""
        time.sleep(1.1)  # a PDF printed now has a time stamp of its own
        out = export(site, tmp_path / "pdf", pages, chromium=chromium_path(), cache_dir=cache)
        return {p.name: re.findall(rb"/CreationDate \(([^)]*)\)", p.read_bytes())[0] for p in out}

    first = printed()
    assert printed() == first  # taken from the cache
    html = site / "handout" / "social-learning" / "index.html"
    html.write_text(html.read_text("utf-8").replace("Handout", "Handzettel", 1), "utf-8")
    third = printed()
    assert third[social] != first[social] and third[blended] == first[blended]
    css = site / "assets" / "coursekit" / "course.css"
    css.write_text(css.read_text("utf-8") + "\n/* geändert */\n", "utf-8")
    fourth = printed()
    assert fourth[social] != third[social] and fourth[blended] != third[blended]
    (cache / "abgebrochen.teil").write_bytes(b"%PDF-")  # what a stopped build leaves
    printed()
    assert sorted(p.suffix for p in cache.iterdir()) == [".pdf", ".pdf"]  # earlier versions and leftovers are gone


def print_url_text(page: Page, query: str) -> str:
    """What the handout's "Zum Modul" link prints after its text (CSS ::after in print media)."""
    page.emulate_media(media="print")
    page.goto(f"/handout/social-learning/{query}")
    link = page.locator("a.ck-print-url")
    expect(link).to_have_attribute("data-print-url", re.compile("."))  # course.js has run
    return str(link.evaluate("(a) => getComputedStyle(a, '::after').content"))


def test_printed_link_text_names_the_public_address_or_none(page: Page, site_url: str) -> None:
    assert print_url_text(page, "") == f'" ({site_url}/module/social-learning/)"'  # a learner's own print
    assert print_url_text(page, "?druck=https%3A%2F%2Fkurs.example.org%2F") == (
        '" (https://kurs.example.org/module/social-learning/)"'
    )
    page.goto("/handout/social-learning/?druck=")
    link = page.locator("a.ck-print-url")
    expect(link).not_to_have_attribute("href", re.compile("."))
    assert link.evaluate("(a) => getComputedStyle(a, '::after').content") == "none"
