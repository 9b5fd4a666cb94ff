"""Helpers for browser tests: chromium flags, foreign-request and accessibility checks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from support.recorder import RequestRecorder

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
DEAD = "http://127.0.0.1:9"  # nothing listens on the discard port

# Keep chromium from phoning home on its own, so what the recorder sees comes from the site.
QUIET_CHROMIUM = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-component-extensions-with-background-pages",
    "--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter,NetworkTimeServiceQuerying",
    f"--gaia-url={DEAD}",
    f"--google-apis-url={DEAD}",
    f"--lso-url={DEAD}",
    "--component-updater=url-source=" + DEAD,
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Debian-Paket chromium fehlt: apt-get install chromium (make setup erledigt das).")
    return path


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
