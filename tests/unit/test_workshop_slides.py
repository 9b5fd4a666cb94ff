"""Slides for the workshop: poll slides carry their question's id; the facilitator cue comes first."""

from __future__ import annotations

import re

from coursekit.quiz import SingleChoice
from coursekit.slides import _poll, _slide


def question(poll: bool) -> SingleChoice:
    return SingleChoice.model_validate(
        {
            "type": "single",
            "id": "frage-eins",
            "prompt": "Was trifft zu?",
            "poll": poll,
            "options": [{"text": "Dies", "correct": True}, {"text": "Das"}],
        }
    )


def test_only_marked_questions_get_live_results_under_the_workshop_service() -> None:
    assert 'data-ck-poll="quiz-a/frage-eins"' in _poll("quiz-a", question(True), 1)
    assert "data-ck-poll" not in _poll("quiz-a", question(False), 1)


def test_the_facilitator_cue_comes_first_in_the_speaker_notes() -> None:
    body = "Erster Satz steht auf der Folie. Zweiter Satz auch. Dritter Satz geht in die Notizen."
    html = _slide("Einstieg", body, ["**Moderation: Einstieg** (15 Min.)\n\nFragen Sie nach Beispielen."])
    notes = re.search(r'<aside class="notes">(.*)</aside>', html, re.DOTALL)
    assert notes is not None
    text = notes.group(1)
    assert text.index("Moderation: Einstieg") < text.index("Dritter Satz")
