"""make bench, part "seite": build time, first-load page weight and quiz start against stock mkdocs-material."""

from __future__ import annotations

import gzip
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import load_config
from playwright.sync_api import Page, sync_playwright

from .. import buildrecord
from ..plugin import preload
from .browser import QUIET_CHROMIUM, RequestRecorder, chromium_path
from .harness import serving, stock_config, timed
from .notebook import build_stock_lite

RUNS = 5
PAGE = "/module/social-learning/"
QUIZ_ANCHOR = "quiz-social-learning"  # the heading of PAGE's quiz
SETTLE_MS = 4000


@dataclass
class BuildFigures:
    changed: list[float]  # the course's build after a change to its content (caches of unchanged parts kept)
    unchanged: list[float]  # the same build again: nothing changed
    stock: list[float]


def build_times(root: Path, work: Path) -> tuple[BuildFigures, Path, Path]:
    ours_site, stock_site = work / "ours", work / "stock"
    stock_yml = work / "stock.yml"
    stock_yml.write_text(stock_config(root / "docs", stock_site), "utf-8")
    figures = BuildFigures([], [], [])
    build = [sys.executable, "scripts/build.py", "--site-dir", str(ours_site)]
    for _ in range(RUNS):  # interleaved, so drift in machine speed hits both alike
        buildrecord.forget(root, ours_site)  # as after an edit: the whole site is built again
        figures.changed.append(timed(build, root))
        figures.unchanged.append(timed(build, root))
        figures.stock.append(timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(stock_yml)], root))
    return figures, ours_site, stock_site


def build_stock_with_features(root: Path, work: Path) -> Path:
    """Stock mkdocs-material on the same Markdown with the theme features the course's mkdocs.yml switches
    on (instant navigation and the others, no web fonts): what the theme alone costs the course's pages."""
    features = load_config(str(root / "mkdocs.yml")).theme["features"]
    site, yml = work / "stock-features", work / "stock-features.yml"
    more = "  features:\n" + "".join(f"    - {feature}\n" for feature in features)
    yml.write_text(stock_config(root / "docs", site, fonts=False, more=more), "utf-8")
    timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(yml)], root)
    return site


def page_weight(site: Path, recorder: RequestRecorder) -> tuple[int, int, int, int]:
    """(requests, raw bytes, bytes sent, requests to other hosts) for a first visit of PAGE."""
    recorder.requests.clear()
    with serving(site) as (base, log), sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path(), args=[*QUIET_CHROMIUM, f"--proxy-server={recorder.url}"]
        )
        page = browser.new_context().new_page()
        page.goto(base + PAGE, wait_until="networkidle")
        page.wait_for_timeout(500)
        browser.close()
        served = list(log)
    raw = sum(s.file_bytes for s in served if s.status == 200)
    return len(served), raw, sum(s.body_bytes for s in served), len(recorder.requests)


def custom_assets(site: Path) -> list[tuple[str, int, int]]:
    """(name, raw bytes, gzip bytes) of the course's own JS and CSS as the site ships them (minified)."""
    shipped = site / "assets" / "coursekit"
    return [
        (p.name, len(p.read_bytes()), len(gzip.compress(p.read_bytes(), 6)))
        for p in sorted(shipped.iterdir())
        if p.suffix in (".js", ".css") and p.name != "editor.js"  # CodeMirror: a package, reported with the exercise
    ]


# What a module page with a quiz loads of them (course.css, course.js and the modules announced in <head>).
MODULE_PAGE_ASSETS = {"course.css", "course.js", *preload.ALWAYS}


def fresh_visits[T](site: Path, visit: Callable[[Page, str], T], runs: int = RUNS) -> list[T]:
    """``visit(page, url of PAGE)`` once per run, each in a fresh browser profile; its figures."""
    times = []
    with serving(site) as (base, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=QUIET_CHROMIUM)
        for _ in range(runs):
            page = browser.new_context().new_page()
            times.append(visit(page, base + PAGE))
            page.context.close()
        browser.close()
    return times


def dom_ready(page: Page, url: str) -> float:
    """The end of DOMContentLoaded (the theme's start included): before it, no script of any theme can make a
    quiz usable."""
    page.goto(url, wait_until="domcontentloaded")
    return float(page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"))


def quiz_interactive(page: Page, url: str) -> tuple[float, float]:
    """A first visit that follows a link to the quiz (PAGE#QUIZ_ANCHOR): milliseconds from navigation start
    until the quiz is initialised, by the page's own clock, and of these the part after DOMContentLoaded
    began (the theme's start and the course's). The driver waits for the load event, which it hears
    from the browser without running anything in the page; asking the page every 50 ms while it
    started, as before, ran the driver's scripts in it and made the figure about 0.1 s worse."""
    page.goto(f"{url}#{QUIZ_ANCHOR}", wait_until="load")
    page.wait_for_function("performance.getEntriesByName('kurs:quiz').length > 0", polling=100)
    mark = quiz_mark(page)
    return mark, mark - float(page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventStart"))


def quiz_mark(page: Page) -> float:
    """When the quiz was initialised, by the page's own clock (User Timing mark of quiz.js)."""
    return float(page.evaluate("performance.getEntriesByName('kurs:quiz').at(-1).startTime"))


def quiz_after_full_load(page: Page, url: str) -> float:
    """A later visit in the same browser that loads the whole page (a reload, a link from outside the
    course): the module overview first, then the link to the quiz as a new document, with the theme's
    and the course's files in the browser's cache; measured as ``quiz_interactive``."""
    page.goto(urljoin(url, "../"))
    page.wait_for_timeout(SETTLE_MS)
    return quiz_interactive(page, url)[0]


def quiz_after_link(page: Page, url: str) -> float:
    """In the course: on the module overview, a click on a link to the quiz of PAGE, which mkdocs-material's
    instant navigation follows without loading a new document; milliseconds from the click event until
    the quiz is initialised, both by the page's clock."""
    page.goto(urljoin(url, "../"))
    page.wait_for_timeout(SETTLE_MS)  # a learner reads before clicking: the page's own start is over
    anchor = page.evaluate(
        """(href) => {
            const link = Object.assign(document.createElement("a"), { href, textContent: "Zum Quiz" });
            document.querySelector(".md-content__inner").append(link);
            addEventListener("click", (event) => { window.kursBenchClick = event.timeStamp; }, { capture: true });
            return link.href;
        }""",
        urljoin(url, "#" + QUIZ_ANCHOR),
    )
    page.get_by_role("link", name="Zum Quiz").click()
    page.wait_for_url(anchor)
    page.locator(".ck-quiz[data-ready='1']").wait_for(state="attached")
    if page.evaluate("window.kursBenchClick") is None:
        sys.exit("Die Navigation im Kurs hat die Seite neu geladen: navigation.instant wirkt nicht.")
    return quiz_mark(page) - float(page.evaluate("window.kursBenchClick"))


def site_part(root: Path, work: Path) -> Path:
    """Build time, page weight and quiz start against stock mkdocs-material; returns the course built here."""
    builds, ours_site, stock_site = build_times(root, work)
    lite_work = work / "jupyterlite-standard"
    lite_work.mkdir()
    _, stock_lite = build_stock_lite(root, lite_work)  # what the course's build does beyond mkdocs, done the stock way
    recorder = RequestRecorder()
    ours_w = page_weight(ours_site, recorder)
    stock_w = page_weight(stock_site, recorder)
    recorder.close()
    first_visits = fresh_visits(ours_site, quiz_interactive)
    interactive = [mark for mark, _ in first_visits]
    after_ready = [part for _, part in first_visits]
    in_course = fresh_visits(ours_site, quiz_after_link)
    reloaded = fresh_visits(ours_site, quiz_after_full_load)
    ready = {
        "Kurs": fresh_visits(ours_site, dom_ready),
        "Standard-Material": fresh_visits(stock_site, dom_ready),
        "Standard-Material, Funktionen des Kurses": fresh_visits(build_stock_with_features(root, work), dom_ready),
    }
    s = statistics.median(builds.stock)
    print(f"Build (Median aus {RUNS} Läufen, jeweils ganzer Prozess; Caches der unveränderten Teile bleiben)")
    for label, times in (
        ("Kurs-Build nach einer Änderung", builds.changed),
        ("Kurs-Build, nichts geändert", builds.unchanged),
        ("mkdocs build, Standard-Material", builds.stock),
    ):
        print(f"  {label:36} {statistics.median(times):6.2f} s   Läufe: {', '.join(f'{t:.2f}' for t in times)}")
    print(f"  Verhältnis nach Änderung             {statistics.median(builds.changed) / s:6.2f} x")
    print(
        f"  Verhältnis nach Änderung zu mkdocs + Standard-JupyterLite ({stock_lite:.2f} s, ein Lauf)"
        f" {statistics.median(builds.changed) / (s + stock_lite):6.2f} x  (Ziel ≤ 1.3 x)"
    )
    print(f"  Verhältnis, nichts geändert          {statistics.median(builds.unchanged) / s:6.2f} x  (Ziel ≤ 1.3 x)")
    print(f"\nErster Aufruf von {PAGE} (frisches Profil; Bytes wie vom Server gesendet, Text mit gzip -6)")
    print(f"  {'':36} {'Anfragen':>9} {'roh':>11} {'gesendet':>11} {'fremd':>6}")
    for name, (n, raw, sent, foreign) in (("Kurs", ours_w), ("Standard-Material", stock_w)):
        print(f"  {name:36} {n:9d} {raw / 1024:8.1f} KB {sent / 1024:8.1f} KB {foreign:6d}")
    print(f"  Verhältnis gesendet                  {ours_w[2] / stock_w[2]:6.2f} x  (Ziel ≤ 1.15 x)")
    if stock_w[3]:
        print(
            f"  (Standard-Material fragt zusätzlich {stock_w[3]} fremde Hosts an, z. B. Google Fonts;"
            " deren Bytes sind hier nicht erreichbar und nicht mitgezählt.)"
        )
    assets = custom_assets(ours_site)
    print("\nEigenes JavaScript und CSS, wie ausgeliefert (minifiziert), gzip -6")
    for name, raw, packed in assets:
        print(f"  {name:36} {raw / 1024:8.1f} KB roh {packed / 1024:8.1f} KB gzip")
    total = sum(packed for _, _, packed in assets)
    print(
        f"  {'zusammen':36} {sum(r for _, r, _ in assets) / 1024:8.1f} KB roh {total / 1024:8.1f} KB gzip"
        "  (Ziel ≤ 20 KB gzip)"
    )
    on_page = sum(packed for name, _, packed in assets if name in MODULE_PAGE_ASSETS)
    print(f"  {'davon lädt eine Modulseite mit Quiz':36} {on_page / 1024:23.1f} KB gzip")
    print(f"\nQuiz bedienbar: erster Aufruf von {PAGE}#{QUIZ_ANCHOR} (Link zum Quiz, frisches Profil, {RUNS} Läufe)")
    print(
        f"  Median {statistics.median(interactive):.0f} ms   Läufe: {', '.join(f'{t:.0f}' for t in interactive)}"
        "  (Ziel ≤ 300 ms)"
    )
    print(
        f"  davon nach Beginn von DOMContentLoaded (Start des Themes, dann des Kurses): Median"
        f" {statistics.median(after_ready):.0f} ms   Läufe: {', '.join(f'{t:.0f}' for t in after_ready)}"
    )
    print(
        f"  Im Kurs, Klick auf einen Link zum Quiz in der Modulübersicht (sofortige Navigation): Median"
        f" {statistics.median(in_course):.0f} ms   Läufe: {', '.join(f'{t:.0f}' for t in in_course)}  (Ziel ≤ 300 ms)"
    )
    print(
        f"  Später im selben Browser, Seite ganz geladen (Cache warm, ohne sofortige Navigation): Median"
        f" {statistics.median(reloaded):.0f} ms   Läufe: {', '.join(f'{t:.0f}' for t in reloaded)}  (Ziel ≤ 300 ms)"
    )
    print(
        "  Zum Vergleich das Ende von DOMContentLoaded derselben Seite (davor macht kein Skript eines Themes etwas"
        " bedienbar; Funktionen des Kurses: theme.features aus mkdocs.yml, ohne Webfonts):"
    )
    for name, times in ready.items():
        print(f"  {name:42} {statistics.median(times):6.0f} ms   Läufe: {', '.join(f'{t:.0f}' for t in times)}")
    return ours_site
