"""Instant navigation is really on: a click loads the next page without a full page load, wherever the
course is served (here: a test server on a random port, no site_url), and the page's quizzes and
progress view start as after a full load."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from support.browser import watch_csp

pytestmark = pytest.mark.browser


def same_document(page: Page) -> bool:
    return bool(page.evaluate("window.kursGleichesDokument === true"))


def test_a_click_changes_the_page_in_place_and_its_quiz_starts(quiz_page: Page) -> None:
    violations = watch_csp(quiz_page.context)
    quiz_page.goto("/module/eins/")
    expect(quiz_page.locator(".ck-quiz").first).to_have_attribute("data-ready", "1")
    quiz_page.evaluate("window.kursGleichesDokument = true")  # gone after a full page load
    quiz_page.locator(".md-sidebar--primary").get_by_role("link", name=re.compile("Modul zwei")).click()
    expect(quiz_page).to_have_url(re.compile(r"/module/zwei/$"))
    expect(quiz_page.locator("h1")).to_contain_text("Modul zwei")
    assert same_document(quiz_page)
    quiz = quiz_page.locator(".ck-quiz").first
    quiz.scroll_into_view_if_needed()
    expect(quiz).to_have_attribute("data-ready", "1")
    question = quiz_page.locator("#ck-zwei-keine")  # the quiz works, not only its marker
    question.get_by_label("Keine der genannten").check()
    question.get_by_role("button", name="Antwort prüfen").click()
    expect(question.locator(".ck-status")).to_contain_text("Richtig")
    assert quiz_page.evaluate("window.__xss") is None  # the page's hostile texts stayed text
    quiz_page.go_back()  # the browser's back button stays in place too
    expect(quiz_page).to_have_url(re.compile(r"/module/eins/$"))
    assert same_document(quiz_page)
    assert violations == [], "\n".join(violations)


def test_the_progress_page_starts_after_an_instant_change(quiz_page: Page) -> None:
    quiz_page.goto("/")
    quiz_page.evaluate("window.kursGleichesDokument = true")
    quiz_page.locator(".md-sidebar--primary").get_by_role("link", name=re.compile("Fortschritt")).click()
    expect(quiz_page).to_have_url(re.compile(r"/fortschritt/$"))
    expect(quiz_page.locator(".ck-progress").first).to_have_attribute("data-ready", "1")
    assert same_document(quiz_page)
