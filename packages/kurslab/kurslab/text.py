"""Counting words in German free text, with a stop-word list that learners can inspect and extend."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# Frequent German function words that say nothing about content (plain text: easy to read and extend).
_STOPWORD_TEXT = """
    aber alle allem allen aller alles als also am an ander andere anderen anders auch auf aus bei beim bin bis
    bist da dabei damit dann das dass dem den denn der des dessen die dies diese diesem diesen dieser dieses
    doch dort du durch ein eine einem einen einer eines einige er es etwas euch für gegen gewesen hab habe haben
    hat hatte hier hin hinter ich ihr ihre im in indem ins ist jede jedem jeden jeder jedes jetzt kann kein
    keine können man manche mehr mein meine meinem meinen meiner mich mir mit muss nach nicht nichts noch nun
    nur ob oder ohne sehr sein seine sich sie sind so solche soll sollte sondern sonst über um und uns unser
    unter viel vom von vor wäre war waren was weil welche wenn wer werden wie wieder will wir wird wo wurde
    wurden zu zum zur zwar zwischen
"""
STOPWORDS_DE = frozenset(_STOPWORD_TEXT.split())
WORD_RE = re.compile(r"[a-zäöüß]+(?:-[a-zäöüß]+)*")


def words(text: str, stopwords: Iterable[str] = STOPWORDS_DE) -> list[str]:
    """Lower-case words of ``text`` without stop words."""
    skip = set(stopwords)
    return [w for w in WORD_RE.findall(text.lower()) if w not in skip]


def word_counts(texts: Iterable[str], stopwords: Iterable[str] = STOPWORDS_DE) -> list[tuple[str, int]]:
    """Words over all texts, most frequent first (ties alphabetically)."""
    skip = set(stopwords)
    counts = Counter(w for text in texts for w in words(text, skip))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
