"""Reading editor files: strict UTF-8, front matter, and YAML that remembers line numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, Report

Loc = tuple[str | int, ...]
# libyaml's loader is ten times faster than the pure-Python one; both report the same marks.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Located:
    """A YAML document as plain Python data plus the line of every key and item."""

    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, loc: Loc) -> int:
        """Line of the deepest known node on the way to ``loc``."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return self.first_line


def read_text(path: Path, report: Report) -> str | None:
    """Read a file as UTF-8; report the line of the first bad byte instead of crashing."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        report.error(
            path,
            line,
            f"Die Datei ist nicht UTF-8-kodiert (unlesbares Byte 0x{raw[exc.start]:02X}).",
            "Speichern Sie die Datei im Editor mit der Kodierung „UTF-8“.",
        )
        return None


def _to_python(
    node: yaml.Node, loader: yaml.SafeLoader, loc: Loc, located: Located, path: Path, report: Report, offset: int
) -> Any:
    located.lines[loc] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key_line = key_node.start_mark.line + 1 + offset
            if key in result:
                report.error(
                    path, key_line, f"Der Schlüssel „{key}“ kommt doppelt vor.", "Löschen Sie eine der beiden Zeilen."
                )
            child = (*loc, key)
            result[key] = _to_python(value_node, loader, child, located, path, report, offset)
            located.lines[child] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, loader, (*loc, i), located, path, report, offset) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


# Frequent PyYAML problems in words an editor understands: (fragment, message, hint).
_YAML_PROBLEMS = (
    (
        "while scanning a quoted scalar",
        "Anführungszeichen werden nicht geschlossen.",
        "Setzen Sie am Ende des Textes das schließende Anführungszeichen.",
    ),
    (
        "mapping values are not allowed",
        "Doppelpunkt an unerwarteter Stelle.",
        "Setzen Sie Texte, die „: “ enthalten, in Anführungszeichen.",
    ),
    (
        "expected <block end>",
        "Die Einrückung passt nicht zu den Zeilen davor.",
        "Rücken Sie gleichrangige Einträge gleich weit ein (nur Leerzeichen).",
    ),
    (
        "flow sequence",
        "Eine Liste in eckigen Klammern wird nicht geschlossen.",
        "Schließen Sie die Liste mit „]“ und trennen Sie Einträge mit Kommas.",
    ),
    ("flow mapping", "Geschweifte Klammer wird nicht geschlossen.", "Schließen Sie sie mit „}“."),
    (
        "found undefined alias",
        "Unbekannter Verweis mit „*“.",
        "Setzen Sie Texte, die mit „*“ beginnen, in Anführungszeichen.",
    ),
    ("found character '@'", "„@“ oder „`“ am Textanfang.", "Setzen Sie den Text in Anführungszeichen."),
    (
        "but found another document",
        "Mehr als ein YAML-Dokument in der Datei.",
        "Entfernen Sie die zusätzliche Zeile „---“.",
    ),
)


def _yaml_problem(exc: yaml.MarkedYAMLError) -> tuple[str, str]:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for fragment, message, hint in _YAML_PROBLEMS:
        if fragment in text:
            return message, hint
    return (
        f"Syntaxfehler ({(exc.problem or exc.context or '').strip()}).",
        "Prüfen Sie Einrückung (nur Leerzeichen), Doppelpunkte und Anführungszeichen.",
    )


def _unclosed_quote_line(text: str, upto: int) -> int | None:
    """First line (1-based, <= upto) with an odd number of double quotes, if any."""
    for number, line in enumerate(text.splitlines()[:upto], start=1):
        if line.lstrip().startswith("#"):
            continue
        if (line.count('"') - line.count('\\"')) % 2:
            return number
    return None


# What parse_yaml made of a text, with what it reported: `make preview` checks the whole course after each
# save, and all but one file are then unchanged. Keyed by the text itself, never by a file's time stamp.
# Callers treat a Located as read-only (it goes into pydantic's validation).
_PARSED: dict[tuple[str, str, int, str], tuple[Located | None, list[Diagnostic]]] = {}
_PARSED_MAX = 5000


def parse_yaml(text: str, path: Path, report: Report, offset: int = 0) -> Located | None:
    """Parse one YAML document; ``offset`` is the number of lines before ``text`` in the file."""
    key = (str(report.root), str(path), offset, text)  # diagnostics name the path relative to the root
    known = _PARSED.get(key)
    if known is None:
        before = len(report.items)
        located = _parse_yaml(text, path, report, offset)
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[key] = (located, report.items[before:])
        return located
    located, said = known
    report.items.extend(said)
    return located


def _parse_yaml(text: str, path: Path, report: Report, offset: int) -> Located | None:
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(None, first_line=offset + 1)
        located = Located(None, first_line=node.start_mark.line + 1 + offset)
        located.data = _to_python(node, loader, (), located, path, report, offset)
        return located
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        message, hint = _yaml_problem(exc)
        lines = text.splitlines()
        if 0 < line - offset <= len(lines) and "\t" in lines[line - offset - 1]:
            message, hint = "Tabulator gefunden.", "YAML erlaubt zum Einrücken nur Leerzeichen."
        # An unclosed quote swallows the following lines, so PyYAML complains far below it.
        unclosed = _unclosed_quote_line(text, line - offset)
        if unclosed is not None:
            line = unclosed + offset
            message, hint = _YAML_PROBLEMS[0][1:]
        report.error(path, line, f"Ungültiges YAML: {message}", hint)
        return None
    except yaml.YAMLError as exc:
        report.error(path, offset + 1, f"Ungültiges YAML: {exc}.")
        return None
    finally:
        loader.dispose()


@dataclass
class Page:
    """A Markdown file split into front matter and body."""

    path: Path
    meta: Located | None  # None when absent or unreadable
    body: str
    body_line: int  # line number where the body starts
    has_front_matter: bool = False


def split_front_matter(text: str, path: Path, report: Report) -> Page:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return Page(path, None, text, 1)
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            meta = parse_yaml("".join(lines[1:i]), path, report, offset=1)
            return Page(path, meta, "".join(lines[i + 1 :]), i + 2, has_front_matter=True)
    report.error(
        path,
        1,
        "Der Vorspann (Front Matter) wird nicht geschlossen.",
        "Schließen Sie ihn mit einer Zeile, die nur „---“ enthält.",
    )
    return Page(path, None, "", len(lines) + 1, has_front_matter=True)
