"""Style rules that cost every page: a :has() on the page's outer containers is re-checked on each
change of the document while it is parsed (measured: about 0.3 s later DOMContentLoaded on a module page)."""

from __future__ import annotations

import re
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[2] / "src" / "coursekit" / "assets"
PAGE_WIDE = re.compile(r"(?:^|[\s,}])(?:html|body|\.md-container|\.md-main|\.md-content|\.md-typeset):has\(", re.M)


def test_no_page_wide_has_selectors() -> None:
    for sheet in ASSETS.glob("*.css"):
        found = PAGE_WIDE.findall(sheet.read_text("utf-8"))
        assert found == [], f"{sheet.name}: {found}"


def test_the_check_sees_a_page_wide_has() -> None:
    assert PAGE_WIDE.search("body:has(.x) .md-header { color: red }")
    assert PAGE_WIDE.search("a {}\n.md-typeset:has(> h1.ck-form) td:empty {}")
    assert not PAGE_WIDE.search(".md-typeset .ck-options label:has(input) {}")
