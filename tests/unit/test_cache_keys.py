"""What the page caches (conversion, search entries, theme HTML) may use as a key: never an object's address."""

from __future__ import annotations

import datetime

import pytest

from coursekit.plugin.pagecache import Unstable, fingerprint


class Opaque:
    pass


def test_plain_values_and_values_with_a_faithful_repr_are_described() -> None:
    when = datetime.date(2026, 12, 1)
    assert fingerprint({"b": [1, 2], "a": {"x": None}}) == {"a": {"x": None}, "b": [1, 2]}
    assert fingerprint(when) != fingerprint(datetime.date(2026, 12, 2))  # a date in front matter counts


def test_an_object_known_only_by_its_address_cannot_be_part_of_a_key() -> None:
    with pytest.raises(Unstable):
        fingerprint({"page": {"meta": [Opaque()]}})
