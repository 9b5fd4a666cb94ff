"""Load test of the live poll (scripts/bench.py --nur workshop); prints figures, asserts nothing.

Goals (issue 15): 60 participants join and answer one question within 5 s, then 200 answers a
second for 30 s without an error, p95 answer latency <= 150 ms, results on the facilitator's
screen within 1 s. The service runs as its own process under Uvicorn, as with ``make workshop``;
the simulated phones join with httpx async clients, each with its own cookie (device), and
answer in the sustained phase over plain keep-alive connections (see Phone).
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from .catalogue import load_catalogue
from .store import DB_NAME

PARTICIPANTS = 60
RATE = 200  # answers a second in the second phase
DURATION = float(os.environ.get("WORKSHOP_BENCH_SECONDS", 30))

SERVICE = """
import sys
from pathlib import Path
import uvicorn
from coursekit.workshopserver.app import create_app
from coursekit.workshopserver.catalogue import load_catalogue
from coursekit.workshopserver.store import Store
root, folder, port = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
app = create_app(Store(folder), load_catalogue(root))
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
"""


@dataclass
class Listener:
    """The facilitator's screen: when each result update arrived and how many answers it counted."""

    events: list[tuple[float, int]] = field(default_factory=list)

    async def follow(self, client: httpx.AsyncClient, question: str) -> None:
        async with client.stream("GET", f"/_workshop/api/leitung/ereignisse?frage={question}") as response:
            async for line in response.aiter_lines():
                if line.startswith("data: "):
                    count = json.loads(line[6:])["ergebnis"]["anzahl"]
                    self.events.append((time.perf_counter(), count))

    def first_at_least(self, count: int, after: float) -> float | None:
        return next((t for t, n in self.events if n >= count and t >= after), None)

    def first_after(self, moment: float) -> float | None:
        return next((t for t, _ in self.events if t >= moment), None)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else float("nan")


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _memory_mb(pid: int) -> tuple[float, float]:
    """(resident now, peak) of the service process in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        fields[name] = value.split()[0] if value.split() else "0"
    return int(fields.get("VmRSS", 0)) / 1024, int(fields.get("VmHWM", 0)) / 1024


class Phone:
    """A participant's keep-alive connection for the sustained phase: plain HTTP/1.1 over asyncio.

    httpx costs about 4 ms of CPU a request here, so at 200 answers a second the load generator,
    not the service, ran out of CPU on this shared 2-core machine; this costs a tenth of that.
    One request at a time per phone, as on a real phone; waiting for the connection counts.
    """

    def __init__(self, host: str, port: int, cookie: str) -> None:
        self.host, self.port, self.cookie = host, port, cookie
        self.lock = asyncio.Lock()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, data: object) -> int:
        body = json.dumps(data).encode()
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nCookie: {self.cookie}\r\n\r\n"
        )
        async with self.lock:
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            assert self.reader is not None
            self.writer.write(head.encode() + body)
            status = int((await self.reader.readline()).split()[1])
            length = 0
            while (line := await self.reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await self.reader.readexactly(length)
            return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def _post_answer(phone: Phone, question: str, value: int) -> tuple[float, float, int]:
    start = time.perf_counter()
    try:
        status = await phone.post("/_workshop/api/antwort", {"frage": question, "antwort": value})
    except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
        status = 0
    end = time.perf_counter()
    return end - start, end, status


async def _answer(client: httpx.AsyncClient, question: str, value: int) -> tuple[float, float, int]:
    start = time.perf_counter()
    try:
        response = await client.post("/_workshop/api/antwort", json={"frage": question, "antwort": value})
        status = response.status_code
    except httpx.HTTPError:
        status = 0
    end = time.perf_counter()
    return end - start, end, status


async def _drive(base: str, token: str, question: str, choices: int) -> dict[str, float]:
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    leader = httpx.AsyncClient(base_url=base, headers={"X-Workshop-Token": token}, timeout=10)
    phones = [httpx.AsyncClient(base_url=base, limits=limits, timeout=10) for _ in range(PARTICIPANTS)]
    listener = Listener()
    try:
        opened = await leader.post("/_workshop/api/leitung/aktion", json={"frage": question, "aktion": "oeffnen"})
        opened.raise_for_status()
        watch = asyncio.create_task(listener.follow(leader, question))
        await asyncio.sleep(0.3)

        async def join_and_answer(phone: httpx.AsyncClient) -> tuple[float, float, int]:
            page = await phone.get("/mitmachen")
            current = await phone.get("/_workshop/api/frage")
            if page.status_code != 200 or current.status_code != 200:
                return 0.0, time.perf_counter(), current.status_code
            return await _answer(phone, question, random.randrange(choices))

        start = time.perf_counter()
        joined = await asyncio.gather(*(join_and_answer(p) for p in phones))
        join_time = time.perf_counter() - start
        await asyncio.sleep(1.2)
        done_times = sorted(end for _, end, status in joined if status == 200)
        join_delays = []
        for k, done in enumerate(done_times, start=1):  # the k-th stored answer: first update counting k
            arrived = listener.first_at_least(k, 0.0)
            join_delays.append(max(0.0, (arrived if arrived is not None else math.inf) - done))
        host, port = base.removeprefix("http://").split(":")
        devices = [Phone(host, int(port), f"ck_geraet={p.cookies.get('ck_geraet')}") for p in phones]

        tasks: list[asyncio.Task[tuple[float, float, int]]] = []
        begin = time.perf_counter()
        for i in range(int(RATE * DURATION)):
            target = begin + i / RATE
            delay = target - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            device = devices[i % PARTICIPANTS]
            tasks.append(asyncio.create_task(_post_answer(device, question, random.randrange(choices))))
        results = await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - begin
        await asyncio.sleep(1.2)
        watch.cancel()
        for device in devices:
            device.close()
        sample = [end for _, end, status in results[:: RATE // 10] if status == 200]
        update_delays = [(listener.first_after(end) or math.inf) - end for end in sample]
        return {
            "join_s": join_time,
            "join_errors": sum(1 for _, _, s in joined if s != 200),
            "join_p95_ms": 1000 * _percentile([d for d, _, _ in joined], 0.95),
            "join_update_max_s": max(join_delays) if join_delays else math.inf,
            "answers": len(results),
            "rate": len(results) / elapsed,
            "errors": sum(1 for _, _, s in results if s != 200),
            "p50_ms": 1000 * _percentile([d for d, _, _ in results], 0.5),
            "p95_ms": 1000 * _percentile([d for d, _, _ in results], 0.95),
            "update_p95_s": _percentile(update_delays, 0.95),
            "update_max_s": max(update_delays) if update_delays else math.inf,
            "events": len(listener.events),
        }
    finally:
        for client in (leader, *phones):
            await client.aclose()


def run(root: Path) -> dict[str, float]:
    """Start the service for the course in ``root``, drive it, print and return the figures."""
    catalogue = load_catalogue(root)
    question = next(q for m in catalogue.modules for q in m.questions if q.kind == "single")
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="workshop-bench-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        service = subprocess.Popen([sys.executable, "-c", SERVICE, str(root), str(folder), str(port)], env=env)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/mitmachen", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or service.poll() is not None:
                    raise RuntimeError("Der Workshop-Dienst ist nicht gestartet.")
                time.sleep(0.2)
            with sqlite3.connect(folder / DB_NAME) as db:
                token = db.execute("SELECT value FROM meta WHERE key = 'token'").fetchone()[0]
            cpu_before, client_before = _cpu_seconds(service.pid), time.process_time()
            figures = asyncio.run(_drive(base, token, question.id, len(question.choices)))
            figures["service_cpu_s"] = _cpu_seconds(service.pid) - cpu_before
            figures["client_cpu_s"] = time.process_time() - client_before
            figures["rss_mb"], figures["peak_mb"] = _memory_mb(service.pid)
        finally:
            service.terminate()
            service.wait(10)
    _report(figures, question.id)
    return figures


def _report(f: dict[str, float], question: str) -> None:
    print(f"Workshop-Umfrage unter Last (Frage {question}):")
    print(
        f"  {PARTICIPANTS} Teilnehmende treten bei und antworten  {f['join_s']:5.2f} s (Ziel ≤ 5 s), "
        f"Fehler {f['join_errors']:.0f}, p95 {f['join_p95_ms']:.0f} ms"
    )
    print(f"  Ergebnis beim Beitritt auf dem Leitungsbildschirm    spätestens {f['join_update_max_s']:.2f} s")
    print(
        f"  {f['answers']:.0f} Antworten mit {f['rate']:.0f}/s               Fehler {f['errors']:.0f} (Ziel 0), "
        f"p50 {f['p50_ms']:.1f} ms, p95 {f['p95_ms']:.1f} ms (Ziel ≤ 150 ms)"
    )
    print(
        f"  Aktualisierung beim Leitungsbildschirm (SSE)        p95 {f['update_p95_s']:.2f} s, "
        f"höchstens {f['update_max_s']:.2f} s (Ziel ≤ 1 s; {f['events']:.0f} Ereignisse)"
    )
    print(
        f"  Rechenzeit: Dienst {f['service_cpu_s']:.1f} s, Lastgenerator {f['client_cpu_s']:.1f} s "
        f"(Auslastung der Maschine: {os.getloadavg()[0]:.1f})"
    )
    print(f"  Speicher des Dienstes                               {f['rss_mb']:.0f} MB (Spitze {f['peak_mb']:.0f} MB)")
