"""Facilitator side in a real browser: slide decks with speaker view and polls, run-sheets, method cards."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from support.browser import assert_no_foreign_requests, axe_violations
from support.recorder import RequestRecorder

pytestmark = pytest.mark.browser
DECK = "/moderation/social-learning/folien/"


def current_title(page: Page) -> str:
    return page.locator(".slides > section.present h1, .slides > section.present h2").first.inner_text()


def test_deck_navigates_by_keyboard_and_carries_speaker_notes(page: Page, recorder: RequestRecorder) -> None:
    page.goto(DECK)
    expect(page.locator(".slides > section.present h1")).to_have_text(
        "Social Learning: informell, selbstorganisiert, vernetzt"
    )
    page.keyboard.press("ArrowRight")
    expect(page.locator(".slides > section.present h2")).to_have_text("Lernziele")
    page.keyboard.press("End")
    expect(page.locator(".slides > section.present h2")).to_have_text("Das Wichtigste in Kürze")
    notes = page.locator("aside.notes")
    assert notes.count() > 3
    expect(notes.filter(has_text="Moderation: Einstieg")).to_have_count(1)
    with page.expect_popup() as popup_info:
        page.keyboard.press("s")  # reveal.js speaker view
    speaker = popup_info.value
    speaker.wait_for_load_state()
    expect(speaker.locator(".speaker-controls-time")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert_no_foreign_requests(page, recorder)


def test_quiz_question_becomes_a_poll_with_the_answer_on_the_next_step(page: Page) -> None:
    page.goto(DECK)
    poll = page.locator("section.ck-poll").first
    index = page.locator(".slides > section").evaluate_all(
        "(sections) => sections.findIndex((s) => s.classList.contains('ck-poll'))"
    )
    page.goto(f"{DECK}#/{index}")
    expect(poll.locator(".ck-poll-q")).to_be_visible()
    answer = poll.locator(".ck-poll-answer")
    expect(answer).not_to_have_class(re.compile(r"\bvisible\b"))
    page.keyboard.press("ArrowRight")
    expect(answer).to_have_class(re.compile(r"\bvisible\b"))
    expect(answer).to_contain_text("Richtig:")


def test_deck_print_view_lays_out_every_slide(page: Page) -> None:
    page.goto(DECK + "?print-pdf")
    expect(page.locator("html")).to_have_class(re.compile(r"print-pdf|reveal-print"))
    assert page.locator(".pdf-page").count() >= page.locator(".slides > section").count()


def test_run_sheet_shows_clock_times_and_links(page: Page, recorder: RequestRecorder) -> None:
    page.goto("/moderation/ablaeufe/")
    table = page.locator("table").first
    expect(table).to_contain_text("09:00–09:30")
    expect(table).to_contain_text("Mittagspause")
    table.get_by_role("link", name=re.compile("Think-Pair-Share")).first.click()
    expect(page).to_have_url(re.compile(r"/moderation/methoden/#think-pair-share$"))
    expect(page.locator("#think-pair-share")).to_be_visible()
    assert_no_foreign_requests(page, recorder)


@pytest.mark.parametrize("path", [DECK, "/moderation/ablaeufe/", "/moderation/methoden/"])
def test_facilitator_pages_are_accessible(page: Page, path: str) -> None:
    page.goto(path)
    assert axe_violations(page) == []


@pytest.mark.parametrize("module", ["social-learning", "neue-rollen"])
def test_every_slide_fits_the_projector(page: Page, module: str) -> None:
    page.goto(f"/moderation/{module}/folien/")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    overflowing = page.evaluate(
        """async () => {
            const out = [];
            for (let i = 0; i < Reveal.getTotalSlides(); i++) {
                Reveal.slide(i, 0, 99);  // all fragments shown
                await new Promise((r) => requestAnimationFrame(r));
                const s = Reveal.getCurrentSlide();
                if (s.scrollHeight > Reveal.getConfig().height) out.push(s.querySelector("h1, h2").textContent);
            }
            return out;
        }"""
    )
    assert overflowing == []


def test_polls_follow_the_section_they_belong_to(page: Page) -> None:
    page.goto(DECK)
    titles = page.locator(".slides > section > h2").all_inner_texts()
    first_poll = titles.index("Diskussionsfrage 1")
    assert titles[first_poll - 1] == "Praxisbeispiel"
    assert titles[-1] == "Das Wichtigste in Kürze"
