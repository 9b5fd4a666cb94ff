"""Slide decks for facilitators: one reveal.js deck per module, generated from its Markdown.

Level-2 headings (and ``::: folie``) start slides. Each slide shows the section's first
paragraph, its lists, tables and task boxes; the remaining paragraphs and the facilitator
notes become speaker notes. A quiz becomes discussion polls (its questions marked ``poll: true``,
or all graded ones if none is marked): question and options first, answer and explanation on the
next step; under ``make workshop`` the marked ones also show live results.
"""

from __future__ import annotations

import functools
import posixpath
import re
from html import escape

import markdown

from . import markers, safemd
from .course import Course, Module
from .facilitator import split_notes
from .markup import md_text
from .quiz import BaseQuestion, Matching, MultipleChoice, Ordering, ShortText, SingleChoice, TrueFalse, display_order

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "fenced_code"]
SHOWN_RE = re.compile(r"^\s*(?:[-*+] |\d+\. |\||!!!|\?\?\?|>|!\[)")


HREF_RE = re.compile(r'href="(?:(?P<path>[^":#?]+\.md)(?P<fragment>#[^"]*)?|(?P<local>#[^"]*))"')


_CONVERTER = markdown.Markdown(extensions=EXTENSIONS)  # one for all slides: building one costs more than a slide


@functools.lru_cache(maxsize=4096)  # the preview rebuilds every deck on each save; most slides are as before
def _md(text: str) -> str:
    return _CONVERTER.reset().convert(text)


def page_links(html: str, src_uri: str, root: str) -> str:
    """Point links to other course pages (written as .md files) at their built URLs from the deck."""

    def to_url(match: re.Match[str]) -> str:
        # A link within the module ("#abschnitt") points at the module page, not at the deck.
        path = match.group("path") or posixpath.basename(src_uri)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
        url = target.removesuffix(".md").removesuffix("index") + ("/" if not target.endswith("index.md") else "")
        return f'href="{root}{url.lstrip("/")}{match.group("fragment") or match.group("local") or ""}"'

    return HREF_RE.sub(to_url, html)


def _blocks(text: str) -> list[str]:
    """Markdown blocks separated by blank lines, keeping indented continuations together."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        if blocks and not current and line.startswith("    "):
            current = [*blocks.pop(), ""]  # continuation of an admonition or list
        current.append(line)
    if current:
        blocks.append(current)
    return ["\n".join(b) for b in blocks]


SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„])")


def _first_sentences(paragraph: str, count: int) -> tuple[str, str]:
    """The first ``count`` sentences for the slide and the rest for the speaker notes."""
    sentences = SENTENCE_END_RE.split(" ".join(paragraph.split()))
    return " ".join(sentences[:count]), " ".join(sentences[count:])


def _slide(title: str, body: str, notes: list[str]) -> str:
    blocks = _blocks(body)
    shown: list[str] = []
    spoken: list[str] = []
    lead_taken = False
    for block in blocks:
        if SHOWN_RE.match(block):
            shown.append(block)
        elif not lead_taken:
            lead, rest = _first_sentences(block, 2)
            shown.append(lead)
            if rest:
                spoken.append(rest)
            lead_taken = True
        else:
            spoken.append(block)
    aside = "\n\n".join(notes + spoken)  # the facilitator cue first, the rest of the module text after it
    notes_html = f'<aside class="notes">{_md(aside)}</aside>' if aside else ""
    return f"<section><h2>{escape(title)}</h2>{_md(chr(10).join(b + chr(10) for b in shown))}{notes_html}</section>"


def _note_text(note_title: str, minutes: int | None, materials: str, text: str) -> str:
    timing = f" ({minutes} Min.{', ' + md_text(materials) if materials else ''})" if minutes else ""
    return f"**Moderation: {md_text(note_title)}**{timing}\n\n{text}"


def _answer(q: BaseQuestion) -> str:
    if isinstance(q, SingleChoice | MultipleChoice):
        return "Richtig: " + "; ".join(safemd.inline(o.text) for o in q.options if o.correct)
    if isinstance(q, TrueFalse):
        return "Die Aussage " + ("stimmt." if q.answer else "stimmt nicht.")
    if isinstance(q, Ordering):
        return " → ".join(safemd.inline(i.text) for i in q.items)
    if isinstance(q, ShortText):
        shown = f"{q.number:g}".replace(".", ",") if q.number is not None else " / ".join(q.answers)
        return "Richtig: " + escape(shown)
    return ""


def _matching_table(q: Matching, order: list[int]) -> str:
    """The two sides next to each other: what to match (1, 2, …) and the choices (A, B, …)."""
    rights = [p.right for p in q.pairs] + list(q.distractors)
    lefts = [safemd.inline(p.left) for p in q.pairs]
    choices = [safemd.inline(rights[i]) for i in order]
    rows = "".join(
        f"<tr><td>{f'{n}. ' + lefts[n - 1] if n <= len(lefts) else ''}</td>"
        f"<td>{f'{chr(64 + n)}. ' + choices[n - 1] if n <= len(choices) else ''}</td></tr>"
        for n in range(1, max(len(lefts), len(choices)) + 1)
    )
    return (
        '<table class="ck-match"><thead><tr><th scope="col">Zuzuordnen</th><th scope="col">Zur Auswahl</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def _matching_answer(q: Matching) -> str:
    rows = "".join(
        f'<tr><th scope="row">{safemd.inline(p.left)}</th><td>{safemd.inline(p.right)}</td></tr>' for p in q.pairs
    )
    return (
        '<table class="ck-match"><thead><tr><th scope="col">Zuzuordnen</th><th scope="col">Gehört zu</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def _poll(quiz_id: str, q: BaseQuestion, number: int) -> str:
    order = display_order(quiz_id, q)  # the order learners see on the page and in the handout
    if isinstance(q, SingleChoice | MultipleChoice):
        options = "".join(f"<li>{safemd.inline(q.options[i].text)}</li>" for i in order)
        choices = f'<ol type="A">{options}</ol>'
    elif isinstance(q, Matching):
        choices = _matching_table(q, order)
    elif isinstance(q, Ordering):
        choices = "<ul>" + "".join(f"<li>{safemd.inline(q.items[i].text)}</li>" for i in order) + "</ul>"
    else:
        choices = ""
    explanation = safemd.block(q.explanation) if q.explanation else ""
    solution = _matching_answer(q) if isinstance(q, Matching) else f"<p><strong>{_answer(q)}</strong></p>"
    answer = f'<div class="fragment ck-poll-answer">{solution}{explanation}</div>'
    # Under `make workshop` the slide shows live results for questions authors marked for polling.
    live = f' data-ck-poll="{escape(quiz_id)}/{escape(q.id)}"' if getattr(q, "poll", False) else ""
    return (
        f'<section class="ck-poll"{live}><h2>Diskussionsfrage {number}</h2>'
        f'<p class="ck-poll-q">{safemd.inline(q.prompt)}</p>{choices}{answer}</section>'
    )


def deck(course: Course, module: Module, asset_prefix: str) -> str:
    """The whole deck as an HTML page; ``asset_prefix`` is the relative path to the site root."""
    notes_at = {n.index: n for n in split_notes(module.page.body)[1]}
    meta = module.meta
    objectives = "".join(f"<li>{safemd.inline(o.text)}</li>" for o in meta.objectives)
    slides = [
        f'<section class="ck-title"><h1>{escape(meta.title)}</h1><p>Modul {module.number} von '
        f"{len(course.modules)} · ca. {meta.duration} Minuten</p></section>",
        f"<section><h2>Lernziele</h2><ul>{objectives}</ul></section>",
    ]
    title = ""
    lines: list[str] = []
    pending: list[str] = []  # pending: facilitator notes of the current slide
    # Walk the original body so notes stay attached to the section they were written in.
    original = module.page.body.splitlines()
    skip_until = -1
    for i, line in enumerate(original):
        if i <= skip_until:
            continue
        if i in notes_at:
            note = notes_at[i]
            pending.append(_note_text(note.title, note.minutes, note.materials, note.text))
            j = i + 1
            while j < len(original) and (not original[j].strip() or original[j].startswith(("    ", "\t"))):
                j += 1
            skip_until = j - 1
            continue
        marker = markers.MARKER_RE.match(line)
        if line.startswith("## ") or (marker and marker.group("name") == "folie"):
            if title:
                slides.append(_slide(title, "\n".join(lines), pending))
            title = line[3:].strip() if line.startswith("## ") else title + " (Forts.)"
            lines, pending = [], []
            if title.strip() == "Quellen":
                title = ""
                break
            continue
        if marker and marker.group("name") == "quiz":
            loaded = course.quizzes.get(marker.group("args").strip())
            if title:  # the section before the quiz keeps its place in the deck
                slides.append(_slide(title, "\n".join(lines), pending))
                title, lines, pending = "", [], []
            if loaded is not None:
                # The questions authors chose for polling; a quiz without any keeps all its graded ones.
                graded = loaded.item.graded
                chosen = [q for q in graded if getattr(q, "poll", False)] or graded
                slides.extend(_poll(loaded.item.id, q, n) for n, q in enumerate(chosen, start=1))
            continue
        if marker is None:
            lines.append(line)
    if title:
        slides.append(_slide(title, "\n".join(lines), pending))
    points = "".join(f"<li>{safemd.inline(p)}</li>" for p in meta.key_points)
    slides.append(f"<section><h2>Das Wichtigste in Kürze</h2><ul>{points}</ul></section>")
    root = asset_prefix
    content = page_links("\n".join(slides), module.src_uri, root)
    return f"""<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Folien: {escape(meta.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{root}assets/reveal/reveal.css">
<link rel="stylesheet" href="{root}assets/coursekit/slides.css">
</head>
<body>
<main class="reveal" aria-label="Foliensatz"><div class="slides">
{content}
</div></main>
<script src="{root}assets/reveal/reveal.js"></script>
<script src="{root}assets/reveal/plugin/notes.js"></script>
<script src="{root}assets/coursekit/slides.js"></script>
</body>
</html>
"""
