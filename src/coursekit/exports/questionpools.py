"""Question pools for learning platforms (`make fragenpool`): the course's quizzes, one category per module.

The writers (moodle.py, qti21.py, ilias.py) read a ``Pool``, which is built from the checked course
or, in tests, straight from quiz files. Learner texts are Markdown; every writer renders them with
the course's own safe Markdown (``safemd``), so raw HTML in a quiz stays visible text here as well.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

from .. import markup, safemd
from ..quiz import BaseQuestion, Quiz, Task

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


@dataclass(frozen=True)
class Category:
    """One module: its quizzes become one category (Moodle) or one section of the test (QTI 2.1)."""

    id: str
    title: str
    summary: str
    quizzes: list[Quiz]

    @property
    def questions(self) -> list[tuple[Quiz, BaseQuestion]]:
        return [(quiz, q) for quiz in self.quizzes for q in quiz.questions]


@dataclass(frozen=True)
class Pool:
    title: str  # the course title
    slug: str  # file name stem, e.g. "social-learning-und-medienkompetenz"
    categories: list[Category] = field(default_factory=list)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.translate(UMLAUTS)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "kurs"


def question_key(quiz: Quiz, q: BaseQuestion) -> str:
    """Stable across exports, unique in the course: LMSs use it to recognise a re-imported question."""
    return f"{quiz.id}--{q.id}"


def question_name(q: BaseQuestion, limit: int = 80) -> str:
    """A readable name for LMS question lists: the prompt's first words."""
    text = plain_text(q.prompt)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.–-")
    return f"{cut} …"


# --- HTML for learner texts -----------------------------------------------------------------------


def plain_text(text: str) -> str:
    """The visible text of a Markdown field, for places that show no markup (names, drop-downs)."""
    return markup.plain(safemd.inline(text))


def html_block(text: str) -> str:
    return safemd.block(text)


def html_inline(text: str) -> str:
    return safemd.inline(text)


def fragment(*parts: str | lxml.html.HtmlElement) -> str:
    """Serialise rendered Markdown (strings from safemd) and elements built with lxml into one HTML fragment."""
    out: list[str] = []
    for part in parts:
        html = part if isinstance(part, str) else lxml.html.tostring(part, encoding="unicode")
        if html:
            out.append(html)
    return "\n".join(out)


def element(tag: str, text: str | None = None, *children: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """An HTML element whose text lxml escapes (never parsed as markup)."""
    el: lxml.html.HtmlElement = lxml.html.Element(tag)
    el.text = text
    el.extend(children)
    return el


def markdown_element(tag: str, text: str) -> lxml.html.HtmlElement:
    """``<tag>`` holding the rendered inline Markdown of ``text``."""
    wrapper: lxml.html.HtmlElement = lxml.html.fragment_fromstring(html_inline(text), create_parent=tag)
    return wrapper


def task_statement(q: Task) -> str:
    """What learners see of a task: the prompt, the product, the criteria and the peer-feedback steps."""
    parts: list[str | object] = [html_block(q.prompt)]
    parts.append(element("p", None, element("strong", "Ergebnis: "), markdown_element("span", q.product)))
    parts.append(element("p", None, element("strong", "Daran können Sie Ihr Ergebnis prüfen:")))
    parts.append(element("ul", None, *(markdown_element("li", c.text) for c in q.criteria)))
    if q.peer_feedback:
        parts.append(
            element("p", None, element("strong", "Rückmeldung durch eine Lernpartnerin oder einen Lernpartner:"))
        )
        parts.append(html_block(q.peer_feedback))
    return fragment(*parts)


def task_rubric(q: Task) -> str:
    """The rubric for whoever gives feedback: each criterion with its sign of fulfilment."""
    rows = [
        element("tr", None, markdown_element("td", c.text), markdown_element("td", c.fulfilled)) for c in q.criteria
    ]
    head = element("tr", None, element("th", "Kriterium"), element("th", "Erfüllt, wenn …"))
    return fragment(element("table", None, element("thead", None, head), element("tbody", None, *rows)))


# --- the command -------------------------------------------------------------------------------------

Writer = Callable[[Pool, Path], list[str]]  # writes one file, returns notes for administrators (German)


@dataclass(frozen=True)
class Format:
    label: str  # for the German summary
    file_name: Callable[[Pool], str]
    write: Writer


def formats() -> list[Format]:
    from . import ilias, moodle, qti21

    return [
        Format("Moodle-XML (Moodle 4.4 oder neuer)", lambda p: f"{p.slug}-moodle.xml", moodle.write),
        Format("QTI-2.1-Paket (OpenOLAT)", lambda p: f"{p.slug}-qti21.zip", qti21.write),
        Format("ILIAS-Fragenpool (ILIAS 7 bis 9)", lambda p: f"{p.slug}-ilias_qpl.zip", ilias.write),
    ]


def write_all(pool: Pool, out_dir: Path, out: Callable[[str], None] = print) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fmt in formats():
        path = out_dir / fmt.file_name(pool)
        warnings = fmt.write(pool, path)
        written.append(path)
        out(f"✓ {fmt.label}: {path} ({path.stat().st_size / 1000:.0f} kB)")
        for warning in warnings:
            out(f"  Hinweis: {warning}")
    return written


def pool_from_course(config_file: Path) -> tuple[Pool | None, str]:
    """The checked course as a pool, or None and the editors' report when the content has errors."""
    from ..build import course_config, load
    from ..plugin.plugin import check

    config = load(config_file)
    course, report = check(config, course_config(config))
    if report.errors:
        return None, report.render()
    categories = [
        Category(
            m.meta.id,
            m.meta.title,
            m.meta.summary,
            [course.quizzes[qid].item for qid in m.meta.quizzes if qid in course.quizzes],
        )
        for m in course.modules
    ]
    title = config.site_name
    return Pool(title, slugify(title), [c for c in categories if c.quizzes]), report.render()


def count_questions(pool: Pool) -> int:
    return sum(len(c.questions) for c in pool.categories)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Schreibt die Quizfragen des Kurses als Fragenpools für LMS.")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-o", "--out-dir", type=Path, default=Path("dist/fragenpool"))
    args = parser.parse_args(list(argv) if argv is not None else None)
    from ..build import BuildFailed

    try:
        pool, report = pool_from_course(args.config_file)
    except BuildFailed as exc:
        print(f"Fragenpools nicht geschrieben: {exc}", file=sys.stderr)
        return 1
    if pool is None:
        print(report, file=sys.stderr)
        print("\nFragenpools nicht geschrieben: Die Inhalte enthalten Fehler (siehe oben).", file=sys.stderr)
        return 1
    n_cat, n_q = len(pool.categories), count_questions(pool)
    print(f"Fragenpools für „{pool.title}“: {n_q} Fragen in {n_cat} Kategorien (eine je Modul).")
    write_all(pool, args.out_dir)
    print(
        "Wie Sie die Dateien im LMS importieren, steht in README.md unter „Fragenpools für Moodle, ILIAS und OpenOLAT“."
    )
    return 0
