"""Module preloads: a page fetches the course scripts it will need while the theme starts.

course.js loads its parts with dynamic imports, one after another (store.js, then quiz.js, which
imports score.js). Announcing them in <head> lets the browser fetch them in parallel with the
page's other files, so a quiz is ready sooner after navigation.
"""

from __future__ import annotations

from html import escape

ASSET_URI = "assets/coursekit"
ALWAYS = ["store.js"]  # course.js reads the learner's state on every page
BY_MARKER = {
    'class="ck-quiz"': ["quiz.js", "score.js"],
    'class="ck-progress"': ["progress.js", "score.js"],
    'class="ck-exercise': ["runner.js"],
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
