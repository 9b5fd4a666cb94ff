"""The scale benchmark says per goal and size whether it was met (✓) or missed (✗)."""

from __future__ import annotations

from coursekit.bench.scale import ScaleFigures, verdicts


def figures(modules: int, stock: float, unchanged: float, full: float, md: float, quiz: float) -> ScaleFigures:
    return ScaleFigures(modules, stock, full, unchanged, full, 1.0, md, quiz)


def test_every_goal_met_is_ticked() -> None:
    lines = verdicts([figures(10, 1.0, 0.5, 2.0, 0.3, 0.3), figures(50, 2.0, 1.0, 10.0, 0.9, 0.8)])
    assert len(lines) == 5  # unchanged at both sizes, preview at both sizes, growth
    assert all(line.startswith("✓") for line in lines), lines


def test_a_missed_goal_is_crossed_at_its_size_only() -> None:
    lines = verdicts(
        [
            figures(10, 1.0, 0.5, 2.0, 0.3, 0.3),
            figures(50, 2.0, 3.0, 10.0, 0.9, 1.2),  # unchanged 1.5x stock; quiz preview 1.2 s
            figures(200, 4.0, 2.0, 80.0, 3.0, 3.0),  # 0.4 s per module against 0.2 s: not linear
        ]
    )
    crossed = [line for line in lines if line.startswith("✗")]
    assert crossed == [
        "✗ 50 Module: unverändert 1.50x Stock (≤ 1.3x)",
        "✗ 50 Module: Vorschau .md 0.90 s, Quiz 1.20 s (≤ 1 s)",
        "✗ je Modul bei 200 Modulen das 2.00-Fache von 10 Modulen (linear: ≤ 1.25, mit Raum für Messrauschen)",
    ]
    assert not any("200 Module: Vorschau" in line for line in lines)  # the preview goal holds up to 50 modules
