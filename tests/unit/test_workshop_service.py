"""The live-poll service (workshop mode): rules for participants and the facilitator, limits, storage."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from starlette.testclient import TestClient

from coursekit.quiz import Quiz
from coursekit.workshopserver import app as service
from coursekit.workshopserver.app import create_app
from coursekit.workshopserver.catalogue import Catalogue, load_catalogue
from coursekit.workshopserver.run import PID_FILE, addresses, end
from coursekit.workshopserver.store import DB_NAME, Store
from support.course import ROOT
from support.workshop import poll_course

SITE_CSP = "default-src 'self'; script-src 'self' 'sha256-test'"
SINGLE = "eins/einfach"
MULTIPLE = "eins/mehrfach"
TEXT = "eins/_freitext"
SCALE = "eins/_skala"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    return poll_course(tmp_path / "kurs")


@pytest.fixture
def catalogue(course: Path) -> Catalogue:
    return load_catalogue(course)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "_server").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>Kurs</title><p>Startseite</p>", "utf-8")
    headers = {"/": {"Content-Security-Policy": SITE_CSP, "X-Content-Type-Options": "nosniff"}}
    (site / "_server" / "headers.json").write_text(json.dumps(headers), "utf-8")
    return site


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / ".workshop"


def make_client(folder: Path, catalogue: Catalogue, site: Path | None = None) -> tuple[TestClient, Store]:
    store = Store(folder)
    return TestClient(create_app(store, catalogue, site, "http://192.0.2.1:8765/mitmachen")), store


@pytest.fixture
def client(folder: Path, catalogue: Catalogue, site: Path) -> tuple[TestClient, Store]:
    return make_client(folder, catalogue, site)


def leader(client: TestClient, store: Store) -> TestClient:
    """A second client for the facilitator, logged in with the token like the console does."""
    other = TestClient(client.app)
    response = other.post("/_workshop/api/leitung/anmelden", json={"schluessel": store.token})
    assert response.status_code == 200
    return other


def act(client: TestClient, question: str, action: str, **extra: object) -> dict[str, object]:
    response = client.post("/_workshop/api/leitung/aktion", json={"frage": question, "aktion": action, **extra})
    assert response.status_code == 200, response.text
    return response.json()


def answer(client: TestClient, question: str, value: object) -> int:
    return client.post("/_workshop/api/antwort", json={"frage": question, "antwort": value}).status_code


# The catalogue and the content model ---------------------------------------------------------


def test_only_marked_questions_and_a_scale_and_free_text_per_module(catalogue: Catalogue) -> None:
    ids = [q.id for m in catalogue.modules for q in m.questions]
    assert ids == [
        "eins/einfach",
        "eins/mehrfach",
        "eins/wahr",
        "eins/_skala",
        "eins/_freitext",
        "zwei/angriff",
        "zwei/_skala",
        "zwei/_freitext",
    ]
    assert catalogue.modules[0].title == "Modul eins"
    # Markdown marks and hostile markup become plain text; the pages insert it as text.
    assert catalogue.by_id[SINGLE].prompt == "Welche Farbe hat der Himmel bei klarem Wetter?"
    assert "<script>" in catalogue.by_id["zwei/angriff"].prompt  # shown as visible text, never run


def test_poll_is_optional_and_leaves_stored_answers_valid() -> None:
    base = {"id": "q", "title": "Q", "module": "m"}
    question = {"id": "a", "type": "single", "prompt": "P?", "options": [{"text": "x", "correct": True}, {"text": "y"}]}
    plain = Quiz.model_validate({**base, "questions": [question]})
    polled = Quiz.model_validate({**base, "questions": [{**question, "poll": True}]})
    assert polled.questions[0].poll is True and plain.questions[0].poll is False
    assert polled.questions[0].fingerprint() == plain.questions[0].fingerprint()
    with pytest.raises(ValueError, match="poll"):  # matching questions cannot be polled
        Quiz.model_validate(
            {
                **base,
                "questions": [
                    {
                        "id": "m",
                        "type": "matching",
                        "prompt": "P",
                        "poll": True,
                        "pairs": [{"left": "a", "right": "b"}, {"left": "c", "right": "d"}],
                    }
                ],
            }
        )


# Who may do what -----------------------------------------------------------------------------


def test_facilitator_actions_need_the_token(client: tuple[TestClient, Store]) -> None:
    participant, store = client
    assert participant.get("/mitmachen").status_code == 200  # a device cookie now
    assert len(store.token) >= 22  # token_urlsafe: 24 random bytes, at least 128 bits
    for path in ("/_workshop/api/leitung/stand", "/_workshop/api/leitung/export.csv"):
        response = participant.get(path)
        assert response.status_code == 403 and "Moderation" in response.json()["fehler"]
    for action in service.ACTIONS:
        response = participant.post("/_workshop/api/leitung/aktion", json={"frage": SINGLE, "aktion": action})
        assert response.status_code == 403
    assert participant.post("/_workshop/api/leitung/alles-loeschen", json={"bestaetigt": True}).status_code == 403
    assert participant.get("/_workshop/api/leitung/ereignisse?einmal=1").status_code == 403
    wrong_key = store.token[:-1] + ("y" if store.token.endswith("x") else "x")  # one character off, never the token
    wrong = participant.post("/_workshop/api/leitung/anmelden", json={"schluessel": wrong_key})
    assert wrong.status_code == 403 and service.LEADER_COOKIE not in participant.cookies
    # A device cookie that happens to look like a token is still no token.
    participant.cookies.set(service.LEADER_COOKIE, "x" * len(store.token))
    assert participant.get("/_workshop/api/leitung/stand").status_code == 403
    assert store.states() == {}


def test_one_answer_per_device_changeable_until_closed(client: tuple[TestClient, Store]) -> None:
    participant, store = client
    facilitator = leader(participant, store)
    other = TestClient(participant.app)
    assert participant.get("/_workshop/api/frage").json() == {"frage": None}
    assert answer(participant, SINGLE, 0) == 409  # not open yet
    act(facilitator, SINGLE, "oeffnen")
    seen = participant.get("/_workshop/api/frage").json()
    assert seen["frage"]["id"] == SINGLE and seen["status"] == "offen" and seen["eigene"] is None
    assert "richtig" not in seen["frage"]  # no right answer before the reveal
    assert answer(participant, SINGLE, 1) == 200
    assert answer(participant, SINGLE, 0) == 200  # changed, not added
    assert answer(other, SINGLE, 2) == 200
    assert participant.get("/_workshop/api/frage").json()["eigene"] == 0
    assert other.get("/_workshop/api/frage").json()["eigene"] == 2  # only one's own answer, no one else's
    result = facilitator.get("/_workshop/api/leitung/stand").json()["ergebnis"]
    assert result["anzahl"] == 2
    assert {b["wert"]: b["anzahl"] for b in result["balken"]} == {0: 1, 1: 0, 2: 1}
    assert all("richtig" not in b for b in result["balken"])
    act(facilitator, SINGLE, "schliessen")
    assert answer(participant, SINGLE, 1) == 409
    revealed = act(facilitator, SINGLE, "aufloesen")["ergebnis"]
    assert [b["richtig"] for b in revealed["balken"]] == [
        c.correct for c in store_catalogue(participant).by_id[SINGLE].choices
    ]
    assert participant.get("/_workshop/api/frage").json()["frage"]["richtig"] == [0]
    # Opening another question closes the first; reset empties a question.
    act(facilitator, MULTIPLE, "oeffnen")
    assert answer(participant, MULTIPLE, [0, 2]) == 200
    assert store.state(SINGLE).state == "geschlossen" and store.current == MULTIPLE
    act(facilitator, SINGLE, "zuruecksetzen")
    assert store.values(SINGLE) == [] and store.values(MULTIPLE) == [[0, 2]]


def store_catalogue(client: TestClient) -> Catalogue:
    return client.app.app.state.workshop.catalogue  # type: ignore[attr-defined, no-any-return]


# Limits and refusals -------------------------------------------------------------------------


def test_malformed_oversized_and_wrong_answers_get_a_clear_refusal(client: tuple[TestClient, Store]) -> None:
    participant, store = client
    act(leader(participant, store), MULTIPLE, "oeffnen")
    post = participant.post
    url = "/_workshop/api/antwort"
    cases = [
        (post(url, content=b"{kaputt", headers={"Content-Type": "application/json"}), 400, "kein gültiges JSON"),
        (post(url, content=b"[1, 2]", headers={"Content-Type": "application/json"}), 400, "JSON-Objekt"),
        (post(url, content=b"frage=x", headers={"Content-Type": "text/plain"}), 415, "JSON sein"),
        (post(url, json={"frage": MULTIPLE, "antwort": "x" * 5000}), 413, "zu groß"),
        (post(url, json={"frage": "gibt/esnicht", "antwort": 1}), 404, "gibt es nicht"),
        (post(url, json={"frage": MULTIPLE, "antwort": [0, 0]}), 422, "angebotenen"),
        (post(url, json={"frage": MULTIPLE, "antwort": [9]}), 422, "angebotenen"),
        (post(url, json={"frage": MULTIPLE, "antwort": True}), 422, "angebotenen"),
        (
            post(url, json={"frage": MULTIPLE, "antwort": [0]}, headers={"Origin": "http://evil.example"}),
            403,
            "fremden Seiten",
        ),
    ]
    for response, status, text in cases:
        assert response.status_code == status, response.text
        assert text in response.json()["fehler"]
    assert store.values(MULTIPLE) == []
    assert participant.get("/_workshop/api/frage").status_code == 200  # nothing else broke


def test_free_text_length_and_scale_range(client: tuple[TestClient, Store]) -> None:
    participant, store = client
    facilitator = leader(participant, store)
    act(facilitator, TEXT, "oeffnen")
    too_long = participant.post("/_workshop/api/antwort", json={"frage": TEXT, "antwort": "a" * 281})
    assert too_long.status_code == 422 and "höchstens 280 Zeichen" in too_long.json()["fehler"]
    assert answer(participant, TEXT, "   ") == 422
    act(facilitator, SCALE, "oeffnen")
    assert [answer(participant, SCALE, v) for v in (0, 6, "3", 3)] == [422, 422, 422, 200]


def test_a_flooding_device_is_slowed_down_and_others_are_not(
    client: tuple[TestClient, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The buckets' clock stands still: on a busy machine a pause of 0.1 s refilled a token mid-test.
    monkeypatch.setattr(service, "time", SimpleNamespace(monotonic=lambda: 1000.0))
    participant, store = client
    act(leader(participant, store), SINGLE, "oeffnen")
    statuses = [answer(participant, SINGLE, 0) for _ in range(60)]
    assert statuses.count(429) > 0 and statuses[0] == 200
    refused = participant.post("/_workshop/api/antwort", json={"frage": SINGLE, "antwort": 0})
    assert refused.status_code == 429 and "Zu viele Anfragen" in refused.json()["fehler"]
    assert answer(TestClient(participant.app), SINGLE, 1) == 200


# Free text: shown to the facilitator first, inert everywhere -------------------------------


def test_free_text_is_stored_as_text_and_released_one_by_one(client: tuple[TestClient, Store]) -> None:
    participant, store = client
    facilitator = leader(participant, store)
    act(facilitator, TEXT, "oeffnen")
    hostile = '<img src=x onerror="alert(1)"> <script>alert(2)</script> =SUMME(A1)'
    assert answer(participant, TEXT, hostile) == 200
    assert answer(TestClient(participant.app), TEXT, "Lernen im Team braucht Zeit") == 200
    stand = facilitator.get(f"/_workshop/api/leitung/stand?frage={TEXT}").json()
    assert [t["text"] for t in stand["texte"]] == [hostile, "Lernen im Team braucht Zeit"]
    assert stand["ergebnis"]["freigegeben"] == [] and stand["ergebnis"]["wortliste"] is None
    released = act(facilitator, TEXT, "freigeben", nr=stand["texte"][1]["nr"])
    assert released["ergebnis"]["freigegeben"] == ["Lernen im Team braucht Zeit"]
    words = act(facilitator, TEXT, "wortliste", an=True)["ergebnis"]["wortliste"]
    assert ["lernen", 1] in words and ["team", 1] in words
    # The pages never carry answers: they are shells that insert JSON as text (textContent).
    for path in ("/mitmachen", "/_workshop/leitung"):
        assert "alert" not in facilitator.get(path).text
    rows = list(
        csv.reader(
            io.StringIO(facilitator.get("/_workshop/api/leitung/export.csv").text.lstrip("\ufeff")), delimiter=";"
        )
    )
    assert rows[0] == ["frage", "antwort_nr", "antwort", "geaendert_utc"]
    assert [r[2] for r in rows[1:]] == [hostile, "Lernen im Team braucht Zeit"]  # "=SUMME" is not at the start
    store.answer(TEXT, "gerät-3", "=HYPERLINK(1)")
    exported = facilitator.get("/_workshop/api/leitung/export.csv").text
    assert "'=HYPERLINK(1)" in exported  # no formula for spreadsheet programs


# Events ---------------------------------------------------------------------------------------


def test_events_carry_live_results_to_the_facilitator_and_only_state_to_participants(
    client: tuple[TestClient, Store],
) -> None:
    participant, store = client
    facilitator = leader(participant, store)
    act(facilitator, SINGLE, "oeffnen")
    answer(participant, SINGLE, 2)
    with facilitator.stream("GET", f"/_workshop/api/leitung/ereignisse?frage={SINGLE}&einmal=1") as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        body = response.read().decode()
    assert body.startswith("event: stand\ndata: ")
    data = json.loads(body.split("data: ", 1)[1])
    assert data["ergebnis"]["anzahl"] == 1 and data["aktuell"] == SINGLE
    with participant.stream("GET", "/_workshop/api/ereignisse?einmal=1") as response:
        event = response.read().decode()
    assert "anzahl" not in event and "balken" not in event


# Storage: a restart keeps everything, the end leaves nothing --------------------------------


def test_restart_keeps_answers_and_token(folder: Path, catalogue: Catalogue, site: Path) -> None:
    participant, store = make_client(folder, catalogue, site)
    act(leader(participant, store), SINGLE, "oeffnen")
    answer(participant, SINGLE, 1)
    device = participant.cookies[service.DEVICE_COOKIE]
    token = store.token
    store.close()
    again, store2 = make_client(folder, catalogue, site)
    assert store2.token == token and store2.current == SINGLE
    assert store2.own_answer(SINGLE, device) == 1
    again.cookies.set(service.DEVICE_COOKIE, device)
    assert again.get("/_workshop/api/frage").json()["eigene"] == 1
    assert (folder / DB_NAME).is_file()
    assert store2.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_delete_button_and_end_command_leave_nothing(folder: Path, catalogue: Catalogue, site: Path) -> None:
    participant, store = make_client(folder, catalogue, site)
    facilitator = leader(participant, store)
    act(facilitator, TEXT, "oeffnen")
    answer(participant, TEXT, "ein sehr persönlicher Satz")
    unconfirmed = facilitator.post("/_workshop/api/leitung/alles-loeschen", json={})
    assert unconfirmed.status_code == 422
    assert facilitator.post("/_workshop/api/leitung/alles-loeschen", json={"bestaetigt": True}).status_code == 200
    assert store.values(TEXT) == [] and store.current is None and store.states() == {}
    assert participant.get("/_workshop/api/frage").json() == {"frage": None}
    assert b"ein sehr pers" not in b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())
    store.close()
    (folder / PID_FILE).write_text(str(os.getpid()), "utf-8")  # a running service: refuse
    with pytest.raises(RuntimeError, match="läuft noch"):
        end(folder)
    (folder / PID_FILE).unlink()
    assert "gelöscht" in end(folder)
    assert not folder.exists()
    assert "keine Workshop-Daten" in end(folder)


# The course next to the poll ------------------------------------------------------------------


def test_site_keeps_its_headers_and_the_service_has_its_own(client: tuple[TestClient, Store]) -> None:
    participant, _ = client
    page = participant.get("/")
    assert page.status_code == 200 and "Startseite" in page.text
    assert page.headers["content-security-policy"] == SITE_CSP
    own = participant.get("/mitmachen")
    assert own.headers["content-security-policy"] == service.OWN_POLICY
    assert own.headers["x-content-type-options"] == "nosniff"
    assert participant.get("/_workshop/api/frage").headers["cache-control"] == "no-store"
    for html in (own.text, participant.get("/_workshop/leitung").text):
        scripts = html.count("<script")
        assert scripts == html.count('<script type="module" src="/_workshop/static/') == 1  # no inline script
    assert "Gespeichert werden nur Ihre Antworten" in own.text
    console = participant.get("/_workshop/leitung").text
    assert "http://192.0.2.1:8765/mitmachen" in console and "<svg" in console and "QR-Code" in console
    for name in ("chart.js", "participant.js", "console.js", "slidepoll.js", "workshop.css", "slidepoll.css"):
        assert participant.get(f"/_workshop/static/{name}").status_code == 200


def test_addresses_keep_the_token_out_of_requests() -> None:
    where = addresses("192.0.2.7", 8765, "geheim")
    assert where.join == "http://192.0.2.7:8765/mitmachen"
    assert where.leader.endswith("/_workshop/leitung#schluessel=geheim")  # a fragment is never sent


def test_the_course_marks_two_or_three_poll_questions_per_module() -> None:
    catalogue = load_catalogue(ROOT)
    polled = {m.id: [q.id for q in m.questions if not q.id.split("/")[1].startswith("_")] for m in catalogue.modules}
    assert polled and all(2 <= len(ids) <= 3 for ids in polled.values()), polled
