"""ILIAS question pool: ILIAS's own QTI 1.2 dialect, importable as a "Fragenpool Test".

No real ILIAS export file is in reach offline, so the structure follows the code that writes
them: ILIAS-eLearning/ILIAS, components/ILIAS/TestQuestionPool/classes/export/qti12/
(class.assSingleChoiceExport.php, class.assMultipleChoiceExport.php,
class.assMatchingQuestionExport.php, class.assOrderingQuestionExport.php,
class.assTextSubsetExport.php, class.assTextQuestionExport.php, base class
class.assQuestionExport.php) and, for the zip around it, class.ilQuestionpoolExport.php:
``<name>_qpl.zip`` holds the folder ``<name>_qpl/`` with ``<name>_qpl.xml`` (a ``ContentObject``
of type ``Questionpool_Test`` that references each item) and ``<name>_qti.xml`` (the items). ILIAS
finds the second file by replacing "qpl" with "qti" in the first one's name.

ILIAS pools have no categories: the module and the objective go into each question's
description (``qticomment``), which ILIAS shows in the pool's question list;
the course's key goes into ``externalId``. A true/false question becomes a single choice with
the two answers "Richtig" and "Falsch"; short answers become "Textteilmenge" questions with one
field (numbers as written with a point).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from ..quiz import (
    BaseQuestion,
    Matching,
    MultipleChoice,
    Option,
    Ordering,
    Quiz,
    Reflection,
    ShortText,
    SingleChoice,
    Task,
    TrueFalse,
)
from .questionpools import (
    Category,
    Pool,
    element,
    fragment,
    html_block,
    markdown_element,
    plain_text,
    question_key,
    question_name,
    task_statement,
)

ILIAS_VERSION = "9.0.0"  # the dialect ILIAS 7 to 9 write; the exporter read for this is still in ILIAS 10
ZIP_DATE = (2024, 1, 1, 0, 0, 0)  # fixed, so an unchanged course gives an identical file
DOCTYPE_QTI = '<!DOCTYPE questestinterop SYSTEM "ims_qtiasiv1p2p1.dtd">'
DOCTYPE_QPL = '<!DOCTYPE Test SYSTEM "http://www.ilias.uni-koeln.de/download/dtd/ilias_co.dtd">'
AUTHOR = "Kursredaktion"


class ExportError(Exception):
    """A question ILIAS cannot take; the message is for editors (German)."""


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _material(parent: etree._Element, html: str, **attrs: str) -> None:
    """ILIAS's addQTIMaterial: the text as XHTML in one ``mattext``."""
    material = _sub(parent, "material")
    _sub(material, "mattext", html, texttype="text/xhtml", **attrs)


def _meta(qtimetadata: etree._Element, label: str, value: str) -> None:
    field = _sub(qtimetadata, "qtimetadatafield")
    _sub(field, "fieldlabel", label)
    _sub(field, "fieldentry", value)


def _description(category: Category, q: BaseQuestion) -> str:
    parts = [f"Modul: {plain_text(category.title)}"]
    if q.objective:
        parts.append(f"Lernziel: {q.objective}")
    if q.digcompedu:
        parts.append(f"DigCompEdu {q.digcompedu}")
    return " · ".join(parts)


def _item(
    root: etree._Element, number: int, category: Category, quiz: Quiz, q: BaseQuestion, qtype: str
) -> tuple[etree._Element, etree._Element]:
    """``<item>`` with ILIAS's metadata head; returns the item and its qtimetadata for type fields."""
    item = _sub(root, "item", ident=f"il_0_qst_{number}", title=question_name(q), maxattempts="0")
    _sub(item, "qticomment", _description(category, q))
    metadata = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    _meta(metadata, "ILIAS_VERSION", ILIAS_VERSION)
    _meta(metadata, "QUESTIONTYPE", qtype)
    _meta(metadata, "AUTHOR", AUTHOR)
    _meta(metadata, "additional_cont_edit_mode", "default")
    _meta(metadata, "externalId", question_key(quiz, q))
    _meta(metadata, "ilias_lifecycle", "final")
    _meta(metadata, "lifecycle", "final")
    return item, metadata


def _presentation(item: etree._Element, q: BaseQuestion, text: str | None = None) -> etree._Element:
    flow = _sub(_sub(item, "presentation", label=question_name(q)), "flow")
    _material(flow, text if text is not None else html_block(q.prompt))
    return flow


def _resprocessing(item: etree._Element, **attrs: str) -> etree._Element:
    resprocessing = _sub(item, "resprocessing", **attrs)
    _sub(_sub(resprocessing, "outcomes"), "decvar")
    return resprocessing


def _condition(
    resprocessing: etree._Element, test: etree._Element, points: str | None, feedback: str | None
) -> etree._Element:
    condition = _sub(resprocessing, "respcondition", **{"continue": "Yes"})
    _sub(condition, "conditionvar").append(test)
    if points is not None:
        _sub(condition, "setvar", points, action="Add")
    if feedback is not None:
        _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=feedback)
    return condition


def _var(tag: str, respident: str, value: str, negate: bool = False, **attrs: str) -> etree._Element:
    var = etree.Element(tag, respident=respident, **attrs)
    var.text = value
    if not negate:
        return var
    wrapper = etree.Element("not")
    wrapper.append(var)
    return wrapper


def _itemfeedback(item: etree._Element, ident: str, html: str) -> None:
    feedback = _sub(item, "itemfeedback", ident=ident, view="All")
    _material(_sub(feedback, "flow_mat"), html)


def _generic_feedback(item: etree._Element, q: BaseQuestion, wrong: str = "") -> None:
    """ILIAS's two generic feedbacks: all correct, and at least one wrong (``wrong``, HTML, and the
    explanation in both)."""
    explanation = html_block(q.explanation) if q.explanation else ""
    if explanation:
        _itemfeedback(item, "response_allcorrect", explanation)
    wrong_text = "\n".join(part for part in (wrong, explanation) if part)
    if wrong_text:
        _itemfeedback(item, "response_onenotcorrect", wrong_text)


def _generic_conditions(
    resprocessing: etree._Element, q: BaseQuestion, right: list[etree._Element], wrong: str = ""
) -> None:
    """The conditions ILIAS writes for the generic feedbacks (ILIAS decides them from the points)."""
    if q.explanation:
        condition = _condition(resprocessing, right[0], None, "response_allcorrect")
        condition.find("conditionvar").extend(right[1:])
    if q.explanation or wrong:
        negated = etree.Element("not")
        negated.extend(etree.fromstring(etree.tostring(el)) for el in right)
        _condition(resprocessing, negated, None, "response_onenotcorrect")


def _choice(
    root: etree._Element, number: int, category: Category, quiz: Quiz, q: BaseQuestion, options: list[Option]
) -> None:
    single = not isinstance(q, MultipleChoice)
    ident = "MCSR" if single else "MCMR"
    item, metadata = _item(
        root, number, category, quiz, q, "SINGLE CHOICE QUESTION" if single else "MULTIPLE CHOICE QUESTION"
    )
    _meta(metadata, "thumb_size", "")
    _meta(metadata, "feedback_setting", "2")  # feedback for the checked answers
    _meta(metadata, "singleline", "1")
    flow = _presentation(item, q)
    shuffle = getattr(q, "shuffle", False)
    choice = _sub(
        _sub(flow, "response_lid", ident=ident, rcardinality="Single" if single else "Multiple"), "render_choice"
    )
    choice.set("shuffle", "Yes" if shuffle else "No")
    for index, option in enumerate(options):
        _material(_sub(choice, "response_label", ident=str(index)), html_block(option.text))
    # As in the course: a multiple choice gives (right picks - wrong picks) / right options, at least 0.
    resprocessing = _resprocessing(item)
    for index, option in enumerate(options):
        points = "1" if option.correct else ("0" if single else "-1")
        _condition(resprocessing, _var("varequal", ident, str(index)), points, f"response_{index}")
        if not single:
            _condition(resprocessing, _var("varequal", ident, str(index), negate=True), "0", None)
    right = [
        _var("varequal", ident, str(i), negate=not o.correct) for i, o in enumerate(options) if o.correct or not single
    ]
    _generic_conditions(resprocessing, q, right)
    for index, option in enumerate(options):
        _itemfeedback(item, f"response_{index}", html_block(option.feedback) if option.feedback else "")
    _generic_feedback(item, q)


def _true_false(root: etree._Element, number: int, category: Category, quiz: Quiz, q: TrueFalse) -> None:
    options = [
        Option(text="Richtig", correct=q.answer, feedback=None if q.answer else q.feedback_wrong),
        Option(text="Falsch", correct=not q.answer, feedback=q.feedback_wrong if q.answer else None),
    ]
    _choice(root, number, category, quiz, q, options)


def _matching(root: etree._Element, number: int, category: Category, quiz: Quiz, q: Matching) -> None:
    # ILIAS: "definitions" stay in place (our left sides), "terms" are assigned to them (right sides
    # and distractors). Terms are numbered 1..n, definitions after them, as ILIAS needs distinct ids.
    terms = [p.right for p in q.pairs] + list(q.distractors)
    term_ids = [str(i) for i in range(1, len(terms) + 1)]
    definition_ids = [str(len(terms) + i) for i in range(1, len(q.pairs) + 1)]
    item, metadata = _item(root, number, category, quiz, q, "MATCHING QUESTION")
    _meta(metadata, "shuffle", "1")
    _meta(metadata, "thumb_geometry", "100")
    _meta(metadata, "matching_mode", "1:1")
    flow = _presentation(item, q)
    choice = _sub(_sub(flow, "response_grp", ident="MQ", rcardinality="Multiple"), "render_choice", shuffle="Yes")
    for definition_id, pair in zip(definition_ids, q.pairs, strict=True):
        label = _sub(choice, "response_label", ident=definition_id, match_max="1", match_group=",".join(term_ids))
        _material(label, html_block(pair.left))
    for term_id, term in zip(term_ids, terms, strict=True):
        _material(_sub(choice, "response_label", ident=term_id), html_block(term))
    resprocessing = _resprocessing(item)
    pairs = [f"{t},{d}" for t, d in zip(term_ids, definition_ids, strict=False)]
    for pair_value in pairs:
        link = "correct_" + pair_value.replace(",", "_")
        _condition(resprocessing, _var("varsubset", "MQ", pair_value), "1", link)
    _generic_conditions(resprocessing, q, [_var("varsubset", "MQ", v) for v in pairs])
    for pair_value, pair in zip(pairs, q.pairs, strict=True):
        link = "correct_" + pair_value.replace(",", "_")
        _itemfeedback(item, link, html_block(pair.feedback) if pair.feedback else "")
    _generic_feedback(item, q)


def _ordering(root: etree._Element, number: int, category: Category, quiz: Quiz, q: Ordering) -> None:
    item, metadata = _item(root, number, category, quiz, q, "ORDERING QUESTION")
    _meta(metadata, "thumb_geometry", "100")
    _meta(metadata, "element_height", "")
    _meta(metadata, "points", str(len(q.items)))
    flow = _presentation(item, q)
    response = _sub(flow, "response_lid", ident="OQT", rcardinality="Ordered", output="javascript")
    choice = _sub(response, "render_choice", shuffle="Yes")
    for position, order_item in enumerate(q.items):
        # ILIAS's export ident: random id _ solution id _ position _ indentation (ilAssOrderingElement).
        label = _sub(choice, "response_label", ident=f"{1000 + position}_{position}_{position}_0")
        _material(label, html_block(order_item.text))
        _sub(_sub(label, "material"), "mattext", "0", label="answerdepth")
    resprocessing = _resprocessing(item)
    for position in range(len(q.items)):  # one point per step in its place, as the course scores it
        test = _var("varequal", "OQT", str(position), index=str(position))
        _condition(resprocessing, test, "1", f"link_{position}")
    right = [_var("varequal", "OQT", str(p), index=str(p)) for p in range(len(q.items))]
    _generic_conditions(resprocessing, q, right)
    for position, order_item in enumerate(q.items):
        _itemfeedback(item, f"link_{position}", html_block(order_item.feedback) if order_item.feedback else "")
    _generic_feedback(item, q)


def _spellings(q: ShortText) -> list[str]:
    """The accepted answers; ILIAS's importer splits them at commas (assTextSubsetImport), so none has one."""
    if q.number is None:
        return [plain_text(a) for a in q.answers]
    return [f"{q.number:g}"]


def _wrong_answers(q: ShortText) -> str:
    """Feedback for typical wrong answers, which ILIAS cannot attach to an answer, as one list."""
    if not q.wrong_answers:
        return ""
    entries = [
        element(
            "li",
            None,
            markdown_element("strong", w.answer),
            element("span", " – "),
            markdown_element("span", w.feedback),
        )
        for w in q.wrong_answers
    ]
    return fragment(element("p", "Typische falsche Antworten:"), element("ul", None, *entries))


def _short_text(
    root: etree._Element, number: int, category: Category, quiz: Quiz, q: ShortText, warnings: list[str]
) -> None:
    if q.number is not None and q.tolerance:
        warnings.append(
            f"{quiz.id}/{q.id}: ILIAS erhält die Zahl als Text („Textteilmenge“) und prüft ohne Toleranz "
            f"(im Kurs ± {q.tolerance:g})."
        )
    if q.wrong_answers:
        warnings.append(
            f"{quiz.id}/{q.id}: ILIAS kennt keine Rückmeldung zu einzelnen falschen Antworten; "
            "sie stehen gesammelt in der Rückmeldung für „nicht alles richtig“."
        )
    spellings = _spellings(q)
    if any("," in answer for answer in spellings):
        warnings.append(f"{quiz.id}/{q.id}: ILIAS trennt richtige Antworten am Komma; Antworten mit Komma fehlen dort.")
        spellings = [answer for answer in spellings if "," not in answer]
    if q.number is not None and q.number != int(q.number):
        warnings.append(f"{quiz.id}/{q.id}: ILIAS erkennt die Zahl nur mit Punkt geschrieben ({spellings[0]}).")
    wrong = fragment(html_block(q.feedback_wrong) if q.feedback_wrong else "", _wrong_answers(q))
    item, metadata = _item(root, number, category, quiz, q, "TEXTSUBSET QUESTION")
    _meta(metadata, "textrating", "cs" if q.case_sensitive else "ci")
    _meta(metadata, "correctanswers", "1")
    _meta(metadata, "points", "1")
    flow = _presentation(item, q)
    response = _sub(flow, "response_str", ident="TEXTSUBSET_1", rcardinality="Single")
    _sub(response, "render_fib", fibtype="String", columns="0")
    resprocessing = _resprocessing(item)
    _sub(resprocessing.find("outcomes"), "decvar", varname="matches", defaultval="0")
    condition = _sub(resprocessing, "respcondition", **{"continue": "Yes"})
    _sub(condition, "conditionvar").append(_var("varsubset", "TEXTSUBSET_1", ",".join(spellings)))
    _sub(condition, "setvar", "1", varname="matches", action="Add")
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid="Matches_1")
    _generic_conditions(resprocessing, q, [_var("varsubset", "points", "1")], wrong)
    _itemfeedback(item, "Matches_1", "")
    _generic_feedback(item, q, wrong)


def _essay(root: etree._Element, number: int, category: Category, quiz: Quiz, q: Reflection | Task) -> None:
    item, metadata = _item(root, number, category, quiz, q, "TEXT QUESTION")
    _meta(metadata, "wordcounter", "0")
    _meta(metadata, "textrating", "ci")
    _meta(metadata, "matchcondition", "0")
    _meta(metadata, "termscoring", "YTowOnt9")  # base64 of PHP's serialize([]): no keywords
    _meta(metadata, "termrelation", "non")
    _meta(metadata, "specificfeedback", "non")
    flow = _presentation(item, q, task_statement(q) if isinstance(q, Task) else None)
    response = _sub(flow, "response_str", ident="TEXT", rcardinality="Ordered")
    _sub(_sub(response, "render_fib", fibtype="String", prompt="Box"), "response_label", ident="A")
    # Rated by a tutor; ILIAS needs points above zero for a complete question.
    resprocessing = _sub(item, "resprocessing", scoremodel="HumanRater")
    outcomes = _sub(resprocessing, "outcomes")
    _sub(outcomes, "decvar", varname="WritingScore", vartype="Integer", minvalue="0", maxvalue="1")
    _generic_conditions(resprocessing, q, [_var("varequal", "points", "1")])
    other = _sub(_sub(resprocessing, "respcondition"), "conditionvar")
    _sub(other, "other", "tutor_rated")
    _generic_feedback(item, q)


def qti_tree(pool: Pool) -> tuple[etree._Element, list[str], int]:
    """The ``questestinterop`` of every question, the warnings, and the number of items."""
    warnings: list[str] = []
    root = etree.Element("questestinterop")
    number = 0
    for category in pool.categories:
        for quiz, q in category.questions:
            number += 1
            if isinstance(q, SingleChoice | MultipleChoice):
                _choice(root, number, category, quiz, q, list(q.options))
            elif isinstance(q, TrueFalse):
                _true_false(root, number, category, quiz, q)
            elif isinstance(q, Matching):
                _matching(root, number, category, quiz, q)
            elif isinstance(q, Ordering):
                _ordering(root, number, category, quiz, q)
            elif isinstance(q, ShortText):
                _short_text(root, number, category, quiz, q, warnings)
            elif isinstance(q, Reflection | Task):
                _essay(root, number, category, quiz, q)
            else:  # pragma: no cover - a new question type must be added here
                raise ExportError(f"Fragetyp „{q.type}“ ist für ILIAS noch nicht umgesetzt.")
    return root, warnings, number


def qpl_tree(pool: Pool, count: int) -> etree._Element:
    """The pool object (ilObjQuestionPool::objectToXmlWriter): metadata and one page per question."""
    root = etree.Element("ContentObject", Type="Questionpool_Test")
    general = _sub(_sub(root, "MetaData"), "General", Structure="Hierarchical")
    _sub(general, "Identifier", Catalog="ILIAS", Entry=f"il_0_qpl_{pool.slug}")
    _sub(general, "Title", pool.title, Language="de")
    _sub(general, "Language", Language="de")
    summary = "; ".join(plain_text(c.title) for c in pool.categories)
    _sub(general, "Description", f"Fragen aus den Modulen: {summary}", Language="de")
    _sub(general, "Keyword", Language="de")
    settings = _sub(root, "Settings")
    _sub(settings, "ShowTaxonomies", "0")
    _sub(settings, "NavTaxonomy", "0")
    _sub(settings, "SkillService", "0")
    for number in range(1, count + 1):
        _sub(_sub(_sub(root, "PageObject"), "PageContent"), "Question", QRef=f"il_0_qst_{number}")
    return root


def _serialise(root: etree._Element, doctype: str) -> bytes:
    data: bytes = etree.tostring(
        etree.ElementTree(root), xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=doctype
    )
    return data


def names(path: Path) -> tuple[str, str]:
    """Pool file and QTI file inside ``<name>_qpl.zip``, as ILIAS expects them."""
    folder = path.name.removesuffix(".zip")
    if not folder.endswith("_qpl") or folder.count("qpl") != 1:
        raise ExportError(f"{path.name}: Der Name muss auf „_qpl.zip“ enden und „qpl“ nur dort enthalten.")
    return f"{folder}/{folder}.xml", f"{folder}/{folder.replace('qpl', 'qti')}.xml"


def write(pool: Pool, path: Path) -> list[str]:
    qti, warnings, count = qti_tree(pool)
    qpl_name, qti_name = names(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (
            (qpl_name, _serialise(qpl_tree(pool, count), DOCTYPE_QPL)),
            (qti_name, _serialise(qti, DOCTYPE_QTI)),
        ):
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    return warnings
