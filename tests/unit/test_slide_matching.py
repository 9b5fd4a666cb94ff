"""A matching question on a discussion slide: both sides as a table, the solution as a table of pairs."""

from __future__ import annotations

from lxml import html as lxml_html

from coursekit.quiz import Matching
from coursekit.slides import _poll

QUESTION = Matching.model_validate(
    {
        "type": "matching",
        "id": "zuordnen",
        "prompt": "Ordnen Sie zu.",
        "pairs": [
            {"left": "Erfahrung", "right": "Lernen bei der Arbeit"},
            {"left": "Austausch", "right": "Lernen mit anderen"},
            {"left": "Kurs", "right": "Formales Lernen"},
        ],
        "distractors": ["Lernen im Schlaf"],
    }
)


def rows(table: lxml_html.HtmlElement) -> list[list[str]]:
    return [[cell.text_content() for cell in row.xpath("th|td")] for row in table.xpath("tbody/tr")]


def test_question_shows_left_and_right_side_by_side_and_the_answer_pairs_them() -> None:
    slide = lxml_html.fromstring(_poll("quiz-a", QUESTION, 1))
    question, answer = slide.xpath(".//table[@class='ck-match']")
    assert not question.xpath("ancestor::*[contains(@class, 'fragment')]")
    shown = rows(question)
    assert [r[0] for r in shown] == ["1. Erfahrung", "2. Austausch", "3. Kurs", ""]
    choices = sorted(r[1].split(". ", 1)[1] for r in shown)
    assert choices == sorted(["Lernen bei der Arbeit", "Lernen mit anderen", "Formales Lernen", "Lernen im Schlaf"])
    assert [r[1][0] for r in shown] == ["A", "B", "C", "D"]
    assert answer.xpath("ancestor::*[contains(@class, 'ck-poll-answer')]")
    assert rows(answer) == [
        ["Erfahrung", "Lernen bei der Arbeit"],
        ["Austausch", "Lernen mit anderen"],
        ["Kurs", "Formales Lernen"],
    ]
