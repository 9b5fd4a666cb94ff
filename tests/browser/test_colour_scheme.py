"""The light/dark switch in the header (theme/partials/palette.html and javascripts/palette.html):
a button for keyboard and screen reader, a choice that outlives reloads and page changes, and without
a choice the system's setting, applied before the page's content is shown."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from support.browser import axe_violations, watch_csp

pytestmark = pytest.mark.browser

# Records the scheme at the moment the page's content is first in the document: the content must
# never be shown in the other scheme first (the theme's own switch chose the scheme only after the
# whole page was read).
SCHEME_AT_CONTENT = """
new MutationObserver((_, observer) => {
  if (document.querySelector(".md-main")) {
    window.kursSchemaBeimInhalt = document.body.getAttribute("data-md-color-scheme");
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""


def scheme_meta(page: Page) -> str:
    return str(page.evaluate("document.querySelector('meta[name=color-scheme]').content"))


def toolbar_matches_header(page: Page) -> bool:
    """The phone browser's toolbar colour (meta theme-color) is the header's, as with the theme's switch."""
    return bool(
        page.evaluate(
            """document.querySelector('meta[name=theme-color]').content
               === getComputedStyle(document.querySelector('.md-header')).backgroundColor"""
        )
    )


def test_the_switch_is_a_keyboard_button_and_the_choice_outlives_reloads_and_page_changes(page: Page) -> None:
    violations = watch_csp(page.context)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.emulate_media(color_scheme="light")
    page.goto("/module/social-learning/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    assert scheme_meta(page) == "light"
    assert toolbar_matches_header(page)
    to_dark = page.get_by_role("button", name="Dunkles Farbschema")
    expect(to_dark).to_have_attribute("title", "Dunkles Farbschema")
    to_dark.focus()
    page.keyboard.press("Enter")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    to_light = page.get_by_role("button", name="Helles Farbschema")
    expect(to_light).to_be_focused()  # the same button, now offering the way back
    assert scheme_meta(page) == "dark"
    assert toolbar_matches_header(page)
    expect(to_light.locator("[data-ck-palette-icon]:visible")).to_have_count(1)
    expect(body).not_to_have_attribute("data-md-color-switching", "")  # transitions come back after the switch
    assert axe_violations(page) == []

    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.get_by_role("button", name="Helles Farbschema")).to_be_visible()

    page.evaluate("window.kursGleichesDokument = true")  # gone after a full page load
    page.locator(".md-sidebar--primary").get_by_role("link", name="Das 70-20-10-Modell").click()
    expect(page).to_have_url(re.compile(r"/module/modell-70-20-10/$"))
    assert page.evaluate("window.kursGleichesDokument === true")  # an instant page change
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.get_by_role("button", name="Helles Farbschema").click()  # still works after the change
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    assert scheme_meta(page) == "light"
    page.goto("/")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    assert errors == []
    assert violations == [], "\n".join(violations)


def test_without_a_choice_the_system_setting_counts_before_the_content_shows(page: Page) -> None:
    page.add_init_script(SCHEME_AT_CONTENT)
    body = page.locator("body")
    page.emulate_media(color_scheme="dark")
    page.goto("/module/social-learning/")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert page.evaluate("window.kursSchemaBeimInhalt") == "slate"
    assert scheme_meta(page) == "dark"
    page.emulate_media(color_scheme="light")  # followed while the page is open
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    assert scheme_meta(page) == "light"

    # An unreadable stored value counts as no choice; the button then stores a readable one.
    page.evaluate("localStorage.setItem(__md_scope.pathname + '.__palette', '{kaputt')")
    page.emulate_media(color_scheme="dark")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.get_by_role("button", name="Helles Farbschema").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.reload()
    assert page.evaluate("window.kursSchemaBeimInhalt") == "default"  # the choice beats the system
    page.emulate_media(color_scheme="light")
    page.emulate_media(color_scheme="dark")
    expect(page.get_by_role("button", name="Dunkles Farbschema")).to_be_visible()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_a_choice_stored_by_the_theme_s_own_switch_still_counts(page: Page) -> None:
    page.add_init_script(SCHEME_AT_CONTENT)
    page.emulate_media(color_scheme="light")
    page.goto("/")
    # mkdocs-material's format, as learners of the first edition have it in their browsers.
    page.evaluate(
        """__md_set("__palette", {index: 1, color: {media: "(prefers-color-scheme: dark)",
            scheme: "slate", primary: "custom", accent: "custom"}})"""
    )
    page.reload()
    assert page.evaluate("window.kursSchemaBeimInhalt") == "slate"
    expect(page.get_by_role("button", name="Helles Farbschema")).to_be_visible()
