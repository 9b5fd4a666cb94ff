"""Pages announce the course scripts they will import, so the browser fetches them in parallel."""

from __future__ import annotations

from coursekit.plugin.preload import modules_for, with_preloads

PAGE = "<html><head><title>x</title></head><body>{}</body></html>"


def test_a_quiz_page_preloads_the_quiz_chain_and_a_plain_page_only_the_store() -> None:
    assert modules_for(PAGE.format('<section class="ck-quiz" data-quiz="a">')) == ["store.js", "quiz.js", "score.js"]
    assert modules_for(PAGE.format("<p>Text</p>")) == ["store.js"]
    exercise = '<section class="ck-exercise" data-exercise="b"></section><section class="ck-progress"></section>'
    assert modules_for(PAGE.format(exercise)) == ["store.js", "progress.js", "score.js", "runner.js"]


def test_links_are_relative_to_the_page_and_sit_in_the_head() -> None:
    nested = with_preloads(PAGE.format('<section class="ck-quiz">'), "../..")
    head = nested.split("</head>")[0]
    assert '<link rel="modulepreload" href="../../assets/coursekit/quiz.js">' in head
    top = with_preloads(PAGE.format(""), ".")
    assert '<link rel="modulepreload" href="assets/coursekit/store.js">' in top.split("</head>")[0]
