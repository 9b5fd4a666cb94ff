"""The shipped Content-Security-Policy in a real browser: the course works under it and refuses injected script.

Pages are served by the same server as `make serve`, which sends the headers the build wrote
(site/_server/headers.json). Hostile content (support/injection.py) never runs, on any page.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from support.browser import axe_violations, watch_csp

pytestmark = pytest.mark.browser


def test_course_pages_send_a_strict_policy(page: Page) -> None:
    response = page.goto("/module/social-learning/")
    assert response is not None
    policy = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    # WebAssembly for the exercises' Python; no eval of JavaScript, no inline script without its hash.
    assert directives["script-src"].startswith("'self' 'wasm-unsafe-eval' 'sha256-")
    assert {"'unsafe-inline'", "'unsafe-eval'"}.isdisjoint(directives["script-src"].split())
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    assert "frame-ancestors" in directives
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_injected_inline_script_is_refused_and_reported(page: Page) -> None:
    violations = watch_csp(page.context)
    page.goto("/")
    page.evaluate(
        """() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
                   document.head.append(s); }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") is None
    assert violations, "the browser reported no violation: the policy is not in force"


def test_course_works_under_the_policy_without_violations(page: Page) -> None:
    violations = watch_csp(page.context)
    for path in ["/", "/module/social-learning/", "/fortschritt/", "/moderation/social-learning/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    page.goto("/module/social-learning/")
    question = page.locator("form.ck-question").first
    question.locator("input").first.check()
    question.get_by_role("button").first.click()  # the check button: quiz.js runs under the policy
    expect(question.locator(".ck-status")).not_to_be_empty()
    page.goto("/moderation/social-learning/folien/")
    expect(page.locator(".reveal .slides section").first).to_be_visible()
    with page.expect_popup() as opened:
        page.keyboard.press("s")
    speaker = opened.value
    # The speaker view's own inline scripts run: its clock ticks and it shows the current slide.
    expect(speaker.locator(".speaker-controls-time .clock-value")).not_to_have_text("", timeout=5000)
    expect(speaker.locator("#current-slide iframe")).to_have_count(1)
    speaker.wait_for_timeout(500)
    assert violations == []


def test_progress_page_with_a_journal_is_accessible_light_and_dark(page: Page) -> None:
    page.goto("/fortschritt/")
    data = json.loads(page.locator("template.ck-progress-data").evaluate("t => t.content.textContent") or "{}")
    quiz, question = next(
        (quiz, q)
        for m in data["modules"]
        for quiz in m["quizzes"]
        for q in quiz["questions"]
        if q["type"] == "reflection"
    )
    state = {"version": 1, "quizzes": {quiz["id"]: {question["id"]: {"hash": question["hash"], "answer": "Notiz"}}}}
    page.evaluate("s => localStorage.setItem('slkurs.fortschritt.v1', JSON.stringify(s))", state)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.reload()
        expect(page.locator(".ck-journal a").first).to_be_visible()
        assert axe_violations(page) == [], scheme


PAYLOAD_PAGES = [
    "/",
    "/module/alpha/",
    "/fortschritt/",
    "/moderation/alpha/",
    "/moderation/handbuch/",
    "/moderation/ablaeufe/",
    "/moderation/methoden/",
    "/handout/alpha/",
]


def assert_nothing_ran(page: Page, where: str) -> None:
    ran = page.evaluate("window.__pwned")
    handlers = page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
                 .filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))
                 .map(a => el.tagName + ' ' + a.name))"""
    )
    assert (ran, handlers) == ([], []), where


def test_hostile_content_never_runs(hostile_page: Page) -> None:
    page = hostile_page
    page.context.add_init_script("window.__pwned = []")
    dialogs: list[str] = []
    page.context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in PAYLOAD_PAGES:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        expect(page.locator("body")).to_contain_text("Ende")
        assert_nothing_ran(page, path)
    page.goto("/module/alpha/")
    for summary in page.locator("form.ck-question summary").all():  # every solution, feedback, explanation shown
        summary.click()
    expect(page.locator(".ck-fb:visible", has_text="Ende qfeedback").first).to_be_visible()
    expect(page.locator("form.ck-question").first).to_contain_text("Ende qexplanation")
    assert_nothing_ran(page, "quiz feedback")
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially("Feld", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert_nothing_ran(page, "search results")
    page.goto("/moderation/alpha/folien/")
    with page.expect_popup() as opened:
        page.keyboard.press("s")
    speaker = opened.value
    speaker.wait_for_timeout(1000)
    assert speaker.evaluate("window.__pwned") == []
    assert_nothing_ran(page, "slides")
    assert dialogs == []
