"""Workshop mode in real browsers: one facilitator, three phones, one question from open to delete."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser.conftest import fresh_page
from coursekit.bench.browser import RequestRecorder
from coursekit.build import build_site
from coursekit.workshopserver.store import DB_NAME
from support.browser import assert_no_foreign_requests, axe_violations
from support.server import serving
from support.workshop import poll_course, serving_workshop

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


@pytest.fixture(scope="module")
def poll_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = poll_course(tmp_path_factory.mktemp("workshop") / "kurs")
    build_site(project / "mkdocs.yml", project / "site", out=lambda _: None)
    return project


@pytest.fixture
def workshop(poll_project: Path, tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    folder = tmp_path / ".workshop"
    with serving_workshop(poll_project, poll_project / "site", folder) as (url, store):
        yield url, store.token, folder


def rows(folder: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(folder / DB_NAME) as db:  # a reader of its own, as any other process would be
        return db.execute(sql).fetchall()


def answer_choice(page: Page, label: str) -> None:
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Antwort senden").click()
    expect(page.locator("#ws-status")).to_contain_text("Ihre Antwort ist gespeichert")


def test_open_answer_live_reveal_close_export_delete(
    browser: Browser,
    recorder: RequestRecorder,
    workshop: tuple[str, str, Path],
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    url, token, folder = workshop
    with ExitStack() as stack:
        console = stack.enter_context(fresh_page(browser, recorder, url, request))
        phones = [stack.enter_context(fresh_page(browser, recorder, url, request)) for _ in range(3)]
        console.goto(f"/_workshop/leitung#schluessel={token}")
        expect(console.locator("#ws-anmeldung")).to_have_text("Angemeldet als Moderation.")
        assert "schluessel" not in console.url  # the token left the address bar
        expect(console.locator(".ws-join-url")).to_have_text(f"{url}/mitmachen")
        expect(console.locator("svg.ws-qr title")).to_have_text(f"QR-Code für {url}/mitmachen")
        assert axe_violations(console) == []

        for phone in phones:
            phone.set_viewport_size(PHONE)
            phone.goto("/mitmachen")
            expect(phone.locator("#ws-frage")).to_contain_text("Im Moment ist keine Frage geöffnet")
            expect(phone.locator(".ws-privacy")).to_contain_text("Gespeichert werden nur Ihre Antworten")
        assert axe_violations(phones[0]) == []

        # Open: the question appears on every phone without a reload.
        console.locator("#ws-modul").select_option("eins")
        row = console.locator('li[data-frage="eins/einfach"]')
        row.get_by_role("button", name="Öffnen").click()
        for phone in phones:
            expect(phone.locator("legend")).to_have_text("Welche Farbe hat der Himmel bei klarem Wetter?")
        assert axe_violations(phones[0]) == []

        # Answer; one device changes its mind, and the console follows live.
        answer_choice(phones[0], "Rot")
        answer_choice(phones[0], "Blau")
        answer_choice(phones[1], "Blau")
        answer_choice(phones[2], "Grün")
        result = console.locator("#ws-ergebnis")
        expect(result).to_contain_text("3 Antworten")
        blue = result.locator("li", has_text="Blau")
        expect(blue.locator(".ws-bar-count")).to_have_text("2 (67 %)")
        expect(result.locator("li", has_text="Grün").locator(".ws-bar-count")).to_have_text("1 (33 %)")
        expect(result).not_to_contain_text("richtig")  # no right answer before the reveal
        expect(phones[2].locator("#ws-frage")).not_to_contain_text("Richtig")
        assert rows(folder, "SELECT COUNT(*) FROM answer") == [(3,)]

        # A participant cannot act for the facilitator, nor read results.
        status = phones[1].evaluate(
            """async () => [
                (await fetch('/_workshop/api/leitung/aktion', {method: 'POST',
                    headers: {'Content-Type': 'application/json'},
                    body: JSON.stringify({frage: 'eins/einfach', aktion: 'zuruecksetzen'})})).status,
                (await fetch('/_workshop/api/leitung/stand')).status]"""
        )
        assert status == [403, 403]

        # Reveal, then close.
        row.get_by_role("button", name="Auflösen").click()
        expect(blue).to_contain_text("✓ richtig")
        expect(phones[2].locator(".ws-solution")).to_have_text("Richtig: Blau")
        row.get_by_role("button", name="Schließen").click()
        expect(phones[1].locator(".ws-closed")).to_be_visible()
        expect(phones[1].get_by_role("button", name="Antwort senden")).to_be_disabled()

        # The slide of the question shows the same live result (the facilitator's browser).
        slides = console.context.new_page()
        slides_foreign: list[str] = []
        slides.on("request", lambda r: slides_foreign.append(r.url) if not r.url.startswith((url, "data:")) else None)
        deck = console.get_by_role("link", name="Folien dieses Moduls öffnen").get_attribute("href")
        assert deck == "/moderation/eins/folien/"
        slides.goto(deck)
        slides.evaluate(
            """() => {
                const all = [...document.querySelectorAll('.slides > section')];
                Reveal.slide(all.findIndex((s) => s.dataset.ckPoll === 'eins/einfach'));
            }"""
        )
        live = slides.locator('section[data-ck-poll="eins/einfach"] .ck-live')
        expect(live).to_contain_text(f"Mitmachen: {url}/mitmachen")
        expect(live.locator("li", has_text="Blau").locator(".ws-bar-count")).to_have_text("2 (67 %)")
        assert axe_violations(slides) == []
        # Only the questions marked for polling are poll slides, and each shows live results.
        assert slides.locator("section.ck-poll").count() == slides.locator(".ck-live").count() == 3

        # Free text: the facilitator sees it first, as text; released, it reaches the screen.
        console.locator('li[data-frage="eins/_freitext"]').get_by_role("button", name="Öffnen").click()
        assert recorder.requests == [], "vor dem Freitext"
        phones[0].get_by_label("Was nehmen Sie aus dem Thema").fill(HOSTILE)
        phones[0].get_by_role("button", name="Antwort senden").click()
        expect(phones[0].locator("#ws-status")).to_contain_text("gespeichert")
        expect(console.locator("#ws-texte .ws-text")).to_have_text(HOSTILE)
        expect(result).not_to_contain_text("window.__xss")
        console.get_by_role("button", name=f"Freigeben: {HOSTILE}").click()
        expect(result.locator(".ws-texts li")).to_have_text(HOSTILE)
        for page in (console, slides, *phones):
            assert page.evaluate("() => window.__xss") is None

        assert recorder.requests == []  # nothing left for another host so far, not even from Chromium itself
        # CSV export, then delete everything.
        with console.expect_download() as download:
            console.get_by_role("link", name="Antworten als CSV herunterladen").click()
        exported = download.value.path().read_text("utf-8-sig")
        assert exported.splitlines()[0] == "frage;antwort_nr;antwort;geaendert_utc"
        assert exported.count("eins/einfach;") == 3 and "eins/_freitext;" in exported
        console.once("dialog", lambda dialog: dialog.accept())
        console.get_by_role("button", name="Alle Antworten löschen").click()
        expect(console.locator("#ws-anmeldung")).to_have_text("Alle Antworten sind gelöscht.")
        assert rows(folder, "SELECT COUNT(*) FROM answer") == [(0,)]
        for phone in phones:
            expect(phone.locator("#ws-frage")).to_contain_text("Im Moment ist keine Frage geöffnet")

        foreign = [r for page in (console, *phones) for r in page.foreign_requests]  # type: ignore[attr-defined]
        foreign += slides_foreign
        assert foreign == [] and recorder.requests == []
        slides.close()


def test_static_slides_offer_no_poll(
    browser: Browser, recorder: RequestRecorder, poll_project: Path, request: pytest.FixtureRequest
) -> None:
    """Served as a plain static site, the same deck works as before and asks nothing of a poll service."""
    with serving(poll_project / "site") as url, fresh_page(browser, recorder, url, request) as page:
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url) if "/_workshop/" in r.url else None)
        page.context.add_cookies([{"name": "ck_leitung", "value": "x", "url": url}])  # not the flag cookie
        page.goto("/moderation/eins/folien/")
        expect(page.locator("section.ck-poll").first).to_be_attached()
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        assert page.locator(".ck-live").count() == 0 and asked == []
        assert_no_foreign_requests(page, recorder)


def test_a_restart_keeps_the_open_question_and_the_answers(
    browser: Browser, recorder: RequestRecorder, poll_project: Path, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    folder = tmp_path / ".workshop"
    site = poll_project / "site"
    with serving_workshop(poll_project, site, folder) as (url, store):
        token = store.token
        with fresh_page(browser, recorder, url, request) as console:
            console.goto(f"/_workshop/leitung#schluessel={token}")
            console.locator("#ws-modul").select_option("eins")
            console.locator('li[data-frage="eins/wahr"]').get_by_role("button", name="Öffnen").click()
            phone = console.context.browser.new_context(base_url=url, locale="de-DE").new_page()  # type: ignore[union-attr]
            phone.goto("/mitmachen")
            answer_choice(phone, "Stimmt nicht")
    assert rows(folder, "SELECT COUNT(*) FROM answer") == [(1,)]
    # The same laptop, a new start (another port here): the phone's cookie still names its device.
    with serving_workshop(poll_project, site, folder) as (again, store):
        assert store.token == token
        phone.goto(f"{again}/mitmachen")
        expect(phone.locator("legend")).to_have_text("Berlin ist die Hauptstadt Deutschlands.")
        expect(phone.get_by_label("Stimmt nicht", exact=True)).to_be_checked()
        expect(phone.locator("#ws-status")).to_contain_text("Sie haben schon geantwortet")
        phone.context.close()
