"""Self-checks that measure: one stable order everywhere, first tries count, solutions cost points, tasks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Locator, Page, expect

from coursekit.build import build_site
from support.course import SITES
from support.server import serving

pytestmark = pytest.mark.browser
KEY = "slkurs.fortschritt.v1"
QUIZ = yaml.safe_load((SITES / "quiz" / "exercises" / "quizzes" / "eins.yml").read_text("utf-8"))


def goto(page: Page, path: str) -> None:
    page.goto(path)
    for widget in page.locator(".ck-quiz, .ck-progress").all():
        expect(widget).to_have_attribute("data-ready", "1")


def question(page: Page, qid: str, quiz: str = "eins") -> Locator:
    return page.locator(f"#ck-{quiz}-{qid}")


def texts(locator: Locator) -> list[str]:
    return [" ".join(t.replace("☐", "").split()) for t in locator.all_inner_texts()]


def stored(page: Page) -> dict:
    return json.loads(page.evaluate("(k) => localStorage.getItem(k)", KEY) or "{}")


# --- one order on the page, the slides and the handout, on every build -----------------------------------


def page_orders(page: Page) -> dict[str, list[str]]:
    """Displayed order of every choice and ordering question of quiz "eins" on its module page."""
    goto(page, "/module/eins/")
    orders = {}
    for q in QUIZ["questions"]:
        form = question(page, q["id"])
        if q["type"] in ("single", "multiple"):
            orders[q["prompt"]] = texts(form.locator(".ck-option label"))
        elif q["type"] == "ordering":
            orders[q["prompt"]] = texts(form.locator(".ck-order-text"))
    return orders


def test_one_shuffled_order_on_page_slides_and_handout_and_across_builds(
    quiz_page: Page, browser: Browser, tmp_path: Path
) -> None:
    on_page = page_orders(quiz_page)
    authored = {
        q["prompt"]: [o["text"] for o in q.get("options", q.get("items", []))]
        for q in QUIZ["questions"]
        if q["type"] in ("single", "multiple", "ordering")
    }
    assert {p: sorted(o) for p, o in on_page.items()} == {p: sorted(o) for p, o in authored.items()}
    choices = [q["prompt"] for q in QUIZ["questions"] if q["type"] in ("single", "multiple")]
    assert any(on_page[p] != authored[p] for p in choices), "options are not shuffled"
    plain = {p.replace("**", ""): order for p, order in on_page.items()}

    quiz_page.goto("/moderation/eins/folien/")
    slides = {}
    for poll in quiz_page.locator("section.ck-poll").all():
        prompt = " ".join(poll.locator(".ck-poll-q").inner_text().split())
        if prompt in plain:
            slides[prompt] = texts(poll.locator("ol > li, ul > li"))
    assert slides == plain

    quiz_page.goto("/handout/eins/")
    handout = {}
    for item in quiz_page.locator(".ck-print-question").all():
        prompt = " ".join(item.locator(".ck-print-prompt").inner_text().split())
        if prompt in plain:
            handout[prompt] = [re.sub(r"^_+ ", "", t) for t in texts(item.locator(".ck-print-options > li"))]
    assert handout == plain

    project = tmp_path / "quiz"
    shutil.copytree(SITES / "quiz", project)
    build_site(project / "mkdocs.yml", project / "site", out=lambda _: None)
    with serving(project / "site") as url:
        context = browser.new_context(base_url=url)
        assert page_orders(context.new_page()) == on_page
        context.close()


def test_a_question_can_keep_its_written_order(quiz_page: Page) -> None:
    goto(quiz_page, "/module/zwei/")
    quiz = yaml.safe_load((SITES / "quiz" / "exercises" / "quizzes" / "zwei.yml").read_text("utf-8"))
    kept = next(q for q in quiz["questions"] if q.get("shuffle") is False)
    assert texts(question(quiz_page, kept["id"], "zwei").locator(".ck-option label")) == [
        o["text"] for o in kept["options"]
    ]


# --- solutions and first tries -----------------------------------------------------------------------------


def test_revealing_the_solution_before_answering_scores_zero_and_stays(quiz_page: Page) -> None:
    goto(quiz_page, "/module/eins/")
    q = question(quiz_page, "einfach")
    expect(q.locator(".ck-solution .ck-key")).to_be_hidden()
    summary = q.locator(".ck-solution summary")
    summary.focus()
    quiz_page.keyboard.press("Enter")  # the one "Lösung anzeigen" control, by keyboard
    expect(q.locator(".ck-solution .ck-key")).to_be_visible()
    expect(q.get_by_text("Grün ist die Wiese, nicht der Himmel.")).to_be_visible()  # all feedback with the solution
    expect(q.locator(".ck-status")).to_contain_text("Lösung angesehen: Diese Frage zählt mit 0 Punkten.")
    score = quiz_page.locator(".ck-score")
    expect(score).to_contain_text("Ihr Ergebnis: 0 von 7 Punkten (0 %), 1 von 7 Fragen beantwortet")
    expect(score).to_contain_text("Eine Lösung haben Sie vor dem ersten Prüfen angesehen (0 Punkte).")
    q.get_by_label("Blau").check()
    q.get_by_role("button", name="Antwort prüfen").click()
    expect(q.locator(".ck-status")).to_contain_text("Richtig. Für Ihr Ergebnis zählt diese Frage mit 0 Punkten")
    expect(score).to_contain_text("Erster Versuch: 0 von 7 Punkten (0 %) · jetzt: 1 von 7")

    quiz_page.reload()
    expect(quiz_page.locator(".ck-quiz")).to_have_attribute("data-ready", "1")
    expect(q.locator(".ck-status")).to_contain_text("zählt diese Frage mit 0 Punkten")
    expect(score).to_contain_text("Erster Versuch: 0 von 7 Punkten (0 %) · jetzt: 1 von 7")
    entry = stored(quiz_page)["quizzes"]["eins"]["einfach"]
    assert (entry["first"], entry["score"], entry["revealed"]) == (0, 1, True)
    goto(quiz_page, "/fortschritt/")
    row = quiz_page.locator("tr[data-module=eins]")
    expect(row).to_contain_text("0 % der Punkte")
    expect(row).to_contain_text("Lösung angesehen bei einer Frage (0 Punkte)")


def test_looking_at_the_solution_after_a_check_costs_nothing(quiz_page: Page) -> None:
    goto(quiz_page, "/module/eins/")
    q = question(quiz_page, "wahr")
    q.get_by_label("Stimmt", exact=True).check()
    q.get_by_role("button", name="Antwort prüfen").click()
    q.get_by_text("Lösung anzeigen").click()
    expect(q.locator(".ck-status")).to_have_text("Richtig.")
    expect(quiz_page.locator(".ck-score")).to_contain_text("Ihr Ergebnis: 1 von 7 Punkten")


def test_first_try_counts_after_a_corrected_retry(quiz_page: Page) -> None:
    goto(quiz_page, "/module/eins/")
    q = question(quiz_page, "mehrfach")
    q.get_by_label("3", exact=True).check()
    q.get_by_role("button", name="Antwort prüfen").click()
    expect(q.locator(".ck-status")).to_contain_text("Leider nicht richtig.")
    q.get_by_label("3", exact=True).uncheck()
    q.get_by_label("2", exact=True).check()
    q.get_by_label("4", exact=True).check()
    q.get_by_role("button", name="Antwort prüfen").click()
    expect(q.locator(".ck-status")).to_have_text("Richtig. Für Ihr Ergebnis zählt der erste Versuch: 0 von 1 Punkt.")
    single = question(quiz_page, "einfach")
    single.get_by_label("Blau").check()
    single.get_by_role("button", name="Antwort prüfen").click()
    expected = (
        "Erster Versuch: 1 von 7 Punkten (14 %) · jetzt: 2 von 7, 2 von 7 Fragen beantwortet"
        " – noch nicht bestanden (ab 80 %)."
    )
    expect(quiz_page.locator(".ck-score")).to_have_text(expected)
    quiz_page.reload()
    expect(quiz_page.locator(".ck-score")).to_have_text(expected)
    goto(quiz_page, "/fortschritt/")
    expect(quiz_page.locator("tr[data-module=eins]")).to_contain_text("14 % der Punkte")


def test_a_result_stored_before_first_tries_counts_as_the_first(quiz_page: Page) -> None:
    goto(quiz_page, "/module/eins/")
    q = question(quiz_page, "einfach")
    wrong = q.locator("input").nth(1).get_attribute("value")  # any option but Blau, the first one
    old = {"hash": q.get_attribute("data-hash"), "answer": int(wrong or "1"), "score": 0, "checked": True}
    state = {"version": 1, "quizzes": {"eins": {"einfach": old}}}
    quiz_page.evaluate("([k, s]) => localStorage.setItem(k, JSON.stringify(s))", [KEY, state])
    quiz_page.reload()
    expect(quiz_page.locator(".ck-quiz")).to_have_attribute("data-ready", "1")
    expect(quiz_page.get_by_role("alert")).to_have_count(0)
    expect(q.locator(".ck-status")).to_contain_text("Leider nicht richtig.")
    q.get_by_label("Blau").check()
    q.get_by_role("button", name="Antwort prüfen").click()
    expect(q.locator(".ck-status")).to_have_text("Richtig. Für Ihr Ergebnis zählt der erste Versuch: 0 von 1 Punkt.")
    entry = stored(quiz_page)["quizzes"]["eins"]["einfach"]
    assert (entry["first"], entry["score"]) == (0, 1)


# --- where the learner stands, and the way on ------------------------------------------------------------


def test_quiz_shows_its_progress_and_when_passed_the_way_on(quiz_page: Page) -> None:
    goto(quiz_page, "/module/zwei/")  # two questions, passed at 50 %
    standing = quiz_page.locator(".ck-quiz-progress")
    expect(standing).to_have_text("Stand: 0 von 2 Fragen bearbeitet.")
    expect(quiz_page.locator(".ck-next")).to_be_hidden()
    q = question(quiz_page, "keine", "zwei")
    q.get_by_label("Madrid").check()
    q.get_by_role("button", name="Antwort prüfen").click()
    expect(standing).to_have_text("Stand: 1 von 2 Fragen bearbeitet.")
    expect(quiz_page.locator(".ck-next")).to_be_hidden()
    question(quiz_page, "angriff", "zwei").locator("input[value='0']").check()
    question(quiz_page, "angriff", "zwei").get_by_role("button", name="Antwort prüfen").click()
    expect(quiz_page.locator(".ck-score")).to_contain_text("– bestanden")
    on = quiz_page.locator(".ck-next").get_by_role("link")
    expect(on).to_have_text("Zu „Mein Fortschritt“: Ihr Stand im ganzen Kurs")  # after the last module
    on.click()
    expect(quiz_page).to_have_url(re.compile(r"/fortschritt/$"))
    goto(quiz_page, "/module/eins/")
    expect(quiz_page.locator(".ck-quiz-progress")).to_have_text("Stand: 0 von 9 Fragen und Aufgaben bearbeitet.")


def test_next_module_link_after_passing(quiz_page: Page) -> None:
    goto(quiz_page, "/module/eins/")
    graded = [q["id"] for q in QUIZ["questions"] if q["type"] not in ("reflection", "task")]
    state = {"version": 1, "quizzes": {"eins": {}}}
    for qid in graded:  # passed on first tries, stored as the quiz stores them
        state["quizzes"]["eins"][qid] = {
            "hash": question(quiz_page, qid).get_attribute("data-hash"),
            "answer": None,
            "score": 1,
            "first": 1,
            "checked": True,
        }
    quiz_page.evaluate("([k, s]) => localStorage.setItem(k, JSON.stringify(s))", [KEY, state])
    quiz_page.reload()
    expect(quiz_page.locator(".ck-quiz")).to_have_attribute("data-ready", "1")
    expect(quiz_page.locator(".ck-next").get_by_role("link")).to_have_text("Weiter mit Modul 2: Modul zwei")


# --- practice tasks ----------------------------------------------------------------------------------------


def test_task_is_kept_exported_for_peers_and_round_trips(quiz_page: Page, tmp_path: Path) -> None:
    task = next(q for q in QUIZ["questions"] if q["type"] == "task")
    goto(quiz_page, "/module/eins/")
    q = question(quiz_page, task["id"])
    draft = "Montag und Donnerstag um 8:30 Uhr, je 15 Minuten, mit Kim."
    q.get_by_label("Ihr Entwurf:").fill(draft)
    ratings = ["erfuellt", "teilweise", "offen"]
    for i, value in enumerate(ratings):
        q.locator(f"input[name='ck-eins-{task['id']}-k{i}'][value='{value}']").check()
    q.get_by_role("button", name="Speichern").click()
    expect(q.locator(".ck-status")).to_contain_text("Gespeichert.")
    with quiz_page.expect_download() as download:
        q.get_by_role("button", name="Für Peer-Feedback exportieren").click()
    peer = tmp_path / "peer.md"
    download.value.save_as(peer)
    assert download.value.suggested_filename == f"praxisaufgabe-eins-{task['id']}.md"
    markdown = peer.read_text("utf-8")
    assert markdown.startswith(f"# Praxisaufgabe: {task['prompt']}")
    assert draft in markdown
    for criterion in task["criteria"]:
        assert criterion["text"] in markdown
        assert criterion["fulfilled"] in markdown
    assert "Meine Einschätzung: teilweise" in markdown
    assert "Ablauf für das Peer-Feedback" in markdown
    assert "1. Lesen Sie den Entwurf einmal ganz." in markdown

    goto(quiz_page, "/fortschritt/")
    expect(quiz_page.locator("tr[data-module=eins]")).to_contain_text("Praxisaufgaben: 1 von 1 erledigt")
    journal = quiz_page.locator(".ck-journal")
    expect(journal).to_contain_text(draft)
    expect(journal).to_contain_text(f"{task['criteria'][1]['text']} – teilweise")
    with quiz_page.expect_download() as download:
        quiz_page.get_by_role("button", name="Fortschritt exportieren").click()
    exported = tmp_path / "fortschritt.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text("utf-8"))["quizzes"]["eins"][task["id"]]["answer"]["product"] == draft
    quiz_page.once("dialog", lambda dialog: dialog.accept())
    quiz_page.get_by_role("button", name="Fortschritt zurücksetzen").click()
    expect(journal).not_to_contain_text(draft)
    quiz_page.set_input_files("#ck-import", str(exported))
    expect(journal).to_contain_text(draft)
    goto(quiz_page, "/module/eins/")
    expect(q.get_by_label("Ihr Entwurf:")).to_have_value(draft)
    for i, value in enumerate(ratings):
        expect(q.locator(f"input[name='ck-eins-{task['id']}-k{i}'][value='{value}']")).to_be_checked()


# --- start: quiz code is fetched with the page and runs when the quiz comes near ------------------------------


def test_quiz_code_starts_only_near_the_quiz_and_an_early_reveal_still_counts(browser: Browser, quiz_url: str) -> None:
    context = browser.new_context(base_url=quiz_url, viewport={"width": 1280, "height": 150})
    page = context.new_page()
    page.goto("/module/eins/")
    page.wait_for_load_state("networkidle")
    scripts = page.evaluate("() => performance.getEntriesByType('resource').map((r) => r.name)")
    # Fetched in parallel with the theme (a quiz page announces them), so that a quiz reached at once is
    # ready sooner (make bench: about 0.2 s); the quiz far below is not set up while the learner reads.
    assert sorted(re.search(r"[a-z]+\.js$", s).group(0) for s in scripts if re.search(r"/(quiz|score)\.js$", s)) == [
        "quiz.js",
        "score.js",
    ]
    expect(page.locator(".ck-quiz")).not_to_have_attribute("data-ready", "1")
    q = question(page, "wahr")
    q.get_by_text("Lösung anzeigen").click()  # scrolls the quiz into view; the script may still be on its way
    expect(page.locator(".ck-quiz")).to_have_attribute("data-ready", "1")
    expect(q.locator(".ck-status")).to_contain_text("Lösung angesehen")
    assert stored(page)["quizzes"]["eins"]["wahr"]["first"] == 0
    context.close()


def test_a_link_into_the_quiz_sets_it_up_with_the_page(browser: Browser, quiz_url: str) -> None:
    # The browser scrolls to the part a link names only after the theme's start and then draws a frame;
    # a quiz the link leads into is set up as the page starts, not after that. The quiz state is read
    # when DOMContentLoaded has reached every listener of the document (the theme's and, through it,
    # course.js's), i.e. at the end of the page's start.
    context = browser.new_context(base_url=quiz_url, viewport={"width": 1280, "height": 150})
    context.add_init_script(
        "addEventListener('DOMContentLoaded', () => {"
        " window.quizAtStart = document.querySelector('.ck-quiz').dataset.ready ?? 'nein'; })"
    )

    def at_start(path: str) -> str:
        page = context.new_page()
        page.goto(path)
        expect(page.locator(".ck-question").first).to_be_attached()
        state = str(page.evaluate("window.quizAtStart"))
        # Either way the page's start went through: the quiz is set up once it comes near.
        page.locator(".ck-quiz").scroll_into_view_if_needed()
        expect(page.locator(".ck-quiz")).to_have_attribute("data-ready", "1")
        page.close()
        return state

    assert at_start("/module/eins/") == "nein"  # far below the screen: set up when it comes near
    assert at_start("/module/eins/#ck-eins-wahr") == "1"
    assert at_start("/module/eins/#%E0%A4%A") == "nein"  # a malformed link target does not stop the page
    context.close()
