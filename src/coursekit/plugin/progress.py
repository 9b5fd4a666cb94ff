"""HTML for the "Mein Fortschritt" page: the course structure as data; progress.js fills in scores."""

from __future__ import annotations

import json
from html import escape

from ..course import Course
from ..quiz import BaseQuestion, Task
from .quizhtml import in_lms_text


def _question_data(q: BaseQuestion) -> dict[str, object]:
    """What progress.js needs: identity for stored answers, and texts for the learner's journal."""
    data: dict[str, object] = {"id": q.id, "hash": q.fingerprint(), "type": q.type}
    if q.type == "reflection":
        data["prompt"] = q.prompt
    if isinstance(q, Task):
        data |= {"prompt": q.prompt, "criteria": len(q.criteria), "rubric": [c.text for c in q.criteria]}
    return data


def progress_data(course: Course, urls: dict[str, str], default_threshold: float) -> dict[str, object]:
    modules = []
    for module in course.modules:
        quizzes = []
        for quiz in course.quizzes_of(module.meta.id):
            quizzes.append(
                {
                    "id": quiz.id,
                    "title": quiz.title,
                    "threshold": quiz.threshold(default_threshold),
                    "questions": [_question_data(q) for q in quiz.questions],
                }
            )
        modules.append(
            {
                "id": module.meta.id,
                "number": module.number,
                "title": module.meta.title,
                "url": urls.get(module.src_uri, ""),
                "quizzes": quizzes,
            }
        )
    return {"modules": modules}


def structure_json(course: Course, urls: dict[str, str], default_threshold: float) -> str:
    """The course's structure for standing.js; ``urls`` maps src_uris to URLs relative to the site root."""
    return json.dumps(progress_data(course, urls, default_threshold), ensure_ascii=False)


def progress_html(course: Course, urls: dict[str, str], default_threshold: float) -> str:
    """``urls`` maps each module's src_uri to its URL relative to the progress page."""
    # A <template>, not a <script> (see quizhtml.py): it survives mkdocs-material's instant navigation.
    data = escape(json.dumps(progress_data(course, urls, default_threshold), ensure_ascii=False), quote=False)
    rows = []
    for module in course.modules:
        url = urls.get(module.src_uri, "")
        rows.append(
            f'<tr data-module="{escape(module.meta.id)}"><th scope="row">'
            f'<span class="ck-module-number">Modul {module.number}</span> '
            f'<a href="{escape(url)}">{escape(module.meta.title)}</a></th>'
            '<td data-cell="quizzes">–</td><td data-cell="status">noch nicht begonnen</td></tr>'
        )
    return (
        '<section class="ck-progress">'
        f'<template class="ck-progress-data" data-search-exclude>{data}</template>'
        "<noscript><p>Ihr Fortschritt wird mit JavaScript aus dem Speicher dieses Browsers gelesen.</p></noscript>"
        # The table and the journal are filled in the browser; their placeholders are no search results.
        '<table class="ck-progress-table" data-search-exclude><caption>Quizergebnisse je Modul</caption>'
        '<thead><tr><th scope="col">Modul</th><th scope="col">Selbstcheck</th><th scope="col">Stand</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        '<p class="ck-progress-summary" role="status" aria-live="polite"></p>'
        '<h2 id="lernjournal">Mein Lernjournal</h2>'
        '<div class="ck-journal" data-search-exclude><p>Noch keine Einträge. Ihre Antworten auf Reflexionsfragen '
        "und Ihre Entwürfe zu Praxisaufgaben erscheinen hier.</p></div>"
        '<h2 id="sichern">Fortschritt sichern und übertragen</h2>'
        "<p>"
        + in_lms_text(
            "Ihr Fortschritt liegt nur in diesem Browser.",
            "Ihre Antworten und Ihr Lernjournal werden an Ihre Lernplattform übermittelt und dort gespeichert; "
            "Ihr Code in den Übungen bleibt in diesem Browser.",
        )
        + " Mit einer Exportdatei können Sie ihn sichern oder "
        "auf ein anderes Gerät mitnehmen: Sie enthält Ihre Antworten, Ihr Lernjournal und Ihren Code in den Übungen. "
        "Beim Import wird nichts gelöscht: Antworten, die nur in diesem Browser stehen, bleiben erhalten; "
        "gibt es eine Antwort hier und in der Datei, gilt die neuere.</p>"
        '<div class="ck-progress-actions" hidden>'
        '<button type="button" class="md-button" data-action="export">Fortschritt exportieren</button> '
        '<label class="md-button" for="ck-import">Fortschritt importieren</label>'
        '<input type="file" id="ck-import" class="ck-visually-hidden" accept="application/json,.json"> '
        '<button type="button" class="md-button" data-action="reset">Fortschritt zurücksetzen</button>'
        "</div>"
        '<p class="ck-progress-message" role="status" aria-live="polite"></p>'
        "</section>"
    )
