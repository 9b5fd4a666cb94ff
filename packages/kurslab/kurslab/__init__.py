"""Course helpers for the exercise notebooks: data sets, SVG charts and self-checks.

Pure Python (standard library only), so the same code runs in CPython and in Pyodide.
Everything a learner reads is German; identifiers are English.
"""

from .charts import bar_chart, funnel_chart, line_chart, network_chart, radar_chart
from .checks import Feedback, answered, check
from .data import load
from .text import STOPWORDS_DE, word_counts, words

__all__ = [
    "STOPWORDS_DE",
    "Feedback",
    "answered",
    "bar_chart",
    "check",
    "funnel_chart",
    "line_chart",
    "load",
    "network_chart",
    "radar_chart",
    "word_counts",
    "words",
]
