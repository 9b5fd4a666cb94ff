"""The DigCompEdu self-assessment: rate, reload, export and import with the progress, recommendations,
a second profile for comparison; accessible at desktop and phone width."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from support.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

URL = "/selbsteinschaetzung/"


def rate(page: Page, competence: str, level: str) -> None:
    group = page.get_by_role("group", name=f"Ihre Einschätzung: {competence}")
    group.get_by_label(level, exact=True).check()


def ready(page: Page) -> None:
    page.goto(URL)
    expect(page.locator(".ck-selbst-status")).to_contain_text("Kompetenzen eingeschätzt")


def test_rate_reload_recommend_export_import_and_compare(page: Page, tmp_path: Path) -> None:
    ready(page)
    total = page.locator(".ck-selbst-rating").count()
    assert total == page.locator("h3[id^=kompetenz-]").count() >= 10
    # Each rating sits below its competence's table of levels, where the learner has just read them.
    assert page.locator(".ck-selbst-rating").evaluate_all(
        "sets => sets.every(f => { const b = f.previousElementSibling;"
        " return b?.matches('table') || b?.querySelector('table'); })"
    )
    rate(page, "1.2 Berufliche Zusammenarbeit", "A2 Entdecken")
    rate(page, "3.3 Kollaboratives Lernen", "C1 Vorangehen")
    rate(page, "6.4 Verantwortungsvoller Umgang mit digitalen Medien", "A2 Entdecken")
    expect(page.locator(".ck-selbst-status")).to_have_text(f"Sie haben 3 von {total} Kompetenzen eingeschätzt.")
    table = page.locator(".ck-selbst-table")
    expect(table.locator("tr", has_text="1.2 Berufliche Zusammenarbeit").locator("td")).to_have_text(["A2 Entdecken"])
    # The lowest rated competences (both A2) lead to the modules that address them, 3.3 (C1) does not.
    advice = page.locator(".ck-selbst-next")
    expect(advice).to_contain_text("1.2 Berufliche Zusammenarbeit")
    expect(advice).to_contain_text("6.4 Verantwortungsvoller Umgang")
    expect(advice).not_to_contain_text("3.3 Kollaboratives Lernen")
    expect(advice.get_by_role("link", name="Recht und Verantwortung", exact=False).first).to_be_visible()
    chart = page.locator("svg.ck-radar")
    assert chart.get_attribute("role") == "img"
    expect(chart.locator("title")).to_have_text("Ihr Kompetenzprofil")
    expect(chart.locator("desc")).to_contain_text(f"3 von {total} Kompetenzen eingeschätzt")
    assert axe_violations(page) == []

    page.reload()  # kept in this browser
    ready(page)
    group = page.get_by_role("group", name="Ihre Einschätzung: 1.2 Berufliche Zusammenarbeit")
    expect(group.get_by_label("A2 Entdecken", exact=True)).to_be_checked()
    expect(page.locator(".ck-selbst-status")).to_contain_text("3 von")

    page.goto("/fortschritt/")  # exported with the progress ...
    with page.expect_download() as download:
        page.get_by_role("button", name="Fortschritt exportieren").click()
    exported = tmp_path / "fortschritt.json"
    download.value.save_as(exported)
    profiles = json.loads(exported.read_text("utf-8"))["selbst"]["profiles"]
    assert profiles[-1]["ratings"] == {"1.2": 1, "3.3": 4, "6.4": 1}
    page.evaluate("localStorage.clear()")  # ... and back in another browser
    page.reload()
    page.set_input_files("#ck-import", str(exported))
    expect(page.locator(".ck-progress-message")).to_contain_text("importiert")
    ready(page)
    expect(page.locator(".ck-selbst-status")).to_contain_text("3 von")

    # Months later: a new assessment; both profiles side by side.
    page.get_by_role("button", name="Neue Einschätzung beginnen").click()
    expect(page.locator(".ck-selbst-status")).to_contain_text("0 von")
    rate(page, "1.2 Berufliche Zusammenarbeit", "B1 Integrieren")
    row = page.locator(".ck-selbst-table tr", has_text="1.2 Berufliche Zusammenarbeit").locator("td")
    expect(row).to_have_text(["B1 Integrieren", "A2 Entdecken"])
    expect(page.locator("svg.ck-radar .ck-radar-before")).to_have_count(1)
    expect(page.locator(".ck-selbst-status")).to_contain_text("vorige Einschätzung")
    assert axe_violations(page) == []


def test_phone_width_does_not_scroll_sideways(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    ready(page)
    rate(page, "1.2 Berufliche Zusammenarbeit", "A2 Entdecken")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator(".ck-selbst-rating label").first.bounding_box()
    assert box is not None and box["height"] >= 44
    assert axe_violations(page) == []
