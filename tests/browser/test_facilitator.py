"""Facilitator side in a real browser: slide decks with speaker view and polls, run-sheets, method cards."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from coursekit.bench.browser import RequestRecorder
from support.browser import assert_no_foreign_requests, axe_violations

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


def settle_scroll_tracking(page: Page, link: Locator) -> None:
    """Scroll to ``link`` and give mkdocs-material's navigation.tracking time to note the section.

    The tracking writes the section into the address 250 ms after the last scroll. A click sooner than
    that races with instant navigation: the next page gets the old section as its address and is not
    scrolled to its anchor. Readers do not click that fast after scrolling; Playwright does.
    """
    link.scroll_into_view_if_needed()
    page.wait_for_timeout(400)


def test_run_sheet_shows_clock_times_and_links(page: Page, recorder: RequestRecorder) -> None:
    page.goto("/moderation/ablaeufe/")
    table = page.locator("table").first
    expect(table).to_contain_text("09:00–09:30")
    expect(table).to_contain_text("Mittagspause")
    method = table.get_by_role("link", name=re.compile("Think-Pair-Share")).first
    settle_scroll_tracking(page, method)
    method.click()
    expect(page).to_have_url(re.compile(r"/moderation/methoden/#think-pair-share$"))
    expect(page.locator("#think-pair-share")).to_be_in_viewport()
    assert_no_foreign_requests(page, recorder)


MATERIAL = "/moderation/material/beobachtungsboegen/"


@pytest.mark.parametrize("path", [DECK, "/moderation/ablaeufe/", "/moderation/methoden/", MATERIAL])
def test_facilitator_pages_are_accessible(page: Page, path: str) -> None:
    page.goto(path)
    assert axe_violations(page) == []


def test_run_sheet_links_a_material_page_that_prints_without_navigation(page: Page) -> None:
    page.goto("/moderation/ablaeufe/")
    expect(page.locator("table").first).to_contain_text("10 · 36 · 9")  # input · practice · debrief
    sheet = page.get_by_role("link", name="Beobachtungsbögen").first
    settle_scroll_tracking(page, sheet)
    sheet.click()
    expect(page).to_have_url(re.compile(r"/moderation/material/beobachtungsboegen/$"))
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer"):
        expect(page.locator(chrome)).to_be_hidden()
    empty_cell = page.locator("td:empty").first
    box = empty_cell.bounding_box()
    assert box is not None and box["height"] >= 40  # 1.4 cm to write in on paper


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
