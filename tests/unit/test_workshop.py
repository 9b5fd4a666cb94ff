"""Agendas and method cards: clock times across breaks and days, validation with file and line."""

from __future__ import annotations

import html

import yaml

from coursekit.build import load
from coursekit.plugin.plugin import check
from coursekit.plugin.workshopmd import run_sheet
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


PARTED = """\
id: tag
title: "Ein Tag"
objectives: ["üben ein Erstgespräch."]
days:
  - title: "Tag 1"
    when: "Drei Wochen nach dem Auftakt"
    start: "09:00"
    end: "10:30"
    before:
      - text: "Das Modul lesen."
        minutes: 30
        modules: [alpha]
        sheets: [rollen]
    blocks:
      - type: session
        title: "Übungsrunde"
        duration: 60
        method: blitzlicht
        key_message: "Erst die Leistung, dann das Format."
        sheets: [rollen]
        parts:
          - kind: input
            minutes: 10
            text: "Leitfragen."
          - kind: practice
            minutes: 40
            text: "Drei Runden."
          - kind: debrief
            minutes: 10
            text: "Liste guter Fragen."
      - type: buffer
        duration: 15
      - type: break
        duration: 15
after:
  - text: "Lernpartnerschaft."
    sheets: [rollen]
"""
SHEET = '---\ntitle: "Rollenkarten"\nsearch:\n  exclude: true\n---\n\n# Rollenkarten\n\nText.\n'


def parted_problems(make_course: MakeCourse, agenda_text: str = PARTED) -> list[str]:
    tree = files(agenda_text) | {"docs/moderation/material/rollen.md": SHEET}
    report = run_check(make_course(tree, nav=["module/alpha.md", "moderation.md"]))
    return [d.format() for d in report.items]


def test_parts_sheets_and_tasks_are_valid(make_course: MakeCourse) -> None:
    assert parted_problems(make_course) == []


def test_buffer_is_neither_content_nor_break() -> None:
    plan = plan_day(agenda(PARTED).days[0], {}, {})
    assert [(s.title, s.kind) for s in plan.slots][1:] == [("Puffer", "buffer"), ("Pause", "break")]
    assert (plan.work_minutes, plan.buffer_minutes, plan.break_minutes, plan.end) == (60, 15, 15, "10:30")


def test_parts_that_do_not_add_up_are_an_error_at_the_parts_line(make_course: MakeCourse) -> None:
    found = parted_problems(make_course, PARTED.replace("minutes: 40", "minutes: 45"))
    assert found == [
        f"{A}:21: Die Teile dieses Blocks (Input, Übung, Auswertung) dauern zusammen 65 Minuten, der Block aber "
        "60 Minuten. Passen Sie die Minuten der Teile oder „duration“ des Blocks an, bis beide gleich sind."
    ]


def test_unknown_material_pages_and_modules_are_errors_with_a_suggestion(make_course: MakeCourse) -> None:
    text = PARTED.replace("sheets: [rollen]\n    blocks", "sheets: [rolle]\n    blocks").replace(
        "modules: [alpha]", "modules: [alfa]"
    )
    found = parted_problems(make_course, text)
    assert f"{A}:12: Modul „alfa“ gibt es nicht. Meinten Sie „alpha“?" in found
    assert f"{A}:13: Materialseite „rolle“ gibt es nicht. Meinten Sie „rollen“?" in found
    assert len(found) == 2


def test_unknown_part_kind_is_refused_in_german(make_course: MakeCourse) -> None:
    found = parted_problems(make_course, PARTED.replace("kind: debrief", "kind: feedback"))
    assert len(found) == 1 and found[0].startswith(f"{A}:28:"), found
    assert "input" in found[0] and "debrief" in found[0]


def test_run_sheet_shows_parts_key_message_materials_and_tasks(make_course: MakeCourse) -> None:
    tree = files(PARTED) | {"docs/moderation/material/rollen.md": SHEET}
    config = load(make_course(tree, nav=["module/alpha.md", "moderation.md"]))
    course, report = check(config, config.plugins["course"].config)  # type: ignore[arg-type]
    assert not report.items
    # md_text writes some punctuation as entities (so "1." cannot start a list); compare the text as shown
    sheet = html.unescape(run_sheet(course, course.agendas["tag"].item, "moderation/ablaeufe.md"))
    assert "| Zeit | Block | Min. | Input · Übung · Auswertung | Methode | Leitung |" in sheet
    assert "| 09:00–10:00 | Übungsrunde | 60 | 10 · 40 · 10 | [Blitzlicht](methoden.md#blitzlicht) |  |" in sheet
    assert "| 10:00–10:15 | *Puffer* | 15 |  |  |  |" in sheet
    assert "Inhalt 1 Std. · Pausen 15 Min. · Puffer 15 Min. · Ende 10:30 Uhr" in sheet
    assert "- Kernbotschaft: Erst die Leistung, dann das Format." in sheet
    assert "- Übung (40 Min.): Drei Runden." in sheet
    assert "- Material: [Rollenkarten](material/rollen.md)" in sheet
    assert "Drei Wochen nach dem Auftakt" in sheet
    links = "[Modul 1: Titel alpha](../module/alpha.md), [Rollenkarten](material/rollen.md)"
    assert f"- Das Modul lesen. (ca. 30 Min.) · {links}" in sheet
    assert "**Danach (Transfer):**\n\n- Lernpartnerschaft. · [Rollenkarten](material/rollen.md)" in sheet
    assert "- üben ein Erstgespräch." in sheet
