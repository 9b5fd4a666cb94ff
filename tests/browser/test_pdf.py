"""make pdf: Chromium prints a handout to a real PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

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
