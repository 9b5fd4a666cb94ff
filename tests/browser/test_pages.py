"""The learner's first pages in a real browser: they render, stay offline and are accessible."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from support.browser import assert_no_foreign_requests, axe_violations
from support.recorder import RequestRecorder

pytestmark = pytest.mark.browser


def test_home_and_module_load_nothing_from_other_hosts(page: Page, recorder: RequestRecorder) -> None:
    page.goto("/")
    expect(page.locator("h1")).to_contain_text("Social Learning und Medienkompetenz")
    assert page.locator("html").get_attribute("lang") == "de"
    page.goto("/module/social-learning/")
    expect(page.locator("h1")).to_contain_text("Social Learning")
    expect(page.locator(".admonition.abstract")).to_contain_text("Lernziele")
    expect(page.locator(".ck-facts")).to_contain_text("Dauer")
    page.wait_for_load_state("networkidle")
    assert_no_foreign_requests(page, recorder)


def test_module_overview_lists_modules_in_course_order(page: Page) -> None:
    page.goto("/module/")
    cards = page.locator(".grid.cards li")
    expect(cards.first).to_contain_text("Modul 1: Social Learning")
    cards.first.get_by_role("link").click()
    expect(page).to_have_url("/module/social-learning/")


def test_german_search_finds_inflected_words(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("/")  # mkdocs-material's shortcut focuses the search field
    page.keyboard.type("Communities")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()


PAGES = ["/", "/module/", "/module/social-learning/", "/redaktion/", "/literatur/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_wcag_violations(page: Page, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(path)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    assert axe_violations(page) == []
