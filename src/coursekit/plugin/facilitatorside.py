"""The facilitator side as one area: a banner on its pages and previous/next links through its guide.

Facilitator pages sit outside the learner navigation (mkdocs.yml ``not_in_nav``), so mkdocs gives
them no previous/next links; the guide's pages are chained here in reading order instead. The
banner marks every page that must not reach the projector by mistake; course.css colours the
header of any page that carries it.
"""

from __future__ import annotations

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from . import facilitation, printables

GUIDE = f"{facilitation.PREFIX}index.md"
MATERIAL = f"{facilitation.PREFIX}material/"
# Reading order of the facilitator guide: footer links lead from each page to the next.
CHAIN = [
    GUIDE,
    f"{facilitation.PREFIX}ablaeufe.md",
    f"{facilitation.PREFIX}methoden.md",
    printables.HANDBOOK,
    f"{MATERIAL}index.md",
]
BANNER = (
    '<p class="ck-facilitator-banner"><strong>Moderationsansicht</strong> – nicht für Teilnehmende projizieren</p>\n'
)


def marked(src_uri: str) -> bool:
    """Pages with the banner: the facilitator area, except the worksheets handed to participants."""
    if not src_uri.startswith(facilitation.PREFIX):
        return False
    return not src_uri.startswith(MATERIAL) or src_uri == f"{MATERIAL}index.md"


def link_chain(page: Page, files: Files) -> None:
    """Set mkdocs' previous/next page of a guide page, for the theme's footer."""
    uri = page.file.src_uri
    if uri not in CHAIN:
        return
    at = CHAIN.index(uri)

    def page_at(index: int) -> Page | None:
        if not 0 <= index < len(CHAIN):
            return None
        file = files.get_file_from_path(CHAIN[index])
        return file.page if file is not None else None

    page.previous_page = page_at(at - 1)
    page.next_page = page_at(at + 1)
