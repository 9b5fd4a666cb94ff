"""Module preloads: a page fetches the course scripts it imports while the theme starts.

course.js imports what every page needs at its start statically: the learner's state (store.js), the
standing in the menu (standing.js) and the quiz (quiz.js, score.js; about 5 KB gzip, minified, also
on the few pages without a quiz, because a dynamic import on a first visit resolved only after the
theme's start and its first frame: 50-130 ms later). <head> announces them, so the browser fetches
them in parallel with the theme instead of after course.js. The progress page's code is imported
dynamically and announced only there. Exercise code is not announced: the editor is large, and it
loads when an exercise comes near.
"""

from __future__ import annotations

import json
import re
from html import escape

ASSET_URI = "assets/coursekit"
ALWAYS = ["store.js", "standing.js", "quiz.js", "score.js"]  # course.js's static imports and theirs
BY_MARKER = {
    'class="ck-progress"': ["progress.js"],  # the progress page shows nothing without it
}


def modules_for(html: str) -> list[str]:
    names = list(ALWAYS)
    for marker, needed in BY_MARKER.items():
        if marker in html:
            names.extend(n for n in needed if n not in names)
    return names


def with_preloads(output: str, root: str) -> str:
    """``output`` with a modulepreload link per course script the page will import; ``root`` is the
    site root relative to the page."""
    base = f"{root.rstrip('/')}/" if root and root != "." else ""
    links = "".join(
        f'<link rel="modulepreload" href="{escape(base + ASSET_URI + "/" + name, quote=True)}">'
        for name in modules_for(output)
    )
    return output.replace("</head>", links + "</head>", 1)


# Pages with exercises start Python's worker from <head>, before the page has been parsed (about
# 0.3 s earlier than course.js could): the worker boots while the theme and the page load. The script
# comes before the stylesheets, which a later script would have to wait for (0.1-0.2 s). runner.js
# takes the worker over (window.kursPython) with the messages it sent so far. The paths are the
# ones runner.js uses for the workers it starts itself (after "Stopp", on pages reached by instant
# navigation); test_early_python.py checks that both agree.
PYTHON_PATHS = {
    "worker": f"{ASSET_URI}/pyworker.js",
    "indexURL": "lite/static/pyodide/",
    "stdLibURL": "lite/static/pyodide/python_stdlib_quellen.zip",
    "snapshotURL": "lite/static/pyodide/snapshot.bin",
    "dataURL": "assets/kursdaten/",
}
EARLY_PYTHON = """(() => {
  const PATHS = __PATHS__;
  const root = new URL(document.currentScript.dataset.wurzel, location.href);
  const at = (path) => new URL(path, root).href;
  const worker = new Worker(at(PATHS.worker), { type: "module" });
  const received = [];
  worker.onmessage = ({ data }) => received.push(data);
  worker.onerror = (event) => received.push({ type: "failed", message: event.message || "Worker-Fehler" });
  worker.postMessage({ type: "boot", indexURL: at(PATHS.indexURL), stdLibURL: at(PATHS.stdLibURL),
    snapshotURL: at(PATHS.snapshotURL), dataURL: at(PATHS.dataURL) });
  window.kursPython = { worker, received };
})();"""
CHARSET_RE = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)  # the first thing in <head>, stays there
EXERCISE_RE = re.compile(r'<section\b[^>]*\bclass="ck-exercise"')


def with_early_python(output: str, root: str) -> str:
    """``output`` with the early start of Python when the page has an exercise to run."""
    if not EXERCISE_RE.search(output):
        return output
    script = EARLY_PYTHON.replace("__PATHS__", json.dumps(PYTHON_PATHS), 1)
    tag = f'<script data-kurs-python data-wurzel="{escape(root or ".", quote=True)}">{script}</script>'
    charset = CHARSET_RE.search(output)
    if charset is None:
        return output.replace("</head>", tag + "</head>", 1)
    return output[: charset.end()] + tag + output[charset.end() :]
