"""Moodle XML question bank: one category per module, every question type of the course.

Format reference: Moodle's own importer/exporter (question/format/xml/format.php) and the test
fixtures next to it; the ordering type (core since Moodle 4.4) follows
question/type/ordering/tests/fixtures/testquestion.moodle.xml.

Texts: ``format="html"``, rendered from the quiz Markdown by the course's safe renderer. lxml
escapes them (``&lt;p&gt;``); Moodle's own exporter wraps the same HTML in CDATA instead, which is
only a different spelling of the same characters to an XML parser, and escaping cannot break on
a literal ``]]>``. Answers that Moodle shows as plain text (matching right-hand sides in a
drop-down, short answers) are written as plain text.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from lxml import etree

from ..quiz import (
    BaseQuestion,
    Matching,
    MultipleChoice,
    Ordering,
    Quiz,
    Reflection,
    ShortText,
    SingleChoice,
    Task,
    TrueFalse,
)
from .questionpools import (
    Category,
    Pool,
    element,
    fragment,
    html_block,
    markdown_element,
    plain_text,
    question_key,
    question_name,
    task_rubric,
    task_statement,
)

# Moodle accepts only the grades in question_bank::fraction_options_full(): 1/n for these n.
GRADE_DENOMINATORS = frozenset({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20})


class ExportError(Exception):
    """A question that the target format cannot express; the message is for editors (German)."""


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _text(parent: etree._Element, tag: str, text: str, fmt: str | None = "html") -> etree._Element:
    """``<tag format="..."><text>...</text></tag>``, Moodle's wrapper for every text field."""
    el = _sub(parent, tag, **({"format": fmt} if fmt else {}))
    _sub(el, "text", text)
    return el


def _fraction(share: float) -> str:
    """A grade as Moodle writes it: percent with up to seven decimals (1/3 -> 33.3333333)."""
    return f"{share * 100:.7f}".rstrip("0").rstrip(".") or "0"


def _category_path(pool: Pool, category: Category) -> str:
    # A slash separates levels in Moodle's category paths; a literal slash is written twice.
    parts = [pool.title, category.title]
    return "$course$/top/" + "/".join(p.replace("/", "//") for p in parts)


def _idnumber(key: str) -> str:
    # Moodle's ID number holds 100 characters; two maximal slugs make 122.
    if len(key) <= 100:
        return key
    return f"{key[:91]}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def _head(parent: etree._Element, qtype: str, quiz: Quiz, q: BaseQuestion, penalty: str) -> etree._Element:
    question = _sub(parent, "question", type=qtype)
    name = _sub(question, "name")
    _sub(name, "text", question_name(q))
    _text(question, "questiontext", html_block(q.prompt))
    _text(question, "generalfeedback", html_block(q.explanation) if q.explanation else "")
    _sub(question, "defaultgrade", "1" if q.graded else "0")
    _sub(question, "penalty", penalty)
    _sub(question, "hidden", "0")
    _sub(question, "idnumber", _idnumber(question_key(quiz, q)))
    return question


def _tags(question: etree._Element, q: BaseQuestion) -> None:
    names = [q.objective] if q.objective else []
    if q.digcompedu:
        names.append(f"DigCompEdu {q.digcompedu}")
    if names:
        tags = _sub(question, "tags")
        for name in names:
            _text(tags, "tag", name, fmt=None)


def _answer(parent: etree._Element, fraction: str, text: str, feedback: str | None, fmt: str = "html") -> None:
    answer = _sub(parent, "answer", fraction=fraction, format=fmt)
    _sub(answer, "text", text)
    _text(answer, "feedback", html_block(feedback) if feedback else "")


def _hints_list(intro: str, items: list[tuple[str, str]]) -> str:
    """Per-item feedback that Moodle cannot attach to an item, as one list in the combined feedback."""
    if not items:
        return ""
    entries = [
        element("li", None, markdown_element("strong", label), element("span", " – "), markdown_element("span", fb))
        for label, fb in items
    ]
    return fragment(element("p", intro), element("ul", None, *entries))


def _combined_feedback(question: etree._Element, wrong_hints: str = "") -> None:
    _text(question, "correctfeedback", fragment(element("p", "Ihre Antwort ist richtig.")))
    _text(
        question, "partiallycorrectfeedback", fragment(element("p", "Ihre Antwort ist teilweise richtig."), wrong_hints)
    )
    _text(question, "incorrectfeedback", fragment(element("p", "Ihre Antwort ist nicht richtig."), wrong_hints))
    _sub(question, "shownumcorrect", None)


def _choice(parent: etree._Element, quiz: Quiz, q: SingleChoice | MultipleChoice) -> None:
    question = _head(parent, "multichoice", quiz, q, "0.3333333")
    single = isinstance(q, SingleChoice)
    _sub(question, "single", "true" if single else "false")
    _sub(question, "shuffleanswers", "true" if q.shuffle else "false")
    _sub(question, "answernumbering", "abc")
    _sub(question, "showstandardinstruction", "1")
    _combined_feedback(question)
    # The course scores a multiple-choice question as (right picks - wrong picks) / right options,
    # at least 0; Moodle adds the fractions of the picked answers and clamps to 0..1: the same.
    n_right = sum(1 for o in q.options if o.correct)
    if n_right not in GRADE_DENOMINATORS:
        raise ExportError(
            f"Frage „{q.id}“ in {quiz.id}: Moodle kann {n_right} richtige Antworten nicht gleich gewichten "
            f"(möglich sind 1–10 oder 20)."
        )
    for option in q.options:
        share = 1 / n_right if option.correct else (0.0 if single else -1 / n_right)
        _answer(question, _fraction(share), html_block(option.text), option.feedback)
    _tags(question, q)


def _true_false(parent: etree._Element, quiz: Quiz, q: TrueFalse) -> None:
    question = _head(parent, "truefalse", quiz, q, "1")
    # Moodle identifies the two answers by the words "true" and "false" (shown translated).
    for value in (True, False):
        right = value == q.answer
        _answer(
            question,
            "100" if right else "0",
            "true" if value else "false",
            None if right else q.feedback_wrong,
            fmt="moodle_auto_format",
        )
    _tags(question, q)


def _matching(parent: etree._Element, quiz: Quiz, q: Matching, warnings: list[str]) -> None:
    if len(q.pairs) + len(q.distractors) < 3:  # Moodle's edit form (edit_match_form) asks for three answers
        warnings.append(
            f"{quiz.id}/{q.id}: Moodle verlangt beim Bearbeiten einer Zuordnung mindestens drei Antworten; "
            "ergänzen Sie im Quiz ein Paar oder einen Ablenker („distractors“)."
        )
    question = _head(parent, "matching", quiz, q, "0.3333333")
    _sub(question, "shuffleanswers", "true")
    hints = [(p.right, p.feedback) for p in q.pairs if p.feedback]
    _combined_feedback(question, _hints_list("Hinweise zu den Zuordnungen:", hints))
    for pair in q.pairs:
        sub = _text(question, "subquestion", html_block(pair.left))
        answer = _sub(sub, "answer")
        _sub(answer, "text", plain_text(pair.right))
    for distractor in q.distractors:  # Moodle: a subquestion without text is an extra wrong answer
        sub = _text(question, "subquestion", "")
        answer = _sub(sub, "answer")
        _sub(answer, "text", plain_text(distractor))
    _tags(question, q)


def _ordering(parent: etree._Element, quiz: Quiz, q: Ordering) -> None:
    question = _head(parent, "ordering", quiz, q, "0.3333333")
    _sub(question, "layouttype", "VERTICAL")
    _sub(question, "selecttype", "ALL")
    _sub(question, "selectcount", str(len(q.items)))
    _sub(question, "gradingtype", "ABSOLUTE_POSITION")  # as the course: the share of items in place
    _sub(question, "showgrading", "SHOW")
    _sub(question, "numberingstyle", "none")
    hints = [(item.text, item.feedback) for item in q.items if item.feedback]
    _combined_feedback(question, _hints_list("Hinweise zu den Schritten:", hints))
    for position, item in enumerate(q.items, start=1):  # the fraction is the item's place
        answer = _sub(question, "answer", fraction=str(position), format="html")
        _sub(answer, "text", html_block(item.text))
    _tags(question, q)


def _wildcard_safe(answer: str) -> str:
    # In a Moodle short answer "*" matches anything; a literal star is written "\*".
    return plain_text(answer).replace("*", r"\*")


def _number(text: str) -> str | None:
    try:
        return repr(float(text.replace(",", ".")))
    except ValueError:
        return None


def _short_text(parent: etree._Element, quiz: Quiz, q: ShortText, warnings: list[str]) -> None:
    if q.number is not None:
        question = _head(parent, "numerical", quiz, q, "0.3333333")
        answer = _sub(question, "answer", fraction="100", format="moodle_auto_format")
        _sub(answer, "text", repr(q.number))
        _text(answer, "feedback", "")
        _sub(answer, "tolerance", repr(q.tolerance))
        for wrong in q.wrong_answers:
            value = _number(wrong.answer)
            if value is None:
                warnings.append(
                    f"{quiz.id}/{q.id}: Die falsche Antwort „{wrong.answer}“ ist keine Zahl; "
                    "Moodle erhält ihre Rückmeldung nicht."
                )
                continue
            answer = _sub(question, "answer", fraction="0", format="moodle_auto_format")
            _sub(answer, "text", value)
            _text(answer, "feedback", html_block(wrong.feedback))
            _sub(answer, "tolerance", "0")
    else:
        question = _head(parent, "shortanswer", quiz, q, "0.3333333")
        _sub(question, "usecase", "1" if q.case_sensitive else "0")
        for accepted in q.answers:
            _answer(question, "100", _wildcard_safe(accepted), None, fmt="moodle_auto_format")
        for wrong in q.wrong_answers:
            _answer(question, "0", _wildcard_safe(wrong.answer), wrong.feedback, fmt="moodle_auto_format")
    if q.feedback_wrong:  # "*" last: Moodle takes the first matching answer
        if q.number is not None:
            answer = _sub(question, "answer", fraction="0", format="moodle_auto_format")
            _sub(answer, "text", "*")
            _text(answer, "feedback", html_block(q.feedback_wrong))
            _sub(answer, "tolerance", "0")
        else:
            _answer(question, "0", "*", q.feedback_wrong, fmt="moodle_auto_format")
    _tags(question, q)


def _essay(parent: etree._Element, quiz: Quiz, q: Reflection | Task) -> None:
    question = _head(parent, "essay", quiz, q, "0")
    if isinstance(q, Task):
        question.find("questiontext/text").text = task_statement(q)
    _sub(question, "responseformat", "editor")
    _sub(question, "responserequired", "1")
    _sub(question, "responsefieldlines", "15" if isinstance(q, Task) else "10")
    _sub(question, "attachments", "0")
    _sub(question, "attachmentsrequired", "0")
    _text(question, "graderinfo", task_rubric(q) if isinstance(q, Task) else "")
    template = fragment(element("p", q.placeholder)) if isinstance(q, Task) and q.placeholder else ""
    _text(question, "responsetemplate", template)
    _tags(question, q)


def build(pool: Pool) -> tuple[etree._ElementTree, list[str]]:
    warnings: list[str] = []
    root = etree.Element("quiz")
    for category in pool.categories:
        cat = _sub(root, "question", type="category")
        _text(cat, "category", _category_path(pool, category), fmt=None)
        _text(cat, "info", html_block(category.summary))
        _sub(cat, "idnumber", category.id)
        for quiz, q in category.questions:
            if isinstance(q, SingleChoice | MultipleChoice):
                _choice(root, quiz, q)
            elif isinstance(q, TrueFalse):
                _true_false(root, quiz, q)
            elif isinstance(q, Matching):
                _matching(root, quiz, q, warnings)
            elif isinstance(q, Ordering):
                _ordering(root, quiz, q)
            elif isinstance(q, ShortText):
                _short_text(root, quiz, q, warnings)
            elif isinstance(q, Reflection | Task):
                _essay(root, quiz, q)
            else:  # pragma: no cover - a new question type must be added here
                raise ExportError(f"Fragetyp „{q.type}“ ist für Moodle noch nicht umgesetzt.")
    return etree.ElementTree(root), warnings


def write(pool: Pool, path: Path) -> list[str]:
    tree, warnings = build(pool)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return warnings
