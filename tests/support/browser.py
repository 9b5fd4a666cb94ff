"""Helpers for browser tests: the browser (coursekit.bench.browser, shared with make bench), foreign-request,
Content-Security-Policy and accessibility checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from coursekit.bench.browser import MISSING, RequestRecorder
from coursekit.bench.browser import chromium_path as find_chromium

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"


def chromium_path() -> str:
    """The browser to drive; the test fails with the German install hint when there is none."""
    try:
        return find_chromium()
    except RuntimeError:
        pytest.fail(MISSING)


def assert_no_foreign_requests(page: Page, recorder: RequestRecorder) -> None:
    assert page.foreign_requests == [], f"Seite hat fremde Hosts angefragt: {page.foreign_requests}"  # type: ignore[attr-defined]
    assert recorder.requests == [], f"Chromium hat fremde Hosts angefragt: {recorder.requests}"


def watch_csp(context: BrowserContext) -> list[str]:
    """Every Content-Security-Policy violation Chromium reports in ``context`` (pages, popups, workers)."""
    violations: list[str] = []
    context.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    return violations


def axe_violations(page: Page) -> list[dict[str, Any]]:
    # Evaluated through the DevTools protocol: the site's Content-Security-Policy forbids inline script tags.
    page.evaluate(AXE.read_text("utf-8") + "\n;undefined")
    result = page.evaluate(
        """async () => {
            // Colours in the middle of a transition (the theme's back-to-top button fades in on
            // scrolling up) are not what a reader sees: let running animations finish first.
            const ending = document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
            await Promise.all(ending.map((a) => a.finished.catch(() => null)));
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return list(result)
