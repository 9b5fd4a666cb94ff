"""Agendas and method cards: clock times across breaks and days, validation with file and line."""

from __future__ import annotations

import yaml

from coursekit.workshop import Agenda, Day, plan_day
from support.course import MakeCourse, run_check, valid_module

M = "docs/module/alpha.md"
A = "exercises/agendas/tag.yml"
METHOD = """\
id: blitzlicht
title: "Blitzlicht"
purpose: "Alle sagen kurz etwas."
duration: 10
group_size: "bis 20 Personen"
steps: ["Frage stellen.", "Reihum antworten."]
variants:
  vor_ort: "Im Stuhlkreis."
  online: "Im Chat."
"""
AGENDA = """\
id: tag
title: "Ein Tag"
days:
  - title: "Tag 1"
    start: "09:00"
    end: "12:00"
    blocks:
      - type: session
        title: "Start"
        duration: 30
        method: blitzlicht
      - type: module
        module: alpha
      - type: break
        duration: 15
      - type: module
        module: alpha
        duration: 45
        title: "Vertiefung"
      - type: lunch
        duration: 60
  - title: "Tag 2"
    start: 08:30
    end: "10:00"
    blocks:
      - type: session
        title: "Rückblick"
        duration: 20
"""


def agenda(text: str = AGENDA) -> Agenda:
    return Agenda.model_validate(yaml.safe_load(text))


def test_clock_times_run_through_breaks_and_restart_each_day() -> None:
    plans = [plan_day(day, {"alpha": 30}, {"alpha": "Alpha"}) for day in agenda().days]
    first, second = plans
    assert [(s.start, s.end, s.title) for s in first.slots] == [
        ("09:00", "09:30", "Start"),
        ("09:30", "10:00", "Alpha"),
        ("10:00", "10:15", "Pause"),
        ("10:15", "11:00", "Vertiefung"),
        ("11:00", "12:00", "Mittagspause"),
    ]
    assert (first.end, first.work_minutes, first.break_minutes, first.overrun) == ("12:00", 105, 75, 0)
    assert [(s.start, s.end) for s in second.slots] == [("08:30", "08:50")]  # unquoted 08:30 is still a time


def test_overrun_is_counted() -> None:
    day = Day.model_validate(
        {
            "title": "Kurz",
            "start": "16:30",
            "end": "17:00",
            "blocks": [{"type": "session", "title": "Lang", "duration": 45}],
        }
    )
    plan = plan_day(day, {}, {})
    assert (plan.end, plan.overrun) == ("17:15", 15)


def files(agenda_text: str = AGENDA, marker: str = "::: ablauf tag") -> dict[str, str]:
    return {
        M: valid_module(),
        A: agenda_text,
        "exercises/methods/blitzlicht.yml": METHOD,
        "docs/moderation.md": f"# Moderation\n\n{marker}\n\n::: methodenkarten\n",
    }


def problems(make_course: MakeCourse, **kwargs: str) -> list[str]:
    report = run_check(make_course(files(**kwargs), nav=["module/alpha.md", "moderation.md"]))
    return [d.format() for d in report.items]


def test_valid_agenda_and_method_have_no_problems(make_course: MakeCourse) -> None:
    assert problems(make_course) == []


def test_unknown_module_and_method_are_errors_with_lines(make_course: MakeCourse) -> None:
    text = AGENDA.replace("module: alpha\n      - type: break", "module: alfa\n      - type: break").replace(
        "method: blitzlicht", "method: blitzlich"
    )
    found = problems(make_course, agenda_text=text)
    assert f"{A}:11: Methode „blitzlich“ gibt es nicht. Meinten Sie „blitzlicht“?" in found
    assert f"{A}:13: Modul „alfa“ gibt es nicht. Meinten Sie „alpha“?" in found


def test_overrunning_day_warns_at_its_end_line(make_course: MakeCourse) -> None:
    found = problems(make_course, agenda_text=AGENDA.replace('end: "12:00"', 'end: "11:30"'))
    assert found == [
        f"{A}:6: Warnung: „Tag 1“ endet erst um 12:00 Uhr, 30 Minuten nach dem geplanten Ende (11:30 Uhr). "
        "Kürzen Sie Blöcke oder verschieben Sie „end“."
    ]


def test_bad_clock_and_unknown_block_type(make_course: MakeCourse) -> None:
    text = AGENDA.replace('start: "09:00"', 'start: "9 Uhr"').replace("type: lunch", "type: mittag")
    found = problems(make_course, agenda_text=text)
    assert f"{A}:5: „days[1].start“: „9 Uhr“ ist keine Uhrzeit; schreiben Sie sie als „HH:MM“, z. B. „09:00“" in found
    assert any(line.startswith(f"{A}:20: Unbekannter Typ „mittag“ in „days[1].blocks[5]“.") for line in found), found


def test_marker_naming_an_unknown_agenda(make_course: MakeCourse) -> None:
    found = problems(make_course, marker="::: ablauf woche")
    assert "docs/moderation.md:3: Ablauf „woche“ gibt es nicht. Vorhanden: tag." in found
