"""HTML for quizzes: semantic forms that read well without JavaScript.

Every text comes from safemd (raw HTML escaped). Without JavaScript, learners see the questions
and a collapsible solution; quiz.js adds checking, feedback, scores and storage. Per-option
feedback is rendered here (hidden) so the script never builds HTML from content.
"""

from __future__ import annotations

import json
import random
from html import escape

from .. import safemd
from ..quiz import (
    BaseQuestion,
    Matching,
    MultipleChoice,
    Ordering,
    Quiz,
    Reflection,
    ShortText,
    SingleChoice,
    TrueFalse,
)

TYPE_LABELS = {
    "single": "Eine Antwort ist richtig.",
    "multiple": "Mehrere Antworten können richtig sein.",
    "true_false": "Stimmt die Aussage?",
    "matching": "Ordnen Sie jedem Begriff das passende Gegenstück zu.",
    "ordering": "Verschieben Sie die Einträge mit ▲ (nach oben) und ▼ (nach unten).",
    "short_text": "Tragen Sie Ihre Antwort ein.",
    "reflection": "Offene Frage ohne Bewertung; Ihre Antwort bleibt in Ihrem Lernjournal in diesem Browser.",
}


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _feedback(text: str | None, kind: str, key: object = "") -> str:
    if not text:
        return ""
    return f'<div class="ck-fb" data-fb="{_attr(kind)}" data-key="{_attr(key)}" hidden>{safemd.inline(text)}</div>'


def _solution(tag: str, entries: list[tuple[str, str | None]]) -> str:
    """The no-JS solution: one list item per (rendered answer, optional feedback)."""
    items = "".join(
        f"<li>{answer}" + (f" – {safemd.inline(feedback)}" if feedback else "") + "</li>"
        for answer, feedback in entries
    )
    return f"<{tag}>{items}</{tag}>"


def _shuffled(seed: str, count: int, avoid_identity: bool = False) -> list[int]:
    order = list(range(count))
    random.Random(seed).shuffle(order)
    if avoid_identity and order == sorted(order) and count > 1:
        order = order[1:] + order[:1]
    return order


def _choices(quiz: Quiz, q: SingleChoice | MultipleChoice, name: str) -> tuple[str, str, dict[str, object]]:
    kind = "radio" if q.type == "single" else "checkbox"
    rows = []
    for i, option in enumerate(q.options):
        rows.append(
            f'<li class="ck-option" data-index="{i}"><label><input type="{kind}" name="{name}" value="{i}"> '
            f"<span>{safemd.inline(option.text)}</span></label>{_feedback(option.feedback, 'option', i)}</li>"
        )
    solution = _solution(
        "ul", [(f"{'✔ Richtig' if o.correct else '✘ Falsch'}: {safemd.inline(o.text)}", o.feedback) for o in q.options]
    )
    spec: dict[str, object] = {"correct": [i for i, o in enumerate(q.options) if o.correct]}
    return f'<ul class="ck-options">{"".join(rows)}</ul>', solution, spec


def _true_false(q: TrueFalse, name: str) -> tuple[str, str, dict[str, object]]:
    rows = "".join(
        f'<li class="ck-option" data-index="{i}"><label><input type="radio" name="{name}" value="{value}"> '
        f"<span>{label}</span></label></li>"
        for i, (value, label) in enumerate((("true", "Stimmt"), ("false", "Stimmt nicht")))
    )
    solution = f"<p>Die Aussage {'stimmt' if q.answer else 'stimmt nicht'}.</p>"
    if q.feedback_wrong:
        solution += f"<p>{safemd.inline(q.feedback_wrong)}</p>"
    body = f'<ul class="ck-options">{rows}</ul>{_feedback(q.feedback_wrong, "wrong")}'
    return body, solution, {"answer": q.answer}


def _matching(quiz: Quiz, q: Matching, name: str) -> tuple[str, str, dict[str, object]]:
    rights = [p.right for p in q.pairs] + list(q.distractors)
    order = _shuffled(f"{quiz.id}/{q.id}", len(rights))
    options = '<option value="">– bitte wählen –</option>' + "".join(
        f'<option value="{pos}">{escape(rights[original])}</option>' for pos, original in enumerate(order)
    )
    rows = []
    for i, pair in enumerate(q.pairs):
        select_id = f"{name}-{i}"
        rows.append(
            f'<li class="ck-option" data-index="{i}"><label for="{select_id}">{safemd.inline(pair.left)}</label> '
            f'<select id="{select_id}" name="{select_id}">{options}</select>'
            f"{_feedback(pair.feedback, 'option', i)}</li>"
        )
    solution = _solution("ul", [(f"{safemd.inline(p.left)} → {safemd.inline(p.right)}", p.feedback) for p in q.pairs])
    spec: dict[str, object] = {"solution": [order.index(i) for i in range(len(q.pairs))]}
    return f'<ul class="ck-options ck-matching">{"".join(rows)}</ul>', solution, spec


def _ordering(quiz: Quiz, q: Ordering, name: str) -> tuple[str, str, dict[str, object]]:
    order = _shuffled(f"{quiz.id}/{q.id}", len(q.items), avoid_identity=True)
    rows = []
    for original in order:
        item = q.items[original]
        rows.append(
            f'<li class="ck-option ck-order-item" data-key="{original}"><span class="ck-order-text">'
            f"{safemd.inline(item.text)}</span>{_feedback(item.feedback, 'option', original)}</li>"
        )
    solution = _solution("ol", [(safemd.inline(i.text), i.feedback) for i in q.items])
    return f'<ol class="ck-options ck-ordering" data-name="{name}">{"".join(rows)}</ol>', solution, {}


def _short_text(q: ShortText, name: str) -> tuple[str, str, dict[str, object]]:
    hint = "Zahl" if q.number is not None else "Antwort"
    field = (
        f'<p class="ck-option"><label for="{name}-input">Ihre {hint}:</label> '
        f'<input type="text" id="{name}-input" name="{name}" autocomplete="off" spellcheck="false"'
        f"{' inputmode=' + chr(34) + 'decimal' + chr(34) if q.number is not None else ''}></p>"
    )
    feedback = "".join(_feedback(w.feedback, "wrong-answer", i) for i, w in enumerate(q.wrong_answers))
    feedback += _feedback(q.feedback_wrong, "wrong")
    if q.number is not None:
        shown = f"{q.number:g}".replace(".", ",")
        tolerance = f" (±{q.tolerance:g})".replace(".", ",") if q.tolerance else ""
        solution = f"<p>Richtig ist: {escape(shown)}{escape(tolerance)}</p>"
        spec: dict[str, object] = {"number": q.number, "tolerance": q.tolerance}
    else:
        solution = "<p>Richtig ist: " + " oder ".join(f"„{escape(a)}“" for a in q.answers) + "</p>"
        spec = {"answers": q.answers, "caseSensitive": q.case_sensitive}
    spec["wrong"] = [w.answer for w in q.wrong_answers]
    return field + feedback, solution, spec


def _reflection(q: Reflection, name: str) -> tuple[str, str, dict[str, object]]:
    placeholder = f' placeholder="{_attr(q.placeholder)}"' if q.placeholder else ""
    field = (
        f'<p class="ck-option"><label for="{name}-input">Ihre Gedanken:</label><br>'
        f'<textarea id="{name}-input" name="{name}" rows="4"{placeholder}></textarea></p>'
    )
    return field, "", {}


def question_html(quiz: Quiz, q: BaseQuestion, number: int, total: int) -> tuple[str, dict[str, object]]:
    name = f"ck-{quiz.id}-{q.id}"
    if isinstance(q, SingleChoice | MultipleChoice):
        body, solution, spec = _choices(quiz, q, name)
    elif isinstance(q, TrueFalse):
        body, solution, spec = _true_false(q, name)
    elif isinstance(q, Matching):
        body, solution, spec = _matching(quiz, q, name)
    elif isinstance(q, Ordering):
        body, solution, spec = _ordering(quiz, q, name)
    elif isinstance(q, ShortText):
        body, solution, spec = _short_text(q, name)
    elif isinstance(q, Reflection):
        body, solution, spec = _reflection(q, name)
    else:  # pragma: no cover - the model admits only the seven types
        raise TypeError(q)
    qtype = q.type
    spec.update({"id": q.id, "type": qtype, "hash": q.fingerprint()})
    prompt = safemd.inline(q.prompt)
    legend_id = f"{name}-legend"
    explanation = (
        f'<div class="ck-explanation"><p class="ck-label">Erklärung</p>{safemd.block(q.explanation)}</div>'
        if q.explanation
        else ""
    )
    solution_block = (
        f'<details class="ck-solution"><summary>Lösung und Erklärung</summary>{solution}{explanation}</details>'
        if solution or explanation
        else ""
    )
    html = (
        f'<form class="ck-question" id="{name}" data-question="{_attr(q.id)}" data-type="{qtype}" '
        f'data-hash="{spec["hash"]}" aria-labelledby="{legend_id}" novalidate>'
        f'<fieldset><legend id="{legend_id}"><span class="ck-number">Frage {number} von {total}</span> '
        f'<span class="ck-prompt">{prompt}</span></legend>'
        f'<p class="ck-hint">{TYPE_LABELS[qtype]}</p>{body}</fieldset>'
        f'<div class="ck-actions" hidden></div>'
        f'<div class="ck-status" role="status" aria-live="polite"></div>'
        f"{solution_block}</form>"
    )
    return html, spec


def quiz_html(quiz: Quiz, module_id: str, threshold: float) -> str:
    questions = []
    specs = []
    for number, q in enumerate(quiz.questions, start=1):
        html, spec = question_html(quiz, q, number, len(quiz.questions))
        questions.append(html)
        specs.append(spec)
    data = {"quiz": quiz.id, "module": module_id, "threshold": threshold, "questions": specs}
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    graded = len(quiz.graded)
    return (
        f'<section class="ck-quiz" data-quiz="{_attr(quiz.id)}" aria-label="{_attr(quiz.title)}">'
        f'<p class="ck-quiz-intro">{len(quiz.questions)} Fragen, davon {graded} mit Bewertung. '
        f"Bestanden ab {round(threshold * 100)} % der Punkte. Ihre Antworten bleiben nur in diesem Browser.</p>"
        f'<script type="application/json" class="ck-quiz-data">{payload}</script>'
        f"{''.join(questions)}"
        f'<p class="ck-score" role="status" aria-live="polite"></p></section>'
    )
