"""Links in a slide deck lead where they lead on the module page."""

from __future__ import annotations

from coursekit.slides import page_links


def test_links_to_pages_and_sections_point_at_the_built_pages() -> None:
    html = '<a href="../glossar.md#lurking">G</a> <a href="#quellen">Q</a> <a href="https://example.org/#x">W</a>'
    linked = page_links(html, "module/recht.md", "../../../")
    assert '<a href="../../../glossar/#lurking">G</a>' in linked
    assert '<a href="../../../module/recht/#quellen">Q</a>' in linked  # a section of the module, not of the deck
    assert '<a href="https://example.org/#x">W</a>' in linked
