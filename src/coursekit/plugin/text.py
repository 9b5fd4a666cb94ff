"""Small text helpers shared by the page renderers."""

from __future__ import annotations

import posixpath


def minutes(value: int) -> str:
    hours, rest = divmod(value, 60)
    if hours and rest:
        return f"{hours} Std. {rest} Min."
    return f"{hours} Std." if hours else f"{rest} Min."


def link(from_uri: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def plural(count: int, one: str, many: str) -> str:
    """A count with its noun in the right number: „1 Lernziel“, „3 Lernziele“."""
    return f"{count} {one if count == 1 else many}"
