"""The cmi5 course structure (cmi5.xml): the whole course as one AU, passed when every module is passed."""

from __future__ import annotations

from lxml import etree

from .scorm import PackageInfo

NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
LANG = "de-DE"


def _text(parent: etree._Element, tag: str, text: str) -> None:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}")
    langstring = etree.SubElement(element, f"{{{NS}}}langstring", lang=LANG)
    langstring.text = text


def publisher_id(info: PackageInfo) -> str:
    """The course's own IRI (cmi5 'publisher ID'); the LMS gives the AU another activity ID at launch."""
    return f"urn:coursekit:{info.identifier}"


def course_structure(info: PackageInfo) -> bytes:
    root = etree.Element(f"{{{NS}}}courseStructure", nsmap={None: NS})
    course = etree.SubElement(root, f"{{{NS}}}course", id=publisher_id(info))
    _text(course, "title", info.title)
    _text(course, "description", info.description or info.title)
    # The course decides "passed" itself (every module passed by its threshold), so no masteryScore.
    au = etree.SubElement(
        root, f"{{{NS}}}au", id=f"{publisher_id(info)}:kurs", moveOn="CompletedAndPassed", launchMethod="AnyWindow"
    )
    _text(au, "title", info.title)
    _text(au, "description", info.description or info.title)
    url = etree.SubElement(au, f"{{{NS}}}url")
    url.text = info.start
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
