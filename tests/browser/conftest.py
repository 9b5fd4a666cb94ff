"""Browser fixtures: Debian's chromium driven by Playwright, every foreign request recorded."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from support.browser import ARTIFACTS, QUIET_CHROMIUM, chromium_path
from support.recorder import RequestRecorder


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


@pytest.fixture
def page(browser: Browser, recorder: RequestRecorder, site_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser context per test: empty localStorage, IndexedDB and caches."""
    context = browser.new_context(base_url=site_url, locale="de-DE")
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((site_url, "data:", "blob:")) else None)
    recorder.requests.clear()
    page.foreign_requests = foreign  # type: ignore[attr-defined]
    yield page
    if request.node.stash.get(FAILED, False):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
