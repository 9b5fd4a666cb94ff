"""Moodle XML export: golden file for the fixture quiz, and a re-read of the written file per question type.

Moodle XML has no schema, and no well-kept Moodle-XML parser exists on PyPI (the packages found
there write Moodle XML, or convert one tool's format, none reads a question bank back). So the
written file is parsed again with lxml and read field by field the way Moodle's importer
(question/format/xml/format.php) reads it, then compared with the quiz model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from coursekit.exports import moodle
from coursekit.exports.questionpools import Category, Pool, plain_text, question_key
from coursekit.quiz import Matching, MultipleChoice, Ordering, ShortText, SingleChoice, Task, TrueFalse
from support.fragenpool import assert_golden, course_pool, fixture_pool

# question_bank::fraction_options_full() in Moodle, as shares of 1, with the importer's tolerance.
MOODLE_GRADES = [1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0]  # fmt: skip


def written(pool: Pool, tmp_path: Path) -> etree._Element:
    path = tmp_path / "pool.xml"
    assert moodle.write(pool, path) == []
    raw = path.read_bytes()
    assert raw.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    return etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True))


def text_of(el: etree._Element, path: str) -> str:
    found = el.find(path)
    assert found is not None, f"{path} fehlt"
    return found.text or ""


def visible(fragment: str) -> str:
    """The text a browser shows for an HTML fragment."""
    tree = etree.fromstring(f"<div>{fragment}</div>", etree.HTMLParser())
    return " ".join("".join(tree.itertext()).split())


def valid_grade(fraction: str) -> bool:
    share = float(fraction) / 100
    return any(abs(abs(share) - g) < 0.00001 for g in MOODLE_GRADES)


def test_fixture_matches_golden_file(tmp_path: Path) -> None:
    path = tmp_path / "beispiel-moodle.xml"
    moodle.write(fixture_pool(), path)
    assert_golden("beispiel-moodle.xml", path.read_bytes())


def test_every_type_reads_back_as_moodle_imports_it(tmp_path: Path) -> None:
    pool = fixture_pool()
    root = written(pool, tmp_path)
    questions = root.findall("question")
    category, *items = questions
    assert category.get("type") == "category"
    # A slash inside a name is doubled, because Moodle splits category paths at single slashes.
    assert text_of(category, "category/text") == "$course$/top/Kurs für Tests/Grundlagen // Einstieg"
    quiz = pool.categories[0].quizzes[0]
    assert len(items) == len(quiz.questions)
    types = [q.get("type") for q in items]
    assert types == [
        "multichoice", "multichoice", "truefalse", "matching", "ordering",
        "shortanswer", "numerical", "essay", "essay",
    ]  # fmt: skip
    for el, q in zip(items, quiz.questions, strict=True):
        assert text_of(el, "idnumber") == question_key(quiz, q)
        assert el.find("questiontext").get("format") == "html"
        if q.explanation:
            assert visible(text_of(el, "generalfeedback/text")) == plain_text(q.explanation)
        tags = [t.text for t in el.findall("tags/tag/text")]
        assert tags[:1] == ([q.objective] if q.objective else [])
        if not isinstance(q, Task):
            assert visible(text_of(el, "questiontext/text")) == plain_text(q.prompt)

    single, multiple, true_false, matching, ordering, short, number, reflection, task = items
    q_single, q_multiple, q_tf, q_match, q_order, q_short, q_number, _, q_task = quiz.questions

    assert isinstance(q_single, SingleChoice)
    assert text_of(single, "single") == "true"
    answers = single.findall("answer")
    assert [a.get("fraction") for a in answers] == ["100", "0", "0"]
    for answer, option in zip(answers, q_single.options, strict=True):
        assert visible(text_of(answer, "text")) == plain_text(option.text)
        assert option.feedback and visible(text_of(answer, "feedback/text")) == plain_text(option.feedback)
    # Special characters survive as text: "&" and "<" in learner text, raw HTML stays visible.
    assert "informell &amp; bei" in text_of(answers[0], "text")
    assert "&lt; 100 €" in text_of(answers[1], "text")
    assert "&lt;b&gt;kein HTML&lt;/b&gt;" in text_of(single, "questiontext/text")
    assert "<b>" not in text_of(single, "questiontext/text")
    assert [t.text for t in single.findall("tags/tag/text")] == ["begriff-erklaeren", "DigCompEdu 3.3"]

    assert isinstance(q_multiple, MultipleChoice)
    assert text_of(multiple, "single") == "false"
    assert text_of(multiple, "shuffleanswers") == "false"
    fractions = [float(a.get("fraction")) for a in multiple.findall("answer")]
    assert sum(f for f in fractions if f > 0) == pytest.approx(100)
    assert fractions == pytest.approx([50, 50, -50])  # the course's (right - wrong) / right

    assert isinstance(q_tf, TrueFalse)
    tf = {text_of(a, "text"): a for a in true_false.findall("answer")}
    assert set(tf) == {"true", "false"}
    assert tf["false"].get("fraction") == "100" and tf["true"].get("fraction") == "0"
    assert q_tf.feedback_wrong and visible(text_of(tf["true"], "feedback/text")) == plain_text(q_tf.feedback_wrong)

    assert isinstance(q_match, Matching)
    subs = matching.findall("subquestion")
    assert [(visible(text_of(s, "text")), text_of(s, "answer/text")) for s in subs] == [
        *((plain_text(p.left), plain_text(p.right)) for p in q_match.pairs),
        ("", "An einer Präsenzschulung teilnehmen"),  # a distractor: an answer without a question
    ]
    hints = visible(text_of(matching, "incorrectfeedback/text"))
    assert all(p.feedback and plain_text(p.feedback) in hints for p in q_match.pairs)

    assert isinstance(q_order, Ordering)
    assert text_of(ordering, "gradingtype") == "ABSOLUTE_POSITION"
    assert text_of(ordering, "selecttype") == "ALL"
    steps = sorted(ordering.findall("answer"), key=lambda a: int(a.get("fraction")))
    assert [visible(text_of(a, "text")) for a in steps] == [plain_text(i.text) for i in q_order.items]

    assert isinstance(q_short, ShortText)
    pairs = [(a.get("fraction"), text_of(a, "text")) for a in short.findall("answer")]
    assert pairs == [("100", "Sense"), ("100", r"Sense\*"), ("0", "Search"), ("0", "*")]
    assert text_of(short, "usecase") == "0"

    assert isinstance(q_number, ShortText)
    right = number.find("answer[@fraction='100']")
    assert float(text_of(right, "text")) == q_number.number
    assert float(text_of(right, "tolerance")) == q_number.tolerance

    assert text_of(reflection, "defaultgrade") == "0"  # never scored, as in the course
    assert text_of(reflection, "responseformat") == "editor"
    assert isinstance(q_task, Task)
    statement = visible(text_of(task, "questiontext/text"))
    assert plain_text(q_task.prompt) in statement and plain_text(q_task.product) in statement
    rubric = visible(text_of(task, "graderinfo/text"))
    assert all(plain_text(c.fulfilled) in rubric for c in q_task.criteria)
    assert "Ausgangsfrage" in visible(text_of(task, "responsetemplate/text"))


def test_html_inside_is_well_formed(tmp_path: Path) -> None:
    # Moodle shows these texts as HTML: every fragment must parse as XML-compatible markup.
    root = written(fixture_pool(), tmp_path)
    for text in root.iter("text"):
        if text.text and text.text.startswith("<"):
            etree.fromstring(f"<div>{text.text}</div>")  # raises on broken markup
    # Escaped once for HTML, once for XML; after both decodings the text is back (no double escaping).
    assert visible(text_of(root, "question/info/text")) == "Worum es geht & warum."


def test_whole_course_exports_every_question(tmp_path: Path) -> None:
    pool = course_pool()
    root = written(pool, tmp_path)
    categories = root.findall("question[@type='category']")
    assert [text_of(c, "idnumber") for c in categories] == [c.id for c in pool.categories]
    assert len(pool.categories) >= 10
    items = root.findall("question")
    expected = sum(len(c.questions) for c in pool.categories)
    assert len(items) - len(categories) == expected
    keys = [text_of(q, "idnumber") for q in items if q.get("type") != "category"]
    assert len(set(keys)) == len(keys)
    for q in root.findall("question[@type='multichoice']"):
        fractions = [a.get("fraction") for a in q.findall("answer")]
        assert all(valid_grade(f) for f in fractions), fractions
        assert sum(float(f) for f in fractions if float(f) > 0) == pytest.approx(100, abs=0.001)
    types = {q.get("type") for q in items}
    assert types >= {"multichoice", "truefalse", "matching", "ordering", "shortanswer", "numerical", "essay"}


def test_a_matching_question_moodle_could_not_edit_is_reported(tmp_path: Path) -> None:
    pool = fixture_pool()
    quiz = pool.categories[0].quizzes[0]
    matching = next(q for q in quiz.questions if isinstance(q, Matching))
    small = matching.model_copy(update={"distractors": []})  # two pairs, two answers
    quiz = quiz.model_copy(update={"questions": [small]})
    pool = Pool(pool.title, pool.slug, [Category("m", "M", "S", [quiz])])
    warnings = moodle.write(pool, tmp_path / "pool.xml")
    assert len(warnings) == 1 and "beispiel/zuordnung" in warnings[0] and "drei Antworten" in warnings[0]


def test_id_numbers_fit_moodles_column() -> None:
    long_key = "a" * 60 + "--" + "b" * 60
    shortened = moodle._idnumber(long_key)
    assert len(shortened) == 100 and shortened.startswith("a" * 60)
    assert moodle._idnumber(long_key[:-1] + "c") != shortened
    assert moodle._idnumber("quiz--frage") == "quiz--frage"


def test_whole_course_keeps_every_option_feedback_and_explanation(tmp_path: Path) -> None:
    pool = course_pool()
    root = written(pool, tmp_path)
    by_key = {text_of(q, "idnumber"): q for q in root.findall("question") if q.get("type") != "category"}
    for category in pool.categories:
        for quiz, q in category.questions:
            el = by_key[question_key(quiz, q)]
            if q.explanation:
                assert visible(text_of(el, "generalfeedback/text")) == plain_text(q.explanation)
            if isinstance(q, SingleChoice | MultipleChoice):
                given = [visible(text_of(a, "feedback/text")) for a in el.findall("answer")]
                assert given == [plain_text(o.feedback) if o.feedback else "" for o in q.options]
