"""reveal.js in German: the speaker view (notes plugin) and the pause overlay, with a 24-hour clock.

reveal.js has no translations: its notes plugin writes an English speaker view with a 12-hour
clock into the popup. The build ships copies of the two files with these exact strings replaced.
Every original must occur exactly as often as listed; when an update of reveal.js changes one, the
build stops and names it, instead of shipping a half-English speaker view. The security headers
hash the inline code of the localised copy (security.py runs it under Node.js).
"""

from __future__ import annotations

from pathlib import Path

# (original, German, occurrences) per file of reveal.js' dist/ folder.
NOTES: list[tuple[str, str, int]] = [
    ('<html lang="en">', '<html lang="de">', 1),
    ("<title>reveal.js - Speaker View</title>", "<title>Referentenansicht</title>", 1),
    ("Loading speaker view...", "Referentenansicht wird geladen …", 1),
    (
        '<span class="overlay-element label">Upcoming</span>',
        '<span class="overlay-element label">Nächste Folie</span>',
        1,
    ),
    (
        '<h4 class="label">Time <span class="reset-button">Click to Reset</span></h4>',
        '<h4 class="label">Zeit <span class="reset-button">Klicken setzt die Zeit zurück</span></h4>',
        1,
    ),
    ('<span class="clock-value">0:00 AM</span>', '<span class="clock-value">00:00</span>', 1),
    ("Pacing – Time to finish current slide", "Zeitplan – verbleibende Zeit für diese Folie", 1),
    ('<h4 class="label">Notes</h4>', '<h4 class="label">Notizen</h4>', 1),
    ("'default': 'Default',", "'default': 'Standard',", 1),
    ("'wide': 'Wide',", "'wide': 'Breit',", 1),
    ("'tall': 'Tall',", "'tall': 'Hoch',", 1),
    ("'notes-only': 'Notes only'", "'notes-only': 'Nur Notizen'", 1),
    ("layoutLabel.innerHTML = 'Layout'", "layoutLabel.innerHTML = 'Ansicht'", 1),
    (
        "'Cross origin error.<br>The speaker window can only be opened from the same origin.'",
        "'Die Referentenansicht lässt sich nur von derselben Adresse aus öffnen wie die Folien.'",
        1,
    ),
    (
        "'Error connecting to main window.<br>Please try closing and reopening the speaker view.'",
        "'Keine Verbindung zu den Folien.<br>Bitte schließen Sie die Referentenansicht und öffnen Sie sie erneut.'",
        1,
    ),
    (
        "now.toLocaleTimeString( 'en-US', { hour12: true, hour: '2-digit', minute:'2-digit' } )",
        "now.toLocaleTimeString( 'de-DE', { hour12: false, hour: '2-digit', minute:'2-digit' } )",
        1,
    ),
    (
        "Speaker view popup failed to open. Please make sure popups are allowed and reopen the speaker view.",
        "Die Referentenansicht ließ sich nicht öffnen. Bitte erlauben Sie Pop-up-Fenster für diese Seite "
        "und drücken Sie erneut S.",
        1,
    ),
]
CORE: list[tuple[str, str, int]] = [
    (
        '<button class="resume-button">Resume presentation</button>',
        '<button class="resume-button">Präsentation fortsetzen</button>',
        1,
    ),
]
# Path below reveal.js' dist/ -> its replacements.
LOCALISED = {"plugin/notes.js": NOTES, "reveal.js": CORE}


class SpeakerViewError(Exception):
    """reveal.js no longer contains a string the build translates (message in German)."""


def localised(text: str, replacements: list[tuple[str, str, int]], name: str) -> str:
    missing = [original for original, _, count in replacements if text.count(original) != count]
    if missing:
        listed = "\n".join(f"  „{m}“" for m in missing)
        raise SpeakerViewError(
            f"reveal.js/dist/{name} enthält diese Texte nicht mehr wie erwartet (wurde reveal.js aktualisiert?):\n"
            f"{listed}\nPassen Sie die Übersetzungen in src/coursekit/speakerview.py an die neue Fassung an."
        )
    for original, german, _ in replacements:
        text = text.replace(original, german)
    return text


def localised_file(dist: Path, name: str) -> str:
    """A file of reveal.js' dist/ folder, in German if the build translates it."""
    text = (dist / name).read_text("utf-8")
    return localised(text, LOCALISED[name], name) if name in LOCALISED else text
