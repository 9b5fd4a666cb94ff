#!/usr/bin/env python3
"""make bench: build time and first-load page weight, side by side with stock mkdocs-material.

Prints figures; asserts nothing. Goals (issue 2): build time <= 1.3x, compressed bytes <= 1.15x.
"""

from __future__ import annotations

import functools
import gzip
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Request, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from coursekit.serve import make_server  # noqa: E402
from support.browser import QUIET_CHROMIUM, chromium_path  # noqa: E402
from support.recorder import RequestRecorder  # noqa: E402

RUNS = 5
PAGE = "/module/social-learning/"
STOCK_CONFIG = """\
site_name: Stock
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  language: de
"""


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def build_times(work: Path) -> tuple[list[float], list[float], Path, Path]:
    ours_site, stock_site = work / "ours", work / "stock"
    stock_yml = work / "stock.yml"
    stock_yml.write_text(STOCK_CONFIG.format(docs=ROOT / "docs", site=stock_site), "utf-8")
    ours: list[float] = []
    stock: list[float] = []
    for _ in range(RUNS):  # interleaved, so drift in machine speed hits both alike
        ours.append(timed([sys.executable, "scripts/build.py", "--site-dir", str(ours_site)]))
        stock.append(timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(stock_yml)]))
    return ours, stock, ours_site, stock_site


def page_weight(site: Path, recorder: RequestRecorder) -> tuple[int, int, int, int]:
    """(requests, raw bytes, gzip bytes, requests to other hosts) for a first visit of PAGE."""
    server = make_server(site, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    bodies: list[bytes] = []
    recorder.requests.clear()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path(), args=[*QUIET_CHROMIUM, f"--proxy-server={recorder.url}"]
        )
        page = browser.new_context().new_page()
        page.on("response", lambda r: bodies.append(r.body()) if r.url.startswith(base) else None)
        page.goto(base + PAGE, wait_until="networkidle")
        page.wait_for_timeout(500)
        browser.close()
    server.shutdown()
    server.server_close()
    raw = sum(len(b) for b in bodies)
    packed = sum(len(gzip.compress(b, 6)) for b in bodies)
    return len(bodies), raw, packed, len(recorder.requests)


def custom_assets() -> list[tuple[str, int, int]]:
    """(name, raw bytes, gzip bytes) of the course's own JS and CSS."""
    assets = ROOT / "src" / "coursekit" / "assets"
    return [
        (p.name, len(p.read_bytes()), len(gzip.compress(p.read_bytes(), 6)))
        for p in sorted(assets.iterdir())
        if p.suffix in (".js", ".css")
    ]


def quiz_interactive_ms(site: Path, runs: int = RUNS) -> list[float]:
    """Time from navigation start until the quiz on PAGE is initialised, per fresh visit."""
    server = make_server(site, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    times = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=QUIET_CHROMIUM)
        for _ in range(runs):
            page = browser.new_context().new_page()
            page.goto(base + PAGE, wait_until="commit")
            page.wait_for_function("document.querySelector('.ck-quiz')?.dataset.ready === '1'")
            times.append(page.evaluate("performance.now()"))
            page.context.close()
        browser.close()
    server.shutdown()
    server.server_close()
    return times


NOTEBOOK = "/lite/notebooks/index.html?path=mooc-trichter.ipynb"


@functools.cache
def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def notebook_first_output(site: Path) -> list[tuple[str, float, int, int]]:
    """(visit, seconds to the first cell output, raw bytes, gzip bytes) for a cold and a warm visit."""
    if not (site / "lite" / "notebooks" / "index.html").is_file():
        return []
    server = make_server(site, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    results = []
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
        context = pw.chromium.launch_persistent_context(profile, executable_path=chromium_path(), args=QUIET_CHROMIUM)
        for visit in ("kalt (leeres Profil)", "warm (zweiter Besuch)"):
            fetched: list[str] = []  # paths the server sent in full (a revalidated cache hit is a 304)

            def record(request: Request, seen: list[str] = fetched) -> None:
                response = request.response()
                served = response is not None and response.status == 200 and not response.from_service_worker
                if served and request.url.startswith(base):
                    seen.append(urlsplit(request.url).path)

            context.on("requestfinished", record)
            page = context.new_page()
            start = time.perf_counter()
            page.goto(base + NOTEBOOK)
            page.locator(".jp-Notebook").wait_for(timeout=120_000)
            page.locator(".jp-CodeCell").first.click()
            page.keyboard.press("Shift+Enter")
            page.locator(".jp-OutputArea-output").first.wait_for(timeout=120_000)
            elapsed = time.perf_counter() - start
            files = [site / unquote(path.lstrip("/")) for path in fetched]
            files = [f / "index.html" if f.is_dir() else f for f in files if f.exists()]
            raw = sum(f.stat().st_size for f in files)
            packed = sum(gzipped(f) for f in files)
            results.append((visit, elapsed, raw, packed))
            context.remove_listener("requestfinished", record)
            page.close()
        context.close()
    server.shutdown()
    server.server_close()
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours_t, stock_t, ours_site, stock_site = build_times(work)
        recorder = RequestRecorder()
        ours_w = page_weight(ours_site, recorder)
        stock_w = page_weight(stock_site, recorder)
        recorder.close()
        interactive = quiz_interactive_ms(ours_site)
        notebook = notebook_first_output(ours_site)
    o, s = statistics.median(ours_t), statistics.median(stock_t)
    print(f"Build (Median aus {RUNS} Läufen, jeweils ganzer Prozess)")
    print(f"  Kurs-Build (scripts/build.py)        {o:6.2f} s   Läufe: {', '.join(f'{t:.2f}' for t in ours_t)}")
    print(f"  mkdocs build, Standard-Material      {s:6.2f} s   Läufe: {', '.join(f'{t:.2f}' for t in stock_t)}")
    print(
        f"  Verhältnis                           {o / s:6.2f} x  (Ziel ≤ 1.3 x; "
        f"Bestwerte: {min(ours_t) / min(stock_t):.2f} x)"
    )
    print(f"\nErster Aufruf von {PAGE} (frisches Profil, gzip -6 je Antwort)")
    print(f"  {'':36} {'Anfragen':>9} {'roh':>11} {'gzip':>11} {'fremd':>6}")
    for name, (n, raw, packed, foreign) in (("Kurs", ours_w), ("Standard-Material", stock_w)):
        print(f"  {name:36} {n:9d} {raw / 1024:8.1f} KB {packed / 1024:8.1f} KB {foreign:6d}")
    print(f"  Verhältnis gzip                      {ours_w[2] / stock_w[2]:6.2f} x  (Ziel ≤ 1.15 x)")
    assets = custom_assets()
    print("\nEigenes JavaScript und CSS (Quiz, Fortschritt, Stil), gzip -6")
    for name, raw, packed in assets:
        print(f"  {name:36} {raw / 1024:8.1f} KB roh {packed / 1024:8.1f} KB gzip")
    total = sum(packed for _, _, packed in assets)
    print(
        f"  {'zusammen':36} {sum(r for _, r, _ in assets) / 1024:8.1f} KB roh {total / 1024:8.1f} KB gzip"
        "  (Ziel ≤ 20 KB gzip)"
    )
    print(f"\nQuiz bedienbar nach Seitenaufruf ({PAGE}, frisches Profil, {RUNS} Läufe)")
    print(f"  Median {statistics.median(interactive):.0f} ms   Läufe: {', '.join(f'{t:.0f}' for t in interactive)}")
    if notebook:
        print(f"\nNotebook im Browser ({NOTEBOOK}): Zeit bis zur ersten Zellausgabe, übertragene Bytes")
        for visit, seconds, raw, packed in notebook:
            print(f"  {visit:36} {seconds:6.1f} s {raw / 2**20:8.1f} MB roh {packed / 2**20:8.1f} MB gzip")
        core = sum(
            len(gzip.compress(p.read_bytes(), 6)) for p in (ours_site / "lite" / "static" / "pyodide").glob("pyodide*")
        )
        print(f"  Pyodide-Kern allein (gzip): {core / 2**20:.1f} MB")
    if stock_w[3]:
        print(
            f"  (Standard-Material fragt zusätzlich {stock_w[3]} fremde Hosts an, z. B. Google Fonts;"
            " deren Bytes sind hier nicht erreichbar und nicht mitgezählt.)"
        )


if __name__ == "__main__":
    main()
