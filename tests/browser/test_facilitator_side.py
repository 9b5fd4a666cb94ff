"""The facilitator area in a real browser: found from every page, unmistakable on the projector, wide tables."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from support.browser import axe_violations

pytestmark = pytest.mark.browser

BANNER = "Moderationsansicht – nicht für Teilnehmende projizieren"
FACILITATOR_BROWN = "rgb(122, 61, 0)"  # --ck-facilitator-bg in course.css
# The guide's reading order (plugin/facilitatorside.py), as URLs and headings.
CHAIN = [
    ("/moderation/", "Leitfaden für die Moderation"),
    ("/moderation/ablaeufe/", "Ablaufpläne"),
    ("/moderation/methoden/", "Methodenkarten"),
    ("/moderation/handbuch/", "Handbuch für die Moderation"),
    ("/moderation/material/", "Material für den Workshop"),
]


def header_colour(page: Page) -> str:
    return str(page.locator(".md-header").evaluate("(h) => getComputedStyle(h).backgroundColor"))


@pytest.mark.parametrize("path", ["/moderation/", "/moderation/ablaeufe/", "/moderation/social-learning/"])
def test_facilitator_pages_carry_the_banner_and_the_brown_header(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator(".ck-facilitator-banner")).to_have_text(BANNER)
    assert header_colour(page) == FACILITATOR_BROWN


@pytest.mark.parametrize("path", ["/", "/module/social-learning/", "/moderation/material/rollenkarten/"])
def test_learner_pages_and_worksheets_have_neither(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator(".ck-facilitator-banner")).to_have_count(0)
    assert header_colour(page) != FACILITATOR_BROWN


def test_footer_of_a_learner_page_leads_to_the_guide_and_the_header_turns_brown(page: Page) -> None:
    page.goto("/module/social-learning/")
    assert header_colour(page) != FACILITATOR_BROWN
    page.locator(".ck-footer-links").get_by_role("link", name="Für die Moderation").click()
    expect(page).to_have_url(re.compile(r"/moderation/(#.*)?$"))
    expect(page.locator("h1")).to_contain_text("Leitfaden für die Moderation")
    expect(page.locator(".ck-facilitator-banner")).to_be_visible()
    assert header_colour(page) == FACILITATOR_BROWN
    # The learners' navigation lists no facilitator page.
    expect(page.locator(".md-nav--primary a[href*='moderation']")).to_have_count(0)


def test_next_links_lead_through_the_guide_and_previous_links_back(page: Page) -> None:
    page.goto(CHAIN[0][0])
    expect(page.locator(".md-footer__link--prev")).to_have_count(0)
    for url, heading in CHAIN[1:]:
        page.locator(".md-footer__link--next").click()
        expect(page).to_have_url(re.compile(re.escape(url) + "(#.*)?$"))
        expect(page.locator("h1").first).to_contain_text(heading)
    expect(page.locator(".md-footer__link--next")).to_have_count(0)
    page.locator(".md-footer__link--prev").click()
    expect(page).to_have_url(re.compile(re.escape(CHAIN[-2][0]) + "(#.*)?$"))


@pytest.mark.parametrize("module", ["social-learning", "neue-rollen", "einfuehren-evaluieren"])
def test_every_facilitator_view_starts_its_slides_with_one_button(page: Page, module: str) -> None:
    page.goto(f"/moderation/{module}/")
    button = page.get_by_role("link", name="Folien starten", exact=True)
    expect(button).to_have_class(re.compile(r"md-button--primary"))
    box = button.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None and box["y"] < viewport["height"]  # visible without scrolling
    button.click()
    expect(page).to_have_url(re.compile(rf"/moderation/{module}/folien/$"))
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")


@pytest.mark.parametrize(
    ("path", "widest"),
    [("/moderation/ablaeufe/", "table"), ("/moderation/methoden/", ".ck-card"), ("/moderation/handbuch/", "table")],
)
def test_run_sheets_cards_and_handbook_use_the_full_width(page: Page, path: str, widest: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(path)
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-sidebar--secondary")).to_be_hidden()
    content = page.locator(".md-content").bounding_box()
    assert content is not None and content["width"] >= 1100
    table = page.locator(f".md-typeset {widest}").first
    box = table.bounding_box()
    assert box is not None and box["width"] >= 900


def test_run_sheet_prints_without_banner_header_or_buttons(page: Page) -> None:
    page.goto("/moderation/social-learning/")
    page.emulate_media(media="print")
    for chrome in (".ck-facilitator-banner", ".md-header", ".ck-slides-start", ".md-footer"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator("h1").first).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/moderation/social-learning/", "/moderation/ablaeufe/"])
def test_facilitator_pages_are_accessible_in_both_schemes(page: Page, scheme: str, path: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(path)
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    assert header_colour(page) == FACILITATOR_BROWN
    assert axe_violations(page) == []


def test_speaker_view_speaks_german_and_shows_a_24_hour_clock(page: Page) -> None:
    page.goto("/moderation/social-learning/folien/")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    with page.expect_popup() as popup_info:
        page.keyboard.press("s")
    speaker = popup_info.value
    speaker.wait_for_load_state()
    expect(speaker.locator("html")).to_have_attribute("lang", "de")
    expect(speaker.locator("#upcoming-slide .label")).to_have_text("Nächste Folie")
    labels = speaker.locator("#speaker-controls h4.label")
    expect(labels.first).to_contain_text("Zeit")
    expect(speaker.locator(".reset-button")).to_have_text("Klicken setzt die Zeit zurück")
    expect(speaker.locator(".speaker-controls-notes h4")).to_have_text("Notizen")
    expect(speaker.locator(".speaker-layout-label")).to_contain_text("Ansicht")
    clock = speaker.locator(".clock-value")
    # The clock runs once the speaker view is connected; it shows the hour of the day from 00 to 23.
    expect(clock).to_have_text(re.compile(r"^\d{2}:\d{2}$"))
    hour = speaker.evaluate("() => String(new Date().getHours()).padStart(2, '0')")
    speaker.wait_for_function("(h) => document.querySelector('.clock-value').textContent.startsWith(h)", arg=hour)
    body = speaker.locator("body").inner_text()
    for english in ("Upcoming", "TIME", "NOTES", "CLICK TO RESET", " AM", " PM"):
        assert english not in body


def test_paused_deck_resumes_in_german(page: Page) -> None:
    page.goto("/moderation/social-learning/folien/")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    page.keyboard.press("b")  # reveal.js' pause (black screen)
    expect(page.locator(".pause-overlay .resume-button")).to_have_text("Präsentation fortsetzen")
