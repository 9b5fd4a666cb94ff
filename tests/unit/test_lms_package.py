"""LMS packages without a browser: manifests against the SCORM schemas, links, resume data of the real course."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from coursekit.exports import cmi5, lms, scorm
from support.course import ROOT
from support.lms_state import real_course, whole_course_answered

LMS_JS = ROOT / "src" / "coursekit" / "assets" / "lmsdata.js"
INFO = scorm.PackageInfo("kurs", "Social Learning & Medien <Kurs>", "Beschreibung", "lms-start.html", ("a b.html",))


@pytest.mark.parametrize("version", ["scorm12", "scorm2004"])
def test_manifest_is_valid_against_the_scorm_schemas(version: scorm.Version) -> None:
    document = scorm.manifest(version, INFO)
    assert scorm.validate(version, document, ROOT) == []
    tree = etree.fromstring(document)
    titles = [t.text for t in tree.iter("{*}title")]
    assert titles == [INFO.title, INFO.title]  # escaped by lxml, not by hand
    resources = tree.findall(".//{*}resource")
    assert len(resources) == 1  # the whole course is one SCO
    assert resources[0].get("href") == "lms-start.html"


@pytest.mark.parametrize(
    ("version", "old", "new"),
    [
        ("scorm12", b'adlcp:scormtype="sco"', b'adlcp:scormtype="lektion"'),
        ("scorm12", b"<schemaversion>1.2</schemaversion>", b"<version>1.2</version>"),
        ("scorm2004", b'adlcp:scormType="sco"', b'adlcp:scormType="lektion"'),
        ("scorm2004", b"completionSetByContent", b"completionSetByKurs"),
    ],
)
def test_schema_check_catches_broken_manifests(version: scorm.Version, old: bytes, new: bytes) -> None:
    document = scorm.manifest(version, INFO)
    assert old in document
    assert scorm.validate(version, document.replace(old, new, 1), ROOT) != []


def test_folder_links_point_at_files(tmp_path: Path) -> None:
    (tmp_path / "module" / "eins").mkdir(parents=True)
    (tmp_path / "module" / "eins" / "index.html").write_text("<p>eins</p>", "utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="module/eins/">1</a> <a href="module/eins/#ziel">2</a> <a href="module/zwei/">fehlt</a> '
        '<a href="https://example.org/">außen</a> <a href="#oben">oben</a> <img src="module/eins/">'
        '<script type="application/json">{"url": "module/eins/"}</script>',
        "utf-8",
    )
    page = tmp_path / "module" / "eins" / "index.html"
    page.write_text('<a href="../../">Start</a> <a href="..">hoch</a>', "utf-8")
    (tmp_path / "module" / "index.html").write_text("", "utf-8")
    lms.link_files_not_folders(tmp_path)
    html = (tmp_path / "index.html").read_text("utf-8")
    assert 'href="module/eins/index.html"' in html
    assert 'href="module/eins/index.html#ziel"' in html
    assert 'href="module/zwei/"' in html  # no such folder: left alone (the site's own link check reports it)
    assert 'href="https://example.org/"' in html and 'href="#oben"' in html
    assert '{"url": "module/eins/index.html"}' in html
    assert page.read_text("utf-8") == '<a href="../../index.html">Start</a> <a href="../index.html">hoch</a>'


def test_start_page_carries_the_course_as_data_only() -> None:
    html = lms.start_page("Kurs </script><b>", "Über <Kurse>", {"modules": [{"id": "</script>"}]})
    assert "<b>" not in html and "&lt;/script&gt;&lt;b&gt;" in html
    assert html.count("</script>") == 2  # the data block and the module script; the data cannot close its tag
    assert 'lang="de"' in html


# --- resume data of the whole real course ----------------------------------------------------------


def run_lms_js(code: str, payload: dict[str, Any]) -> Any:
    script = f"import * as lms from {json.dumps(LMS_JS.as_uri())};\n" + code
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


ENCODE = """
let raw = "";
for await (const chunk of process.stdin) raw += chunk;
const { course, state, limit } = JSON.parse(raw);
const encoded = lms.encodeState(course, state, limit);
const decoded = lms.decodeState(course, encoded.text);
const merged = lms.mergeStates(course, state, decoded);
console.log(JSON.stringify({ encoded, decoded: decoded.state, merged, summary: lms.summarise(course, decoded.state) }));
"""


def test_whole_course_with_long_texts_fits_scorm12_suspend_data() -> None:
    data, ordered = real_course()
    assert len(ordered) > 50  # the real course, not a stub
    state = whole_course_answered(data, ordered, text=1500)
    out = run_lms_js(ENCODE, {"course": data, "state": state, "limit": 4096})
    assert out["encoded"]["fits"] is True
    assert len(out["encoded"]["text"]) <= 4096
    texts = sum(1 for q in ordered if q.type in ("reflection", "task"))
    assert 0 < out["encoded"]["inBrowser"] <= texts  # long texts stay in the browser, and the learner is told
    for quiz_id, entries in state["quizzes"].items():
        for qid, entry in entries.items():
            back = out["decoded"]["quizzes"][quiz_id][qid]
            if entry["first"] is not None:  # every graded answer and both scores travel with the learner
                assert back["answer"] == entry["answer"], qid
                assert back["first"] == pytest.approx(entry["first"], abs=1e-12)
                assert back["score"] == pytest.approx(entry["score"], abs=1e-12)
            assert out["merged"]["quizzes"][quiz_id][qid]["answer"] == entry["answer"], qid  # the browser adds the rest


def test_whole_course_with_short_texts_travels_completely() -> None:
    data, ordered = real_course()
    state = whole_course_answered(data, ordered, text=80)
    out = run_lms_js(ENCODE, {"course": data, "state": state, "limit": 4096})
    assert out["encoded"]["inBrowser"] == 0
    for quiz_id, entries in state["quizzes"].items():
        for qid, entry in entries.items():
            assert out["decoded"]["quizzes"][quiz_id][qid]["answer"] == entry["answer"], qid


def test_without_python_exercises_are_static(tmp_path: Path) -> None:
    page = tmp_path / "module" / "m" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<html><head><script data-kurs-python data-wurzel="../..">(() => {})();</script></head><body>'
        "<p>Eine Übung mit (synthetischen) Daten: Python läuft direkt auf dieser Seite, <code>...</code> "
        '„Ausführen“.</p>\n<p><a class="md-button" href="../../lite/notebooks/index.html?path=a/b.ipynb" '
        'target="_blank" rel="noopener">Als Notebook öffnen (JupyterLab)</a>\n'
        '<section class="ck-exercise" data-exercise="b" aria-label="Übung zum Bearbeiten" data-search-exclude>'
        "<pre>print(1)</pre></section>"
        # the attribute order Python-Markdown writes
        '<section aria-label="Übung zum Bearbeiten" class="ck-exercise" data-exercise="c"><pre>2</pre></section>',
        "utf-8",
    )
    assert lms.static_exercises(tmp_path) == 1
    html = page.read_text("utf-8")
    assert "lite/" not in html and "Ausführen" not in html
    assert 'class="ck-exercise"' not in html  # course.js starts no editor and no Python
    assert '<section class="ck-exercise-static" data-exercise="b"' in html and "<pre>print(1)</pre>" in html
    assert "läuft Python nicht" in html
    assert 'aria-label="Übung (fertig ausgeführt)" class="ck-exercise-static" data-exercise="c"' in html
    assert "data-kurs-python" not in html  # and the page does not start Python from its head


CMI5_XSD = ROOT / "schema" / "xsd" / "cmi5" / "CourseStructure.xsd"


def test_cmi5_course_structure_is_valid() -> None:
    schema = etree.XMLSchema(etree.parse(str(CMI5_XSD)))
    document = etree.fromstring(cmi5.course_structure(INFO))
    assert schema.validate(document), schema.error_log
    au = document.find("{*}au")
    assert au is not None and au.get("moveOn") == "CompletedAndPassed"
    assert au.findtext("{*}url") == "lms-start.html"
    assert {e.get("lang") for e in document.iter("{*}langstring")} == {"de-DE"}
    assert document.find("{*}course/{*}title/{*}langstring").text == INFO.title  # type: ignore[union-attr]
    au.set("moveOn", "Bestanden")
    assert not schema.validate(document)  # the check is real
