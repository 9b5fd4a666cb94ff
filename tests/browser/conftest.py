"""Browser fixtures: Debian's chromium driven by Playwright, every foreign request recorded."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from coursekit.bench.browser import QUIET_CHROMIUM, RequestRecorder
from support.browser import ARTIFACTS, chromium_path


@pytest.fixture(scope="session")
def recorder() -> Iterator[RequestRecorder]:
    rec = RequestRecorder()
    yield rec
    rec.close()


@pytest.fixture(scope="session")
def browser(recorder: RequestRecorder) -> Iterator[Browser]:
    with sync_playwright() as pw:
        # --proxy-server as a plain flag: loopback bypasses it, everything else lands in the recorder.
        browser = pw.chromium.launch(
            executable_path=chromium_path(),
            args=[*QUIET_CHROMIUM, f"--proxy-server={recorder.url}"],
        )
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash.setdefault(FAILED, report.failed)  # type: ignore[attr-defined]
    return report


FAILED = pytest.StashKey[bool]()


@contextmanager
def fresh_page(
    browser: Browser, recorder: RequestRecorder, base_url: str, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A new browser context (empty localStorage, IndexedDB, caches) whose foreign requests are recorded."""
    context = browser.new_context(base_url=base_url, locale="de-DE", accept_downloads=True)
    context.set_default_timeout(5000)
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((base_url, "data:", "blob:")) else None)
    recorder.requests.clear()
    page.foreign_requests = foreign  # type: ignore[attr-defined]
    said: list[str] = []  # what the page and its workers reported, printed when the test fails
    page.on("console", lambda m: said.append(f"{m.type}: {m.text[:300]}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: said.append(f"pageerror: {error}"))
    try:
        yield page
    finally:
        if request.node.stash.get(FAILED, False):
            print("Console of the page (errors and warnings):", *said[-40:], sep="\n  ")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
        context.close()


@pytest.fixture
def page(browser: Browser, recorder: RequestRecorder, site_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page of the real course."""
    with fresh_page(browser, recorder, site_url, request) as page:
        yield page


@pytest.fixture
def quiz_page(
    browser: Browser, recorder: RequestRecorder, quiz_url: str, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A page of the quiz fixture course."""
    with fresh_page(browser, recorder, quiz_url, request) as page:
        yield page


@pytest.fixture
def hostile_page(
    browser: Browser, recorder: RequestRecorder, hostile_url: str, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A page of the course with hostile text in every field (support/injection.py)."""
    with fresh_page(browser, recorder, hostile_url, request) as page:
        yield page
