"""`make preview` (mkdocs serve): the course's problems in every previewed page, not only in the terminal.

Each rebuild collects the content report and whatever mkdocs logs as a warning or error; every page gets
a banner with ``path:line`` and message (escaped text, no script, so the strict CSP holds), and the banner
is gone with the next rebuild after the fix. The exercises' Python and JupyterLite come from the last full
build (``make site``), because building them takes minutes; without one, the page says so.
"""

from __future__ import annotations

import html
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

from ..diagnostics import Report, Severity

# A message that starts with a place, as the course's own messages do.
PLACE_RE = re.compile(r"^(?P<place>[^\s:]+:\d+): (?P<message>.*)$", re.DOTALL)
ARTICLE = '<article class="md-content__inner md-typeset">'
LITE_LINK_RE = re.compile(r'<a class="md-button" href="(?P<href>[^"]*lite/notebooks/[^"]*)"[^>]*>[^<]*</a>')
MAX_SHOWN = 40


@dataclass(frozen=True)
class Finding:
    place: str  # "path:line", or "" for a message of mkdocs without one
    message: str
    error: bool


class Collector(logging.Handler):
    """Warnings and errors that mkdocs and other plugins log during one rebuild."""

    def __init__(self, own_logger: str) -> None:
        super().__init__(logging.WARNING)
        self.own_logger = own_logger  # the course's report reaches the banner directly, not via the log
        self.findings: list[Finding] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == self.own_logger:
            return
        self.findings.append(found(record.getMessage(), record.levelno >= logging.ERROR))


def found(text: str, error: bool) -> Finding:
    match = PLACE_RE.match(text.strip())
    if match:
        return Finding(match.group("place"), match.group("message"), error)
    return Finding("", text.strip(), error)


def from_report(report: Report) -> list[Finding]:
    return [
        Finding(f"{d.path}:{d.line}", f"{d.message} {d.hint}".strip(), d.severity is Severity.ERROR)
        for d in report.errors + report.warnings
    ]


def banner(findings: list[Finding]) -> str:
    """The banner at the top of each previewed page; empty when all is well."""
    if not findings:
        return ""
    ordered = [f for f in findings if f.error] + [f for f in findings if not f.error]
    errors = sum(1 for f in findings if f.error)
    warnings = len(findings) - errors
    counts = f"{errors} Fehler, {warnings} Warnung{'' if warnings == 1 else 'en'}"
    items = []
    for f in ordered[:MAX_SHOWN]:
        kind = "Fehler" if f.error else "Warnung"
        place = f"<code>{html.escape(f.place)}</code> " if f.place else ""
        items.append(
            f'<li class="ck-preview-problems__{"error" if f.error else "warning"}">'
            f"{place}<strong>{kind}:</strong> {html.escape(f.message)}</li>"
        )
    if len(ordered) > MAX_SHOWN:
        items.append(f"<li>… und {len(ordered) - MAX_SHOWN} weitere (alle mit „make check“ im Terminal).</li>")
    kind = "error" if errors else "warning"
    return (
        f'<div class="ck-preview-problems ck-preview-problems--{kind}" role="alert" data-search-exclude>'
        f"<p><strong>Vorschau: {counts} im Kurs.</strong> Nach dem Speichern der Korrektur lädt die Seite neu; "
        "dieser Hinweis erscheint nur in der Vorschau, nie auf der Website.</p>"
        f"<ul>{''.join(items)}</ul></div>"
    )


def inject(page_html: str, banner_html: str) -> str:
    """Put the banner at the top of the page's content (or of the body on pages without an article)."""
    if not banner_html:
        return page_html
    if ARTICLE in page_html:
        return page_html.replace(ARTICLE, ARTICLE + banner_html, 1)
    body = re.search(r"<body[^>]*>", page_html)
    if body is None:
        return banner_html + page_html
    return page_html[: body.end()] + banner_html + page_html[body.end() :]


def exercise_links(page_html: str, lite: Path) -> str:
    """Keep links into JupyterLite that the last full build can open; explain the others on the page."""

    def replace(match: re.Match[str]) -> str:
        query = parse_qs(urlsplit(html.unescape(match.group("href"))).query)
        notebook = query.get("path", [""])[0]
        if notebook and (lite / "files" / notebook).is_file():
            return match.group(0)
        if not (lite / "static" / "pyodide").is_dir():
            why = (
                "In der Vorschau fehlen Python und JupyterLite: Beides entsteht erst beim vollständigen Build. "
                "Führen Sie einmal „make site“ aus; danach laufen die Übungen auch hier. Auf der Website "
                "steht an dieser Stelle der Link „Als Notebook öffnen (JupyterLab)“."
            )
        else:
            why = (
                "Dieses Notebook (oder ein Datensatz) hat sich seit dem letzten „make site“ geändert, deshalb "
                "gibt es die neue Fassung in JupyterLab erst nach dem nächsten vollständigen Build. Die Übung "
                "auf dieser Seite zeigt schon den neuen Stand."
            )
        return f'<p class="ck-preview-note">{html.escape(why)}</p>'

    return LITE_LINK_RE.sub(replace, page_html)


def link_lite(lite: Path, site_dir: Path) -> None:
    """Make the last full build's JupyterLite (and the exercises' Python) part of the preview.

    A symbolic link, not a copy: it takes no time on each rebuild, and mkdocs leaves it in place when it
    empties its temporary folder (it cannot remove a link with ``rmtree``) or when it stops.
    """
    target = site_dir / "lite"
    if lite.is_dir() and not target.exists():
        if target.is_symlink():  # a link to a folder that has gone
            target.unlink()
        os.symlink(lite.resolve(), target, target_is_directory=True)


# mkdocs serve looks for changed files every 0.5 s (a polling observer: it also works on network drives
# and with editors that save by renaming). Every 0.1 s takes a quarter of a second off the average
# wait after a save; looking at a few hundred course files ten times a second costs about 1 % of a core.
POLLING_INTERVAL = 0.1
# After a change mkdocs waits until no further change has come for this long (0.1 s in mkdocs), so that
# a save of several files rebuilds once. An editor writes a file within milliseconds.
BUILD_DELAY = 0.03


def quicker_server(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[[], None]) -> LiveReloadServer:
    """The live-reload server that ``mkdocs serve`` made, with the shorter polling interval and build delay.

    mkdocs' ``on_serve`` event may return another server (it has not been bound or started yet); this
    one serves the same folder at the same address and watches what ``mkdocs serve`` watches by default
    (the docs folder and mkdocs.yml; the plugin adds exercises/)."""
    host, port = config.dev_addr
    quicker = LiveReloadServer(
        builder=builder,
        host=host,
        port=port,
        root=server.root,
        mount_path=server.mount_path,
        polling_interval=POLLING_INTERVAL,
    )
    quicker.error_handler = server.error_handler
    quicker.build_delay = BUILD_DELAY
    server.server_close()  # its socket was made but never bound
    quicker.watch(config.docs_dir)
    if config.config_file_path:
        quicker.watch(config.config_file_path)
    return quicker
