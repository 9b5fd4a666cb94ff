"""A notebook runs in the built site's JupyterLite: offline, in real Pyodide, with charts and self-checks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from coursekit.bench.browser import RequestRecorder
from support.browser import assert_no_foreign_requests, watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.slow]
KERNEL = 120_000  # ms: a cold Pyodide start with the kernel's packages takes several seconds on two cores


def test_module_button_opens_the_notebook_and_all_cells_run_offline(page: Page, recorder: RequestRecorder) -> None:
    violations = watch_csp(page.context)
    page.goto("/module/interne-moocs/")
    button = page.get_by_role("link", name="Als Notebook öffnen (JupyterLab)")
    expect(button).to_have_attribute(
        "href",
        re.compile(
            r"lite/notebooks/index\.html\?path=mooc-trichter-v[0-9a-f]{8}/mooc-trichter\.ipynb"
            r"&zurueck=\.\./\.\./module/interne-moocs/$"
        ),
    )
    with page.context.expect_page() as opened:
        button.click()
    lab = opened.value
    expect(lab.locator(".jp-Notebook")).to_be_visible(timeout=KERNEL)
    expect(lab.get_by_role("heading", name="Übung: Wo steigen die Teilnehmenden aus?")).to_be_visible()
    # The course's notebooks are trusted, and a link leads back to the module page.
    expect(lab.get_by_text(re.compile("Not Trusted|Nicht vertrauenswürdig"))).to_have_count(0)
    back = lab.get_by_role("link", name="← Zurück zur Modulseite")
    expect(back).to_have_attribute("href", re.compile(r"/module/interne-moocs/$"))
    # The JupyterLab German language pack is shipped and switched on (lite/jupyter-lite.json).
    expect(lab.get_by_role("menuitem", name="Datei")).to_be_visible()
    lab.get_by_role("menuitem", name="Ausführen").first.click()
    lab.get_by_text("Alle Zellen ausführen", exact=True).click()
    outputs = lab.locator(".jp-OutputArea-output")
    # The tasks have gaps: as shipped, both self-checks ask for the learner's answer and nothing fails.
    expect(outputs.filter(has_text="Noch nicht bearbeitet")).to_have_count(2, timeout=KERNEL)
    charts = lab.locator(".jp-OutputArea-output svg[role=img]")  # inline, so title and description reach screen readers
    expect(charts).to_have_count(2)  # funnel and line chart
    expect(charts.first.locator("title")).to_have_text("Vom Einschreiben bis Woche 6")
    assert lab.locator(".jp-OutputArea-output").filter(has_text="Traceback").count() == 0
    lab.wait_for_timeout(500)
    # The recorder sees service-worker and web-worker traffic too (chromium sends it via the proxy).
    assert recorder.requests == [], recorder.requests
    assert_no_foreign_requests(page, recorder)
    # JupyterLite runs under its own, documented policy (security.py), and nothing in it is refused.
    policy = page.request.get("/lite/notebooks/index.html").headers["content-security-policy"]
    assert "'wasm-unsafe-eval'" in policy and policy != page.request.get("/").headers["content-security-policy"]
    assert violations == []
