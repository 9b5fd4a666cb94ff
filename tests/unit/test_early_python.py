"""The early start of Python from <head> uses the same files as runner.js's own starts."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from coursekit.plugin.preload import PYTHON_PATHS, with_early_python

RUNNER = Path(__file__).resolve().parents[2] / "src" / "coursekit" / "assets" / "runner.js"
SITE = "https://kurs.example/"
PAGE = '<html><head></head><body><section class="ck-exercise" data-exercise="x"></section></body></html>'


def runner_urls() -> dict[str, str]:
    source = RUNNER.read_text("utf-8")
    here = urljoin(SITE, "assets/coursekit/runner.js")
    consts = dict(re.findall(r'const (\w+_URL) = new URL\("([^"]+)", here\)', source))
    index = urljoin(here, consts["INDEX_URL"])
    return {
        "worker": urljoin(here, re.search(r'new Worker\(new URL\("([^"]+)", here\)', source).group(1)),  # type: ignore[union-attr]
        "indexURL": index,
        "stdLibURL": urljoin(index, re.search(r'STDLIB_URL = new URL\("([^"]+)", INDEX_URL\)', source).group(1)),  # type: ignore[union-attr]
        "snapshotURL": urljoin(index, re.search(r'SNAPSHOT_URL = new URL\("([^"]+)", INDEX_URL\)', source).group(1)),  # type: ignore[union-attr]
        "dataURL": urljoin(here, consts["DATA_URL"]),
    }


def test_head_start_and_runner_agree_on_every_file() -> None:
    assert {name: urljoin(SITE, path) for name, path in PYTHON_PATHS.items()} == runner_urls()


def test_only_pages_with_an_exercise_start_python_early() -> None:
    started = with_early_python(PAGE, "../..")
    assert '<script data-kurs-python data-wurzel="../..">' in started.split("</head>")[0]
    assert "__PATHS__" not in started and '"indexURL": "lite/static/pyodide/"' in started
    reordered = PAGE.replace('class="ck-exercise" data-exercise="x"', 'aria-label="Übung" class="ck-exercise"')
    assert "data-kurs-python" in with_early_python(reordered, "..")  # as Python-Markdown orders attributes
    static = PAGE.replace('class="ck-exercise"', 'class="ck-exercise-static"')  # LMS package without Python
    assert with_early_python(static, "..") == static
    plain = "<html><head></head><body><p>Text</p></body></html>"
    assert with_early_python(plain, ".") == plain


def test_python_starts_before_the_stylesheets_and_after_the_charset() -> None:
    # A script after a stylesheet link waits until the stylesheet has arrived.
    page = PAGE.replace("<head>", '<head><meta charset="utf-8"><link rel="stylesheet" href="main.css">')
    head = with_early_python(page, "..").split("</head>")[0]
    assert head.index('<meta charset="utf-8">') < head.index("data-kurs-python") < head.index("main.css")
