"""What editors may write, and the net behind it: content is text, never code.

Policy (documented on docs/redaktion.md):
- Markdown bodies (modules, glossary, notes, notebook text cells) are Markdown without raw HTML:
  an HTML tag, a link to a script URL or an event-handler attribute is a ``path:line`` error.
- Fields of front matter and YAML files are text with a small Markdown subset (emphasis, code,
  links to web pages and course pages), rendered by ``safemd`` with every HTML tag escaped.
  ``md_text`` puts such a field into generated Markdown so that the page's Markdown cannot
  read anything more into it.
- After rendering, every page's content is scanned once more (``unsafe_html``); a finding stops
  the build. This catches what no source check sees, e.g. HTML printed by notebook code.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterable
from pathlib import Path

from . import safemd
from .diagnostics import Report
from .pagechecks import LINK_RE, prose_lines
from .sources import Page

TAG_RE = re.compile(r"(?<!\\)<(?:/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|!--|!\[CDATA\[|\?[A-Za-z])")
REFERENCE_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
ATTR_LIST_RE = re.compile(
    r"\{[^{}]*?(?<![\w-])(?P<key>on[a-z]+|href|src|srcdoc|style|action|formaction|xlink:href)\s*=", re.IGNORECASE
)
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.-]*):")
# Markdown syntax characters in field text become numeric entities: shown as typed, never read as markup.
MARKDOWN_CHARS = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~^:<>="})
HTML_TAG_SPLIT_RE = re.compile(r"(<[^>]*>|&#?\w+;)")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see, after entities, whitespace and control characters are removed."""
    cleaned = re.sub(r"[\s\x00-\x1f]+", "", html.unescape(url)).lower()
    match = SCHEME_RE.match(cleaned)
    return match.group(1) if match else None


def unsafe_url(url: str) -> bool:
    scheme = url_scheme(url)
    return scheme is not None and scheme not in SAFE_SCHEMES


def md_text(text: str) -> str:
    """A field's text for generated Markdown: safemd's HTML with Markdown syntax in its text disabled."""
    parts = HTML_TAG_SPLIT_RE.split(safemd.inline(text).replace("\n", " "))
    return "".join(part if i % 2 else part.translate(MARKDOWN_CHARS) for i, part in enumerate(parts))


def attr_text(text: str) -> str:
    """A field's text for an HTML attribute or for a template that inserts it unescaped (page title)."""
    return html.escape(" ".join(text.split()), quote=True)


def plain(text: str) -> str:
    """Visible text of an HTML fragment (tags removed, entities decoded)."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", text)).split())


TITLE_RE = re.compile(r"<title>.*?</title>", re.DOTALL)


def with_safe_title(page_html: str, title: str) -> str:
    """The page with its <title> escaped once more: mkdocs-material's ``striptags`` decodes entities there."""
    return TITLE_RE.sub(lambda _: f"<title>{html.escape(title, quote=False)}</title>", page_html, count=1)


def body_problems(lines: Iterable[tuple[int, str]]) -> list[tuple[int, str, str]]:
    """(index, message, hint) for raw HTML, script URLs and event-handler attributes in Markdown lines."""
    found: list[tuple[int, str, str]] = []
    for index, line in lines:
        tag = TAG_RE.search(line)
        if tag:
            found.append(
                (
                    index,
                    f"Der Text enthält HTML („{line[tag.start() : tag.start() + 30].strip()}…“); "
                    "HTML ist in Kursinhalten nicht erlaubt.",
                    "Schreiben Sie Markdown (z. B. **fett**, [Link](seite.md)). Soll das Zeichen „<“ sichtbar "
                    "sein, schreiben Sie „\\<“ oder setzen Sie den Ausdruck in `Backticks`.",
                )
            )
        urls = [m.group(1) for m in LINK_RE.finditer(line)]
        reference = REFERENCE_RE.match(line)
        if reference:
            urls.append(reference.group(1))
        for url in urls:
            if unsafe_url(url):
                found.append(
                    (
                        index,
                        f"Der Link „{url[:40]}“ nutzt die Adressart „{url_scheme(url)}:“, die nicht erlaubt ist.",
                        "Links zeigen auf Kursseiten (z. B. ../glossar.md), Webseiten (https://…) oder "
                        "E-Mail-Adressen (mailto:…).",
                    )
                )
        attr = ATTR_LIST_RE.search(line)
        if attr:
            found.append(
                (
                    index,
                    f"Die Attributangabe „{attr.group('key')}=…“ in geschweiften Klammern ist nicht erlaubt.",
                    "Erlaubt sind Kennungen und Klassen, z. B. { #abschnitt .ck-facts }.",
                )
            )
    return found


def check_pages(pages: dict[str, Page], report: Report) -> None:
    for page in pages.values():
        for index, message, hint in body_problems(prose_lines(page.body)):
            report.error(page.path, page.body_line + index, message, hint)


def check_notebook(path: Path, report: Report) -> None:
    """Text cells of an exercise notebook follow the rules of Markdown bodies; lines are the file's."""
    file_lines = path.read_text("utf-8").splitlines()
    try:
        cells = json.loads("\n".join(file_lines)).get("cells", [])
    except json.JSONDecodeError:
        return  # reported where the notebook is read
    cursor = 0
    for cell in cells:
        source = cell.get("source", [])
        cell_lines = ("".join(source) if isinstance(source, list) else str(source)).splitlines()
        if cell.get("cell_type") != "markdown":
            continue
        problems = body_problems(prose_lines("\n".join(cell_lines)))
        for index, message, hint in problems:
            needle = json.dumps(cell_lines[index], ensure_ascii=False)[1:-1][:40]
            line = next((n for n in range(cursor, len(file_lines)) if needle in file_lines[n]), cursor)
            cursor = line
            report.error(path, line + 1, message, hint)


UNSAFE_HTML = [
    (re.compile(r"<script\b(?![^>]*\btype=\"application/json\")[^>]*>", re.IGNORECASE), "ein Skript"),
    (re.compile(r"<(?:iframe|object|embed|base|meta|frame|frameset)\b", re.IGNORECASE), "ein eingebettetes Objekt"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE), "ein Ereignis-Attribut (on…=)"),
    (re.compile(r"<[^>]*\sstyle\s*=\s*[\"'][^\"']*(?:url\(|expression)", re.IGNORECASE), "CSS mit Adressen"),
]
URL_ATTR_RE = re.compile(r"\s(?:href|src|action|formaction|xlink:href|poster|srcset)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


@functools.lru_cache(maxsize=1024)  # the preview scans every page on each save; most are as before
def unsafe_html(content: str) -> tuple[str, ...]:
    """What in a page's rendered content could run script, in German; empty when it is clean."""
    found = [what for pattern, what in UNSAFE_HTML if pattern.search(content)]
    for match in URL_ATTR_RE.finditer(content):
        url = match.group(1) if match.group(1) is not None else match.group(2)
        scheme = url_scheme(url)
        if (
            scheme is not None
            and scheme not in SAFE_SCHEMES
            and not (scheme == "data" and re.match(r"data:image/(?:png|jpeg|gif|webp)[;,]", url.strip(), re.IGNORECASE))
        ):
            found.append(f"eine Adresse der Art „{scheme}:“")
    return tuple(sorted(set(found)))
