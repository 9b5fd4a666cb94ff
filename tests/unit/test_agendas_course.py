"""The course's own agendas: blocks timed as input, practice and debrief; the formats keep their promises."""

from __future__ import annotations

import re

import pytest

from coursekit.build import load
from coursekit.course import Course, day_plans
from coursekit.plugin.plugin import check
from coursekit.plugin.workshopmd import method_card
from coursekit.workshop import ModuleBlock
from support.course import ROOT

SMALLEST_GROUP = 8  # the agendas are written for 8–16 participants


@pytest.fixture(scope="module")
def course() -> Course:
    config = load(ROOT / "mkdocs.yml")
    loaded, report = check(config, config.plugins["course"].config)  # type: ignore[arg-type]
    agenda_files = [d for d in report.items if "exercises/agendas/" in d.format()]
    assert agenda_files == [], [d.format() for d in agenda_files]
    return loaded


def test_every_day_ends_on_time_and_every_working_block_has_parts(course: Course) -> None:
    for agenda_id, loaded in course.agendas.items():
        for plan in day_plans(course, loaded.item):
            assert plan.overrun == 0, (agenda_id, plan.day.title)
            assert plan.buffer_minutes >= 10, (agenda_id, plan.day.title)
            for slot in plan.slots:
                if slot.kind in ("module", "session"):
                    assert slot.block.parts, (agenda_id, slot.title)
                    assert sum(p.minutes for p in slot.block.parts) == slot.minutes, (agenda_id, slot.title)


def test_one_day_format_has_the_entry_points_and_the_data_protection_check(course: Course) -> None:
    agenda = course.agendas["eintaegig"].item
    modules = {b.module for day in agenda.days for b in day.blocks if isinstance(b, ModuleBlock)}
    assert {"modell-70-20-10", "recht-verantwortung"} <= modules
    sheets = {s for day in agenda.days for b in day.blocks for s in b.sheets}
    assert {"einstiegspunkte", "datenschutz-check", "rollenkarten", "beobachtungsboegen"} <= sheets
    assert agenda.days[0].before and any(task.modules for task in agenda.days[0].before)  # reading is pre-work


def test_two_day_format_has_a_transfer_phase_and_a_follow_up_with_managers(course: Course) -> None:
    days = course.agendas["zweitaegig"].item.days
    assert len(days) == 3
    assert days[1].when and re.search(r"drei bis vier Wochen", days[1].when, re.IGNORECASE)
    assert any("transferaufgabe" in task.sheets for task in days[1].before)
    assert "Führungskräfte" in days[2].title and "Führungskräfte" in (days[2].when or "")
    assert any(task.modules for task in days[0].before) and any(task.modules for task in days[1].before)


def test_methods_for_larger_groups_say_how_they_work_with_eight(course: Course) -> None:
    used = {b.method for a in course.agendas.values() for d in a.item.days for b in d.blocks if b.method}
    for method_id in used:
        method = course.methods[method_id].item
        smallest = int(re.search(r"\d+", method.group_size).group())  # type: ignore[union-attr]
        if smallest > SMALLEST_GROUP:
            assert method.small_groups, method_id
            assert "**Kleine Gruppe:**" in method_card(method)


def test_material_pages_stay_out_of_search_and_every_one_is_listed(course: Course) -> None:
    sheets = {uri for uri in course.pages if uri.startswith("moderation/material/")}
    index = course.pages["moderation/material/index.md"].body
    for uri in sheets - {"moderation/material/index.md"}:
        page = course.pages[uri]
        assert page.meta is not None and page.meta.data["search"] == {"exclude": True}, uri
        assert "navigation" in page.meta.data["hide"], uri  # prints without the site navigation
        assert f"({uri.rsplit('/', 1)[1]})" in index, uri
