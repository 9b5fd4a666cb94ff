"""HTML for quizzes: semantic forms that read well without JavaScript, and their printed form.

Every text comes from safemd (raw HTML escaped). Each question lists its entries in
``display_order`` (the same on the page, the slides and the handout). Per-option feedback, the
solution and the explanation are rendered here, hidden, so that quiz.js never builds HTML from
content: the script only shows them after a check or after "Lösung anzeigen" (a <details>, which
also works without JavaScript). The quiz carries ``data-search-exclude``, so none of this enters
the search index (its heading does); mkdocs-material's exclusion ends at the first closing tag of
the same name, so the excluded element is a <section>, which nothing inside a quiz is.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape

from .. import safemd
from ..quiz import (
    BaseQuestion,
    ChoiceQuestion,
    Matching,
    Ordering,
    Quiz,
    Reflection,
    ShortText,
    Task,
    TrueFalse,
    display_order,
)


def in_lms_text(browser: str, lms: str) -> str:
    """A sentence about where answers are kept; course.js shows ``lms`` instead inside an LMS package."""
    return f'<span data-ck-lms-text="{escape(lms, quote=True)}">{escape(browser, quote=False)}</span>'


TYPE_LABELS = {
    "single": "Eine Antwort ist richtig.",
    "multiple": "Mehrere Antworten können richtig sein.",
    "true_false": "Stimmt die Aussage?",
    "matching": "Ordnen Sie jedem Begriff das passende Gegenstück zu.",
    "ordering": "Verschieben Sie die Einträge mit ▲ (nach oben) und ▼ (nach unten).",
    "short_text": "Tragen Sie Ihre Antwort ein.",
    "reflection": "Offene Frage ohne Bewertung; "
    + in_lms_text(
        "Ihre Antwort bleibt in Ihrem Lernjournal in diesem Browser.",
        "Ihre Antwort steht in Ihrem Lernjournal und wird an Ihre Lernplattform übermittelt.",
    ),
    "task": "Praxisaufgabe ohne Punkte: Erstellen Sie das Produkt und schätzen Sie es selbst nach dem "
    "Bewertungsraster ein. "
    + in_lms_text(
        "Ihr Entwurf bleibt in Ihrem Lernjournal in diesem Browser.",
        "Ihr Entwurf steht in Ihrem Lernjournal und wird an Ihre Lernplattform übermittelt.",
    ),
}
# On paper some instructions differ from the page's.
PRINT_LABELS = TYPE_LABELS | {
    "matching": "Tragen Sie zu jedem Begriff den Buchstaben des passenden Gegenstücks ein.",
    "ordering": "Nummerieren Sie die Einträge in der richtigen Reihenfolge.",
    "reflection": "Offene Frage ohne Bewertung.",
    "task": "Praxisaufgabe ohne Punkte: Erstellen Sie das Produkt und schätzen Sie es nach dem Bewertungsraster ein.",
}
RATINGS = (("erfuellt", "erfüllt"), ("teilweise", "teilweise"), ("offen", "noch nicht"))
WRITING_SPACE = '<div class="ck-writing-space" aria-hidden="true"></div>'


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _letter(position: int) -> str:
    return chr(ord("A") + position)


def _feedback(text: str | None, kind: str, key: object = "") -> str:
    if not text:
        return ""
    return f'<div class="ck-fb" data-fb="{_attr(kind)}" data-key="{_attr(key)}" hidden>{safemd.inline(text)}</div>'


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


# --- the solution: one key per type, used on the page, in the no-JS view and in the handbook ----------------


def solution_key(quiz: Quiz, q: BaseQuestion, letters: bool = False) -> str:
    """The right answer as HTML; ``letters`` names choices by their printed letter (A, B, …)."""
    if isinstance(q, ChoiceQuestion):
        order = display_order(quiz.id, q)
        right = [
            (f"{_letter(pos)}) " if letters else "") + safemd.inline(q.options[i].text)
            for pos, i in enumerate(order)
            if q.options[i].correct
        ]
        label = "Richtig ist" if len(right) == 1 else "Richtig sind"
        return f'<p class="ck-label">{label}:</p><ul>{"".join(f"<li>{r}</li>" for r in right)}</ul>'
    if isinstance(q, TrueFalse):
        return f"<p><strong>Die Aussage {'stimmt' if q.answer else 'stimmt nicht'}.</strong></p>"
    if isinstance(q, Matching):
        pairs = "".join(f"<li>{safemd.inline(p.left)} → {safemd.inline(p.right)}</li>" for p in q.pairs)
        return f'<p class="ck-label">Richtig ist:</p><ul>{pairs}</ul>'
    if isinstance(q, Ordering):
        items = "".join(f"<li>{safemd.inline(i.text)}</li>" for i in q.items)
        return f'<p class="ck-label">Richtige Reihenfolge:</p><ol>{items}</ol>'
    if isinstance(q, ShortText):
        if q.number is not None:
            tolerance = f" (±{_number(q.tolerance)})" if q.tolerance else ""
            return f"<p><strong>Richtig ist: {escape(_number(q.number) + tolerance)}</strong></p>"
        return "<p><strong>Richtig ist: " + " oder ".join(f"„{escape(a)}“" for a in q.answers) + "</strong></p>"
    return ""


def _explanation(q: BaseQuestion) -> str:
    if not q.explanation:
        return ""
    return f'<div class="ck-explanation"><p class="ck-label">Erklärung</p>{safemd.block(q.explanation)}</div>'


def _solution_block(quiz: Quiz, q: BaseQuestion) -> str:
    key = solution_key(quiz, q)
    explanation = _explanation(q)
    if not key and not explanation:
        return ""
    summary = "Lösung anzeigen" if q.graded else "Hinweise anzeigen"
    body = f'<div class="ck-key">{key}</div>' if key else ""
    return f'<details class="ck-solution"><summary>{summary}</summary>{body}{explanation}</details>'


# --- the answer part of each type ---------------------------------------------------------------------


def _choices(quiz: Quiz, q: ChoiceQuestion, name: str) -> tuple[str, dict[str, object]]:
    kind = "radio" if q.type == "single" else "checkbox"
    rows = []
    for i in display_order(quiz.id, q):  # values stay the written index: stored answers do not depend on order
        option = q.options[i]
        rows.append(
            f'<li class="ck-option" data-index="{i}"><label><input type="{kind}" name="{name}" value="{i}"> '
            f"<span>{safemd.inline(option.text)}</span></label>{_feedback(option.feedback, 'option', i)}</li>"
        )
    spec: dict[str, object] = {"correct": [i for i, o in enumerate(q.options) if o.correct]}
    return f'<ul class="ck-options">{"".join(rows)}</ul>', spec


def _true_false(q: TrueFalse, name: str) -> tuple[str, dict[str, object]]:
    rows = "".join(
        f'<li class="ck-option" data-index="{i}"><label><input type="radio" name="{name}" value="{value}"> '
        f"<span>{label}</span></label></li>"
        for i, (value, label) in enumerate((("true", "Stimmt"), ("false", "Stimmt nicht")))
    )
    body = f'<ul class="ck-options">{rows}</ul>{_feedback(q.feedback_wrong, "wrong")}'
    return body, {"answer": q.answer}


def _matching(quiz: Quiz, q: Matching, name: str) -> tuple[str, dict[str, object]]:
    rights = [p.right for p in q.pairs] + list(q.distractors)
    order = display_order(quiz.id, q)
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
    spec: dict[str, object] = {"solution": [order.index(i) for i in range(len(q.pairs))]}
    return f'<ul class="ck-options ck-matching">{"".join(rows)}</ul>', spec


def _ordering(quiz: Quiz, q: Ordering, name: str) -> tuple[str, dict[str, object]]:
    rows = []
    for original in display_order(quiz.id, q):
        item = q.items[original]
        rows.append(
            f'<li class="ck-option ck-order-item" data-key="{original}"><span class="ck-order-text">'
            f"{safemd.inline(item.text)}</span>{_feedback(item.feedback, 'option', original)}</li>"
        )
    return f'<ol class="ck-options ck-ordering" data-name="{name}">{"".join(rows)}</ol>', {}


def _short_text(q: ShortText, name: str) -> tuple[str, dict[str, object]]:
    hint = "Zahl" if q.number is not None else "Antwort"
    decimal = ' inputmode="decimal"' if q.number is not None else ""
    field = (
        f'<p class="ck-option"><label for="{name}-input">Ihre {hint}:</label> '
        f'<input type="text" id="{name}-input" name="{name}" autocomplete="off" spellcheck="false"{decimal}></p>'
    )
    feedback = "".join(_feedback(w.feedback, "wrong-answer", i) for i, w in enumerate(q.wrong_answers))
    feedback += _feedback(q.feedback_wrong, "wrong")
    spec: dict[str, object]
    if q.number is not None:
        spec = {"number": q.number, "tolerance": q.tolerance}
    else:
        spec = {"answers": q.answers, "caseSensitive": q.case_sensitive}
    spec["wrong"] = [w.answer for w in q.wrong_answers]
    return field + feedback, spec


def _reflection(q: Reflection, name: str) -> tuple[str, dict[str, object]]:
    placeholder = f' placeholder="{_attr(q.placeholder)}"' if q.placeholder else ""
    field = (
        f'<p class="ck-option"><label for="{name}-input">Ihre Gedanken:</label><br>'
        f'<textarea id="{name}-input" name="{name}" rows="4"{placeholder}></textarea></p>'
    )
    return field, {}


def _task(q: Task, name: str) -> tuple[str, str, dict[str, object]]:
    """The product field inside the question's fieldset, and the rubric after it."""
    placeholder = f' placeholder="{_attr(q.placeholder)}"' if q.placeholder else ""
    field = (
        f'<div class="ck-product"><p class="ck-label">Ihr Produkt</p>{safemd.block(q.product)}</div>'
        f'<p class="ck-option"><label for="{name}-input">Ihr Entwurf:</label><br>'
        f'<textarea id="{name}-input" name="{name}" rows="8"{placeholder}></textarea></p>'
    )
    criteria = []
    for i, criterion in enumerate(q.criteria):
        group = f"{name}-k{i}"
        radios = " ".join(
            f'<label><input type="radio" name="{group}" value="{value}"> {label}</label>' for value, label in RATINGS
        )
        criteria.append(
            f'<li class="ck-criterion" data-index="{i}"><fieldset aria-describedby="{group}-desc">'
            f'<legend class="ck-criterion-text">{safemd.inline(criterion.text)}</legend>'
            f'<p class="ck-fulfilled" id="{group}-desc">Erfüllt, wenn: {safemd.inline(criterion.fulfilled)}</p>'
            f'<p class="ck-ratings">{radios}</p></fieldset></li>'
        )
    rubric = (
        '<fieldset class="ck-rubric"><legend>Selbsteinschätzung nach dem Bewertungsraster</legend>'
        f'<ol class="ck-criteria">{"".join(criteria)}</ol></fieldset>'
    )
    if q.peer_feedback:
        rubric += (
            '<details class="ck-peer"><summary>Ablauf für das Peer-Feedback</summary>'
            f"{safemd.block(q.peer_feedback)}</details>"
        )
    return field, rubric, {"criteria": len(q.criteria)}


# --- one question, one quiz ----------------------------------------------------------------------------


def question_html(quiz: Quiz, q: BaseQuestion, number: int, total: int) -> tuple[str, dict[str, object]]:
    name = f"ck-{quiz.id}-{q.id}"
    after = ""  # parts after the question's fieldset (the rubric of a task)
    if isinstance(q, ChoiceQuestion):
        body, spec = _choices(quiz, q, name)
    elif isinstance(q, TrueFalse):
        body, spec = _true_false(q, name)
    elif isinstance(q, Matching):
        body, spec = _matching(quiz, q, name)
    elif isinstance(q, Ordering):
        body, spec = _ordering(quiz, q, name)
    elif isinstance(q, ShortText):
        body, spec = _short_text(q, name)
    elif isinstance(q, Reflection):
        body, spec = _reflection(q, name)
    elif isinstance(q, Task):
        body, after, spec = _task(q, name)
    else:  # pragma: no cover - the model admits only these types
        raise TypeError(q)
    qtype = q.type
    spec.update({"id": q.id, "type": qtype, "hash": q.fingerprint()})
    legend_id = f"{name}-legend"
    label = "Praxisaufgabe" if qtype == "task" else "Frage"
    html = (
        f'<form class="ck-question ck-type-{qtype}" id="{name}" data-question="{_attr(q.id)}" data-type="{qtype}" '
        f'data-hash="{spec["hash"]}" aria-labelledby="{legend_id}" novalidate>'
        f'<fieldset><legend id="{legend_id}"><span class="ck-number">{label} {number} von {total}</span> '
        f'<span class="ck-prompt">{safemd.inline(q.prompt)}</span></legend>'
        f'<p class="ck-hint">{TYPE_LABELS[qtype]}</p>{body}</fieldset>{after}'
        '<div class="ck-actions" hidden></div>'
        '<div class="ck-status" role="status" aria-live="polite"></div>'
        f"{_solution_block(quiz, q)}</form>"
    )
    return html, spec


def _intro(quiz: Quiz, threshold: float) -> str:
    tasks = sum(1 for q in quiz.questions if q.type == "task")
    questions = len(quiz.questions) - tasks
    graded = len(quiz.graded)
    parts = [f"{questions} {'Frage' if questions == 1 else 'Fragen'}"]
    if graded != questions:
        parts[0] += f", davon {graded} mit Bewertung"
    if tasks:
        parts.append(f"{tasks} {'Praxisaufgabe' if tasks == 1 else 'Praxisaufgaben'}")
    text = " und ".join(parts) + "."
    if graded:
        text += (
            f" Bestanden ab {round(threshold * 100)} % der Punkte; es zählt Ihr erster Versuch je Frage. "
            "Wer die Lösung vor dem ersten Prüfen ansieht, erhält für diese Frage 0 Punkte."
        )
    return (
        escape(text, quote=False)
        + " "
        + in_lms_text("Ihre Antworten bleiben nur in diesem Browser.", "Ihre Antworten gehen an Ihre Lernplattform.")
    )


# Quiz HTML by the quiz's content and the other arguments, per process: the preview rebuilds every page,
# handout and the handbook on each save, and most quizzes are as before.
_kept: dict[tuple[object, ...], str] = {}


def _kept_html(key: tuple[object, ...], make: Callable[[], str]) -> str:
    if key not in _kept:
        if len(_kept) > 2000:
            _kept.clear()
        _kept[key] = make()
    return _kept[key]


def quiz_html(quiz: Quiz, module_id: str, threshold: float, next_step: tuple[str, str] | None = None) -> str:
    """The quiz; ``next_step`` (URL, text) is the way on that quiz.js shows once the quiz is passed."""
    key = ("quiz", quiz.model_dump_json(), module_id, threshold, next_step)
    return _kept_html(key, lambda: _quiz_html(quiz, module_id, threshold, next_step))


def _quiz_html(quiz: Quiz, module_id: str, threshold: float, next_step: tuple[str, str] | None) -> str:
    questions = []
    specs = []
    for number, q in enumerate(quiz.questions, start=1):
        html, spec = question_html(quiz, q, number, len(quiz.questions))
        questions.append(html)
        specs.append(spec)
    data = {"quiz": quiz.id, "module": module_id, "threshold": threshold, "questions": specs}
    # A <template>, not a <script type="application/json">: mkdocs-material's instant navigation
    # re-creates every script of a new page as an executable one (without its type), which the CSP blocks.
    payload = escape(json.dumps(data, ensure_ascii=False), quote=False)
    return (
        f'<section class="ck-quiz" data-quiz="{_attr(quiz.id)}" aria-label="{_attr(quiz.title)}" '
        "data-search-exclude>"
        f'<p class="ck-quiz-intro">{_intro(quiz, threshold)}</p>'
        '<p class="ck-quiz-progress" hidden></p>'
        f'<template class="ck-quiz-data">{payload}</template>'
        f"{''.join(questions)}"
        '<p class="ck-score" role="status" aria-live="polite"></p>'
        f'<p class="ck-next" hidden>{_next_link(next_step)}</p></section>'
    )


def _next_link(next_step: tuple[str, str] | None) -> str:
    if next_step is None:
        return ""
    url, text = next_step
    return f'Geschafft! <a class="md-button md-button--primary" href="{_attr(url)}">{escape(text)}</a>'


# --- printed: the handout (no solutions) and the facilitator handbook (with them) -----------------------------


def _printed_body(quiz: Quiz, q: BaseQuestion, solutions: bool) -> str:
    blank = "" if solutions else WRITING_SPACE
    if isinstance(q, ChoiceQuestion):
        items = "".join(f"<li>☐ {safemd.inline(q.options[i].text)}</li>" for i in display_order(quiz.id, q))
        return f'<ol class="ck-print-options" type="A">{items}</ol>'
    if isinstance(q, TrueFalse):
        return '<p class="ck-print-options">☐ Stimmt &emsp; ☐ Stimmt nicht</p>'
    if isinstance(q, Matching):
        rights = [p.right for p in q.pairs] + list(q.distractors)
        lefts = "".join(f'<tr><th scope="row">{safemd.inline(p.left)}</th><td>____</td></tr>' for p in q.pairs)
        choices = "".join(f"<li>{escape(rights[i])}</li>" for i in display_order(quiz.id, q))
        return (
            f"<table><tbody>{lefts}</tbody></table>"  # no class: mkdocs-material styles such tables
            f'<p>Zur Auswahl:</p><ol class="ck-print-options" type="A">{choices}</ol>'
        )
    if isinstance(q, Ordering):
        items = "".join(f"<li>____ {safemd.inline(q.items[i].text)}</li>" for i in display_order(quiz.id, q))
        return f'<ul class="ck-print-options">{items}</ul>'
    if isinstance(q, ShortText):
        return "" if solutions else '<p class="ck-print-line">Ihre Antwort: ______________________</p>'
    if isinstance(q, Task):
        rows = "".join(
            f"<tr><td>{safemd.inline(c.text)}</td><td>{safemd.inline(c.fulfilled)}</td>"
            + "<td>☐</td>" * len(RATINGS)
            + "</tr>"
            for c in q.criteria
        )
        head = "".join(f'<th scope="col">{label}</th>' for _, label in RATINGS)
        peer = (
            f'<div class="ck-print-peer"><p class="ck-label">Ablauf für das Peer-Feedback</p>'
            f"{safemd.block(q.peer_feedback)}</div>"
            if q.peer_feedback
            else ""
        )
        return (
            f'<div class="ck-product"><p class="ck-label">Ihr Produkt</p>{safemd.block(q.product)}</div>{blank}'
            '<table><thead><tr><th scope="col">Kriterium</th>'
            f'<th scope="col">Erfüllt, wenn</th>{head}</tr></thead><tbody>{rows}</tbody></table>{peer}'
        )
    return blank  # reflection


def printed_quiz(quiz: Quiz, solutions: bool = False) -> str:
    """The quiz on paper, entries in display order; ``solutions`` adds key and explanation (handbook only)."""
    return _kept_html(("printed", quiz.model_dump_json(), solutions), lambda: _printed_quiz(quiz, solutions))


def _printed_quiz(quiz: Quiz, solutions: bool) -> str:
    items = []
    for q in quiz.questions:
        solution = ""
        if solutions:
            key = solution_key(quiz, q, letters=True)
            solution = f'<div class="ck-print-solution">{key}{_explanation(q)}</div>' if key or q.explanation else ""
        kind = "Praxisaufgabe: " if q.type == "task" else ""
        items.append(
            f'<li class="ck-print-question"><p class="ck-print-prompt">{kind}{safemd.inline(q.prompt)}</p>'
            f'<p class="ck-hint">{PRINT_LABELS[q.type]}</p>{_printed_body(quiz, q, solutions)}'
            f"{solution}</li>"
        )
    return f'<div class="ck-print-quiz"><ol class="ck-print-questions">{"".join(items)}</ol></div>'
