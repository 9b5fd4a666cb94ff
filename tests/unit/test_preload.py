"""Pages announce the course scripts they will import, so the browser fetches them in parallel."""

from __future__ import annotations

from coursekit.plugin.preload import modules_for, with_preloads

PAGE = "<html><head><title>x</title></head><body>{}</body></html>"


def test_every_page_preloads_the_state_and_quiz_and_progress_pages_their_code() -> None:
    # Exercise code stays lazy (its editor is large); a quiz page fetches quiz code with the page, and it
    # runs when the quiz comes near (test_selfcheck.py).
    for body in ('<section class="ck-exercise" data-exercise="b">', "<p/>"):
        assert modules_for(PAGE.format(body)) == ["store.js", "standing.js"]
    quiz = PAGE.format('<section class="ck-quiz" data-quiz="a">')
    assert modules_for(quiz) == ["store.js", "standing.js", "quiz.js", "score.js"]
    progress = PAGE.format('<section class="ck-progress"></section>')
    assert modules_for(progress) == ["store.js", "standing.js", "progress.js", "score.js"]


def test_links_are_relative_to_the_page_and_sit_in_the_head() -> None:
    nested = with_preloads(PAGE.format('<section class="ck-progress">'), "../..")
    head = nested.split("</head>")[0]
    assert '<link rel="modulepreload" href="../../assets/coursekit/progress.js">' in head
    top = with_preloads(PAGE.format(""), ".")
    assert '<link rel="modulepreload" href="assets/coursekit/store.js">' in top.split("</head>")[0]
