"""German messages for pydantic validation errors, with a hint how to fix each."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .diagnostics import Report
from .sources import Loc, Located


def field_label(loc: Loc) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item + 1}]")
        else:
            parts.append(("." if parts else "") + item)
    return "".join(parts) or "Vorspann"


def _candidates(annotation: Any) -> list[Any]:
    """Model classes an annotation may hold: unwraps Annotated, Optional, list and unions."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _candidates(get_args(annotation)[0])
    if origin in (list, Union, UnionType):
        return [c for arg in get_args(annotation) for c in _candidates(arg)]
    return [annotation] if isinstance(annotation, type) and issubclass(annotation, BaseModel) else []


def _allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """Keys allowed in the mapping that contains ``loc`` (walks nested models and tagged unions)."""
    current: list[Any] = [model]
    for item in loc[:-1]:
        if isinstance(item, int):
            continue
        tagged = [c for c in current if _tag_of(c) == item]
        if tagged:
            current = tagged
            continue
        fields = [c.model_fields[item] for c in current if item in c.model_fields]
        if not fields:
            return []
        current = _candidates(fields[0].annotation)
    return list(current[0].model_fields) if len(current) == 1 else []


def _tag_of(model: Any) -> str | None:
    field = getattr(model, "model_fields", {}).get("type")
    args = get_args(field.annotation) if field is not None else ()
    return args[0] if len(args) == 1 and isinstance(args[0], str) else None


def data_loc(loc: Loc, tags: frozenset[str]) -> Loc:
    """The error location in the YAML data: drops the union tags pydantic inserts after a list index."""
    out: list[str | int] = []
    for item in loc:
        if isinstance(item, str) and item in tags and out and isinstance(out[-1], int):
            continue
        out.append(item)
    return tuple(out)


def german(error: ErrorDetails, model: type[BaseModel], tags: frozenset[str] = frozenset()) -> tuple[str, str]:
    """Return (message, hint) for one pydantic error."""
    loc = data_loc(tuple(error["loc"]), tags)
    name = field_label(loc)
    kind = error["type"]
    ctx = error.get("ctx", {}) or {}
    value = error.get("input")
    if kind == "missing":
        return f"Pflichtfeld „{name}“ fehlt.", f"Ergänzen Sie eine Zeile „{loc[-1]}: …“."
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(model, tuple(error["loc"]))
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"Meinten Sie „{close[0]}“?" if close else "Erlaubt sind: " + ", ".join(allowed) + "."
        return f"Unbekannter Schlüssel „{key}“.", hint
    if kind in {"string_type", "str_type"}:
        return (f"„{name}“ muss ein Text sein, gefunden: {value!r}.", "Setzen Sie den Text in Anführungszeichen.")
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return (
            f"„{name}“ muss eine ganze Zahl sein, gefunden: {value!r}.",
            "Schreiben Sie die Zahl ohne Anführungszeichen und ohne Einheit, z. B. 90.",
        )
    if kind == "list_type":
        return (
            f"„{name}“ muss eine Liste sein.",
            "Schreiben Sie jeden Eintrag in eine eigene Zeile, die mit „- “ beginnt.",
        )
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return (
            f"„{name}“ muss ein Abschnitt mit Schlüsseln sein (z. B. „id:“ und „text:“).",
            "Prüfen Sie die Einrückung.",
        )
    if kind == "too_short":
        if ctx.get("min_length") == 1:
            return f"„{name}“ darf nicht leer sein.", "Tragen Sie mindestens einen Eintrag ein."
        return (f"„{name}“ braucht mindestens {ctx.get('min_length')} Einträge.", "")
    if kind == "too_long":
        return f"„{name}“ hat zu viele Einträge (höchstens {ctx.get('max_length')}).", ""
    if kind == "string_too_short":
        return f"„{name}“ darf nicht leer sein.", "Tragen Sie einen Text ein."
    if kind == "string_too_long":
        return f"„{name}“ ist zu lang (höchstens {ctx.get('max_length')} Zeichen).", ""
    if kind == "string_pattern_mismatch":
        return (
            f"„{value}“ ist keine gültige Kennung in „{name}“.",
            "Erlaubt sind Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, z. B. „social-learning“.",
        )
    if kind in {"greater_than_equal", "greater_than"}:
        return f"„{name}“ muss mindestens {ctx.get('ge', ctx.get('gt'))} sein, gefunden: {value!r}.", ""
    if kind in {"less_than_equal", "less_than"}:
        return f"„{name}“ darf höchstens {ctx.get('le', ctx.get('lt'))} sein, gefunden: {value!r}.", ""
    if kind in {"literal_error", "enum"}:
        return (f"„{value}“ ist in „{name}“ nicht erlaubt.", f"Erlaubt sind: {ctx.get('expected', '')}.")
    if kind == "union_tag_invalid":
        return (
            f"Unbekannter Typ „{ctx.get('tag')}“ in „{name}“.",
            f"Erlaubt sind: {str(ctx.get('expected_tags', '')).replace(chr(39), '')}.",
        )
    if kind == "union_tag_not_found":
        return (
            f"„{name}“: Die Angabe „type“ fehlt.",
            "Ergänzen Sie „type:“ mit einem der erlaubten Typen (siehe „Für die Redaktion“).",
        )
    if kind in {"float_type", "float_parsing"}:
        return f"„{name}“ muss eine Zahl sein, gefunden: {value!r}.", "Schreiben Sie z. B. 0.8 oder 3,5 als 3.5."
    if kind in {"bool_type", "bool_parsing"}:
        return f"„{name}“ muss true oder false sein, gefunden: {value!r}.", ""
    # Our own validators raise PydanticCustomError or ValueError with a German message already.
    return f"„{name}“: {error['msg'].removeprefix('Value error, ')}", ""


def report_validation_error(
    exc: ValidationError,
    model: type[BaseModel],
    located: Located,
    path: Any,
    report: Report,
    tags: frozenset[str] = frozenset(),
) -> None:
    """Report every error of ``exc``; ``tags`` are the discriminator values of tagged unions in ``model``."""
    for error in _dedupe(exc.errors(include_url=False)):
        message, hint = german(error, model, tags)
        report.error(path, located.line_of(data_loc(tuple(error["loc"]), tags)), message, hint)


def _dedupe(errors: Iterable[ErrorDetails]) -> list[ErrorDetails]:
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for error in errors:
        key = (tuple(error["loc"]), error["type"])
        if key not in seen:
            seen.add(key)
            unique.append(error)
    return unique
