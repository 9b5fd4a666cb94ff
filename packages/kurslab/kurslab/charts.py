"""Small SVG charts for notebooks: bar, funnel, line, network and radar.

Each chart is an ``SVG`` object that Jupyter shows inline (``_repr_svg_``). Charts carry a
title and a text description for screen readers; colours keep AA contrast on white.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

COLOURS = ["#00665c", "#a63a00", "#3f51b5", "#6a1b9a", "#2e7d32", "#5d4037"]
FONT = 'font-family="system-ui, sans-serif" font-size="13"'


@dataclass(frozen=True)
class SVG:
    markup: str
    description: str

    def _repr_svg_(self) -> str:
        return self.markup

    def _repr_html_(self) -> str:
        # Preferred by Jupyter over SVG: inline markup keeps the title and description for screen
        # readers, which an <img> of the SVG would lose.
        return self.markup

    def __str__(self) -> str:
        return self.markup


def _fmt(value: float) -> str:
    text = f"{value:,.1f}" if value != int(value) else f"{int(value):,}"
    return text.replace(",", "\u202f").replace(".", ",")


def _frame(width: int, height: int, title: str, description: str, body: Iterable[str]) -> SVG:
    parts = "".join(body)
    # Ids unique per chart, so several charts on one page keep their own title and description.
    uid = "k" + hashlib.sha1(f"{title}|{description}|{parts}".encode()).hexdigest()[:8]
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{uid}-t {uid}-d" {FONT}><title id="{uid}-t">{escape(title)}</title>'
        f'<desc id="{uid}-d">{escape(description)}</desc>'
        f'<text x="10" y="20" font-size="15" font-weight="bold" fill="#111">{escape(title)}</text>' + parts + "</svg>"
    )
    return SVG(markup, description)


def bar_chart(values: dict[str, float], title: str, unit: str = "") -> SVG:
    """Horizontal bars, one per label."""
    top = max(values.values(), default=1) or 1
    rows = []
    for i, (label, value) in enumerate(values.items()):
        y = 35 + i * 26
        width = 300 * value / top
        rows.append(
            f'<text x="150" y="{y + 14}" text-anchor="end" fill="#111">{escape(label)}</text>'
            f'<rect x="158" y="{y}" width="{width:.1f}" height="18" fill="{COLOURS[0]}"/>'
            f'<text x="{164 + width:.1f}" y="{y + 14}" fill="#111">{_fmt(value)}{escape(unit)}</text>'
        )
    description = "; ".join(f"{label}: {_fmt(value)}{unit}" for label, value in values.items())
    return _frame(560, 45 + 26 * len(values), title, description, rows)


def funnel_chart(stages: Sequence[tuple[str, float]], title: str) -> SVG:
    """A funnel: each stage as a centred bar, with its share of the first stage."""
    first = stages[0][1] if stages else 1
    rows = []
    for i, (label, value) in enumerate(stages):
        y = 35 + i * 30
        width = 360 * value / first if first else 0
        share = 100 * value / first if first else 0
        rows.append(
            f'<rect x="{280 - width / 2:.1f}" y="{y}" width="{width:.1f}" height="22" fill="{COLOURS[i % 2]}"/>'
            f'<text x="10" y="{y + 16}" fill="#111">{escape(label)}</text>'
            f'<text x="470" y="{y + 16}" fill="#111">{_fmt(value)} ({share:.0f} %)</text>'
        )
    description = "; ".join(f"{label}: {_fmt(value)} ({100 * value / first:.0f} %)" for label, value in stages)
    return _frame(580, 45 + 30 * len(stages), title, description, rows)


def line_chart(series: dict[str, Sequence[float]], labels: Sequence[str], title: str) -> SVG:
    """One line per series over the same labels (e.g. weeks)."""
    top = max((v for values in series.values() for v in values), default=1) or 1
    left, bottom, width, height = 50, 230, 440, 180
    step = width / max(len(labels) - 1, 1)
    body = [f'<line x1="{left}" y1="{bottom}" x2="{left + width}" y2="{bottom}" stroke="#555"/>']
    body += [
        f'<text x="{left + i * step:.1f}" y="{bottom + 16}" text-anchor="middle" fill="#111">'
        f"{escape(str(label))}</text>"
        for i, label in enumerate(labels)
    ]
    for n, (name, values) in enumerate(series.items()):
        points = " ".join(f"{left + i * step:.1f},{bottom - height * v / top:.1f}" for i, v in enumerate(values))
        colour = COLOURS[n % len(COLOURS)]
        body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        body.append(f'<text x="{left + width + 8}" y="{45 + 18 * n}" fill="{colour}">{escape(name)}</text>')
    description = "; ".join(f"{name}: " + ", ".join(_fmt(v) for v in values) for name, values in series.items())
    return _frame(680, 260, title, description, body)


def network_chart(
    edges: Iterable[tuple[str, str, float]], title: str, highlight: Iterable[str] = (), nodes: str = "Personen"
) -> SVG:
    """Nodes on a circle (people, or groups such as departments: ``nodes`` names them), lines for who answered
    whom; node size grows with the number of links, line width with the weight."""
    edges = list(edges)
    heaviest = max((w for _, _, w in edges), default=1) or 1
    degree: dict[str, float] = {}
    for source, target, weight in edges:
        degree[source] = degree.get(source, 0) + weight
        degree[target] = degree.get(target, 0) + weight
    people = sorted(degree, key=lambda p: -degree[p])
    centre, radius = 260, 190
    place = {
        person: (
            centre + radius * math.cos(2 * math.pi * i / len(people)),
            40 + radius + radius * math.sin(2 * math.pi * i / len(people)),
        )
        for i, person in enumerate(people)
    }
    marked = set(highlight)
    body = [
        f'<line x1="{place[s][0]:.1f}" y1="{place[s][1]:.1f}" x2="{place[t][0]:.1f}" y2="{place[t][1]:.1f}" '
        f'stroke="#888" stroke-opacity="0.5" stroke-width="{0.5 + 3.5 * w / heaviest:.1f}"/>'
        for s, t, w in edges
    ]
    top = max(degree.values(), default=1)
    for person in people:
        x, y = place[person]
        size = 4 + 10 * math.sqrt(degree[person] / top)
        colour = COLOURS[1] if person in marked else COLOURS[0]
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{colour}"><title>{escape(person)}: '
            f"{_fmt(degree[person])} Verbindungen</title></circle>"
        )
    leaders = ", ".join(people[:3])
    description = f"{len(people)} {nodes}, {len(edges)} Verbindungen; am stärksten vernetzt: {leaders}."
    return _frame(560, 460, title, description, body)


def radar_chart(values: dict[str, float], maximum: float, title: str) -> SVG:
    """A radar (spider) chart, e.g. a competence profile."""
    centre_x, centre_y, radius = 230, 210, 140
    labels = list(values)
    angles = [2 * math.pi * i / len(labels) - math.pi / 2 for i in range(len(labels))]

    def point(share: float, angle: float) -> str:
        return f"{centre_x + radius * share * math.cos(angle):.1f},{centre_y + radius * share * math.sin(angle):.1f}"

    body = [
        f'<polygon points="{" ".join(point(ring, a) for a in angles)}" fill="none" stroke="#bbb"/>'
        for ring in (0.25, 0.5, 0.75, 1.0)
    ]
    shape = " ".join(point(values[label] / maximum, a) for label, a in zip(labels, angles, strict=True))
    body.append(
        f'<polygon points="{shape}" fill="{COLOURS[0]}" fill-opacity="0.35" stroke="{COLOURS[0]}" stroke-width="2"/>'
    )
    for label, a in zip(labels, angles, strict=True):
        x, y = centre_x + (radius + 18) * math.cos(a), centre_y + (radius + 18) * math.sin(a)
        anchor = "middle" if abs(math.cos(a)) < 0.3 else ("start" if math.cos(a) > 0 else "end")
        body.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="#111">{escape(label)}</text>')
    description = "; ".join(f"{label}: {_fmt(value)} von {_fmt(maximum)}" for label, value in values.items())
    return _frame(460, 400, title, description, body)
