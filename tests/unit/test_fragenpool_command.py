"""`make fragenpool` (scripts/fragenpool.py): writes all three pools for a valid course, nothing for a faulty one."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from coursekit.exports.questionpools import main, slugify
from support.course import SITES


def test_writes_all_pools_and_says_where_in_german(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dist" / "fragenpool"
    assert main(["-f", str(SITES / "quiz" / "mkdocs.yml"), "-o", str(out)]) == 0
    moodle, qti = out / "quizkurs-moodle.xml", out / "quizkurs-qti21.zip"
    qpl = out / "quizkurs-ilias_qpl.zip"
    assert sorted(out.iterdir()) == [qpl, moodle, qti]
    categories = etree.parse(str(moodle)).findall("question[@type='category']")
    assert len(categories) == 2  # the quiz site's two modules
    with zipfile.ZipFile(qti) as archive:
        assert "imsmanifest.xml" in archive.namelist()
    printed = capsys.readouterr().out
    assert "Fragen in 2 Kategorien (eine je Modul)" in printed
    assert f"✓ Moodle-XML (Moodle 4.4 oder neuer): {moodle}" in printed
    assert f"✓ QTI-2.1-Paket (OpenOLAT): {qti}" in printed
    assert f"✓ ILIAS-Fragenpool (ILIAS 7 bis 9): {qpl}" in printed
    assert "Hinweis: OpenOLAT kennt keine Reihenfolge-Fragen" in printed


def test_faulty_course_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "fragenpool"
    assert main(["-f", str(SITES / "broken" / "mkdocs.yml"), "-o", str(out)]) == 1
    assert not out.exists()
    errors = capsys.readouterr().err
    assert "docs/module/erstes.md:12:" in errors
    assert "Fragenpools nicht geschrieben" in errors


def test_file_names_from_the_course_title() -> None:
    assert slugify("Social Learning und Medienkompetenz") == "social-learning-und-medienkompetenz"
    assert slugify("Übungen für Führungskräfte & Teams") == "uebungen-fuer-fuehrungskraefte-teams"


def test_missing_configuration_is_a_message_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-f", str(tmp_path / "mkdocs.yml"), "-o", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.startswith("Fragenpools nicht geschrieben: mkdocs.yml:")
