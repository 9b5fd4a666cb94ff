"""ILIAS question pool: the structure ILIAS's own exporter writes (components/ILIAS/TestQuestionPool/
classes/export/qti12/ in ILIAS-eLearning/ILIAS), for every question type of the course."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from coursekit.exports import ilias
from coursekit.exports.questionpools import Pool, question_key
from support.fragenpool import course_pool, fixture_pool

# Course type -> (ILIAS QUESTIONTYPE, response element, its ident), as in the ILIAS exporter classes.
TYPES = {
    "einzelwahl": ("SINGLE CHOICE QUESTION", "response_lid", "MCSR"),
    "mehrfachwahl": ("MULTIPLE CHOICE QUESTION", "response_lid", "MCMR"),
    "richtig-falsch": ("SINGLE CHOICE QUESTION", "response_lid", "MCSR"),
    "zuordnung": ("MATCHING QUESTION", "response_grp", "MQ"),
    "reihenfolge": ("ORDERING QUESTION", "response_lid", "OQT"),
    "kurzantwort": ("TEXTSUBSET QUESTION", "response_str", "TEXTSUBSET_1"),
    "zahl": ("TEXTSUBSET QUESTION", "response_str", "TEXTSUBSET_1"),
    "reflexion": ("TEXT QUESTION", "response_str", "TEXT"),
    "aufgabe": ("TEXT QUESTION", "response_str", "TEXT"),
}


def unpack(pool: Pool, tmp_path: Path) -> tuple[etree._Element, etree._Element, list[str], list[str]]:
    path = tmp_path / "kurs-ilias_qpl.zip"
    warnings = ilias.write(pool, path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        qpl = etree.fromstring(archive.read("kurs-ilias_qpl/kurs-ilias_qpl.xml"))
        qti = etree.fromstring(archive.read("kurs-ilias_qpl/kurs-ilias_qti.xml"))
        assert b'<!DOCTYPE questestinterop SYSTEM "ims_qtiasiv1p2p1.dtd">' in archive.read(names[1])
    return qpl, qti, names, warnings


def meta(item: etree._Element) -> dict[str, str]:
    fields = item.findall("itemmetadata/qtimetadata/qtimetadatafield")
    return {f.findtext("fieldlabel"): f.findtext("fieldentry") or "" for f in fields}


def by_key(qti: etree._Element) -> dict[str, etree._Element]:
    return {meta(item)["externalId"].split("--")[1]: item for item in qti.iter("item")}


def test_zip_holds_the_pool_and_its_items_as_ilias_names_them(tmp_path: Path) -> None:
    qpl, qti, names, _ = unpack(fixture_pool(), tmp_path)
    assert names == ["kurs-ilias_qpl/kurs-ilias_qpl.xml", "kurs-ilias_qpl/kurs-ilias_qti.xml"]
    assert qpl.tag == "ContentObject" and qpl.get("Type") == "Questionpool_Test"
    assert qpl.findtext("MetaData/General/Title") == "Kurs für Tests"
    refs = [q.get("QRef") for q in qpl.iterfind("PageObject/PageContent/Question")]
    assert qti.tag == "questestinterop"
    assert refs == [item.get("ident") for item in qti.iter("item")] == [f"il_0_qst_{n}" for n in range(1, 10)]


def test_every_type_in_ilias_structure(tmp_path: Path) -> None:
    _, qti, _, _ = unpack(fixture_pool(), tmp_path)
    items = by_key(qti)
    assert set(items) == set(TYPES)
    for key, (qtype, response, ident) in TYPES.items():
        item = items[key]
        fields = meta(item)
        assert list(fields)[:3] == ["ILIAS_VERSION", "QUESTIONTYPE", "AUTHOR"], key
        assert fields["QUESTIONTYPE"] == qtype, key
        assert item.findtext("qticomment").startswith("Modul: Grundlagen / Einstieg")
        assert [child.tag for child in item][:4] == ["qticomment", "itemmetadata", "presentation", "resprocessing"]
        flow = item.find("presentation/flow")
        assert flow[0].tag == "material" and flow[0][0].get("texttype") == "text/xhtml"
        assert flow.find(f"{response}[@ident='{ident}']") is not None, key
        # every feedback that response processing shows exists, and nothing else
        shown = {d.get("linkrefid") for d in item.iter("displayfeedback")}
        assert shown == {f.get("ident") for f in item.findall("itemfeedback")}, key


def test_choice_points_and_feedback_follow_the_course(tmp_path: Path) -> None:
    _, qti, _, _ = unpack(fixture_pool(), tmp_path)
    items = by_key(qti)
    multiple = items["mehrfachwahl"]
    checked = [
        c.findtext("setvar")
        for c in multiple.iter("respcondition")
        if c.find("conditionvar/varequal") is not None and c.find("setvar") is not None
    ]
    assert sorted(checked) == ["-1", "1", "1"]  # two right options of three: right +1, wrong −1
    single = items["einzelwahl"]
    assert single.find("presentation/flow/response_lid/render_choice").get("shuffle") in {"Yes", "No"}
    feedback = single.find("itemfeedback[@ident='response_allcorrect']//mattext").text
    assert feedback and "<p>" in feedback  # the explanation, as XHTML
    labels = [m.text for m in items["richtig-falsch"].iterfind(".//response_label/material/mattext")]
    assert labels == ["<p>Richtig</p>", "<p>Falsch</p>"]


def test_matching_and_ordering_reference_their_own_labels(tmp_path: Path) -> None:
    _, qti, _, _ = unpack(fixture_pool(), tmp_path)
    items = by_key(qti)
    matching = items["zuordnung"]
    labels = {label.get("ident"): label for label in matching.iter("response_label")}
    definitions = [i for i, label in labels.items() if label.get("match_group")]
    for pair in (v.text for v in matching.iterfind("resprocessing/respcondition/conditionvar/varsubset")):
        term, definition = pair.split(",")
        assert definition in definitions and term in labels and term not in definitions
        assert term in labels[definition].get("match_group").split(",")
    ordering = items["reihenfolge"]
    idents = [label.get("ident") for label in ordering.iter("response_label")]
    # ilAssOrderingElement::isExportIdent: random id (1..100000) _ solution id _ position _ indentation
    assert all(len(i.split("_")) == 4 and 1 <= int(i.split("_")[0]) <= 100000 for i in idents)
    scored = [c for c in ordering.iterfind("resprocessing/respcondition") if c.find("setvar") is not None]
    positions = [c.findtext("conditionvar/varequal") for c in scored]
    assert positions == [str(p) for p in range(len(idents))]


def test_free_text_is_tutor_rated(tmp_path: Path) -> None:
    _, qti, _, _ = unpack(fixture_pool(), tmp_path)
    task = by_key(qti)["aufgabe"]
    assert task.find("resprocessing").get("scoremodel") == "HumanRater"
    assert task.find("resprocessing/respcondition/conditionvar/other").text == "tutor_rated"
    assert "Daran können Sie Ihr Ergebnis prüfen" in task.find("presentation/flow/material/mattext").text


def test_whole_course_every_question_once(tmp_path: Path) -> None:
    pool = course_pool()
    _, qti, _, warnings = unpack(pool, tmp_path)
    keys = [meta(item)["externalId"] for item in qti.iter("item")]
    expected = [question_key(quiz, q) for c in pool.categories for quiz, q in c.questions]
    assert keys == expected and len(set(keys)) == len(keys)
    assert any("ohne Toleranz" in w for w in warnings)  # the course has numbers with a tolerance


def test_a_name_ilias_cannot_import_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ilias.ExportError):
        ilias.write(fixture_pool(), tmp_path / "kurs-ilias.zip")


def test_short_answers_as_ilias_reads_them(tmp_path: Path) -> None:
    _, qti, _, warnings = unpack(fixture_pool(), tmp_path)
    items = by_key(qti)
    short, number = items["kurzantwort"], items["zahl"]
    # assTextSubsetImport splits the accepted answers at commas and gives each the "matches" points
    accepted = short.find("resprocessing/respcondition/conditionvar/varsubset[@respident='TEXTSUBSET_1']")
    assert accepted.text.split(",") == ["Sense", "Sense*"]
    assert accepted.getparent().getparent().find("setvar").attrib == {"varname": "matches", "action": "Add"}
    assert number.findtext(".//varsubset[@respident='TEXTSUBSET_1']") == "60"
    assert meta(short)["textrating"] == "ci" and meta(short)["correctanswers"] == "1"
    wrong = short.find("itemfeedback[@ident='response_onenotcorrect']//mattext").text
    assert "Gemeint ist das Verarbeiten." in wrong and "Suchen gehört zu Seek." in wrong  # nothing lost
    assert any("zahl" in w and "ohne Toleranz" in w for w in warnings)
