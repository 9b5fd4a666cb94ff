"""Quizzes in a real browser: feedback per type, keyboard only, storage that survives and never breaks."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from coursekit.bench.browser import RequestRecorder
from coursekit.build import build_site
from support.browser import assert_no_foreign_requests, axe_violations
from support.course import SITES
from support.server import serving

pytestmark = pytest.mark.browser
KEY = "slkurs.fortschritt.v1"


def goto(page: Page, path: str) -> None:
    """Open a page and wait until its quiz or progress script is ready (they load as ES modules)."""
    page.goto(path)
    for widget in page.locator(".ck-quiz, .ck-progress").all():
        expect(widget).to_have_attribute("data-ready", "1")


def question(page: Page, qid: str) -> Locator:
    return page.locator(f"#ck-eins-{qid}")


def check(q: Locator) -> None:
    q.get_by_role("button", name="Antwort prüfen").click()


def status(q: Locator) -> Locator:
    return q.locator(".ck-status")


def visible_feedback(q: Locator) -> list[str]:
    return [t.strip() for t in q.locator(".ck-fb:visible").all_inner_texts()]


def answer_single(q: Locator, right: bool) -> None:
    q.get_by_label("Blau" if right else "Grün").check()


def answer_multiple(q: Locator, right: bool) -> None:
    q.get_by_label("2", exact=True).check()
    q.get_by_label("3", exact=True).set_checked(not right)
    q.get_by_label("4", exact=True).set_checked(right)


def answer_true_false(q: Locator, right: bool) -> None:
    q.get_by_label("Stimmt", exact=True).check() if right else q.get_by_label("Stimmt nicht").check()


def answer_matching(q: Locator, right: bool) -> None:
    q.get_by_label("Frankreich").select_option(label="Paris" if right else "Zürich")
    q.get_by_label("Italien").select_option(label="Rom")


def answer_ordering(q: Locator, right: bool) -> None:
    def texts() -> list[str]:
        return [t.strip() for t in q.locator(".ck-order-text").all_inner_texts()]

    target = ["Seek", "Sense", "Share"] if right else ["Seek", "Share", "Sense"]
    for position, text in enumerate(target):
        while texts().index(text) > position:
            q.get_by_role("button", name=f"„{text}“ nach oben").click()


def answer_number(q: Locator, right: bool) -> None:
    q.get_by_label("Ihre Zahl:").fill("3,5" if right else "3")


def answer_text(q: Locator, right: bool) -> None:
    q.get_by_label("Ihre Antwort:").fill("  seek sense SHARE " if right else "Seek Share")


# (question id, how to answer, feedback expected after a wrong answer)
TYPES: list[tuple[str, Callable[[Locator, bool], None], list[str]]] = [
    ("einfach", answer_single, ["Grün ist die Wiese, nicht der Himmel."]),
    ("mehrfach", answer_multiple, ["3 ist ungerade."]),
    ("wahr", answer_true_false, ["Doch: Seit 1990 ist Berlin Hauptstadt."]),
    ("paare", answer_matching, ["Frankreichs Hauptstadt ist Paris."]),
    ("reihe", answer_ordering, ["Sense steht in der Mitte.", "Share kommt zuletzt."]),
    ("zahl", answer_number, ["Das ist nur der ganzzahlige Teil."]),
    ("wort", answer_text, ["Denken Sie an Suchen, Verarbeiten, Teilen."]),
]


@pytest.mark.parametrize(("qid", "answer", "feedback"), TYPES, ids=[t[0] for t in TYPES])
def test_each_type_gives_right_and_wrong_feedback(
    quiz_page: Page, qid: str, answer: Callable, feedback: list[str]
) -> None:
    goto(quiz_page, "/module/eins/")
    q = question(quiz_page, qid)
    expect(q.locator(".ck-explanation")).to_be_hidden()  # nothing is given away before a check
    answer(q, False)
    check(q)
    expect(status(q)).to_contain_text("richtig")
    expect(status(q)).not_to_contain_text("Richtig.")
    assert sorted(visible_feedback(q)) == sorted(feedback)
    expect(q).to_have_class(re.compile(r"\bck-(wrong|partial)\b"))
    expect(q.locator(".ck-explanation")).to_be_hidden()  # a wrong answer leaves room for another try
    answer(q, True)
    assert visible_feedback(q) == []  # the marks of the old answer go at once
    expect(q.locator(".ck-option-right, .ck-option-wrong")).to_have_count(0)
    expect(q).not_to_have_class(re.compile(r"\bck-(wrong|partial|right)\b"))
    expect(status(q)).not_to_contain_text("richtig")  # the old verdict is gone too
    if qid != "reihe":  # moving an item announces its new position instead
        expect(status(q)).to_have_text("Antwort geändert. Prüfen Sie sie erneut, um eine neue Rückmeldung zu erhalten.")
    check(q)
    expect(status(q)).to_contain_text("Richtig. Für Ihr Ergebnis zählt der erste Versuch:")
    expect(q.locator(".ck-solution")).to_have_attribute("open", "")
    expect(q.locator(".ck-explanation")).to_be_visible()


def test_partial_credit_and_quiz_score(quiz_page: Page) -> None:
    goto(quiz_page, "/module/eins/")
    q = question(quiz_page, "mehrfach")
    q.get_by_label("2", exact=True).check()
    check(q)
    expect(status(q)).to_have_text(
        "Teilweise richtig: 0,5 von 1 Punkt. Eine richtige Antwort fehlt noch. "
        "Ändern Sie Ihre Antwort und prüfen Sie erneut, oder sehen Sie sich die Lösung an."
    )
    score = quiz_page.locator(".ck-score")
    expect(score).to_have_text(
        "Ihr Ergebnis: 0,5 von 7 Punkten (7 %), 1 von 7 Fragen beantwortet – noch nicht bestanden (ab 80 %)."
    )


def test_whole_quiz_with_the_keyboard_only(quiz_page: Page) -> None:
    goto(quiz_page, "/module/eins/")
    kb = quiz_page.keyboard

    def focus(selector: str) -> None:
        # Tab forward until the element has focus: proves it is reachable without a mouse.
        for _ in range(60):
            if quiz_page.evaluate("(s) => document.activeElement?.matches(s)", selector):
                return
            kb.press("Tab")
        raise AssertionError(f"nicht per Tab erreichbar: {selector}")

    focus("#ck-eins-einfach input[value='0']")
    kb.press("Space")
    kb.press("Enter")  # submits the form
    focus("#ck-eins-mehrfach input[value='0']")
    kb.press("Space")
    focus("#ck-eins-mehrfach input[value='2']")
    kb.press("Space")
    kb.press("Enter")
    focus("#ck-eins-wahr input[value='true']")
    kb.press("Space")
    kb.press("Enter")
    for select, label in ((0, "Paris"), (1, "Rom")):
        focus(f"#ck-eins-paare-{select}")
        options = question(quiz_page, "paare").locator(f"#ck-eins-paare-{select} option").all_inner_texts()
        for _ in range(options.index(label)):
            kb.press("ArrowDown")
    focus("#ck-eins-paare button[data-action=check]")
    kb.press("Enter")
    order = question(quiz_page, "reihe")
    for _ in range(6):
        texts = [t.strip() for t in order.locator(".ck-order-text").all_inner_texts()]
        if texts == ["Seek", "Sense", "Share"]:
            break
        wrong = next(t for i, t in enumerate(texts) if t != ["Seek", "Sense", "Share"][i])
        target = ["Seek", "Sense", "Share"].index(wrong)
        direction = "oben" if texts.index(wrong) > target else "unten"
        focus(f"#ck-eins-reihe button[aria-label='„{wrong}“ nach {direction}']")
        kb.press("Enter")
    expect(status(order)).to_contain_text("steht jetzt an Position")
    focus("#ck-eins-reihe button[data-action=check]")
    kb.press("Enter")
    focus("#ck-eins-zahl-input")
    kb.type("3,5")
    kb.press("Enter")
    focus("#ck-eins-wort-input")
    kb.type("Seek-Sense-Share")
    kb.press("Enter")
    focus("#ck-eins-gedanke-input")
    kb.type("Mehr fragen, weniger raten.")
    focus("#ck-eins-gedanke button[data-action=check]")
    kb.press("Enter")
    focus("#ck-eins-routine-input")
    kb.type("Montag und Donnerstag um 8:30 Uhr, 15 Minuten, mit Kim.")
    for criterion, steps in enumerate((0, 1, 2)):  # erfüllt, teilweise, noch nicht
        focus(f"#ck-eins-routine input[name='ck-eins-routine-k{criterion}'][value='erfuellt']")
        kb.press("Space")
        for _ in range(steps):
            kb.press("ArrowRight")  # arrow keys move the choice within a radio group
    focus("#ck-eins-routine button[data-action=check]")
    kb.press("Enter")
    for qid in ("einfach", "mehrfach", "wahr", "paare", "reihe", "zahl", "wort"):
        expect(status(question(quiz_page, qid))).to_have_text("Richtig.")
    expect(status(question(quiz_page, "gedanke"))).to_contain_text("Gespeichert.")
    routine = question(quiz_page, "routine")
    expect(status(routine)).to_contain_text("Gespeichert.")
    for criterion, value in enumerate(("erfuellt", "teilweise", "offen")):
        expect(routine.locator(f"input[name='ck-eins-routine-k{criterion}'][value='{value}']")).to_be_checked()
    expect(quiz_page.locator(".ck-quiz-progress")).to_have_text("Stand: 9 von 9 Fragen und Aufgaben bearbeitet.")
    expect(quiz_page.locator(".ck-score")).to_contain_text("7 von 7 Punkten (100 %)")
    expect(quiz_page.locator(".ck-score")).to_contain_text("bestanden")


def test_answers_survive_a_reload(quiz_page: Page) -> None:
    goto(quiz_page, "/module/eins/")
    answer_single(question(quiz_page, "einfach"), True)
    check(question(quiz_page, "einfach"))
    answer_ordering(question(quiz_page, "reihe"), True)
    check(question(quiz_page, "reihe"))
    question(quiz_page, "gedanke").get_by_label("Ihre Gedanken:").fill("Mehr fragen, weniger raten.")
    question(quiz_page, "gedanke").get_by_role("button", name="Speichern").click()
    quiz_page.reload()
    expect(quiz_page.locator(".ck-quiz")).to_have_attribute("data-ready", "1")
    expect(question(quiz_page, "einfach").get_by_label("Blau")).to_be_checked()
    expect(status(question(quiz_page, "einfach"))).to_have_text("Richtig.")
    order = [t.strip() for t in question(quiz_page, "reihe").locator(".ck-order-text").all_inner_texts()]
    assert order == ["Seek", "Sense", "Share"]
    expect(question(quiz_page, "gedanke").get_by_label("Ihre Gedanken:")).to_have_value("Mehr fragen, weniger raten.")
    expect(quiz_page.locator(".ck-score")).to_contain_text("2 von 7 Punkten")


def test_corrupt_storage_is_set_aside_with_a_visible_notice(quiz_page: Page) -> None:
    goto(quiz_page, "/module/eins/")
    quiz_page.evaluate("(key) => localStorage.setItem(key, '{kaputt')", KEY)
    quiz_page.reload()
    expect(quiz_page.locator(".ck-quiz")).to_have_attribute("data-ready", "1")
    notice = quiz_page.get_by_role("alert")
    expect(notice).to_contain_text("beschädigt")
    answer_single(question(quiz_page, "einfach"), True)
    check(question(quiz_page, "einfach"))
    expect(status(question(quiz_page, "einfach"))).to_have_text("Richtig.")
    keys = quiz_page.evaluate("() => Object.keys(localStorage)")
    assert KEY in keys
    aside = [k for k in keys if k.startswith(KEY + ".beiseitegelegt.")]
    assert len(aside) == 1
    assert quiz_page.evaluate("(k) => localStorage.getItem(k)", aside[0]) == "{kaputt"


def test_export_reset_import_round_trip(quiz_page: Page, tmp_path: Path) -> None:
    goto(quiz_page, "/module/eins/")
    answer_single(question(quiz_page, "einfach"), True)
    check(question(quiz_page, "einfach"))
    question(quiz_page, "gedanke").get_by_label("Ihre Gedanken:").fill("Journal-Eintrag")
    question(quiz_page, "gedanke").get_by_role("button", name="Speichern").click()
    goto(quiz_page, "/fortschritt/")
    table = quiz_page.locator(".ck-progress-table")
    expect(table.locator("tr[data-module=eins]")).to_contain_text("14 % der Punkte")
    expect(table.locator("tr[data-module=eins]")).to_contain_text("begonnen")
    expect(quiz_page.locator(".ck-journal")).to_contain_text("Journal-Eintrag")
    with quiz_page.expect_download() as download:
        quiz_page.get_by_role("button", name="Fortschritt exportieren").click()
    exported = tmp_path / "fortschritt.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text("utf-8"))["quizzes"]["eins"]["einfach"]["score"] == 1
    quiz_page.once("dialog", lambda dialog: dialog.accept())
    quiz_page.get_by_role("button", name="Fortschritt zurücksetzen").click()
    expect(table.locator("tr[data-module=eins]")).to_contain_text("noch nicht begonnen")
    expect(quiz_page.locator(".ck-journal")).not_to_contain_text("Journal-Eintrag")
    quiz_page.set_input_files("#ck-import", str(exported))
    expect(quiz_page.locator(".ck-progress-message")).to_contain_text("Der Fortschritt wurde importiert")
    expect(table.locator("tr[data-module=eins]")).to_contain_text("14 % der Punkte")
    goto(quiz_page, "/module/eins/")
    expect(question(quiz_page, "einfach").get_by_label("Blau")).to_be_checked()


def test_bad_import_file_is_refused_and_progress_kept(quiz_page: Page, tmp_path: Path) -> None:
    goto(quiz_page, "/module/eins/")
    answer_single(question(quiz_page, "einfach"), True)
    check(question(quiz_page, "einfach"))
    goto(quiz_page, "/fortschritt/")
    bad = tmp_path / "falsch.json"
    bad.write_text('{"irgendwas": 1}', "utf-8")
    quiz_page.set_input_files("#ck-import", str(bad))
    expect(quiz_page.locator(".ck-progress-message")).to_contain_text("Import nicht möglich")
    expect(quiz_page.locator("tr[data-module=eins]")).to_contain_text("14 %")


def test_module_counts_as_done_when_its_quiz_is_passed(quiz_page: Page) -> None:
    goto(quiz_page, "/module/zwei/")  # pass threshold 50 %, one question
    quiz_page.locator("#ck-zwei-angriff input[value='0']").check()
    quiz_page.locator("#ck-zwei-angriff").get_by_role("button", name="Antwort prüfen").click()
    goto(quiz_page, "/fortschritt/")
    expect(quiz_page.locator("tr[data-module=zwei] [data-cell=status]")).to_have_text("✔ abgeschlossen")
    expect(quiz_page.locator(".ck-progress-summary")).to_have_text(
        "1 von 2 Modulen mit Quiz abgeschlossen. Praxisaufgaben: 0 von 1 erledigt."
    )


def test_quiz_content_never_executes(quiz_page: Page) -> None:
    goto(quiz_page, "/module/zwei/")
    q = quiz_page.locator("#ck-zwei-angriff")
    expect(q.locator("legend")).to_contain_text("<script>")
    q.locator(".ck-option").first.hover()
    q.locator("input[value='1']").check()
    q.get_by_role("button", name="Antwort prüfen").click()
    q.locator(".ck-solution summary").click()
    for link in q.locator("a").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    quiz_page.wait_for_timeout(300)
    assert quiz_page.evaluate("() => window.__xss") is None
    assert q.locator("script, img[onerror], b[onmouseover]").count() == 0


def test_works_with_instant_navigation(quiz_page: Page, recorder: RequestRecorder) -> None:
    goto(quiz_page, "/")
    quiz_page.get_by_role("link", name="ersten Modul").click()
    expect(quiz_page.locator(".ck-quiz")).to_have_attribute("data-ready", "1")  # initialised without a reload
    q = question(quiz_page, "einfach")
    answer_single(q, True)
    check(q)
    expect(status(q)).to_have_text("Richtig.")
    assert_no_foreign_requests(quiz_page, recorder)


def test_without_javascript_questions_and_solutions_show(browser: object, quiz_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=quiz_url)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto("/module/eins/")  # no script runs, nothing becomes ready
    q = question(page, "einfach")
    expect(q.get_by_label("Blau")).to_be_visible()
    expect(q.locator(".ck-actions")).to_be_hidden()
    expect(q.get_by_text("Genau, wegen der Streuung des Lichts.")).to_be_hidden()
    q.get_by_text("Lösung anzeigen").click()
    expect(q.locator(".ck-solution")).to_contain_text("Richtig ist:Blau")
    expect(q.locator(".ck-solution")).to_contain_text("Kurzwelliges Licht wird stärker gestreut.")
    expect(q.get_by_text("Genau, wegen der Streuung des Lichts.")).to_be_visible()  # each option explains itself
    expect(q.get_by_text("Grün ist die Wiese, nicht der Himmel.")).to_be_visible()
    context.close()


@pytest.mark.parametrize("path", ["/module/eins/", "/fortschritt/"])
def test_quiz_and_progress_pages_are_accessible(quiz_page: Page, path: str) -> None:
    goto(quiz_page, "/module/eins/")  # every item type, in every state it can show
    q = question(quiz_page, "mehrfach")
    answer_multiple(q, False)
    check(q)  # feedback visible while checking
    answer_single(question(quiz_page, "einfach"), True)
    check(question(quiz_page, "einfach"))  # right: solution and explanation open
    question(quiz_page, "wahr").get_by_text("Lösung anzeigen").click()  # revealed before answering
    task = question(quiz_page, "routine")
    task.get_by_label("Ihr Entwurf:").fill("Montags 8:30 Uhr mit Kim.")
    task.locator("input[value=teilweise]").first.check()
    task.get_by_role("button", name="Speichern").click()
    task.get_by_text("Ablauf für das Peer-Feedback").click()
    task.get_by_text("Hinweise anzeigen").click()
    goto(quiz_page, path)
    assert axe_violations(quiz_page) == []


def test_changed_question_drops_only_its_own_answer(browser: object, recorder: RequestRecorder, tmp_path: Path) -> None:
    project = tmp_path / "quiz"
    shutil.copytree(SITES / "quiz", project)
    site = project / "site"
    build_site(project / "mkdocs.yml", site, out=lambda _: None)
    with serving(site) as url:
        context = browser.new_context(base_url=url)  # type: ignore[attr-defined]
        page = context.new_page()
        goto(page, "/module/eins/")
        answer_single(question(page, "einfach"), True)
        check(question(page, "einfach"))
        answer_true_false(question(page, "wahr"), True)
        check(question(page, "wahr"))
        quiz_file = project / "exercises" / "quizzes" / "eins.yml"
        text = quiz_file.read_text("utf-8").replace("bei klarem Wetter?", "an einem klaren Tag?")
        quiz_file.write_text(text, "utf-8")
        build_site(project / "mkdocs.yml", site, out=lambda _: None)
        page.reload()
        expect(page.locator(".ck-quiz")).to_have_attribute("data-ready", "1")
        expect(page.get_by_role("alert")).to_contain_text("Eine Frage wurde seit Ihrem letzten Besuch überarbeitet")
        expect(question(page, "einfach").get_by_label("Blau")).not_to_be_checked()
        expect(status(question(page, "einfach"))).to_have_text("")
        expect(question(page, "wahr").get_by_label("Stimmt", exact=True)).to_be_checked()
        expect(status(question(page, "wahr"))).to_have_text("Richtig.")
        page.reload()
        expect(page.get_by_role("alert")).to_have_count(0)  # told once, not on every visit
        context.close()
