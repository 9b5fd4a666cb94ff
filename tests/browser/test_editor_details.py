"""Details editors and learners notice: counts in the singular, plain-text blocks that wrap instead of
hiding their end under the copy button, and the „Bearbeiten“ link."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from browser.conftest import fresh_page
from coursekit.bench.browser import RequestRecorder
from coursekit.build import build_site
from support.browser import axe_violations
from support.course import VALID_QUIZ
from support.server import serving

pytestmark = pytest.mark.browser

MODULE = """\
---
id: eins
title: "Ein Modul mit einer Frage"
summary: "Kurz."
duration: 30
objectives:
  - id: ziel-a
    text: "Sie können A erklären."
key_points:
  - "Punkt eins."
digcompedu: ["1.2"]
quizzes: [eins]
---

## Abschnitt

Die Prüfung meldet zum Beispiel:

```text
{message}
```

::: quiz eins
""".format(
    message="docs/module/social-learning.md:5: „duration“ muss eine ganze Zahl sein, gefunden: '90 Minuten'. "
    "Schreiben Sie die Zahl ohne Anführungszeichen und ohne Einheit, z. B. 90."
)


CONFIG = """\
site_name: Test
theme:
  name: material
  language: de
  font: false
  features: [content.code.copy, content.action.edit]
edit_uri: https://git.example.org/kurs/-/edit/main/docs/
plugins:
  - course
nav:
  - index.md
  - module/eins.md
markdown_extensions: [admonition, attr_list, md_in_html, abbr, pymdownx.highlight, pymdownx.superfences]
"""


@pytest.fixture(scope="module")
def one_question_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("einefrage")
    files = {
        "docs/index.md": "# Start\n\n::: modulliste\n",
        "docs/module/eins.md": MODULE,
        "exercises/quizzes/eins.yml": VALID_QUIZ.format(id="eins", module="eins"),
        "mkdocs.yml": CONFIG,
    }
    for rel, text in files.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, "utf-8")
    build_site(project / "mkdocs.yml", project / "site", out=lambda _: None)
    with serving(project / "site") as url:
        yield url


@pytest.fixture
def small_page(
    browser: Browser, recorder: RequestRecorder, one_question_site: str, request: pytest.FixtureRequest
) -> Iterator[Page]:
    with fresh_page(browser, recorder, one_question_site, request) as page:
        yield page


def test_one_question_is_one_frage_everywhere(small_page: Page, one_question_site: str) -> None:
    page = small_page
    page.goto("/")
    expect(page.locator(".md-content")).to_contain_text("1 Lernziel")
    expect(page.locator(".md-content")).not_to_contain_text("1 Lernziele")
    page.goto("/module/eins/")
    quiz = page.locator(".ck-quiz").first
    expect(quiz).to_contain_text("1 Frage")
    expect(quiz).not_to_contain_text("1 Fragen")
    quiz.get_by_label("Das hier.").check()
    quiz.get_by_role("button", name="Antwort prüfen").click()
    expect(quiz.locator(".ck-score")).to_contain_text("1 von 1 Frage beantwortet")
    expect(quiz.locator(".ck-quiz-progress")).to_have_text("Stand: 1 von 1 Frage bearbeitet.")
    page.goto("/moderation/eins/")
    expect(page.locator(".ck-timing")).to_contain_text("Selbstcheck (1 Frage)")


@pytest.mark.parametrize("width", [1366, 390])
def test_long_message_lines_wrap_clear_of_the_copy_button(small_page: Page, width: int) -> None:
    page = small_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/module/eins/")
    plain = page.locator(".highlight:not([class*='language-'])").first  # ```text: no language class
    code = plain.locator("pre > code")
    expect(plain.locator(".md-code__nav")).to_be_attached()
    box = code.evaluate(
        """c => { const r = document.createRange(); r.selectNodeContents(c);
            const text = [...r.getClientRects()]; const b = c.closest('pre').querySelector('.md-code__nav');
            return {scroll: c.scrollWidth, client: c.clientWidth, right: Math.max(...text.map(t => t.right)),
                    top: Math.min(...text.map(t => t.top)), button: b.getBoundingClientRect().left,
                    buttonBottom: b.getBoundingClientRect().bottom, lines: text.length}; }"""
    )
    assert box["scroll"] <= box["client"], box  # nothing to scroll to: the whole message is visible
    assert box["lines"] > 1 if width == 390 else True
    # The text that shares a line with the button ends left of it.
    assert box["right"] <= box["button"] or box["top"] >= box["buttonBottom"], box
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # "Bearbeiten" is a link to the source, not a request: the page loaded nothing from that host.
    edit = page.get_by_role("link", name="Bearbeiten")
    expect(edit).to_have_attribute("href", "https://git.example.org/kurs/-/edit/main/docs/module/eins.md")
    assert page.foreign_requests == []  # type: ignore[attr-defined]
    assert axe_violations(page) == []
