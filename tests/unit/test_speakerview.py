"""The German copy of reveal.js' speaker view: every string found in the installed reveal.js, and hashed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coursekit.security import speaker_view_html
from coursekit.speakerview import LOCALISED, SpeakerViewError, localised, localised_file
from support.course import ROOT

DIST = ROOT / "node_modules" / "reveal.js" / "dist"
ENGLISH = ["Upcoming", "Click to Reset", ">Time ", ">Notes<", "Resume presentation", "'en-US'", "hour12: true"]


@pytest.mark.parametrize("name", sorted(LOCALISED))
def test_every_translated_string_is_in_the_installed_reveal_js(name: str) -> None:
    # Fails as soon as an update of reveal.js changes one of the strings: the build would stop likewise.
    german = localised_file(DIST, name)
    for original, replacement, _ in LOCALISED[name]:
        assert original not in german and replacement in german


def test_the_speaker_view_it_writes_is_german_with_a_24_hour_clock(tmp_path: Path) -> None:
    notes = tmp_path / "notes.js"
    notes.write_text(localised_file(DIST, "plugin/notes.js"), "utf-8")
    html = speaker_view_html(notes)  # what the popup shows, as security.py hashes it
    assert '<html lang="de">' in html
    for label in ("Nächste Folie", "Zeit", "Klicken setzt die Zeit zurück", "Notizen"):
        assert label in html
    for english in ENGLISH:
        assert english not in html
    assert re.search(r"toLocaleTimeString\( 'de-DE', \{ hour12: false", html)


def test_a_changed_reveal_js_stops_the_build_and_names_the_string() -> None:
    text = (DIST / "plugin" / "notes.js").read_text("utf-8").replace("Click to Reset", "Reset")
    with pytest.raises(SpeakerViewError, match="Click to Reset"):
        localised(text, LOCALISED["plugin/notes.js"], "plugin/notes.js")
