"""parse_yaml keeps what it made of a text: the same text gives the same data and the same messages."""

from __future__ import annotations

from pathlib import Path

from coursekit.diagnostics import Report
from coursekit.sources import parse_yaml


def parsed(text: str, root: Path, name: str = "quiz.yml") -> tuple[object, list[str]]:
    report = Report(root)
    located = parse_yaml(text, root / name, report)
    return (located.data if located else None), [d.format() for d in report.items]


def test_a_broken_text_reports_its_error_every_time(tmp_path: Path) -> None:
    broken = "id: a\ntitle: [offen\n"
    first = parsed(broken, tmp_path)
    assert first[0] is None and len(first[1]) == 1 and "quiz.yml:" in first[1][0]
    assert parsed(broken, tmp_path) == first  # from the memo: the same message again, not silence


def test_a_changed_text_is_parsed_again(tmp_path: Path) -> None:
    assert parsed("id: a\ntitle: Eins\n", tmp_path) == ({"id": "a", "title": "Eins"}, [])
    assert parsed("id: a\ntitle: Zwei\n", tmp_path) == ({"id": "a", "title": "Zwei"}, [])


def test_messages_name_the_file_relative_to_each_report_root(tmp_path: Path) -> None:
    broken = "id: a\ntitle: [offen\n"
    (tmp_path / "kurs").mkdir()
    inner = parsed(broken, tmp_path / "kurs")[1][0]
    outer = Report(tmp_path)
    parse_yaml(broken, tmp_path / "kurs" / "quiz.yml", outer)
    assert inner.startswith("quiz.yml:") and outer.items[0].format().startswith("kurs/quiz.yml:")
