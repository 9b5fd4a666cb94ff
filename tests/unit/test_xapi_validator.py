"""The xAPI validator the cmi5 browser test relies on accepts valid statements and rejects broken ones."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from support.xapi import xapi_problems

PASSED: dict[str, Any] = {
    "id": "0f6b2c4e-3c1a-4b8e-9d2f-7a5e1c3b9d10",
    "timestamp": "2026-12-01T18:00:00.000Z",
    "actor": {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "lernende-17"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"de-DE": "bestanden"}},
    "object": {"objectType": "Activity", "id": "https://lms.example.org/au/4711"},
    "result": {"success": True, "score": {"raw": 7, "min": 0, "max": 9, "scaled": 0.78}, "duration": "PT4M12S"},
    "context": {
        "registration": "6d3b1b56-7c9e-4a59-9f1e-0a4c2b1d9e10",
        "contextActivities": {"category": [{"id": "https://w3id.org/xapi/cmi5/context/categories/cmi5"}]},
        "extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": "sitzung-1"},
    },
}


def broken(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    statement = copy.deepcopy(PASSED)
    target = statement
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return statement


def test_a_valid_cmi5_statement_passes() -> None:
    assert xapi_problems([PASSED]) == [[]]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("verb", "id"), "bestanden"),
        (("result", "duration"), "4 Minuten"),
        (("result", "score", "scaled"), 7.8),
        (("context", "registration"), "keine-uuid"),
        (("timestamp",), "gestern"),
        (("actor", "account", "homePage"), 17),
    ],
)
def test_the_validator_rejects_what_is_not_xapi(path: tuple[str, ...], value: Any) -> None:
    [problems] = xapi_problems([broken(path, value)])
    assert problems and any(".".join(path) in problem for problem in problems), problems
