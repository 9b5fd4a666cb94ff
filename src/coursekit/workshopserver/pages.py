"""The service's own HTML pages: the participants' page and the facilitator console.

Both are fixed shells; questions and results arrive as JSON and the scripts insert them as text.
"""

from __future__ import annotations

from html import escape

import segno

PRIVACY = (
    "Gespeichert werden nur Ihre Antworten und eine zufällige Gerätekennung, ohne Namen und nur auf dem "
    "Laptop der Moderation; am Ende des Workshops wird alles gelöscht."
)


def _page(title: str, body: str, script: str) -> str:
    return f"""<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/_workshop/static/workshop.css">
<script type="module" src="/_workshop/static/{script}"></script>
</head>
<body>
{body}
</body>
</html>
"""


def join_page() -> str:
    body = f"""<main class="ws-join">
<h1>Live-Umfrage im Workshop</h1>
<p class="ws-privacy">{escape(PRIVACY)}</p>
<section id="ws-frage" class="ws-card" aria-labelledby="ws-frage-titel">
<h2 id="ws-frage-titel">Aktuelle Frage</h2>
<p id="ws-warten">Die Seite lädt …</p>
<noscript><p>Für die Umfrage braucht diese Seite JavaScript. Bitte schalten Sie es ein.</p></noscript>
</section>
<p id="ws-status" class="ws-status" role="status" aria-live="polite"></p>
</main>"""
    return _page("Live-Umfrage: mitmachen", body, "participant.js")


def qr_svg(url: str) -> str:
    """The join address as a QR code, drawn as inline SVG (offline, no image file)."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=6, title=f"QR-Code für {url}", svgclass="ws-qr", lineclass=None)
    return svg.replace("<svg ", '<svg role="img" ', 1)


def leader_page(join_url: str) -> str:
    body = f"""<header class="ws-banner"><p>Moderation: Live-Umfrage. Diese Seite nicht projizieren, solange
Freitexte sichtbar sind.</p></header>
<main class="ws-console">
<h1>Live-Umfrage leiten</h1>
<p id="ws-anmeldung" role="status" aria-live="polite">Anmeldung läuft …</p>
<section class="ws-card ws-join-info" aria-labelledby="ws-join-titel">
<h2 id="ws-join-titel">So machen Teilnehmende mit</h2>
<p>Adresse im Browser des Smartphones öffnen (gleiches WLAN):</p>
<p class="ws-join-url"><a href="{escape(join_url)}">{escape(join_url)}</a></p>
<figure class="ws-qr-figure">{qr_svg(join_url)}
<figcaption>Oder diesen QR-Code mit der Kamera scannen.</figcaption></figure>
</section>
<div id="ws-inhalt" hidden>
<section class="ws-card" aria-labelledby="ws-fragen-titel">
<h2 id="ws-fragen-titel">Fragen</h2>
<p><label for="ws-modul">Modul</label>
<select id="ws-modul"></select></p>
<p id="ws-folien"></p>
<ol id="ws-fragen" class="ws-questions"></ol>
</section>
<section class="ws-card" aria-labelledby="ws-ergebnis-titel">
<h2 id="ws-ergebnis-titel">Ergebnis</h2>
<div id="ws-ergebnis"><p>Noch keine Frage ausgewählt.</p></div>
<div id="ws-texte"></div>
</section>
<section class="ws-card" aria-labelledby="ws-ende-titel">
<h2 id="ws-ende-titel">Am Ende des Workshops</h2>
<p>Laden Sie die Antworten bei Bedarf als Tabelle herunter und löschen Sie dann alle Daten.</p>
<p class="ws-actions"><a class="ws-button" id="ws-export" href="/_workshop/api/leitung/export.csv"
download>Antworten als CSV herunterladen</a>
<button type="button" id="ws-loeschen" class="ws-danger">Alle Antworten löschen</button></p>
</section>
</div>
</main>"""
    return _page("Live-Umfrage leiten", body, "console.js")
