"""Markdown for quiz text: content, never code. Raw HTML is escaped, unsafe link targets dropped."""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

SAFE_URL = re.compile(r"^(?:https?:|mailto:|#|\.{0,2}/|[\w.-]+(?:/|$|[#?]))", re.IGNORECASE)


class _DropUnsafeUrls(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is not None and not SAFE_URL.match(value.strip()):
                    del element.attrib[attr]
            if element.tag == "a" and element.get("href", "").startswith(("http://", "https://")):
                element.set("rel", "noopener")


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["abbr"])
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_DropUnsafeUrls(md), "drop_unsafe_urls", 0)
    return md


_MD = _converter()


@functools.lru_cache(maxsize=8192)  # quiz texts appear on pages, facilitator views and slides
def block(text: str) -> str:
    """Markdown to HTML; raw HTML in ``text`` comes out as visible, escaped text."""
    _MD.reset()
    return _MD.convert(text)


@functools.lru_cache(maxsize=8192)
def inline(text: str) -> str:
    """Like block(), without the surrounding paragraph when the text is a single paragraph."""
    html = block(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
