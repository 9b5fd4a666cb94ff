"""Markdown for method cards and agenda run-sheets (facilitator pages)."""

from __future__ import annotations

from ..course import Course, day_plans
from ..markup import md_text
from ..workshop import PART_LABELS, Agenda, Method, ModuleBlock, Slot, Task, material_uri
from . import facilitation
from .text import link, minutes

METHODS_PAGE = "moderation/methoden.md"


def _cell(text: str) -> str:
    """A field as Markdown text on one line; md_text turns "|" into an entity, so tables stay intact."""
    return md_text(text)


def method_card(method: Method) -> str:
    facts = [f"Dauer: ca. {minutes(method.duration)}", f"Gruppengröße: {_cell(method.group_size)}"]
    if method.materials:
        facts.append("Material: " + ", ".join(_cell(m) for m in method.materials))
    steps = "\n".join(f"{i}. {_cell(step)}" for i, step in enumerate(method.steps, start=1))
    return (
        f'<div class="ck-card" markdown>\n\n### {_cell(method.title)} {{#{method.id}}}\n\n{_cell(method.purpose)}\n\n'
        f"{' · '.join(facts)}\n{{: .ck-facts }}\n\n**Ablauf**\n\n{steps}\n\n"
        f"**Vor Ort:** {_cell(method.variants.vor_ort)}\n\n**Online:** {_cell(method.variants.online)}\n\n"
        + (f"**Kleine Gruppe:** {_cell(method.small_groups)}\n\n" if method.small_groups else "")
        + "</div>\n"
    )


def method_cards(course: Course) -> str:
    cards = sorted((m.item for m in course.methods.values()), key=lambda m: m.title.casefold())
    return f"{len(cards)} Methoden.\n\n" + "\n".join(method_card(m) for m in cards)


def _block_title(course: Course, page_uri: str, slot: Slot) -> str:
    block = slot.block
    if isinstance(block, ModuleBlock):
        module = course.module_by_id(block.module)
        if module is not None:
            return f"[Modul {module.number}: {_cell(slot.title)}]({link(page_uri, facilitation.view_uri(module))})"
    return f"*{_cell(slot.title)}*" if slot.kind in ("break", "lunch", "buffer") else _cell(slot.title)


def _sheet_links(course: Course, page_uri: str, sheets: list[str]) -> list[str]:
    found = []
    for sheet in sheets:
        page = course.pages.get(material_uri(sheet))
        title = page.meta.data.get("title") if page and page.meta and isinstance(page.meta.data, dict) else None
        found.append(f"[{_cell(str(title or sheet))}]({link(page_uri, material_uri(sheet))})")
    return found


def _tasks(course: Course, page_uri: str, heading: str, tasks: list[Task]) -> str:
    if not tasks:
        return ""
    items = []
    for task in tasks:
        extra = []
        for module_id in task.modules:
            module = course.module_by_id(module_id)
            if module is not None:
                extra.append(f"[Modul {module.number}: {_cell(module.meta.title)}]({link(page_uri, module.src_uri)})")
        extra += _sheet_links(course, page_uri, task.sheets)
        effort = f" (ca. {minutes(task.minutes)})" if task.minutes else ""
        items.append(f"- {_cell(task.text)}{effort}" + (f" · {', '.join(extra)}" if extra else ""))
    return f"**{heading}**\n\n" + "\n".join(items) + "\n"


def _parts_cell(slot: Slot) -> str:
    totals = {kind: sum(p.minutes for p in slot.block.parts if p.kind == kind) for kind in PART_LABELS}
    return " · ".join(str(totals[kind] or "–") for kind in PART_LABELS) if slot.block.parts else ""


def _details(course: Course, page_uri: str, slot: Slot) -> str:
    """A block's key message, parts, materials and note below the day's table."""
    block = slot.block
    lines = []
    if block.key_message:
        lines.append(f"Kernbotschaft: {_cell(block.key_message)}")
    lines += [f"{PART_LABELS[p.kind]} ({p.minutes} Min.): {_cell(p.text)}" for p in block.parts]
    materials = [_cell(m) for m in block.materials] + _sheet_links(course, page_uri, block.sheets)
    if materials:
        lines.append("Material: " + ", ".join(materials))
    if block.note:
        lines.append(f"Hinweis: {_cell(block.note)}")
    if not lines:
        return ""
    items = "\n".join(f"- {line}" for line in lines)
    return f"**{slot.start}–{slot.end} · {_block_title(course, page_uri, slot)}** ({slot.minutes} Min.)\n\n{items}\n"


def run_sheet(course: Course, agenda: Agenda, page_uri: str) -> str:
    parts = []
    if agenda.audience:
        parts.append(f"Für: {_cell(agenda.audience)}\n{{: .ck-facts }}\n")
    if agenda.objectives:
        goals = "\n".join(f"- {_cell(goal)}" for goal in agenda.objectives)
        parts.append(f"**Ziele des Workshops:** Die Teilnehmenden …\n\n{goals}\n")
    total_work = total_breaks = 0
    for plan in day_plans(course, agenda):
        rows = []
        details = []
        for slot in plan.slots:
            block = slot.block
            method = course.methods.get(block.method) if block.method else None
            method_cell = (
                f"[{_cell(method.item.title)}]({link(page_uri, METHODS_PAGE)}#{method.item.id})" if method else ""
            )
            rows.append(
                f"| {slot.start}–{slot.end} | {_block_title(course, page_uri, slot)} | {slot.minutes} | "
                f"{_parts_cell(slot)} | {method_cell} | {_cell(block.lead or '')} |"
            )
            details.append(_details(course, page_uri, slot))
        status = (
            f"**{plan.overrun} Min. über dem geplanten Ende ({plan.day.end} Uhr)**"
            if plan.overrun
            else f"geplantes Ende {plan.day.end} Uhr"
        )
        buffer = f" · Puffer {minutes(plan.buffer_minutes)}" if plan.buffer_minutes else ""
        when = f"{_cell(plan.day.when)}\n{{: .ck-facts }}\n\n" if plan.day.when else ""
        parts.append(
            f"### {_cell(plan.day.title)}: {plan.day.start}–{plan.end} Uhr\n\n{when}"
            + _tasks(course, page_uri, "Vorher erledigen die Teilnehmenden:", plan.day.before)
            + "\n| Zeit | Block | Min. | Input · Übung · Auswertung | Methode | Leitung |\n"
            "| --- | --- | ---: | --- | --- | --- |\n" + "\n".join(rows) + "\n\n"
            f"Inhalt {minutes(plan.work_minutes)} · Pausen {minutes(plan.break_minutes)}{buffer} · "
            f"Ende {plan.end} Uhr, {status}\n{{: .ck-facts }}\n\n" + "\n".join(d for d in details if d)
        )
        total_work += plan.work_minutes
        total_breaks += plan.break_minutes
    if len(agenda.days) > 1:
        parts.append(
            f"**Insgesamt:** {len(agenda.days)} Termine, Inhalt {minutes(total_work)}, "
            f"Pausen {minutes(total_breaks)}.\n"
        )
    parts.append(_tasks(course, page_uri, "Danach (Transfer):", agenda.after))
    return "\n".join(p for p in parts if p)
