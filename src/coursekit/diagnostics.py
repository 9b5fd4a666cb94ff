"""Editor-facing problems: each one has a place (path:line) and a German message with a hint."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(Enum):
    ERROR = "Fehler"
    WARNING = "Warnung"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    message: str
    hint: str = ""
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def format(self) -> str:
        prefix = "Warnung: " if self.severity is Severity.WARNING else ""
        text = f"{self.path}:{self.line}: {prefix}{self.message}"
        return f"{text} {self.hint}" if self.hint else text


class Report:
    """Collects every problem of one run so editors see all of them at once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.items: list[Diagnostic] = []

    def rel(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def error(self, path: Path, line: int, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(self.rel(path), line, message, hint))

    def warning(self, path: Path, line: int, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(self.rel(path), line, message, hint, Severity.WARNING))

    @property
    def errors(self) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> list[Diagnostic]:
        return sorted(d for d in self.items if d.severity is Severity.WARNING)

    def render(self) -> str:
        lines = [d.format() for d in self.errors + self.warnings]
        n_err, n_warn = len(self.errors), len(self.warnings)
        if n_err or n_warn:
            lines.append(f"{n_err} Fehler, {n_warn} Warnung{'en' if n_warn != 1 else ''}.")
        return "\n".join(lines)


class ContentError(Exception):
    """Raised when content has errors; carries the full report."""

    def __init__(self, report: Report) -> None:
        super().__init__(report.render())
        self.report = report
