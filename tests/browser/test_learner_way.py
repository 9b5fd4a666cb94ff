"""The learner's way through the course: standing shown where learners are, imports that merge,
pages that fit a phone, module pages in a helpful order."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from coursekit.bench.browser import RequestRecorder
from support.browser import assert_no_foreign_requests, axe_violations

pytestmark = pytest.mark.browser
KEY = "slkurs.fortschritt.v1"


def ready(page: Page, path: str) -> None:
    page.goto(path)
    for widget in page.locator(".ck-quiz, .ck-progress").all():
        expect(widget).to_have_attribute("data-ready", "1")


def pass_module_two(page: Page) -> None:
    ready(page, "/module/zwei/")  # passed at 50 %: one of two questions right
    q = page.locator("#ck-zwei-angriff")
    q.locator("input[value='0']").check()
    q.get_by_role("button", name="Antwort prüfen").click()
    expect(page.locator(".ck-score")).to_contain_text("– bestanden")


# --- no sideways scrolling, on every page of the real site ----------------------------------------


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site; JupyterLite (lite/) is its own application, not a page."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("lite/", "assets/")):
            continue
        pages.append("/" + rel.removesuffix("index.html"))
    return pages


@pytest.mark.slow
@pytest.mark.parametrize("width", [1366, 390])
def test_no_page_scrolls_sideways(page: Page, built_site: Path, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    pages = site_pages(built_site)
    assert len(pages) > 40 and "/fortschritt/" in pages and "/module/social-learning/" in pages
    wide = {}
    for path in pages:
        page.goto(path, wait_until="load")
        page.wait_for_timeout(50)  # the course's scripts add badges and controls after load
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide[path] = overflow
    assert wide == {}, f"Seiten scrollen bei {width} px seitlich (Pixel zu breit): {wide}"


# --- standing where learners are -----------------------------------------------------------------


def test_passing_a_quiz_shows_badges_in_navigation_cards_and_progress_page(
    quiz_page: Page, recorder: RequestRecorder
) -> None:
    quiz_page.set_viewport_size({"width": 1366, "height": 900})
    pass_module_two(quiz_page)
    on = quiz_page.locator(".ck-next").get_by_role("link")
    expect(on).to_be_visible()
    nav = quiz_page.locator(".md-nav--primary")
    # after a check the navigation shows the standing from the next page on
    ready(quiz_page, "/module/eins/")
    q = quiz_page.locator("#ck-eins-einfach")
    q.get_by_label("Blau").check()
    q.get_by_role("button", name="Antwort prüfen").click()
    ready(quiz_page, "/")
    done = nav.locator("a.md-nav__link", has_text="Modul zwei").locator(".ck-badge")
    expect(done).to_have_text("✔ abgeschlossen")
    expect(done.locator("[aria-hidden=true]")).to_have_text("✔")
    expect(nav.locator("a.md-nav__link", has_text="Modul eins").locator(".ck-badge")).to_have_text(
        re.compile(r"^\d+ % der Punkte im Selbstcheck$")
    )
    cards = quiz_page.locator(".grid.cards > ul > li")
    expect(cards.nth(1).locator(".ck-card-progress")).to_have_text("✔ Abgeschlossen: Selbstcheck bestanden")
    expect(cards.nth(0).locator(".ck-card-progress")).to_contain_text("Begonnen:")
    assert axe_violations(quiz_page) == []  # badges in the navigation and on the cards
    ready(quiz_page, "/fortschritt/")
    row = quiz_page.locator("tr[data-module=zwei]")
    expect(row.locator("[data-cell=status]")).to_have_text("✔ abgeschlossen")
    expect(row.get_by_role("link", name="Modul zwei")).to_have_attribute("href", re.compile(r"module/zwei/$"))
    quiz_text = quiz_page.locator("tr[data-module=eins] [data-cell=quizzes]").inner_text()
    assert quiz_text.count(":") <= 1, quiz_text  # no "Selbstcheck: Modul: 14 %"
    assert axe_violations(quiz_page) == []
    assert_no_foreign_requests(quiz_page, recorder)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_badges_of_the_real_course_keep_contrast(page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto("/module/")
    course = page.evaluate("() => fetch('../assets/coursekit/kurs.json').then((r) => r.json())")
    first, second = course["modules"][0]["quizzes"][0], course["modules"][1]["quizzes"][0]
    graded = [q for q in first["questions"] if q["type"] not in ("reflection", "task")]
    entry = {"answer": None, "score": 1, "first": 1, "checked": True}
    state = {
        "version": 1,
        "quizzes": {
            first["id"]: {q["id"]: {"hash": q["hash"], **entry} for q in graded},
            second["id"]: {second["questions"][0]["id"]: {"hash": second["questions"][0]["hash"], **entry}},
        },
    }
    page.evaluate("([k, s]) => localStorage.setItem(k, JSON.stringify(s))", [KEY, state])
    page.reload()
    expect(page.locator(".md-nav--primary .ck-badge--done")).to_have_count(1)
    expect(page.locator(".ck-card-progress")).to_have_count(2)
    page.wait_for_timeout(300)  # past Material's colour transition
    assert axe_violations(page) == []


def test_home_page_leads_back_to_the_module_seen_last(quiz_page: Page) -> None:
    ready(quiz_page, "/")
    button = quiz_page.locator("a.ck-resume")
    expect(button).to_have_text("Mit Modul 1 beginnen")
    ready(quiz_page, "/module/zwei/")
    ready(quiz_page, "/fortschritt/")  # not a module page: the module seen last stays
    ready(quiz_page, "/")
    expect(button).to_have_text("Weiter, wo ich war: Modul 2: Modul zwei")
    button.click()
    expect(quiz_page).to_have_url(re.compile(r"/module/zwei/$"))
    quiz_page.reload()  # survives a reload, in the progress store
    assert json.loads(quiz_page.evaluate("(k) => localStorage.getItem(k)", KEY))["visited"]["module"] == "zwei"


def test_standing_survives_corrupt_storage(quiz_page: Page) -> None:
    ready(quiz_page, "/")
    quiz_page.evaluate("(k) => localStorage.setItem(k, '{kaputt')", KEY)
    ready(quiz_page, "/")
    expect(quiz_page.get_by_role("alert")).to_contain_text("beschädigt")
    expect(quiz_page.locator("a.ck-resume")).to_have_text("Mit Modul 1 beginnen")
    expect(quiz_page.locator(".ck-badge")).to_have_count(0)


# --- import merges, never deletes silently ---------------------------------------------------------


def test_import_of_a_partial_export_keeps_the_rest(quiz_page: Page, tmp_path: Path) -> None:
    ready(quiz_page, "/module/eins/")
    q = quiz_page.locator("#ck-eins-einfach")
    q.get_by_label("Blau").check()
    q.get_by_role("button", name="Antwort prüfen").click()
    ready(quiz_page, "/fortschritt/")
    with quiz_page.expect_download() as download:
        quiz_page.get_by_role("button", name="Fortschritt exportieren").click()
    only_module_one = tmp_path / "nur-modul-eins.json"
    download.value.save_as(only_module_one)
    assert list(json.loads(only_module_one.read_text("utf-8"))["quizzes"]) == ["eins"]
    pass_module_two(quiz_page)  # later, in this browser: module 2
    ready(quiz_page, "/fortschritt/")
    quiz_page.set_input_files("#ck-import", str(only_module_one))
    expect(quiz_page.locator(".ck-progress-message")).to_contain_text("zusammengeführt")
    expect(quiz_page.locator(".ck-progress-message")).to_contain_text("Alles andere bleibt unverändert")
    expect(quiz_page.locator("tr[data-module=zwei] [data-cell=status]")).to_have_text("✔ abgeschlossen")
    expect(quiz_page.locator("tr[data-module=eins] [data-cell=status]")).to_have_text("begonnen")
    stored = json.loads(quiz_page.evaluate("(k) => localStorage.getItem(k)", KEY))
    assert set(stored["quizzes"]) == {"eins", "zwei"}


# --- the module page --------------------------------------------------------------------------------


def test_module_page_order_competences_and_touch_targets(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/module/social-learning/")
    headings = page.locator(".md-content h2").all_inner_texts()
    names = [h.strip().rstrip("¶").strip() for h in headings]
    key = names.index("Das Wichtigste in Kürze")
    quiz = next(i for i, n in enumerate(names) if n.startswith("Selbstcheck"))
    assert key < quiz < names.index("Quellen"), names
    toc = page.locator(".md-sidebar--secondary .md-nav__link", has_text="Das Wichtigste in Kürze")
    expect(toc).to_have_count(1)
    expect(page.locator(".ck-facts")).to_contain_text("1.2 Berufliche Zusammenarbeit")
    quiz_section = page.locator(".ck-quiz")
    quiz_section.scroll_into_view_if_needed()
    expect(quiz_section).to_have_attribute("data-ready", "1")
    small = page.evaluate(
        """() => [...document.querySelectorAll('.ck-quiz button, .ck-quiz select, .ck-quiz .md-button')]
            .filter((el) => el.offsetParent !== null)
            .map((el) => [el.textContent.trim() || el.getAttribute('aria-label'), el.getBoundingClientRect()])
            .filter(([, r]) => r.width < 44 || r.height < 44)
            .map(([name, r]) => `${name}: ${Math.round(r.width)}×${Math.round(r.height)}`)"""
    )
    assert small == []


def test_ordering_buttons_are_finger_sized_on_phones(quiz_page: Page) -> None:
    quiz_page.set_viewport_size({"width": 390, "height": 800})
    ready(quiz_page, "/module/eins/")
    buttons = quiz_page.locator(".ck-ordering button").all()
    assert len(buttons) >= 4
    for button in buttons:
        box = button.bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, box


def test_matching_selects_sit_below_their_terms(quiz_page: Page) -> None:
    for width in (1366, 390):
        quiz_page.set_viewport_size({"width": width, "height": 800})
        ready(quiz_page, "/module/eins/")
        rows = quiz_page.locator(".ck-matching > li").all()
        assert rows
        for row in rows:
            label = row.locator("label").bounding_box()
            select = row.locator("select").bounding_box()
            assert label and select and select["y"] >= label["y"] + label["height"] - 1


# --- polish --------------------------------------------------------------------------------------


def test_footer_names_the_course_and_links_the_editors_guide(page: Page) -> None:
    page.goto("/module/")
    footer = page.locator(".md-footer-meta")
    expect(footer).to_contain_text("Train-the-Trainer-Kurs")
    expect(footer).not_to_contain_text("Made with")
    expect(page.locator(".md-nav--primary")).not_to_contain_text("Für die Redaktion")
    expect(page.locator(".md-content")).not_to_contain_text("Min..")
    footer.get_by_role("link", name="Für die Redaktion").click()
    expect(page).to_have_url(re.compile(r"/redaktion/$"))
    expect(page.locator("h1")).to_be_visible()


def test_handout_prints_with_a_button_link_urls_and_a_black_title(page: Page) -> None:
    page.goto("/handout/social-learning/")
    button = page.get_by_role("button", name="Drucken")
    expect(button).to_be_visible()
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button.click()
    assert page.evaluate("() => window.__printed") == 1
    page.emulate_media(media="print")
    expect(button).to_be_hidden()
    link = page.get_by_role("link", name="Zum Modul")
    after = link.evaluate("(a) => getComputedStyle(a, '::after').content")
    assert "module/social-learning" in after
    assert page.locator("h1").evaluate("(h) => getComputedStyle(h).color") == "rgb(0, 0, 0)"
    page.emulate_media(media="screen")
    assert axe_violations(page) == []


# --- German search: inflected forms find their stems ------------------------------------------------

# (what a learner types, the form the course uses) from the course's own vocabulary
INFLECTED = [
    ("Netzwerken", "Netzwerk"),
    ("Netzwerks", "Netzwerk"),
    ("Kompetenzen", "Kompetenz"),
    ("Lernenden", "Lernende"),
    ("Unternehmens", "Unternehmen"),
    ("Rollen", "Rolle"),
    ("Führungskräften", "Führungskräfte"),
    ("Selbstchecks", "Selbstcheck"),
    ("Lernziele", "Lernziel"),
    ("Quellen", "Quelle"),
]


def search_results(page: Page, term: str) -> tuple[str, list[str]]:
    field = page.locator("input.md-search__input")
    field.fill("")
    field.press_sequentially(term, delay=5)
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_have_text("Suchbegriff eingeben")
    page.wait_for_timeout(400)  # results come from the worker while typing: let the last one land
    links = page.locator(".md-search-result__item > .md-search-result__link")
    return meta.inner_text(), sorted(
        {(href or "").split("#")[0] for href in links.evaluate_all("(a) => a.map((x) => x.getAttribute('href'))")}
    )


@pytest.mark.slow
def test_search_finds_stems_for_inflected_forms(page: Page, recorder: RequestRecorder) -> None:
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url))
    page.goto("/")
    page.locator("input.md-search__input").click()
    missing = {}
    for typed, base in INFLECTED:
        count, pages = search_results(page, typed)
        base_count, base_pages = search_results(page, base)
        assert base_pages, f"„{base}“ kommt im Kurs nicht vor: Liste anpassen"
        if not set(base_pages) <= set(pages):
            missing[typed] = (count, base_count, sorted(set(base_pages) - set(pages)))
    assert missing == {}, f"Flektierte Formen finden nicht, was ihre Grundform findet: {missing}"
    assert any(url.endswith("/lunr.de.min.js") for url in loaded)  # the German stemmer, from this site
    assert any(url.endswith("/workers/kurs-suche.js") for url in loaded)
    assert_no_foreign_requests(page, recorder)


# The page tells the search worker when to build its index (search-worker.js, course.js); the test listens
# on the same BroadcastChannel from the first moment of the page.
LISTEN_TO_SEARCH = """
window.kursSuche = [];
new BroadcastChannel("kurs-suche").onmessage = ({ data }) => window.kursSuche.push([data, performance.now()]);
"""


def search_ready(page: Page) -> None:
    expect(page.locator(".md-search-result__meta")).to_have_text("Suchbegriff eingeben", timeout=4000)


def search_messages(page: Page) -> list[tuple[str, float]]:
    return [(data, at) for data, at in page.evaluate("window.kursSuche")]


def test_search_index_is_built_once_the_page_has_started(page: Page) -> None:
    page.add_init_script(LISTEN_TO_SEARCH)
    page.goto("/glossar/")
    search_ready(page)  # without a look at the search field, and before the worker's own 5 s
    messages = search_messages(page)
    assert "wartet" in [data for data, _ in messages]  # the worker held the index back ...
    loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    assert min(at for data, at in messages if data == "jetzt") >= loaded  # ... until the page had loaded


def test_search_index_waits_for_python_on_exercise_pages_but_not_for_a_searching_learner(page: Page) -> None:
    page.add_init_script(LISTEN_TO_SEARCH)
    page.goto("/module/interne-moocs/")
    search_ready(page)
    python = page.evaluate("performance.getEntriesByName('kurs:python')[0].startTime")
    assert min(at for data, at in search_messages(page) if data == "jetzt") >= python
    held: list[Route] = []
    # Python's start hangs (its runtime's JavaScript is requested on every visit; the WebAssembly comes
    # from Cache Storage on this second one); the learner searches meanwhile.
    page.route("**/pyodide/pyodide.asm.mjs", lambda route: held.append(route))
    page.goto("/module/interne-moocs/")
    page.locator("input.md-search__input").click()
    search_ready(page)
    assert held and page.evaluate("performance.getEntriesByName('kurs:python').length") == 0
    assert "jetzt" in [data for data, _ in search_messages(page)]
