"""make bench, part "notebook": a notebook's first output in the course's JupyterLite and in a stock one."""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext, Playwright, sync_playwright

from ..lite import KURSLAB, PYODIDE_FILES, kernel_wheels, notebook_path, stage_pyodide, write_notebook_folder
from ..serve import Served, compressible, encoded_size
from .browser import QUIET_CHROMIUM, RequestRecorder, chromium_path
from .harness import Visit, folder_bytes, run, serving

NOTEBOOK_RUNS = 2  # keeps --nur notebook near 1–2 minutes; raise with --laeufe
NOTEBOOK_SOURCE = Path("exercises") / "notebooks" / "mooc-trichter.ipynb"  # in the course folder
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
# Stock apart from what running offline needs: no CDN for Pyodide, no PyPI.
STOCK_LITE_CONFIG = {
    "jupyter-lite-schema-version": 0,
    "jupyter-config-data": {
        "litePluginSettings": {
            KERNEL_PLUGIN: {"pyodideUrl": "./static/pyodide/pyodide.mjs", "disablePyPIFallback": True}
        }
    },
}


def precompress_app(folder: Path) -> int:
    """Fill the server's gzip cache ahead of the timed visits, as a server with ready .gz files would be.

    Source maps are skipped: a browser fetches them only with developer tools open.
    """
    files = [p for p in folder.rglob("*") if p.is_file() and p.suffix != ".map" and compressible(p)]
    for path in files:
        encoded_size(path)
    return len(files)


def notebook_url(root: Path) -> str:
    return "/lite/notebooks/index.html?path=" + notebook_path(root, root / NOTEBOOK_SOURCE)


def build_stock_lite(root: Path, work: Path) -> tuple[Path, float]:
    """A stock JupyterLite (default apps, source maps kept) with the course's Pyodide, kernel wheels and
    notebook folder; returns the folder to serve (the app sits in its lite/) and the build's seconds."""
    bin_dir = Path(sys.executable).parent
    lite_dir = work / "stock-lite"
    stage_pyodide(root, lite_dir / "static" / "pyodide", kernel_wheels(root), work, compiled=False)
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(STOCK_LITE_CONFIG, indent=2), "utf-8")
    # The notebook folder as in the course, but the helper package as sources beside it (the stock way).
    contents = work / "stock-contents"
    folder = write_notebook_folder(root, root / NOTEBOOK_SOURCE, contents).parent
    shutil.copytree(root / KURSLAB / "kurslab", folder / "kurslab")
    served = work / "stock-site"
    start = time.perf_counter()
    run(
        [str(bin_dir / "jupyter"), "lite", "build", "--contents", str(contents), "--output-dir", str(served / "lite")],
        lite_dir,
    )
    return served, time.perf_counter() - start


def first_output(context: BrowserContext, base: str, log: list[Served], notebook: str) -> Visit:
    """Open ``notebook`` (its URL path), run its first code cell, and stop the clock at the cell's first output."""
    url = base + notebook
    page = context.new_page()
    log.clear()
    start = time.perf_counter()
    page.goto(url)
    page.locator(".jp-Notebook").wait_for(timeout=120_000)
    page.locator(".jp-CodeCell").first.click()
    page.keyboard.press("Shift+Enter")
    output = page.locator(".jp-OutputArea-output").first
    output.wait_for(timeout=120_000)
    seconds = time.perf_counter() - start
    served = list(log)  # what the server answered up to the first output
    text = output.inner_text()
    page.close()
    if "Error" in text or "Traceback" in text:  # a failing cell would make the time meaningless
        sys.exit(f"Die erste Zelle lieferte einen Fehler statt einer Ausgabe ({url}):\n{text[:500]}")
    return Visit(
        seconds=seconds,
        requests=len(served),
        revalidated=sum(s.status == 304 for s in served),
        raw=sum(s.file_bytes for s in served if s.status == 200),
        sent=sum(s.body_bytes for s in served),
    )


def cold_and_warm(
    pw: Playwright, base: str, log: list[Served], recorder: RequestRecorder, notebook: str
) -> tuple[Visit, Visit]:
    """A visit with an empty browser profile, then a second visit with the same profile."""
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=chromium_path(), args=[*QUIET_CHROMIUM, f"--proxy-server={recorder.url}"]
        )
        try:
            return first_output(context, base, log, notebook), first_output(context, base, log, notebook)
        finally:
            context.close()


@dataclass
class NotebookFigures:
    cold: list[Visit]
    warm: list[Visit]
    foreign: int


def notebook_bench(sites: dict[str, Path], runs: int, notebook: str) -> dict[str, NotebookFigures]:
    """Cold and warm visits, runs interleaved across the sites so drift in machine speed hits all alike."""
    figures = {name: NotebookFigures([], [], 0) for name in sites}
    recorder = RequestRecorder()
    with ExitStack() as stack, sync_playwright() as pw:
        servers = {name: stack.enter_context(serving(site)) for name, site in sites.items()}
        for _ in range(runs):
            for name, (base, log) in servers.items():
                recorder.requests.clear()
                cold, warm = cold_and_warm(pw, base, log, recorder, notebook)
                figures[name].cold.append(cold)
                figures[name].warm.append(warm)
                figures[name].foreign += len(recorder.requests)
    recorder.close()
    return figures


def notebook_part(root: Path, site: Path, work: Path, runs: int) -> float | None:
    """Time to the first cell output and bytes sent, against a stock JupyterLite with the same notebook."""
    path = notebook_path(root, root / NOTEBOOK_SOURCE)
    print(f"\nNotebook im Browser: {notebook_url(root)}", flush=True)
    if not (site / "lite" / "files" / path).is_file():
        print(f"  {site}/lite/files/{path} fehlt: Ist die Website älter als das Notebook? Erst „make site“ ausführen.")
        return None
    stock_site, stock_build = build_stock_lite(root, work)
    start = time.perf_counter()
    primed = sum(precompress_app(root / "lite") for root in (site, stock_site))
    primed_seconds = time.perf_counter() - start
    figures = notebook_bench({"Kurs": site, "Standard-JupyterLite": stock_site}, runs, notebook_url(root))
    # The Pyodide core as npm ships it (the stock app's copy; the course's standard library is precompiled).
    core = sum(encoded_size(stock_site / "lite" / "static" / "pyodide" / name) for name in PYODIDE_FILES)

    print(f"  Zeit vom Aufruf bis zur ersten Zellausgabe, Median aus {runs} Läufen; je Lauf ein leeres Profil (kalt),")
    print("  dann ein zweiter Besuch mit demselben Profil (warm). Bytes zählt der Server beim Senden:")
    print("  roh = Dateigrößen der 200-Antworten, gesendet = Antwortkörper wie übertragen (gzip -6 für Text).")
    print(
        f"  Standard-JupyterLite: gleiche Pyodide-Dateien, Kernel-Pakete und Notebook-Ordner, Standard-Apps,"
        f" Source-Maps behalten; jupyter lite build {stock_build:.1f} s, Ausgabe"
        f" {folder_bytes(stock_site) / 2**20:.1f} MB (Kurs: {folder_bytes(site / 'lite') / 2**20:.1f} MB)."
    )
    print(
        f"  Vorab komprimiert wie bei einem Server mit fertigen .gz-Dateien: {primed} Dateien in"
        f" {primed_seconds:.1f} s, nicht in den Zeiten enthalten."
    )
    print(f"\n  {'':32} {'Median':>7}  {'Läufe':<20} {'Anfragen':>8} {'davon 304':>9} {'roh':>10} {'gesendet':>10}")
    for name, figure in figures.items():
        for label, visits in (("kalt", figure.cold), ("warm", figure.warm)):
            seconds = [v.seconds for v in visits]
            print(
                f"  {name + ', ' + label:32} {statistics.median(seconds):5.1f} s  "
                f"{', '.join(f'{t:.1f}' for t in seconds):<20} "
                f"{statistics.median_low([v.requests for v in visits]):8d} "
                f"{statistics.median_low([v.revalidated for v in visits]):9d} "
                f"{statistics.median_low([v.raw for v in visits]) / 2**20:7.1f} MB "
                f"{statistics.median_low([v.sent for v in visits]) / 2**20:7.1f} MB"
            )
    ours, stock = figures["Kurs"], figures["Standard-JupyterLite"]
    ours_cold = statistics.median(v.seconds for v in ours.cold)
    stock_cold = statistics.median(v.seconds for v in stock.cold)
    ours_warm = statistics.median(v.seconds for v in ours.warm)
    sent = statistics.median_low([v.sent for v in ours.cold])
    print(f"\n  Kalt, Kurs / Standard-JupyterLite    {ours_cold / stock_cold:5.2f} x  (Ziel ≤ 0.5 x)")
    print(f"  Warm, Kurs                           {ours_warm:5.1f} s  (Ziel ≤ 2 s)")
    print(
        f"  Kalt gesendet, Kurs / Pyodide-Kern   {sent / core:5.2f} x  (Ziel ≤ 1.3 x;"
        f" {sent / 2**20:.1f} MB zu {core / 2**20:.1f} MB für {', '.join(PYODIDE_FILES)} aus npm, gesendet)"
    )
    print(f"  Anfragen an fremde Hosts             Kurs {ours.foreign}, Standard-JupyterLite {stock.foreign}")
    return ours_cold
