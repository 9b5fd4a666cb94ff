"""`make site` prints handouts and the handbook into the site; the pages link those PDFs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from coursekit.build import build_site
from support.course import ROOT
from support.server import serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def pdf_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("mit-pdf") / "site"
    build_site(ROOT / "mkdocs.yml", site, out=lambda _: None, pdfs=True)
    with serving(site) as url:
        yield url


def download(browser: Browser, base_url: str, path: str, link_name: str) -> bytes:
    context = browser.new_context(base_url=base_url, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(path)
        link = page.get_by_role("link", name=link_name, exact=True)
        expect(link).to_be_visible()
        with page.expect_download() as info:
            link.click()
        saved = info.value.path()
        return Path(saved).read_bytes()
    finally:
        context.close()


def test_handbook_and_handout_link_their_pdfs_inside_the_site(browser: Browser, pdf_site_url: str) -> None:
    handbook = download(browser, pdf_site_url, "/moderation/handbuch/", "Handbuch als PDF herunterladen")
    assert handbook.startswith(b"%PDF-")
    assert handbook.count(b"/Type /Page") - handbook.count(b"/Type /Pages") >= 10  # the whole handbook
    handout = download(browser, pdf_site_url, "/handout/social-learning/", "Als PDF herunterladen")
    assert handout.startswith(b"%PDF-")
    # The handbook lists every module's handout as PDF.
    listed = download(browser, pdf_site_url, "/moderation/handbuch/", "Handout 12 (PDF)")
    assert listed.startswith(b"%PDF-")


def test_quick_builds_link_no_pdfs_and_say_why(built_site: Path) -> None:
    handbook = (built_site / "moderation" / "handbuch" / "index.html").read_text("utf-8")
    assert "../../pdf/" not in handbook and "in dieser Vorschau fehlen sie" in handbook
    assert not (built_site / "pdf").exists()
