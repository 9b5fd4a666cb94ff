"""Pedagogy lint: a module is complete when its objectives are checked and its quiz explains itself.

Structure errors (wrong keys, broken references) live elsewhere; these checks are about
teaching quality and can be relaxed per site with the plugin option ``pedagogy_checks``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path

from . import markers, pagechecks
from .course import Course, Module
from .facilitator import split_notes
from .quiz import Matching, MultipleChoice, Ordering, ShortText, SingleChoice, TrueFalse
from .quizzes import LoadedQuiz
from .sources import Page

WORDS_PER_MINUTE = 200  # reading speed for factual German text
MINUTES_PER_QUESTION = 1
MINUTES_PER_NOTEBOOK = 20
WORD_BUDGET = 3000
IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)")

# Words that make a true/false statement absolute, so test-wise learners guess "false" without
# knowing the content. Whole words, any case. Left out on purpose: "kein" (mostly classifies, as in
# "ist kein Beleg") and "ganz" or "genau" (mostly intensify, as in "ganz konkret", "genau hinsehen").
# docs/redaktion.md lists these words for editors; change both together.
GIVEAWAY_WORDS = frozenset(
    {
        *("immer", "stets", "jederzeit", "nie", "niemals", "ausnahmslos"),
        *("alle", "allen", "alles", "sämtliche", "jede", "jeder", "jedes", "jeden", "jedem"),
        *("keine", "keiner", "keinen", "keines", "keinem"),
        *("nur", "ausschließlich", "uneingeschränkt", "grundsätzlich", "völlig"),
        *("nachweislich", "garantiert", "eindeutig", "zweifelsfrei"),
    }
)
GIVEAWAY_RE = re.compile(r"\b(?:" + "|".join(sorted(GIVEAWAY_WORDS)) + r")\b", re.IGNORECASE)
# Phrases in which such a word is not absolute: "nicht nur …, sondern auch", "immer wieder",
# and "nur" before an amount ("nur 8 Prozent", "nur etwa 15") that describes a case.
GIVEAWAY_EXEMPT_RE = re.compile(
    r"\b(?:nicht\s+nur|immer\s+(?:wieder|mehr|noch|weniger|häufiger|öfter)|nur\s+(?:\d|etwa|rund|knapp|wenige))",
    re.IGNORECASE,
)
# A true/false statement should make one claim. Heuristic for a second one: "außerdem" anywhere;
# "damit" opening a sentence or after a comma ("…, damit …", "Damit ist bewiesen …"); "und"/"sowie"
# after a comma, or with a finite verb from FINITE_VERBS in the clause part on each side (parts end
# at , ; : – and sentence ends). So "dass Lesen und Schreiben wichtig sind" passes,
# "dass die Community gescheitert ist und die Koordination eingreifen sollte" does not.
CLAUSE_JOINER_RE = re.compile(r"\b(?:und|sowie|damit|außerdem)\b", re.IGNORECASE)
CLAUSE_BREAK_RE = re.compile(r"[,;:–—]|[.!?](?=[\s“”\"]*(?:$|[„\"A-ZÄÖÜ]))")
# Auxiliaries, modals and a few frequent verbs in the third person; enough to tell a clause from a list.
FINITE_VERBS = frozenset(
    {
        *("ist", "sind", "war", "waren", "wäre", "wären", "wird", "werden", "wurde", "wurden", "würde", "würden"),
        *("hat", "haben", "hatte", "hatten", "hätte", "hätten"),
        *("kann", "können", "konnte", "konnten", "könnte", "könnten", "muss", "müssen", "musste", "müsste"),
        *("soll", "sollen", "sollte", "sollten", "darf", "dürfen", "dürfte", "will", "wollen", "wollte"),
        *("gilt", "gelten", "zeigt", "zeigen", "zeigte", "folgt", "bedeutet", "gibt", "liegt", "lässt", "reicht"),
    }
)

Emit = Callable[[Path, int, str, str], None]


def body_words(page: Page) -> int:
    """Words a learner reads: without facilitator notes and course markers."""
    return _learner_words(page.body)


@functools.lru_cache(maxsize=1024)  # the preview checks every page on each save; most are as before
def _learner_words(body: str) -> int:
    learner_text, _ = split_notes(body)
    marker_lines = {m.index for m in markers.scan(learner_text)}
    prose = " ".join(line for i, line in enumerate(learner_text.splitlines()) if i not in marker_lines)
    return len([w for w in prose.split() if any(ch.isalnum() for ch in w)])


def check(course: Course, error: Emit, warning: Emit) -> None:
    quizzes_by_module: dict[str, list[LoadedQuiz]] = {}
    for loaded in course.quizzes.values():
        quizzes_by_module.setdefault(loaded.item.module, []).append(loaded)
    for module in course.modules:
        quizzes = quizzes_by_module.get(module.meta.id, [])
        _check_module(module, quizzes, error, warning)
        for loaded in quizzes:
            _check_quiz(loaded, error)
            _check_guessability(loaded, warning)
    for page in course.pages.values():
        for index, line in pagechecks.prose_lines(page.body):
            for match in IMAGE_RE.finditer(line):
                if not match.group("alt").strip():
                    error(
                        page.path,
                        page.body_line + index,
                        "Dem Bild fehlt ein Alternativtext.",
                        "Beschreiben Sie in ![…](bild.png) in wenigen Worten, was das Bild zeigt.",
                    )


def _check_module(module: Module, quizzes: list[LoadedQuiz], error: Emit, warning: Emit) -> None:
    path, meta = module.page.path, module.meta
    if not quizzes:
        error(
            path,
            module.located.line_of(("quizzes",)),
            "Das Modul hat kein Quiz.",
            "Legen Sie exercises/quizzes/<kennung>.yml an und setzen Sie „::: quiz <kennung>“ in den Text.",
        )
    checked = {q.objective for loaded in quizzes for q in loaded.item.questions if q.objective}
    for i, objective in enumerate(meta.objectives):
        if quizzes and objective.id not in checked:
            error(
                path,
                module.located.line_of(("objectives", i, "id")),
                f"Keine Quizfrage prüft das Lernziel „{objective.id}“.",
                "Geben Sie mindestens einer Frage „objective: " + objective.id + "“.",
            )
    words = body_words(module.page)
    questions = sum(len(loaded.item.questions) for loaded in quizzes)
    needed = round(words / WORDS_PER_MINUTE + questions * MINUTES_PER_QUESTION)
    if meta.duration < needed:
        warning(
            path,
            module.located.line_of(("duration",)),
            f"Die Dauer von {meta.duration} Minuten ist knapp: Lesen (~{words} Wörter) und Quiz "
            f"({questions} Frage{'' if questions == 1 else 'n'}) brauchen schon etwa {needed} Minuten.",
            "Planen Sie Zeit für Aufgaben und Notebooks ein und erhöhen Sie „duration“.",
        )
    if words > WORD_BUDGET:
        warning(
            path,
            1,
            f"Das Modul hat {words} Wörter, mehr als die empfohlenen {WORD_BUDGET}.",
            "Kürzen Sie oder teilen Sie das Modul.",
        )


def _check_quiz(loaded: LoadedQuiz, error: Emit) -> None:
    path = loaded.path
    for i, q in enumerate(loaded.item.questions):
        if not q.graded:  # reflections and practice tasks are not scored, so nothing to explain
            continue
        if not q.explanation:
            error(
                path,
                loaded.line_of("questions", i, "id"),
                f"Die Frage „{q.id}“ hat keine Erklärung.",
                "Ergänzen Sie „explanation:“: Warum ist die richtige Antwort richtig?",
            )
        for loc, what in _missing_feedback(q):
            error(
                path,
                loaded.line_of("questions", i, *loc),
                f"{what} in Frage „{q.id}“ hat keine Rückmeldung.",
                "Ergänzen Sie „feedback:“ und erklären Sie, warum das nicht passt.",
            )


def _check_guessability(loaded: LoadedQuiz, warning: Emit) -> None:
    """Patterns that let learners pass a quiz by guessing: longest answer, one key, giveaway words."""
    path, questions = loaded.path, loaded.item.questions
    longest = [i for i, q in enumerate(questions) if isinstance(q, SingleChoice) and _right_is_longest(q)]
    singles = sum(1 for q in questions if isinstance(q, SingleChoice))
    if len(longest) >= 3 and 2 * len(longest) > singles:
        warning(
            path,
            loaded.line_of("questions", longest[0], "id"),
            f"In {len(longest)} von {singles} Fragen vom Typ „single“ ist die richtige Antwort die längste.",
            "Wer immer die längste Möglichkeit wählt, besteht ohne Wissen. Formulieren Sie die falschen "
            "Möglichkeiten so ausführlich wie die richtige (typische Fehlannahmen) oder kürzen Sie die richtige.",
        )
    statements = [(i, q) for i, q in enumerate(questions) if isinstance(q, TrueFalse)]
    keys = {q.answer for _, q in statements}
    if len(statements) >= 2 and len(keys) == 1:
        label = "„Stimmt“" if keys.pop() else "„Stimmt nicht“"
        warning(
            path,
            loaded.line_of("questions", statements[0][0], "answer"),
            f"{'Beide' if len(statements) == 2 else f'Alle {len(statements)}'} Richtig-falsch-Aussagen "
            f"des Quiz sind mit {label} zu beantworten.",
            "Formulieren Sie etwa die Hälfte der Aussagen so, dass die andere Antwort richtig ist, "
            "und passen Sie „feedback_wrong“ und „explanation“ an.",
        )
    for i, q in statements:
        line = loaded.line_of("questions", i, "prompt")
        words = giveaway_words(q.prompt)
        if words:
            named = " und ".join(f"„{w}“" for w in words)
            what = "das absolute Wort" if len(words) == 1 else "die absoluten Wörter"
            warning(
                path,
                line,
                f"Die Aussage „{q.id}“ enthält {what} {named}; solche Wörter verraten oft, "
                "dass eine Aussage nicht stimmt.",
                "Formulieren Sie die Aussage ohne sie, so dass nur Wissen über den Inhalt entscheidet.",
            )
        joiner = second_claim(q.prompt)
        if joiner:
            warning(
                path,
                line,
                f"Die Aussage „{q.id}“ verbindet mit „{joiner}“ wohl zwei Behauptungen.",
                "Prüfen Sie je Aussage nur eine Behauptung; teilen Sie sie sonst in zwei Fragen auf.",
            )


def _right_is_longest(q: SingleChoice) -> bool:
    right = max(len(o.text.strip()) for o in q.options if o.correct)
    return all(right > len(o.text.strip()) for o in q.options if not o.correct)


def giveaway_words(statement: str) -> list[str]:
    """Absolute words in ``statement`` (lower case, first occurrence order, without exempt phrases)."""
    text = GIVEAWAY_EXEMPT_RE.sub(" ", statement)
    return list(dict.fromkeys(m.group().lower() for m in GIVEAWAY_RE.finditer(text)))


def second_claim(statement: str) -> str | None:
    """The word that joins a second claim to the first one, if the heuristic finds one."""
    for match in CLAUSE_JOINER_RE.finditer(statement):
        word = match.group().lower()
        before = statement[: match.start()].rstrip(' „“"')
        after_break = not before or before[-1] in ",;:–—.!?"
        if word == "außerdem" or (word == "damit" and after_break):
            return word
        if word in ("und", "sowie"):
            left, right = _clause_part(before, -1), _clause_part(statement[match.end() :], 0)
            if before.endswith(",") or (_has_finite_verb(left) and _has_finite_verb(right)):
                return word
    return None


def _clause_part(text: str, which: int) -> str:
    """The last (``which`` = -1) or first (0) part of ``text`` between clause breaks."""
    return CLAUSE_BREAK_RE.split(text)[which]


def _has_finite_verb(part: str) -> bool:
    return any(word.lower() in FINITE_VERBS for word in re.findall(r"\w+", part))


def _missing_feedback(q: object) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(q, SingleChoice | MultipleChoice):
        return [
            (("options", j), f"Die falsche Möglichkeit {j + 1}")
            for j, o in enumerate(q.options)
            if not o.correct and not o.feedback
        ]
    if isinstance(q, TrueFalse) and not q.feedback_wrong:
        return [(("answer",), "Die falsche Wahl")]
    if isinstance(q, Matching):
        return [(("pairs", j), f"Das Paar {j + 1}") for j, p in enumerate(q.pairs) if not p.feedback]
    if isinstance(q, Ordering):
        return [(("items", j), f"Der Eintrag {j + 1}") for j, item in enumerate(q.items) if not item.feedback]
    if isinstance(q, ShortText) and not q.feedback_wrong:
        return [(("id",), "Eine falsche Antwort")]
    return []
