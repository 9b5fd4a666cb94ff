"""Runs exercise cells on the module page, inside the page's Pyodide worker.

A cell's printed text, its last expression (charts as SVG, self-check feedback, other values as
text) and errors come back as plain data; the page shows them. Errors name the line in the
learner's code and say in German what usually helps; the full traceback stays available.
"""

from __future__ import annotations

import ast
import contextlib
import io
import traceback
from typing import Any

CELL = "<zelle>"
Output = dict[str, Any]

HINTS = {
    "NameError": "Führen Sie die Zellen darüber aus, oder prüfen Sie die Schreibweise des Namens.",
    "SyntaxError": "Prüfen Sie Klammern, Anführungszeichen und Doppelpunkte in dieser Zeile.",
    "IndentationError": "Prüfen Sie die Einrückung: vier Leerzeichen je Ebene.",
    "ZeroDivisionError": "Hier wird durch null geteilt.",
    "KeyError": "Diesen Schlüssel gibt es nicht; prüfen Sie die Spaltennamen der Daten.",
    "ModuleNotFoundError": (
        "Prüfen Sie die Schreibweise. Auf der Kursseite gibt es die Standardbibliothek von Python und kurslab, "
        "keine weiteren Pakete wie numpy oder pandas."
    ),
    "EOFError": 'Schreiben Sie den Wert direkt in den Code, zum Beispiel name = "Alex".',
    "SystemExit": "exit() und sys.exit() beenden auf der Kursseite nur diese Zelle; Python läuft weiter.",
}
GAP_HINT = "Ersetzen Sie zuerst die Lücke ... durch Ihre Lösung."
NO_INPUT = "input() wartet auf eine Eingabe, die es auf der Kursseite nicht gibt"


def _no_input(prompt: object = "") -> str:
    """The page has no keyboard input for a running cell (as in a notebook with a closed stdin)."""
    raise EOFError(NO_INPUT)


def _value_output(value: object) -> Output:
    if hasattr(value, "_repr_svg_"):
        return {"type": "svg", "text": value._repr_svg_()}
    if type(value).__name__ == "Feedback":
        text = str(value)
        state = "ok" if text.startswith("✔") else "wrong" if text.startswith("✘") else "open"
        return {"type": "feedback", "state": state, "text": text}
    return {"type": "text", "text": repr(value)}


def _in_kurslab(filename: str) -> bool:
    """A frame of the helper package that the learner called (not of this runner)."""
    return "kurslab" in filename and not filename.endswith("runner.py")


def _error(exc: BaseException) -> Output:
    line = exc.lineno if isinstance(exc, SyntaxError) and exc.filename == CELL else None
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == CELL]
    if frames:
        line = frames[-1].lineno
    name = type(exc).__name__
    hint = GAP_HINT if "ellipsis" in str(exc) else HINTS.get(name, "")
    where = f"Zeile {line}: " if line else ""
    own = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == CELL or _in_kurslab(f.filename)]
    details = "".join(traceback.format_list(own)) + "".join(traceback.format_exception_only(exc))
    return {
        "type": "error",
        "line": line,
        "text": f"Fehler in {where}{name}: {exc}".rstrip(": "),
        "hint": hint,
        "traceback": details.strip(),
    }


def run_cell(code: str, namespace: dict[str, Any]) -> list[Output]:
    """Run ``code`` in ``namespace`` as a notebook cell; its outputs in order, an error last."""
    outputs: list[Output] = []
    printed = io.StringIO()

    def flush() -> None:
        if printed.tell():
            outputs.append({"type": "text", "text": printed.getvalue()})
            printed.seek(0)
            printed.truncate()

    def display(*values: object) -> None:
        flush()
        outputs.extend(_value_output(v) for v in values)

    namespace.setdefault("display", display)
    namespace.setdefault("input", _no_input)
    try:
        tree = ast.parse(code, CELL)
        last = tree.body[-1] if tree.body else None
        expression = last.value if isinstance(last, ast.Expr) else None
        if expression is not None:
            tree.body.pop()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            exec(compile(tree, CELL, "exec"), namespace)
            value = eval(compile(ast.Expression(expression), CELL, "eval"), namespace) if expression else None
        flush()
        if value is not None:
            outputs.append(_value_output(value))
    except BaseException as exc:  # anything the learner's code raises is reported, not re-raised:
        # an exception that left run_cell (SystemExit from exit()) would leave the page without an answer
        flush()
        outputs.append(_error(exc))
    return outputs
