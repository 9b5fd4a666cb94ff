"""The LMS packages in a real SCORM run-time (scorm-again plays the LMS in a harness page) and with a cmi5 LRS stub.

The package's launch page runs in a frame of the harness (as in Moodle), the course in a frame of
the launch page. The tests answer questions, close the course, relaunch it with the data the
runtime kept (entry = resume) in a browser without local storage, and check what the LMS got.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, FrameLocator, Page, Route, expect

from coursekit.exports.lms import build_packages
from support.browser import ARTIFACTS, axe_violations
from support.course import ROOT, SITES
from support.lms_state import real_course, whole_course_answered
from support.server import serving
from support.xapi import xapi_problems

pytestmark = [pytest.mark.browser, pytest.mark.slow]
HARNESS = Path(__file__).resolve().parents[1] / "support" / "lms_harness"
VERSIONS = ["scorm12", "scorm2004"]
KEY = "slkurs.fortschritt.v1"


@pytest.fixture(scope="session")
def quiz_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both SCORM packages of the quiz fixture course (every question type), built once."""
    project = tmp_path_factory.mktemp("lmskurs") / "quiz"
    shutil.copytree(SITES / "quiz", project)
    built = build_packages(project / "mkdocs.yml", project / "dist", out=lambda _: None)
    return {b.version: b.path for b in built}


def harness_root(target: Path, packages: dict[str, Path]) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for file in HARNESS.iterdir():
        shutil.copy(file, target / file.name)
    (target / "scorm-again").mkdir(exist_ok=True)
    for name in ("scorm12.min.js", "scorm2004.min.js"):
        shutil.copy(ROOT / "node_modules" / "scorm-again" / "dist" / name, target / "scorm-again" / name)
    for name, package in packages.items():
        with zipfile.ZipFile(package) as archive:
            archive.extractall(target / name)
    return target


@pytest.fixture(scope="session")
def harness(quiz_packages: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return harness_root(tmp_path_factory.mktemp("lms-harness"), quiz_packages)


@pytest.fixture(scope="session")
def lms_url(harness: Path) -> Iterator[str]:
    with serving(harness) as url:
        yield url


def new_page(browser: Browser, base_url: str, request: pytest.FixtureRequest, name: str) -> Iterator[Page]:
    """A fresh browser context (empty storage); requests to other hosts are recorded."""
    context = browser.new_context(base_url=base_url, locale="de-DE")
    context.set_default_timeout(5000)
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((base_url, "data:", "blob:")) else None)
    page.foreign_requests = foreign  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        if request.node.rep_failed if hasattr(request.node, "rep_failed") else False:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{name}.png"))
        context.close()


@pytest.fixture
def lms_page(browser: Browser, lms_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from new_page(browser, lms_url, request, "lms")


@pytest.fixture
def second_page(browser: Browser, lms_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """Another browser (empty storage): what comes back must come from the LMS."""
    yield from new_page(browser, lms_url, request, "relaunch")


# --- driving the course inside the harness -------------------------------------------------------


def start(page: Page, **options: Any) -> FrameLocator:
    page.goto("/index.html")
    page.evaluate("(options) => startLms(options)", options)
    return page.frame_locator("#sco").frame_locator("#ck-lms-course")


def open_module(course: FrameLocator, module: str) -> None:
    course.locator(f"a[href$='module/{module}/index.html']").first.click()
    course.locator(".ck-quiz").scroll_into_view_if_needed()  # quiz code loads when the quiz comes near
    expect(course.locator(".ck-quiz")).to_have_attribute("data-ready", "1")


def check(course: FrameLocator, quiz: str, qid: str) -> None:
    course.locator(f"#ck-{quiz}-{qid}").get_by_role("button", name=re.compile("Antwort prüfen|Speichern")).first.click()


def answer_all_of_eins(course: FrameLocator) -> None:
    q = course.locator("#ck-eins-einfach")
    q.get_by_label("Blau").check()
    check(course, "eins", "einfach")
    q = course.locator("#ck-eins-mehrfach")
    q.get_by_label("2", exact=True).check()
    q.get_by_label("4", exact=True).check()
    check(course, "eins", "mehrfach")
    course.locator("#ck-eins-wahr").get_by_label("Stimmt", exact=True).check()
    check(course, "eins", "wahr")
    q = course.locator("#ck-eins-paare")
    q.get_by_label("Frankreich").select_option(label="Paris")
    q.get_by_label("Italien").select_option(label="Rom")
    check(course, "eins", "paare")
    q = course.locator("#ck-eins-reihe")
    for position, text in enumerate(["Seek", "Sense", "Share"]):
        while [t.strip() for t in q.locator(".ck-order-text").all_inner_texts()].index(text) > position:
            q.get_by_role("button", name=f"„{text}“ nach oben").click()
    check(course, "eins", "reihe")
    course.locator("#ck-eins-zahl").get_by_label("Ihre Zahl:").fill("3,5")
    check(course, "eins", "zahl")
    course.locator("#ck-eins-wort").get_by_label("Ihre Antwort:").fill("Seek-Sense-Share")
    check(course, "eins", "wort")


def cmi(page: Page) -> dict[str, Any]:
    data: dict[str, Any] = page.evaluate("cmi()")
    return data


def interactions(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = data["interactions"]
    return [found[k] for k in sorted(found, key=int)] if isinstance(found, dict) else list(found)


def close(page: Page) -> dict[str, Any]:
    page.evaluate("closeCourse()")
    page.wait_for_function("calls.finish > 0")
    return cmi(page)


def notice(page: Page) -> Any:
    return page.frame_locator("#sco").locator("#ck-lms-notice")


def status_of(data: dict[str, Any], version: str) -> tuple[str, ...]:
    if version == "scorm12":
        return (data["core"]["lesson_status"],)
    return (data["completion_status"], data["success_status"])


# --- tests ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_answers_reach_the_lms_and_come_back_on_relaunch(lms_page: Page, second_page: Page, version: str) -> None:
    course = start(lms_page, version=version)
    open_module(course, "eins")
    course.locator("#ck-eins-einfach").get_by_label("Blau").check()
    check(course, "eins", "einfach")
    course.locator("#ck-eins-mehrfach").get_by_label("2", exact=True).check()
    check(course, "eins", "mehrfach")
    reflection = "Ich frage künftig zuerst im Team-Kanal | und notiere, was ich gelernt habe."
    course.locator("#ck-eins-gedanke textarea").fill(reflection)
    check(course, "eins", "gedanke")
    # Each checked question is committed; wait for the last one's interaction itself, since other saves
    # (the page visited, for instance) commit too and a count of commits could be reached before it.
    lms_page.wait_for_function("() => JSON.stringify(cmi().interactions).includes('eins.gedanke')")

    data = cmi(lms_page)
    records = interactions(data)
    assert [r["id"] for r in records] == ["eins.einfach", "eins.mehrfach", "eins.gedanke"]
    response = "student_response" if version == "scorm12" else "learner_response"
    assert records[0]["type"] == "choice"
    assert records[0]["objectives"]["0"]["id"] == "ziel"
    assert records[0]["result"] == "correct"
    assert float(records[1]["result"]) == pytest.approx(0.5)  # partial credit of the first try
    assert records[2]["type"] == ("fill-in" if version == "scorm12" else "long-fill-in")
    assert records[2]["result"] == "neutral"
    assert "Team-Kanal" in records[2][response]
    # 1.5 of 9 graded points (7 in "eins", 2 in "zwei"): first tries count.
    if version == "scorm12":
        assert data["core"]["score"] == {"raw": "16.67", "min": "0", "max": "100"}
    else:
        assert (data["score"]["raw"], data["score"]["max"], data["score"]["scaled"]) == ("1.5", "9", "0.1667")
    assert status_of(data, version) in {("incomplete",), ("incomplete", "unknown")}

    saved = close(lms_page)
    assert lms_page.evaluate("calls.finish") == 1
    assert (saved["core"] if version == "scorm12" else saved)["exit"] == "suspend"
    assert len(saved["suspend_data"]) <= 4096

    course = start(second_page, version=version, saved=saved)
    course.locator(".ck-quiz").scroll_into_view_if_needed()  # resumed on the module page
    expect(course.locator(".ck-quiz")).to_have_attribute("data-ready", "1")
    expect(course.locator("#ck-eins-einfach").get_by_label("Blau")).to_be_checked()
    expect(course.locator("#ck-eins-mehrfach").get_by_label("2", exact=True)).to_be_checked()
    expect(course.locator("#ck-eins-gedanke textarea")).to_have_value(reflection)
    expect(course.locator(".ck-quiz .ck-score").first).to_contain_text("1,5 von 7 Punkten")
    course.locator("#ck-eins-wahr").get_by_label("Stimmt", exact=True).check()
    check(course, "eins", "wahr")
    # Other commits (the launch, the page visit) may come first: wait for the one with this answer.
    second_page.wait_for_function("() => JSON.stringify(cmi().interactions).includes('eins.wahr')")
    ids = [r["id"] for r in interactions(cmi(second_page))]
    assert ids.count("eins.wahr") == 1
    assert ids.count("eins.einfach") == 1  # reported in the first session, not again
    expect(notice(second_page)).to_be_empty()


@pytest.mark.parametrize("version", VERSIONS)
def test_all_modules_passed_completes_the_course(lms_page: Page, version: str) -> None:
    course = start(lms_page, version=version)
    open_module(course, "eins")
    answer_all_of_eins(course)
    lms_page.wait_for_function("calls.commit >= 8")
    assert status_of(cmi(lms_page), version) in {("incomplete",), ("incomplete", "unknown")}  # "zwei" is still open
    open_module(course, "zwei")
    course.locator("#ck-zwei-angriff .ck-option").filter(has_text="fett").locator("input").check()
    check(course, "zwei", "angriff")
    course.locator("#ck-zwei-keine").get_by_label("Keine der genannten").check()
    check(course, "zwei", "keine")
    lms_page.wait_for_function("() => JSON.stringify(cmi().interactions).includes('zwei.keine')")
    data = close(lms_page)
    assert status_of(data, version) in {("passed",), ("completed", "passed")}
    score = data["core"]["score"]["raw"] if version == "scorm12" else data["score"]["scaled"]
    assert score in {"100", "1"}
    assert len(interactions(data)) == 9


@pytest.mark.parametrize("version", VERSIONS)
def test_commit_errors_keep_the_course_working_and_are_retried(lms_page: Page, version: str) -> None:
    sent: list[dict[str, Any]] = []
    failing = {"on": True}

    def lms_server(route: Route) -> None:
        if failing["on"]:
            route.fulfill(status=503, body="Wartung")
            return
        sent.append(json.loads(route.request.post_data or "{}"))
        route.fulfill(status=200, content_type="application/json", body='{"result": true, "errorCode": 0}')

    lms_page.route("**/lms-commit", lms_server)
    course = start(lms_page, version=version, commitUrl="/lms-commit")
    open_module(course, "eins")
    course.locator("#ck-eins-einfach").get_by_label("Blau").check()
    check(course, "eins", "einfach")
    expect(notice(lms_page)).to_contain_text("nicht angenommen")
    course.locator("#ck-eins-wahr").get_by_label("Stimmt", exact=True).check()
    check(course, "eins", "wahr")
    expect(course.locator("#ck-eins-wahr .ck-status")).to_have_text("Richtig.")  # the course works on
    stored = json.loads(course.locator("body").evaluate(f"() => localStorage.getItem('{KEY}')"))
    assert set(stored["quizzes"]["eins"]) == {"einfach", "wahr"}
    failing["on"] = False
    course.locator("#ck-eins-zahl").get_by_label("Ihre Zahl:").fill("3,5")
    check(course, "eins", "zahl")
    lms_page.wait_for_function("calls.commit >= 4")
    expect(notice(lms_page).locator("p")).to_have_count(1)  # told once
    last = sent[-1]["cmi"]
    assert {r["id"] for r in last["interactions"].values()} >= {"eins.einfach", "eins.wahr", "eins.zahl"}
    assert len(last["suspend_data"].split("|")) >= 7  # the answers of the failed commits went with it


@pytest.mark.parametrize("version", VERSIONS)
def test_an_lms_that_never_answers(lms_page: Page, version: str) -> None:
    lms_page.route("**/lms-commit", lambda route: route.abort("timedout"))
    course = start(lms_page, version=version, commitUrl="/lms-commit")
    open_module(course, "eins")
    course.locator("#ck-eins-einfach").get_by_label("Blau").check()
    check(course, "eins", "einfach")
    expect(notice(lms_page)).to_contain_text("nicht angenommen")
    expect(course.locator("#ck-eins-einfach .ck-status")).to_have_text("Richtig.")


@pytest.mark.parametrize("version", VERSIONS)
def test_an_lms_api_without_answers(lms_page: Page, version: str) -> None:
    course = start(lms_page, version=version, broken=True)
    expect(notice(lms_page)).to_contain_text("antwortet gerade nicht")
    open_module(course, "eins")
    course.locator("#ck-eins-einfach").get_by_label("Blau").check()
    check(course, "eins", "einfach")
    expect(course.locator("#ck-eins-einfach .ck-status")).to_have_text("Richtig.")
    expect(notice(lms_page).locator("p")).to_have_count(1)
    stored = json.loads(course.locator("body").evaluate(f"() => localStorage.getItem('{KEY}')"))
    assert stored["quizzes"]["eins"]["einfach"]["checked"] is True


def test_texts_say_that_answers_go_to_the_lms(lms_page: Page) -> None:
    course = start(lms_page, version="scorm12")
    open_module(course, "eins")
    intro = course.locator(".ck-quiz-intro")
    expect(intro).to_contain_text("Ihre Antworten gehen an Ihre Lernplattform.")
    expect(intro).not_to_contain_text("Browser")
    expect(course.locator("#ck-eins-gedanke .ck-hint")).to_have_text(
        "Offene Frage ohne Bewertung; "
        "Ihre Antwort steht in Ihrem Lernjournal und wird an Ihre Lernplattform übermittelt."
    )
    expect(course.locator(".ck-type-task .ck-hint").first).to_contain_text("an Ihre Lernplattform übermittelt")
    course.locator("a[href$='fortschritt/index.html']").first.click()  # instant navigation: a new page, same frame
    progress = course.locator(".ck-progress")
    expect(progress).to_contain_text("werden an Ihre Lernplattform übermittelt und dort gespeichert")
    expect(progress).not_to_contain_text("Ihr Fortschritt liegt nur in diesem Browser")


def test_package_without_an_lms_is_the_normal_site(lms_page: Page) -> None:
    lms_page.goto("/scorm12/lms-start.html")
    lms_page.wait_for_url(re.compile(r"/scorm12/index\.html$"))
    lms_page.locator("a[href$='module/eins/index.html']").first.click()
    expect(lms_page.locator(".ck-quiz-intro")).to_contain_text("Ihre Antworten bleiben nur in diesem Browser.")
    q = lms_page.locator("#ck-eins-einfach")
    q.get_by_label("Blau").check()
    q.get_by_role("button", name="Antwort prüfen").click()
    expect(q.locator(".ck-status")).to_have_text("Richtig.")
    stored = json.loads(lms_page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert "einfach" in stored["quizzes"]["eins"]
    assert lms_page.foreign_requests == []  # type: ignore[attr-defined]


def test_launch_page_is_accessible(lms_page: Page) -> None:
    start(lms_page, broken=True)
    expect(notice(lms_page)).not_to_be_empty()
    frame = lms_page.frame_locator("#sco").locator("html").element_handle().owner_frame()
    assert frame is not None
    assert axe_violations(frame) == []  # type: ignore[arg-type]


def broken_links(package: Path) -> list[str]:
    """Relative links of the package's pages (outside the Python runtime) that name no file in it."""
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        assert "imsmanifest.xml" in names and "lms-start.html" in names
        assert not any(n.startswith("_server/") for n in names)
        broken = []
        for name in sorted(n for n in names if n.endswith(".html") and not n.startswith("lite/")):
            html = archive.read(name).decode("utf-8")
            for url in re.findall(r"""\s(?:href|src)=["']([^"'#?]+)""", html):
                if re.match(r"^[a-z][a-z0-9+.-]*:|^/", url):
                    continue
                target = urlsplit(urljoin(f"http://x/{name}", url)).path.lstrip("/")
                if target not in names:
                    broken.append(f"{name}: {url}")
        return broken


def test_every_link_in_the_package_names_a_file(quiz_packages: dict[str, Path]) -> None:
    assert broken_links(quiz_packages["scorm12"]) == []


# --- the real course: the whole course answered must fit SCORM 1.2's 4,096 characters ------------


@pytest.fixture(scope="session")
def real_lms_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    dist = tmp_path_factory.mktemp("lms-real-dist")
    built = build_packages(ROOT / "mkdocs.yml", dist, versions=("scorm12",), site=built_site, out=lambda _: None)
    small = build_packages(
        ROOT / "mkdocs.yml", dist, versions=("scorm12",), with_runtime=False, site=built_site, out=lambda _: None
    )
    assert small[0].size < built[0].size / 3  # the Python runtime is most of the package
    assert broken_links(built[0].path) == []
    assert broken_links(small[0].path) == []  # no link into the left-out runtime
    root = harness_root(tmp_path_factory.mktemp("lms-real"), {"kurs": built[0].path})
    with serving(root) as url:
        yield url


def test_whole_real_course_resumes_within_4096_characters(
    browser: Browser, real_lms_url: str, request: pytest.FixtureRequest
) -> None:
    data, ordered = real_course()
    state = whole_course_answered(data, ordered, text=1500)  # long reflections and drafts everywhere
    for page in new_page(browser, real_lms_url, request, "erster-start"):
        page.goto("/index.html")
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(state)])
        start(page, version="scorm12", pkg="kurs")
        page.wait_for_function("calls.commit >= 1")
        expect(notice(page)).to_contain_text("passen nicht in den Speicherplatz")
        saved = close(page)
        # scorm-again takes 64,000 characters in SCORM 1.2 too; real LMSs cut at 4,096.
        assert len(saved["suspend_data"]) <= 4096
        assert len(interactions(saved)) == len(ordered)
    for page in new_page(browser, real_lms_url, request, "zweiter-start"):
        course = start(page, version="scorm12", pkg="kurs", saved=saved)
        page.wait_for_function("calls.commit >= 1")
        restored = json.loads(course.locator("body").evaluate(f"() => localStorage.getItem('{KEY}')"))
        graded = 0
        for quiz_id, entries in state["quizzes"].items():
            for qid, entry in entries.items():
                if entry["first"] is None:
                    continue
                back = restored["quizzes"][quiz_id][qid]
                assert (back["answer"], back["first"]) == (entry["answer"], pytest.approx(entry["first"])), qid
                graded += 1
        assert graded > 50
        expect(notice(page)).to_be_empty()  # the learner was told once, in the first session


# --- cmi5: the package against a small LRS stub (fetch URL, State and Statements APIs) -----------

CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVE_ON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
ACTOR = {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "lernende-17"}}
ACTIVITY = "https://lms.example.org/au/4711"
REGISTRATION = "6d3b1b56-7c9e-4a59-9f1e-0a4c2b1d9e10"


class Lrs:
    """An LRS as the LMS runs it for one registration, in memory; every request is checked as it comes."""

    def __init__(self) -> None:
        self.states: dict[str, Any] = {}
        self.statements: list[dict[str, Any]] = []
        self.problems: list[str] = []
        self.session = 0
        self.token = ""
        self.fetched = False

    def new_session(self) -> str:
        """What the LMS does before each launch: LaunchData with a new session ID, a one-time fetch URL."""
        self.session += 1
        self.token = f"dG9rZW4tc2l0enVuZy0{self.session}"
        self.fetched = False
        self.states["LMS.LaunchData"] = {
            "contextTemplate": {
                "contextActivities": {"grouping": [{"id": "urn:coursekit:quizkurs:kurs"}]},
                "extensions": {SESSION: f"sitzung-{self.session}"},
            },
            "launchMode": "Normal",
            "moveOn": "CompletedAndPassed",
        }
        query = {
            "endpoint": "/lrs/",
            "fetch": f"/lrs/fetch?sitzung={self.session}",
            "registration": REGISTRATION,
            "activityId": ACTIVITY,
            "actor": json.dumps(ACTOR),
        }
        return "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in query.items())

    def answer(self, method: str, target: str, authorization: str | None, body: str) -> tuple[int, Any]:
        """One request to the LRS -> (status, JSON body or None)."""
        url = urlsplit(target)
        if url.path == "/lrs/fetch":
            if method != "POST":
                self.problems.append(f"fetch mit {method}")
            again = {"error-code": "1", "error-text": "schon geholt"}
            token = again if self.fetched else {"auth-token": self.token}
            self.fetched = True
            return 200, token
        if authorization != f"Basic {self.token}":
            self.problems.append(f"{url.path}: Authorization {authorization}")
        if url.path == "/lrs/activities/state":
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if (query.get("activityId"), query.get("registration")) != (ACTIVITY, REGISTRATION):
                self.problems.append(f"State API mit {query}")
            if json.loads(query.get("agent", "{}")) != ACTOR:
                self.problems.append("State API mit fremdem agent")
            name = query["stateId"]
            if method == "GET":
                return (200, self.states[name]) if name in self.states else (404, None)
            if name == "LMS.LaunchData":
                self.problems.append("LMS.LaunchData verändert")
            self.states[name] = json.loads(body or "null")
            return 204, None
        if url.path == "/lrs/statements" and method == "POST":
            batch = json.loads(body or "[]")
            self.statements.extend(batch)
            return 200, [s["id"] for s in batch]
        self.problems.append(f"unerwartet: {method} {url.path}")
        return 400, None

    def verbs(self) -> list[str]:
        return [s["verb"]["id"].rsplit("/", 1)[1] for s in self.statements]


def lrs_handler(lrs: Lrs, root: Path) -> type[SimpleHTTPRequestHandler]:
    """The harness's files, and the LRS under /lrs/: a real server, so that the keepalive requests a
    closing frame sends reach the LRS (Playwright does not route requests of a frame already detached)."""

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def lrs(self) -> bool:
            if not self.path.startswith("/lrs/"):
                return False
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            status, answer = lrs.answer(self.command, self.path, self.headers.get("Authorization"), body)
            payload = b"" if answer is None else json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return True

        def do_GET(self) -> None:
            if not self.lrs():
                super().do_GET()

        def do_POST(self) -> None:
            self.lrs()

        def do_PUT(self) -> None:
            self.lrs()

    return Handler


@pytest.fixture
def lrs_url(harness: Path) -> Iterator[tuple[Lrs, str]]:
    lrs = Lrs()
    server = ThreadingHTTPServer(("127.0.0.1", 0), lrs_handler(lrs, harness))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield lrs, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def lrs_pages(
    browser: Browser, lrs_url: tuple[Lrs, str], request: pytest.FixtureRequest
) -> Iterator[tuple[Page, Page]]:
    """Two browsers (each with empty storage) on the server with the LRS."""
    for first in new_page(browser, lrs_url[1], request, "lms"):
        for second in new_page(browser, lrs_url[1], request, "relaunch"):
            yield first, second


def until(page: Page, condition: Callable[[], bool], what: str, timeout: float = 15.0) -> None:
    """Let Playwright deliver events (and so run the LRS's route handler) until `condition` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"nach {timeout} s noch nicht: {what}"
        page.wait_for_timeout(50)


def settle(page: Page) -> None:
    """Wait until the launch page has reported every save so far (the cmi5 backend works asynchronously)."""
    page.wait_for_timeout(200)  # the storage events of the last saves are dispatched
    page.evaluate("async () => { await window.frames[0].ckLmsSession.busy; }")


def check_cmi5_statements(lrs: Lrs) -> None:
    """Every statement is valid xAPI (Learning Locker's validator) and meets what cmi5 adds on top
    (sections 7.1, 9.3, 9.6 of the specification: launch actor and registration, the LMS's context
    template, the cmi5 categories, one initialized first and one terminated last per session)."""
    assert lrs.statements
    assert xapi_problems(lrs.statements) == [[]] * len(lrs.statements)
    broken = json.loads(json.dumps(lrs.statements[-1]))
    broken["result"]["duration"], broken["verb"]["id"] = "zehn Minuten", "beendet"
    assert len(xapi_problems([broken])[0]) == 2  # the validator does reject what is not xAPI
    sessions: dict[str, list[str]] = {}
    for statement in lrs.statements:
        verb = statement["verb"]["id"].rsplit("/", 1)[1]
        context = statement["context"]
        categories = {c["id"] for c in context.get("contextActivities", {}).get("category", [])}
        assert statement["actor"] == ACTOR
        assert context["registration"] == REGISTRATION
        assert {"id": "urn:coursekit:quizkurs:kurs"} in context["contextActivities"]["grouping"]
        assert statement["timestamp"]  # optional in xAPI, required by cmi5 (9.7)
        sessions.setdefault(context["extensions"][SESSION], []).append(verb)
        if verb == "answered":
            assert CMI5 not in categories  # "cmi5 allowed", not "cmi5 defined"
            assert statement["object"]["id"].startswith(ACTIVITY + "/")
        else:
            assert CMI5 in categories and statement["object"]["id"] == ACTIVITY
            assert (MOVE_ON in categories) == (verb in ("passed", "completed"))
    for verbs in sessions.values():
        assert verbs[0] == "initialized" and verbs.count("initialized") == 1
        assert verbs[-1] == "terminated" and verbs.count("terminated") == 1
    assert lrs.problems == []


def test_cmi5_package_reports_to_the_lrs_and_resumes(lrs_url: tuple[Lrs, str], lrs_pages: tuple[Page, Page]) -> None:
    lrs = lrs_url[0]
    lms_page, second_page = lrs_pages
    course = start(lms_page, version="cmi5", query=lrs.new_session())
    open_module(course, "eins")
    course.locator("#ck-eins-einfach").get_by_label("Grün").check()
    check(course, "eins", "einfach")
    expect(course.locator("#ck-eins-einfach .ck-status")).to_contain_text("nicht richtig")
    settle(lms_page)
    lms_page.evaluate("closeCourse()")
    until(second_page, lambda: "terminated" in lrs.verbs(), "terminated der ersten Sitzung")
    assert lrs.verbs() == ["initialized", "answered", "terminated"]
    answered = lrs.statements[1]
    assert answered["object"]["definition"]["interactionType"] == "choice"
    assert answered["result"]["success"] is False and answered["result"]["score"]["scaled"] == 0
    assert lrs.statements[2]["result"]["duration"].startswith("PT")

    course = start(second_page, version="cmi5", query=lrs.new_session())
    course.locator(".ck-quiz").scroll_into_view_if_needed()  # resumed on the module page, from the LRS
    expect(course.locator(".ck-quiz")).to_have_attribute("data-ready", "1")
    expect(course.locator("#ck-eins-einfach").get_by_label("Grün")).to_be_checked()
    answer_all_of_eins(course)  # "einfach" keeps its first, wrong try
    open_module(course, "zwei")
    course.locator("#ck-zwei-angriff .ck-option").filter(has_text="fett").locator("input").check()
    check(course, "zwei", "angriff")
    course.locator("#ck-zwei-keine").get_by_label("Keine der genannten").check()
    check(course, "zwei", "keine")
    settle(second_page)
    second_page.evaluate("closeCourse()")
    until(second_page, lambda: lrs.verbs().count("terminated") == 2, "terminated der zweiten Sitzung")
    verbs = lrs.verbs()[3:]  # the second session
    assert verbs[0] == "initialized" and verbs[-1] == "terminated"
    assert verbs.count("answered") == 9  # "einfach" again (a new answer), the six other graded ones, "zwei" twice
    # 6 of 7 in "eins" (86 %) and 1 of 2 in "zwei" (threshold 50 %) already: every module passed.
    assert verbs.count("passed") == 1 and verbs.count("completed") == 1
    passed = next(s for s in lrs.statements if s["verb"]["id"].endswith("/passed"))
    assert passed["result"]["success"] is True and passed["result"]["score"]["max"] == 9
    assert passed["result"]["score"]["raw"] == 7  # the score when the course was passed
    check_cmi5_statements(lrs)
    assert "einfach" in lrs.states["kurs.fortschritt"]["state"]["quizzes"]["eins"]
