"""xAPI statements checked by a validator from the registry (xapi-validation, run under Node)."""

from __future__ import annotations

import json
import subprocess
from typing import Any

from support.course import ROOT

VALIDATOR = ROOT / "tests" / "support" / "xapi_validate.mjs"


def xapi_problems(statements: list[dict[str, Any]]) -> list[list[str]]:
    """One list of problems per statement, as Learning Locker's validator reports them."""
    result = subprocess.run(
        ["node", str(VALIDATOR)],
        input=json.dumps(statements),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=60,
    )
    problems: list[list[str]] = json.loads(result.stdout)
    return problems
