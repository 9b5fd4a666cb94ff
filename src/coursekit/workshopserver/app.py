"""The live-poll service: a Starlette app that also serves the built course.

Participants (``/mitmachen``) get a random device cookie and see only the question that is open
and their own answer. The facilitator proves the token once (from the address's fragment, so it
never reaches a log) and gets an HttpOnly cookie; every action that changes a question or shows
other people's answers checks it. Results reach the console and the slides by server-sent events.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..security import COMMON, headers_for, load_headers
from . import pages
from .catalogue import Catalogue
from .results import Refusal, check_answer, overview
from .store import Store

STATIC = Path(__file__).parent / "static"
DEVICE_COOKIE = "ck_geraet"
LEADER_COOKIE = "ck_leitung"
PRESENT_COOKIE = "ck_workshop"  # readable by slides.js: "these slides are served by the workshop service"
MAX_BODY = 2048  # bytes of one request body
EVENT_INTERVAL = 0.2  # seconds between two result updates to one listener (at most 5 a second)
KEEPALIVE = 15.0
OWN_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
OWN_PREFIXES = ("/_workshop", "/mitmachen")


@dataclass
class Bucket:
    tokens: float
    stamp: float


@dataclass
class RateLimit:
    """Token buckets per key: ``burst`` requests at once, ``rate`` a second on average."""

    burst: float
    rate: float
    buckets: dict[str, Bucket] = field(default_factory=dict)

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        bucket = self.buckets.setdefault(key, Bucket(self.burst, now))
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True


class Hub:
    """A change counter listeners can wait on (one asyncio loop)."""

    def __init__(self) -> None:
        self.version = 0
        self._event: asyncio.Event | None = None

    def bump(self) -> None:
        self.version += 1
        if self._event is not None:
            self._event.set()
            self._event = None

    async def wait(self, seen: int, timeout: float) -> None:
        if self.version != seen:
            return
        if self._event is None:
            self._event = asyncio.Event()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), timeout)


@dataclass
class Workshop:
    store: Store
    catalogue: Catalogue
    join_url: str | None = None
    answers_hub: Hub = field(default_factory=Hub)  # every change, answers included: facilitator views
    state_hub: Hub = field(default_factory=Hub)  # question state only: participants
    device_limit: RateLimit = field(default_factory=lambda: RateLimit(burst=20, rate=10))
    join_limit: RateLimit = field(default_factory=lambda: RateLimit(burst=300, rate=30))

    def changed(self, state: bool) -> None:
        self.answers_hub.bump()
        if state:
            self.state_hub.bump()


def workshop_overview(workshop: Workshop, focus: str | None) -> dict[str, Any]:
    return overview(workshop.store, workshop.catalogue, workshop.join_url, focus)


# Request handling ----------------------------------------------------------------------------


def refuse(status: int, message: str) -> JSONResponse:
    return JSONResponse({"fehler": message}, status_code=status)


async def read_json(request: Request) -> dict[str, Any]:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise Refusal(415, "Die Anfrage muss JSON sein (Content-Type: application/json).")
    origin = request.headers.get("origin")
    if origin is not None and origin.split("://", 1)[-1] != request.headers.get("host"):
        raise Refusal(403, "Anfragen von fremden Seiten nimmt der Workshop nicht an.")
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise Refusal(413, f"Die Anfrage ist zu groß (höchstens {MAX_BODY} Byte).")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Refusal(413, f"Die Anfrage ist zu groß (höchstens {MAX_BODY} Byte).")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Refusal(400, "Die Anfrage ist kein gültiges JSON.") from None
    if not isinstance(data, dict):
        raise Refusal(400, "Die Anfrage muss ein JSON-Objekt sein.")
    return data


def is_leader(workshop: Workshop, request: Request) -> bool:
    given = request.cookies.get(LEADER_COOKIE) or request.headers.get("x-workshop-token") or ""
    return secrets.compare_digest(given.encode(), workshop.store.token.encode())


Handler = Callable[[Request], Awaitable[Response]]


def leader_only(handler: Handler) -> Handler:
    async def wrapped(request: Request) -> Response:
        if not is_leader(request.app.state.workshop, request):
            return refuse(403, "Nur die Moderation darf das (Leitungsadresse mit Schlüssel nötig).")
        try:
            return await handler(request)
        except Refusal as exc:
            return refuse(exc.status, exc.message)

    return wrapped


def participant(handler: Callable[[Request, str], Awaitable[Response]]) -> Handler:
    """Gives the handler the device token (a new one for a new device) under a rate limit."""

    async def wrapped(request: Request) -> Response:
        workshop: Workshop = request.app.state.workshop
        device = request.cookies.get(DEVICE_COOKIE, "")
        fresh = not re.fullmatch(r"[\w-]{22}", device)
        if fresh:
            if not workshop.join_limit.allow(request.client.host if request.client else "?"):
                return refuse(429, "Zu viele neue Geräte auf einmal. Bitte versuchen Sie es gleich noch einmal.")
            device = secrets.token_urlsafe(16)
        elif not workshop.device_limit.allow(device):
            return refuse(429, "Zu viele Anfragen von diesem Gerät. Bitte warten Sie einen Moment.")
        try:
            response = await handler(request, device)
        except Refusal as exc:
            response = refuse(exc.status, exc.message)
        if fresh:
            response.set_cookie(DEVICE_COOKIE, device, max_age=86400, httponly=True, samesite="strict")
        return response

    return wrapped


async def join_page(request: Request) -> Response:
    return HTMLResponse(pages.join_page())


@participant
async def current_question(request: Request, device: str) -> Response:
    workshop: Workshop = request.app.state.workshop
    current = workshop.store.current
    question = workshop.catalogue.get(current or "")
    if question is None:
        return JSONResponse({"frage": None})
    state = workshop.store.state(question.id)
    return JSONResponse(
        {
            "frage": question.public(state.revealed),
            "status": state.state,
            "eigene": workshop.store.own_answer(question.id, device),
        }
    )


@participant
async def submit_answer(request: Request, device: str) -> Response:
    workshop: Workshop = request.app.state.workshop
    data = await read_json(request)
    question = workshop.catalogue.get(str(data.get("frage", "")))
    if question is None:
        raise Refusal(404, "Diese Frage gibt es nicht.")
    if workshop.store.current != question.id or workshop.store.state(question.id).state != "offen":
        raise Refusal(409, "Diese Frage ist gerade nicht geöffnet; Antworten sind nicht mehr möglich.")
    value = check_answer(question, data.get("antwort"))
    workshop.store.answer(question.id, device, value)
    workshop.changed(state=False)
    return JSONResponse({"gespeichert": True, "eigene": value})


def event_stream(request: Request, hub: Hub, payload: Callable[[], dict[str, Any]], interval: float) -> Response:
    once = request.query_params.get("einmal") == "1"  # for tests and scripts: one event, then the end

    async def events() -> AsyncIterator[str]:
        seen = -1
        while True:
            if hub.version != seen:
                seen = hub.version
                yield f"event: stand\ndata: {json.dumps(payload(), ensure_ascii=False)}\n\n"
                if once:
                    return
                await asyncio.sleep(interval)  # a burst of answers becomes one update
            else:
                await hub.wait(seen, KEEPALIVE)
                if hub.version == seen:
                    yield ": noch da\n\n"
            if await request.is_disconnected():
                return

    return StreamingResponse(
        events(), media_type="text/event-stream", headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    )


@participant
async def participant_events(request: Request, device: str) -> Response:
    workshop: Workshop = request.app.state.workshop
    return event_stream(request, workshop.state_hub, lambda: {"version": workshop.state_hub.version}, 0.05)


async def leader_page(request: Request) -> Response:
    workshop: Workshop = request.app.state.workshop
    join = workshop.join_url or str(request.url_for("join"))
    return HTMLResponse(pages.leader_page(join))


async def leader_login(request: Request) -> Response:
    workshop: Workshop = request.app.state.workshop
    try:
        data = await read_json(request)
    except Refusal as exc:
        return refuse(exc.status, exc.message)
    token = data.get("schluessel")
    if not isinstance(token, str) or not secrets.compare_digest(token.encode(), workshop.store.token.encode()):
        await asyncio.sleep(0.5)  # guessing stays slow
        return refuse(403, "Der Schlüssel stimmt nicht. Nutzen Sie die Leitungsadresse, die „make workshop“ ausgibt.")
    response = JSONResponse({"angemeldet": True})
    response.set_cookie(LEADER_COOKIE, token, httponly=True, samesite="strict")
    response.set_cookie(PRESENT_COOKIE, "1", samesite="strict")
    return response


@leader_only
async def leader_overview(request: Request) -> Response:
    return JSONResponse(workshop_overview(request.app.state.workshop, request.query_params.get("frage")))


@leader_only
async def leader_events(request: Request) -> Response:
    workshop: Workshop = request.app.state.workshop
    focus = request.query_params.get("frage")
    return event_stream(request, workshop.answers_hub, lambda: workshop_overview(workshop, focus), EVENT_INTERVAL)


ACTIONS = ("oeffnen", "schliessen", "aufloesen", "zuruecksetzen", "wortliste", "freigeben")


@leader_only
async def leader_action(request: Request) -> Response:
    workshop: Workshop = request.app.state.workshop
    data = await read_json(request)
    question = workshop.catalogue.get(str(data.get("frage", "")))
    if question is None:
        raise Refusal(404, "Diese Frage gibt es nicht.")
    action = data.get("aktion")
    store = workshop.store
    if action == "oeffnen":
        store.open(question.id)
    elif action == "schliessen":
        store.close_question(question.id)
    elif action == "aufloesen":
        store.reveal(question.id)
    elif action == "zuruecksetzen":
        store.reset(question.id)
    elif action == "wortliste" and question.kind == "text":
        store.set_wordlist(question.id, bool(data.get("an", True)))
    elif action == "freigeben" and question.kind == "text":
        number = data.get("nr")
        if isinstance(number, bool) or not isinstance(number, int) or not store.release(question.id, number):
            raise Refusal(404, "Diesen Text gibt es nicht.")
    else:
        raise Refusal(422, f"Unbekannte Aktion. Möglich sind: {', '.join(ACTIONS)}.")
    workshop.changed(state=True)
    return JSONResponse(workshop_overview(workshop, question.id))


@leader_only
async def leader_export(request: Request) -> Response:
    csv_text = request.app.state.workshop.store.export_csv()
    return Response(
        "\ufeff" + csv_text,  # the byte order mark makes spreadsheet programs read UTF-8
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="workshop-antworten.csv"'},
    )


@leader_only
async def leader_delete(request: Request) -> Response:
    workshop: Workshop = request.app.state.workshop
    data = await read_json(request)
    if data.get("bestaetigt") is not True:
        raise Refusal(422, "Bitte bestätigen Sie das Löschen.")
    workshop.store.delete_all()
    workshop.changed(state=True)
    return JSONResponse({"geloescht": True})


# Headers -------------------------------------------------------------------------------------


class SecurityHeaders:
    """The course's headers (headers.json of the build) for the site, the service's own for its pages."""

    def __init__(self, app: Any, site_headers: dict[str, dict[str, str]]) -> None:
        self.app = app
        self.site_headers = site_headers

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith(OWN_PREFIXES):
            extra = {"Content-Security-Policy": OWN_POLICY, **COMMON}
            cache = "no-store" if path.startswith("/_workshop/api") else "no-cache"
        else:
            extra = headers_for(self.site_headers, path)
            cache = "no-cache"

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in {**extra, "Cache-Control": cache}.items():
                    if name.lower().encode() not in present:
                        headers.append((name.lower().encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(store: Store, catalogue: Catalogue, site: Path | None = None, join_url: str | None = None) -> Any:
    """The ASGI app; ``site``: the built course to serve next to the poll (None: the poll alone)."""
    workshop = Workshop(store, catalogue, join_url)
    routes = [
        Route("/mitmachen", join_page, name="join"),
        Route("/_workshop/api/frage", current_question),
        Route("/_workshop/api/antwort", submit_answer, methods=["POST"]),
        Route("/_workshop/api/ereignisse", participant_events),
        Route("/_workshop/leitung", leader_page),
        Route("/_workshop/api/leitung/anmelden", leader_login, methods=["POST"]),
        Route("/_workshop/api/leitung/stand", leader_overview),
        Route("/_workshop/api/leitung/ereignisse", leader_events),
        Route("/_workshop/api/leitung/aktion", leader_action, methods=["POST"]),
        Route("/_workshop/api/leitung/export.csv", leader_export),
        Route("/_workshop/api/leitung/alles-loeschen", leader_delete, methods=["POST"]),
        Mount("/_workshop/static", StaticFiles(directory=STATIC), name="static"),
    ]
    if site is not None:
        routes.append(Mount("/", StaticFiles(directory=site, html=True), name="site"))
    app = Starlette(routes=routes)
    app.state.workshop = workshop
    return SecurityHeaders(app, load_headers(site) if site is not None else {})
