"""QTI 2.1 package for OpenOLAT: every file validated against the official schemas in schema/xsd/."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from coursekit.exports import qti21
from coursekit.exports.questionpools import Pool, plain_text, question_key
from coursekit.quiz import Ordering
from support.course import ROOT
from support.fragenpool import course_pool, fixture_pool

XSD = ROOT / "schema" / "xsd" / "qti21"
NS = {"q": qti21.QTI, "cp": qti21.CP, "md": qti21.MD}


@functools.cache
def schema(name: str) -> etree.XMLSchema:
    path = XSD / name
    assert path.exists(), f"{path} fehlt: die Schemas liegen in schema/xsd/ (siehe dessen README)"
    return etree.XMLSchema(etree.parse(str(path)))


def qti_schema() -> etree.XMLSchema:
    return schema("qtiv2p1/imsqti_v2p1.xsd")


def cp_schema() -> etree.XMLSchema:
    return schema("imscp_v1p1.xsd")


def unpack(pool: Pool, tmp_path: Path) -> tuple[dict[str, etree._Element], list[str]]:
    path = tmp_path / "pool.zip"
    warnings = qti21.write(pool, path)
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        docs = {name: etree.fromstring(archive.read(name)) for name in archive.namelist()}
    return docs, warnings


def assert_valid(docs: dict[str, etree._Element]) -> None:
    for name, doc in docs.items():
        chosen = cp_schema() if name == "imsmanifest.xml" else qti_schema()
        assert chosen.validate(doc), f"{name}: {chosen.error_log.last_error}"


def test_the_schemas_really_check_the_content() -> None:
    # A negative control: the same item with an interaction the QTI schema does not know must fail.
    item = qti21.build_item(
        fixture_pool().categories[0].quizzes[0], fixture_pool().categories[0].quizzes[0].questions[0]
    )
    assert qti_schema().validate(item)
    etree.SubElement(item.find("q:itemBody", NS), f"{{{qti21.QTI}}}dragInteraction")
    assert not qti_schema().validate(item)
    manifest = qti21.build_manifest(fixture_pool())
    assert cp_schema().validate(manifest)
    manifest.find("cp:resources/cp:resource", NS).set("type", "")
    manifest.find("cp:resources/cp:resource/cp:file", NS).attrib.pop("href")
    assert not cp_schema().validate(manifest)


def test_fixture_package_is_valid_and_complete(tmp_path: Path) -> None:
    pool = fixture_pool()
    docs, warnings = unpack(pool, tmp_path)
    assert_valid(docs)
    quiz = pool.categories[0].quizzes[0]
    items = {name: doc for name, doc in docs.items() if name.startswith("items/")}
    assert len(items) == len(quiz.questions)

    manifest = docs["imsmanifest.xml"]
    hrefs = {r.get("href") for r in manifest.iterfind("cp:resources/cp:resource", NS)}
    assert hrefs == set(docs) - {"imsmanifest.xml"}
    keywords = manifest.xpath("//md:keyword/md:langstring/text()", namespaces=NS)
    assert "begriff-erklaeren" in keywords and "Grundlagen / Einstieg" in keywords

    test = docs["test.xml"]
    sections = test.findall("q:testPart/q:assessmentSection", NS)
    assert [s.get("title") for s in sections] == ["Grundlagen / Einstieg"]
    assert {r.get("href") for r in sections[0]} == set(items)

    def item(qid: str) -> etree._Element:
        return items[f"items/beispiel--{qid}.xml"]

    single = item("einzelwahl")
    assert single.find(".//q:choiceInteraction", NS).get("maxChoices") == "1"
    # Per-option feedback for each option, and the explanation as general feedback.
    feedback = {f.get("identifier"): f for f in single.findall("q:modalFeedback", NS)}
    assert set(feedback) == {"FB_C1", "FB_C2", "FB_C3", qti21.EXPLANATION}
    assert "".join(feedback[qti21.EXPLANATION].itertext()).strip() == plain_text(quiz.questions[0].explanation or "")
    # Raw HTML in a prompt stays visible text, "&" and "<" stay characters.
    body_text = "".join(single.find("q:itemBody", NS).itertext())
    assert "<b>kein HTML</b>" in body_text and single.find(".//q:b", NS) is None
    assert "informell & bei" in body_text and "< 100 €" in body_text

    multiple = item("mehrfachwahl")
    values = [float(e.get("mappedValue")) for e in multiple.iterfind(".//q:mapEntry", NS)]
    assert values == pytest.approx([0.5, 0.5, -0.5])
    assert multiple.find(".//q:mapping", NS).get("lowerBound") == "0"

    ordering = item("reihenfolge")
    assert ordering.find(".//q:matchInteraction", NS) is not None
    positions = ordering.xpath(".//q:simpleMatchSet[2]//text()", namespaces=NS)
    assert [p for p in positions if p.strip()] == ["Position 1", "Position 2", "Position 3"]
    correct = ordering.xpath(".//q:correctResponse/q:value/text()", namespaces=NS)
    assert correct == ["L1 R1", "L2 R2", "L3 R3"]
    assert len(warnings) == 1 and "1 Frage steht" in warnings[0] and "Position 1, 2" in warnings[0]

    number = item("zahl")
    equal = number.find(".//q:equal", NS)
    assert (equal.get("toleranceMode"), equal.get("tolerance")) == ("absolute", "0.5 0.5")
    short = item("kurzantwort")
    assert [e.get("mapKey") for e in short.iterfind(".//q:mapEntry", NS)] == ["Sense", "Sense*"]

    task = item("aufgabe")
    assert task.find(".//q:extendedTextInteraction", NS) is not None
    assert task.xpath("string(.//q:outcomeDeclaration[@identifier='MAXSCORE']//q:value)", namespaces=NS) == "0"
    rubric = "".join(task.find("q:modalFeedback", NS).itertext())
    assert "Der Zusatzaufwand pro Person ist genannt." in rubric


def test_whole_course_package_is_valid(tmp_path: Path) -> None:
    pool = course_pool()
    docs, warnings = unpack(pool, tmp_path)
    assert_valid(docs)
    questions = [q for c in pool.categories for _, q in c.questions]
    assert len(docs) == len(questions) + 2
    n_ordering = sum(isinstance(q, Ordering) for q in questions)
    assert n_ordering > 0 and str(n_ordering) in warnings[0]


def test_package_is_reproducible(tmp_path: Path) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    qti21.write(fixture_pool(), first)
    qti21.write(fixture_pool(), second)
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(io.BytesIO(first.read_bytes())).namelist()
    assert names[:2] == ["imsmanifest.xml", "test.xml"]


def test_reflection_keeps_its_prompt_and_placeholder() -> None:
    quiz = fixture_pool().categories[0].quizzes[0]
    reflection = next(q for q in quiz.questions if q.id == "reflexion")
    item = qti21.build_item(quiz, reflection)
    assert qti_schema().validate(item)
    interaction = item.find(".//q:extendedTextInteraction", NS)
    assert interaction.get("placeholderText") == "Zum Beispiel: …"
    assert "".join(item.find("q:itemBody/q:p", NS).itertext()) == plain_text(reflection.prompt)


def test_every_feedback_rule_has_its_feedback_block() -> None:
    # The schema cannot see this: an id set in FEEDBACKMODAL without a modalFeedback shows nothing.
    pool = course_pool()
    checked = 0
    for category in pool.categories:
        for quiz, q in category.questions:
            item = qti21.build_item(quiz, q)
            shown = set(
                item.xpath(".//q:setOutcomeValue[@identifier='FEEDBACKMODAL']//q:baseValue/text()", namespaces=NS)
            )
            blocks = {f.get("identifier") for f in item.iterfind("q:modalFeedback", NS)}
            assert shown == blocks, question_key(quiz, q)
            checked += len(blocks)
    assert checked > 300  # options, pairs, steps and wrong answers of 134 questions
