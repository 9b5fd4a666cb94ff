"""QTI 2.1 content package for OpenOLAT: one assessmentItem per question, a test with a section per module.

The package holds ``imsmanifest.xml`` (IMS CP 1.1, with LOM keywords for the objective and the
module), ``items/<quiz>--<question>.xml`` and ``test.xml``. OpenOLAT imports it as a test or
its items into a question pool. It has no order interaction, so an ordering question becomes a
match item of steps to positions (and the command says so).

Feedback: every item has a multiple-valued outcome FEEDBACKMODAL; response processing adds the
ids of the modalFeedback blocks to show: the explanation (general feedback), the feedback of each
picked option, of each missed pair or misplaced step, or of a typical wrong answer.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import lxml.html
from lxml import etree

from ..quiz import (
    BaseQuestion,
    ChoiceQuestion,
    Matching,
    MultipleChoice,
    Ordering,
    Quiz,
    Reflection,
    ShortText,
    SingleChoice,
    Task,
    TrueFalse,
)
from .questionpools import Pool, html_block, plain_text, question_key, task_rubric, task_statement

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
MD = "http://www.imsglobal.org/xsd/imsmd_v1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
QTI_LOCATION = f"{QTI} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_LOCATION = f"{CP} http://www.imsglobal.org/xsd/imscp_v1p1.xsd {MD} http://www.imsglobal.org/xsd/imsmd_v1p2p4.xsd"

# XHTML elements that QTI 2.1 allows in item bodies; anything else keeps its text in a <span>.
_QTI_HTML_WORDS = (
    "a abbr acronym address b big blockquote br caption cite code col colgroup dd dfn div dl dt em "
    "h1 h2 h3 h4 h5 h6 hr i kbd li ol p pre q samp small span strong sub sup table tbody td tfoot th "
    "thead tr tt ul var"
)
QTI_HTML = frozenset(_QTI_HTML_WORDS.split())
ZIP_DATE = (2024, 1, 1, 0, 0, 0)  # fixed, so an unchanged course gives an identical package
EXPLANATION = "EXPLANATION"


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _q(tag), attrs)
    if text is not None:
        el.text = text
    return el


def _make(tag: str, *children: etree._Element, **attrs: str) -> etree._Element:
    el = etree.Element(_q(tag), attrs)
    el.extend(children)
    return el


def _value(base_type: str, value: str) -> etree._Element:
    el = _make("baseValue", baseType=base_type)
    el.text = value
    return el


def _var(identifier: str) -> etree._Element:
    return _make("variable", identifier=identifier)


# --- rendered Markdown as QTI XHTML -------------------------------------------------------------------


def _convert(source: lxml.html.HtmlElement) -> etree._Element:
    tag = source.tag if source.tag in QTI_HTML else "span"
    el = etree.Element(_q(tag))
    if tag == "a" and source.get("href"):
        el.set("href", source.get("href"))
    el.text = source.text
    for child in source:
        if isinstance(child.tag, str):
            el.append(_convert(child))
            el[-1].tail = child.tail
        elif child.tail:  # a comment: keep the text after it
            el.text = (el.text or "") + child.tail
    return el


def append_html(parent: etree._Element, fragment_html: str) -> None:
    """The elements of an HTML fragment (from safemd or lxml) as QTI XHTML children of ``parent``."""
    if not fragment_html.strip():
        return
    for part in lxml.html.fragments_fromstring(fragment_html):
        if isinstance(part, str):
            if part.strip():
                _sub(parent, "p", part.strip())
        else:
            parent.append(_convert(part))
            parent[-1].tail = None


# --- items ------------------------------------------------------------------------------------------------


class _Item:
    """One assessmentItem under construction: declarations, body, response processing, feedback."""

    def __init__(self, quiz: Quiz, q: BaseQuestion) -> None:
        self.q = q
        self.key = question_key(quiz, q)
        self.root = etree.Element(_q("assessmentItem"), nsmap={None: QTI, "xsi": XSI})
        self.root.set(f"{{{XSI}}}schemaLocation", QTI_LOCATION)
        for name, value in (("identifier", self.key), ("title", plain_text(q.prompt)[:200]),
                            ("adaptive", "false"), ("timeDependent", "false")):  # fmt: skip
            self.root.set(name, value)
        self.root.set(XML_LANG, "de")
        self.declarations: list[etree._Element] = []
        self.body = _make("itemBody")
        self.rules: list[etree._Element] = []
        self.feedback: list[etree._Element] = []

    def response(self, cardinality: str, base_type: str, correct: list[str] | None = None) -> etree._Element:
        decl = _make("responseDeclaration", identifier="RESPONSE", cardinality=cardinality, baseType=base_type)
        if correct:
            block = etree.SubElement(decl, _q("correctResponse"))
            for value in correct:
                _sub(block, "value", value)
        self.declarations.append(decl)
        return decl

    def outcomes(self, max_score: float) -> None:
        for identifier, default in (("SCORE", "0"), ("MAXSCORE", repr(max_score))):
            decl = _make("outcomeDeclaration", identifier=identifier, cardinality="single", baseType="float")
            _sub(_sub(decl, "defaultValue"), "value", default)
            self.declarations.append(decl)
        self.declarations.append(
            _make("outcomeDeclaration", identifier="FEEDBACKMODAL", cardinality="multiple", baseType="identifier")
        )

    def set_score(self, expression: etree._Element) -> None:
        self.rules.append(_make("setOutcomeValue", expression, identifier="SCORE"))

    def show(self, *feedback_ids: str) -> etree._Element:
        """A rule that adds feedback ids to FEEDBACKMODAL."""
        ids = [_value("identifier", f) for f in feedback_ids]
        return _make("setOutcomeValue", _make("multiple", _var("FEEDBACKMODAL"), *ids), identifier="FEEDBACKMODAL")

    def show_if(self, condition: etree._Element, feedback_id: str) -> None:
        self.rules.append(_make("responseCondition", _make("responseIf", condition, self.show(feedback_id))))

    def modal(self, identifier: str, title: str, html: str) -> None:
        fb = _make("modalFeedback", outcomeIdentifier="FEEDBACKMODAL", showHide="show", identifier=identifier)
        fb.set("title", title)
        append_html(fb, html)
        self.feedback.append(fb)

    def finish(self, general_html: str = "") -> etree._Element:
        general = general_html or (html_block(self.q.explanation) if self.q.explanation else "")
        if general:
            # Shown once the learner has answered, whatever the answer.
            answered = _make("not", _make("isNull", _var("RESPONSE")))
            self.rules.insert(0, _make("responseCondition", _make("responseIf", answered, self.show(EXPLANATION))))
            self.modal(EXPLANATION, "Erklärung", general)
        self.root.extend(self.declarations)
        self.root.append(self.body)
        processing = etree.SubElement(self.root, _q("responseProcessing"))
        processing.extend(self.rules)
        self.root.extend(self.feedback)
        return self.root


def _choice(item: _Item, q: ChoiceQuestion) -> None:
    ids = [f"C{i + 1}" for i in range(len(q.options))]
    right = [cid for cid, o in zip(ids, q.options, strict=True) if o.correct]
    single = isinstance(q, SingleChoice)
    decl = item.response("single" if single else "multiple", "identifier", right)
    item.outcomes(1)
    append_html(item.body, html_block(q.prompt))
    interaction = _sub(item.body, "choiceInteraction", responseIdentifier="RESPONSE",
                       shuffle="true" if q.shuffle else "false", maxChoices="1" if single else "0")  # fmt: skip
    for cid, option in zip(ids, q.options, strict=True):
        append_html(_sub(interaction, "simpleChoice", identifier=cid), html_block(option.text))
    if single:
        item.set_score(_make("match", _var("RESPONSE"), _make("correct", identifier="RESPONSE")))
    else:
        # As the course scores it: (right picks - wrong picks) / right options, at least 0.
        mapping = etree.SubElement(decl, _q("mapping"), lowerBound="0", upperBound="1", defaultValue="0")
        for cid, option in zip(ids, q.options, strict=True):
            share = (1 if option.correct else -1) / len(right)
            etree.SubElement(mapping, _q("mapEntry"), mapKey=cid, mappedValue=repr(share))
        item.set_score(_make("mapResponse", identifier="RESPONSE"))
    for cid, option in zip(ids, q.options, strict=True):
        if option.feedback:
            picked = (
                _make("match", _var("RESPONSE"), _value("identifier", cid))
                if single
                else _make("member", _value("identifier", cid), _var("RESPONSE"))
            )
            item.show_if(picked, f"FB_{cid}")
            item.modal(f"FB_{cid}", "Rückmeldung", html_block(option.feedback))


def _true_false(item: _Item, q: TrueFalse) -> None:
    right, wrong = ("TRUE", "FALSE") if q.answer else ("FALSE", "TRUE")
    item.response("single", "identifier", [right])
    item.outcomes(1)
    append_html(item.body, html_block(q.prompt))
    interaction = _sub(item.body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="false", maxChoices="1")
    _sub(interaction, "simpleChoice", "Richtig", identifier="TRUE")
    _sub(interaction, "simpleChoice", "Falsch", identifier="FALSE")
    item.set_score(_make("match", _var("RESPONSE"), _make("correct", identifier="RESPONSE")))
    if q.feedback_wrong:
        item.show_if(_make("match", _var("RESPONSE"), _value("identifier", wrong)), "FB_WRONG")
        item.modal("FB_WRONG", "Rückmeldung", html_block(q.feedback_wrong))


def _match(item: _Item, prompt: str, lefts: list[str], rights: list[str], feedback: list[str | None]) -> None:
    """Pairs left[i] -> right[i]; rights beyond the lefts are distractors. Scored as the share of right pairs."""
    pairs = [f"L{i + 1} R{i + 1}" for i in range(len(lefts))]
    decl = item.response("multiple", "directedPair", pairs)
    mapping = etree.SubElement(decl, _q("mapping"), lowerBound="0", upperBound="1", defaultValue="0")
    for pair in pairs:
        etree.SubElement(mapping, _q("mapEntry"), mapKey=pair, mappedValue=repr(1 / len(pairs)))
    item.outcomes(1)
    append_html(item.body, html_block(prompt))
    interaction = _sub(item.body, "matchInteraction", responseIdentifier="RESPONSE", shuffle="true",
                       maxAssociations=str(len(pairs)))  # fmt: skip
    left_set, right_set = _sub(interaction, "simpleMatchSet"), _sub(interaction, "simpleMatchSet")
    for i, text in enumerate(lefts):
        append_html(_sub(left_set, "simpleAssociableChoice", identifier=f"L{i + 1}", matchMax="1"), text)
    for i, text in enumerate(rights):
        append_html(_sub(right_set, "simpleAssociableChoice", identifier=f"R{i + 1}", matchMax="1"), text)
    item.set_score(_make("mapResponse", identifier="RESPONSE"))
    for i, (pair, fb) in enumerate(zip(pairs, feedback, strict=True)):
        if fb:
            missed = _make("not", _make("member", _value("directedPair", pair), _var("RESPONSE")))
            item.show_if(missed, f"FB_L{i + 1}")
            item.modal(f"FB_L{i + 1}", "Rückmeldung", html_block(fb))


def _matching(item: _Item, q: Matching) -> None:
    lefts = [html_block(p.left) for p in q.pairs]
    rights = [html_block(p.right) for p in q.pairs] + [html_block(d) for d in q.distractors]
    _match(item, q.prompt, lefts, rights, [p.feedback for p in q.pairs])


def _ordering(item: _Item, q: Ordering) -> None:
    # OpenOLAT has no orderInteraction: each step is matched to its position.
    lefts = [html_block(i.text) for i in q.items]
    rights = [html_block(f"Position {n}") for n in range(1, len(q.items) + 1)]
    _match(item, q.prompt, lefts, rights, [i.feedback for i in q.items])


def _short_text(item: _Item, q: ShortText) -> None:
    numeric = q.number is not None
    base_type = "float" if numeric else "string"
    decl = item.response("single", base_type, [repr(q.number)] if numeric else q.answers[:1])
    item.outcomes(1)
    append_html(item.body, html_block(q.prompt))
    entry = _sub(item.body, "p")
    _sub(entry, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="30")
    case = "true" if q.case_sensitive else "false"
    if numeric:
        right = _equal(q.number or 0.0, q.tolerance)
        item.rules.append(_make("responseCondition", _make("responseIf", right, _score_one())))
    else:
        mapping = etree.SubElement(decl, _q("mapping"), lowerBound="0", upperBound="1", defaultValue="0")
        for answer in dict.fromkeys(q.answers):
            etree.SubElement(mapping, _q("mapEntry"), mapKey=answer, mappedValue="1", caseSensitive=case)
        item.set_score(_make("mapResponse", identifier="RESPONSE"))
    branches: list[etree._Element] = []
    for i, wrong in enumerate(q.wrong_answers):
        if numeric:
            try:
                condition = _equal(float(wrong.answer.replace(",", ".")), 0)
            except ValueError:
                continue
        else:
            condition = _make("stringMatch", _var("RESPONSE"), _value("string", wrong.answer), caseSensitive=case)
        branches.append(_make("responseElseIf" if branches else "responseIf", condition, item.show(f"FB_W{i + 1}")))
        item.modal(f"FB_W{i + 1}", "Rückmeldung", html_block(wrong.feedback))
    if q.feedback_wrong:
        wrong_answer = _make("lt", _var("SCORE"), _value("float", "1"))
        branches.append(_make("responseElseIf" if branches else "responseIf", wrong_answer, item.show("FB_WRONG")))
        item.modal("FB_WRONG", "Rückmeldung", html_block(q.feedback_wrong))
    if branches:
        item.rules.append(_make("responseCondition", *branches))


def _equal(number: float, tolerance: float) -> etree._Element:
    attrs = {"toleranceMode": "absolute", "tolerance": f"{tolerance!r} {tolerance!r}"} if tolerance else {}
    return _make("equal", _var("RESPONSE"), _value("float", repr(number)), **(attrs or {"toleranceMode": "exact"}))


def _score_one() -> etree._Element:
    return _make("setOutcomeValue", _value("float", "1"), identifier="SCORE")


def _essay(item: _Item, q: Reflection | Task) -> str:
    item.response("single", "string")
    item.outcomes(0)  # never scored, as in the course
    append_html(item.body, task_statement(q) if isinstance(q, Task) else html_block(q.prompt))
    lines = "12" if isinstance(q, Task) else "8"
    interaction = _sub(item.body, "extendedTextInteraction", responseIdentifier="RESPONSE", expectedLines=lines)
    if q.placeholder:
        interaction.set("placeholderText", plain_text(q.placeholder))
    if isinstance(q, Task):  # the rubric comes with the explanation, for the self-assessment
        explanation = html_block(q.explanation) if q.explanation else ""
        return "\n".join(filter(None, [explanation, task_rubric(q)]))
    return ""


def build_item(quiz: Quiz, q: BaseQuestion) -> etree._Element:
    item = _Item(quiz, q)
    general = ""
    if isinstance(q, SingleChoice | MultipleChoice):
        _choice(item, q)
    elif isinstance(q, TrueFalse):
        _true_false(item, q)
    elif isinstance(q, Matching):
        _matching(item, q)
    elif isinstance(q, Ordering):
        _ordering(item, q)
    elif isinstance(q, ShortText):
        _short_text(item, q)
    elif isinstance(q, Reflection | Task):
        general = _essay(item, q)
    else:  # pragma: no cover - a new question type must be added here
        raise ValueError(f"Fragetyp „{q.type}“ ist für QTI 2.1 noch nicht umgesetzt.")
    return item.finish(general)


# --- package ----------------------------------------------------------------------------------------------


def item_path(quiz: Quiz, q: BaseQuestion) -> str:
    return f"items/{question_key(quiz, q)}.xml"


def build_test(pool: Pool) -> etree._Element:
    test = etree.Element(_q("assessmentTest"), nsmap={None: QTI, "xsi": XSI})
    test.set(f"{{{XSI}}}schemaLocation", QTI_LOCATION)
    test.set("identifier", f"test-{pool.slug}")
    test.set("title", pool.title)
    score = _sub(test, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    _sub(_sub(score, "defaultValue"), "value", "0")
    part = _sub(test, "testPart", identifier="fragen", navigationMode="nonlinear", submissionMode="individual")
    for category in pool.categories:
        section = _sub(part, "assessmentSection", identifier=f"modul-{category.id}", visible="true")
        section.set("title", category.title)
        for quiz, q in category.questions:
            _sub(section, "assessmentItemRef", identifier=question_key(quiz, q), href=item_path(quiz, q))
    sums = _make("sum", _make("testVariables", variableIdentifier="SCORE"))
    _sub(test, "outcomeProcessing").append(_make("setOutcomeValue", sums, identifier="SCORE"))
    return test


def _md(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, f"{{{MD}}}{tag}")
    if text is not None:
        string = etree.SubElement(el, f"{{{MD}}}langstring")
        string.set(XML_LANG, "de")
        string.text = text
    return el


def _lom(title: str, keywords: list[str]) -> etree._Element:
    lom = etree.Element(f"{{{MD}}}lom")
    general = _md(lom, "general")
    _md(general, "title", title)
    etree.SubElement(general, f"{{{MD}}}language").text = "de"
    for keyword in keywords:
        _md(general, "keyword", keyword)
    return lom


def build_manifest(pool: Pool) -> etree._Element:
    manifest = etree.Element(f"{{{CP}}}manifest", nsmap={None: CP, "imsmd": MD, "xsi": XSI})
    manifest.set(f"{{{XSI}}}schemaLocation", CP_LOCATION)
    manifest.set("identifier", f"fragenpool-{pool.slug}")
    metadata = etree.SubElement(manifest, f"{{{CP}}}metadata")
    etree.SubElement(metadata, f"{{{CP}}}schema").text = "QTIv2.1 Package"
    etree.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.0.0"
    etree.SubElement(manifest, f"{{{CP}}}organizations")
    resources = etree.SubElement(manifest, f"{{{CP}}}resources")
    test = etree.SubElement(
        resources, f"{{{CP}}}resource", identifier="test", type="imsqti_test_xmlv2p1", href="test.xml"
    )
    etree.SubElement(test, f"{{{CP}}}file", href="test.xml")
    for category in pool.categories:
        for quiz, q in category.questions:
            key = question_key(quiz, q)
            etree.SubElement(test, f"{{{CP}}}dependency", identifierref=f"res-{key}")
            res = etree.SubElement(resources, f"{{{CP}}}resource", identifier=f"res-{key}",
                                   type="imsqti_item_xmlv2p1", href=item_path(quiz, q))  # fmt: skip
            keywords = [k for k in (q.objective, category.title) if k]
            etree.SubElement(res, f"{{{CP}}}metadata").append(_lom(plain_text(q.prompt)[:200], keywords))
            etree.SubElement(res, f"{{{CP}}}file", href=item_path(quiz, q))
    return manifest


def _bytes(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def package_files(pool: Pool) -> dict[str, bytes]:
    files = {"imsmanifest.xml": _bytes(build_manifest(pool)), "test.xml": _bytes(build_test(pool))}
    for category in pool.categories:
        for quiz, q in category.questions:
            files[item_path(quiz, q)] = _bytes(build_item(quiz, q))
    return files


def write(pool: Pool, path: Path) -> list[str]:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in package_files(pool).items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    orderings = sum(isinstance(q, Ordering) for c in pool.categories for _, q in c.questions)
    if orderings:
        which = "Frage steht" if orderings == 1 else "Fragen stehen"
        return [
            f"OpenOLAT kennt keine Reihenfolge-Fragen. {orderings} {which} deshalb als Zuordnung der Schritte "
            "zu „Position 1, 2, …“ im Paket; bewertet wird wie im Kurs der Anteil richtig platzierter Schritte."
        ]
    return []
