"""Display order of quiz entries, and what the printed quiz shows with and without solutions."""

from __future__ import annotations

import re
from html import unescape

import yaml

from coursekit.plugin.quizhtml import printed_quiz, question_html
from coursekit.quiz import ChoiceQuestion, Quiz, display_order, shuffled
from support.course import SITES

QUIZZES = SITES / "quiz" / "exercises" / "quizzes"


def fixture_quiz(name: str) -> Quiz:
    return Quiz.model_validate(yaml.safe_load((QUIZZES / f"{name}.yml").read_text("utf-8")))


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_shuffle_is_a_stable_permutation_that_depends_on_the_seed() -> None:
    orders = {seed: shuffled(seed, 6) for seed in ("quiz/a", "quiz/b", "anderes/a")}
    for seed, order in orders.items():
        assert sorted(order) == list(range(6))
        assert shuffled(seed, 6) == order
    assert len({tuple(o) for o in orders.values()}) > 1


def test_ordering_never_starts_solved() -> None:
    assert all(shuffled(f"q/{i}", 3, avoid_identity=True) != [0, 1, 2] for i in range(50))


def test_choice_order_is_shuffled_unless_the_question_opts_out() -> None:
    choices = [
        (quiz.id, q)
        for quiz in (fixture_quiz("eins"), fixture_quiz("zwei"))
        for q in quiz.questions
        if isinstance(q, ChoiceQuestion)
    ]
    kept = [(qid, q) for qid, q in choices if not q.shuffle]
    mixed = [(qid, q) for qid, q in choices if q.shuffle]
    assert kept and mixed
    for quiz_id, q in kept:
        assert display_order(quiz_id, q) == list(range(len(q.options)))
    assert any(display_order(quiz_id, q) != list(range(len(q.options))) for quiz_id, q in mixed)


def test_the_page_lists_options_in_display_order_with_their_written_index() -> None:
    quiz = fixture_quiz("eins")
    q = next(q for q in quiz.questions if isinstance(q, ChoiceQuestion) and q.shuffle)
    html, spec = question_html(quiz, q, 1, 1)
    shown = [int(v) for v in re.findall(r'<input type="\w+" name="[^"]+" value="(\d+)"', html)]
    assert shown == display_order(quiz.id, q)
    assert spec["correct"] == [i for i, o in enumerate(q.options) if o.correct]  # keyed by the written index


def explanations_and_feedback(quiz: Quiz) -> list[str]:
    texts = []
    for q in quiz.questions:
        texts += [q.explanation or "", getattr(q, "feedback_wrong", None) or ""]
        for entry in [*getattr(q, "options", []), *getattr(q, "pairs", []), *getattr(q, "items", [])]:
            texts.append(entry.feedback or "")
        texts += [w.feedback for w in getattr(q, "wrong_answers", [])]
    return [t for t in texts if t]


def test_the_handout_shows_questions_but_no_solutions_and_the_handbook_both() -> None:
    quiz = fixture_quiz("eins")
    handout = text_of(printed_quiz(quiz))
    handbook = text_of(printed_quiz(quiz, solutions=True))
    hidden = explanations_and_feedback(quiz)
    assert len(hidden) > 5
    assert [t for t in hidden if text_of(t) in handout] == []
    assert "Richtig" not in handout
    for q in quiz.questions:
        assert text_of(q.prompt.replace("**", "")) in handout
        if q.explanation:
            assert text_of(q.explanation) in handbook
    # The handbook names right options by the letter they have in the handout.
    mehrfach = next(q for q in quiz.questions if q.id == "mehrfach")
    assert isinstance(mehrfach, ChoiceQuestion)
    order = display_order(quiz.id, mehrfach)
    right = " ".join(
        f"{'ABC'[pos]}) {mehrfach.options[i].text}" for pos, i in enumerate(order) if mehrfach.options[i].correct
    )
    assert f"Richtig sind: {right}" in handbook
