"""Markdown for method cards and agenda run-sheets (facilitator pages)."""

from __future__ import annotations

from ..course import Course, day_plans
from ..markup import md_text
from ..workshop import Agenda, Method, ModuleBlock, Slot
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
        f"**Vor Ort:** {_cell(method.variants.vor_ort)}\n\n**Online:** {_cell(method.variants.online)}\n\n</div>\n"
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
    return f"*{_cell(slot.title)}*" if slot.kind in ("break", "lunch") else _cell(slot.title)


def run_sheet(course: Course, agenda: Agenda, page_uri: str) -> str:
    parts = []
    if agenda.audience:
        parts.append(f"Für: {_cell(agenda.audience)}\n{{: .ck-facts }}\n")
    total_work = total_breaks = 0
    for plan in day_plans(course, agenda):
        rows = []
        for slot in plan.slots:
            block = slot.block
            method = course.methods.get(block.method) if block.method else None
            method_cell = (
                f"[{_cell(method.item.title)}]({link(page_uri, METHODS_PAGE)}#{method.item.id})" if method else ""
            )
            extra = [*block.materials, *([block.note] if block.note else [])]
            rows.append(
                f"| {slot.start}–{slot.end} | {_block_title(course, page_uri, slot)} | {slot.minutes} | "
                f"{method_cell} | {_cell(block.lead or '')} | {_cell('; '.join(extra))} |"
            )
        status = (
            f"**{plan.overrun} Min. über dem geplanten Ende ({plan.day.end} Uhr)**"
            if plan.overrun
            else f"geplantes Ende {plan.day.end} Uhr"
        )
        parts.append(
            f"### {_cell(plan.day.title)}: {plan.day.start}–{plan.end} Uhr\n\n"
            "| Zeit | Block | Min. | Methode | Leitung | Material und Hinweise |\n"
            "| --- | --- | ---: | --- | --- | --- |\n" + "\n".join(rows) + "\n\n"
            f"Inhalt {minutes(plan.work_minutes)} · Pausen {minutes(plan.break_minutes)} · "
            f"Ende {plan.end} Uhr, {status}\n{{: .ck-facts }}\n"
        )
        total_work += plan.work_minutes
        total_breaks += plan.break_minutes
    if len(agenda.days) > 1:
        parts.append(
            f"**Insgesamt:** {len(agenda.days)} Tage, Inhalt {minutes(total_work)}, Pausen {minutes(total_breaks)}.\n"
        )
    return "\n".join(parts)
