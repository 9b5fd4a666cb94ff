"""The learner's first pages in a real browser: they render, stay offline and are accessible."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from coursekit.bench.browser import RequestRecorder
from support.browser import assert_no_foreign_requests, axe_violations

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


def test_german_search_runs_offline_with_the_german_pipeline(page: Page) -> None:
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url))
    page.goto("/")
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially("Referenzanl", delay=20)  # results appear while typing
    result = page.locator(".md-search-result__item").first
    expect(result).to_contain_text("Referenzanlage")
    expect(result.locator("a").first).to_have_attribute("href", re.compile(r"module/social-learning/"))
    assert any(url.endswith("/lunr.de.min.js") for url in loaded)  # German stemmer and stop words


def test_keyboard_user_can_skip_to_content(page: Page) -> None:
    page.goto("/module/social-learning/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Zum Inhalt")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#"))


PAGES = [
    "/",
    "/module/",
    "/module/social-learning/",
    "/redaktion/",
    "/literatur/",
    "/moderation/",
    "/moderation/social-learning/",
    "/fortschritt/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_wcag_violations(page: Page, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(path)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    assert axe_violations(page) == []


def test_facilitator_view_shows_notes_and_loads_nothing_from_other_hosts(page: Page, recorder: RequestRecorder) -> None:
    page.goto("/moderation/social-learning/")
    expect(page.locator(".admonition.moderation").first).to_contain_text("Wo haben Sie zuletzt von anderen gelernt?")
    expect(page.locator("table.ck-timing")).to_contain_text("Summe")
    page.get_by_role("link", name="Lernendenansicht").click()
    expect(page).to_have_url(re.compile(r"/module/social-learning/$"))
    expect(page.locator(".admonition.moderation")).to_have_count(0)
    nav = page.locator("nav.md-nav--primary")
    expect(nav.locator("a[href*='moderation/']")).to_have_count(0)  # no facilitator page in the learners' menu
    page.wait_for_load_state("networkidle")
    assert_no_foreign_requests(page, recorder)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_exercise_on_the_module_page_has_no_wcag_violations(page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto("/module/interne-moocs/")
    exercise = page.locator(".ck-exercise")
    exercise.scroll_into_view_if_needed()
    expect(exercise.locator(".ck-editor").first).to_be_visible(timeout=60_000)  # editors come once Python started
    expect(exercise.locator("svg[role=img]").first).to_be_visible()  # the build's outputs until a run
    assert axe_violations(page) == []
