"""The workshop's data in one SQLite file (write-ahead log): questions' state, answers, free texts.

Answers are anonymous: a device is a random token from a cookie, nothing else is stored. The
file lives in the workshop folder (``.workshop/`` by default), never in the built site, so an
interrupted workshop keeps its answers across a restart and ``make workshop-ende`` removes all.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

DB_NAME = "workshop.sqlite3"
TOKEN_BYTES = 24  # 192 bits; the issue asks for at least 128

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS question (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL DEFAULT 'bereit' CHECK (state IN ('bereit', 'offen', 'geschlossen')),
    revealed INTEGER NOT NULL DEFAULT 0,
    wordlist INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS answer (
    question TEXT NOT NULL,
    device TEXT NOT NULL,
    value TEXT NOT NULL,
    released INTEGER NOT NULL DEFAULT 0,
    changed REAL NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (question, device)
);
"""


@dataclass(frozen=True)
class QuestionState:
    state: str = "bereit"
    revealed: bool = False
    wordlist: bool = False


class Store:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        # One connection, used from the event loop only: every statement takes well under a millisecond.
        self.db = sqlite3.connect(folder / DB_NAME, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a power cut loses at most the last answers
        self.db.executescript(SCHEMA)
        token = self.meta("token")
        if token is None:
            token = secrets.token_urlsafe(TOKEN_BYTES)
            self.set_meta("token", token)
        self.token = token

    def close(self) -> None:
        self.db.close()

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @property
    def current(self) -> str | None:
        return self.meta("current")

    def state(self, question: str) -> QuestionState:
        row = self.db.execute("SELECT state, revealed, wordlist FROM question WHERE id = ?", (question,)).fetchone()
        return QuestionState() if row is None else QuestionState(row[0], bool(row[1]), bool(row[2]))

    def states(self) -> dict[str, QuestionState]:
        rows = self.db.execute("SELECT id, state, revealed, wordlist FROM question").fetchall()
        return {r[0]: QuestionState(r[1], bool(r[2]), bool(r[3])) for r in rows}

    def _update(self, question: str, **values: object) -> None:
        self.db.execute("INSERT OR IGNORE INTO question (id) VALUES (?)", (question,))
        for name, value in values.items():  # names come from this module only
            self.db.execute(f"UPDATE question SET {name} = ? WHERE id = ?", (value, question))

    def open(self, question: str) -> None:
        """Open ``question`` for answers; a question open before is closed (one at a time)."""
        self.db.execute("BEGIN")
        self.db.execute("UPDATE question SET state = 'geschlossen' WHERE state = 'offen'")
        self._update(question, state="offen")
        self.set_meta("current", question)
        self.db.execute("COMMIT")

    def close_question(self, question: str) -> None:
        if self.state(question).state == "offen":
            self._update(question, state="geschlossen")

    def reveal(self, question: str) -> None:
        self._update(question, revealed=1)

    def set_wordlist(self, question: str, on: bool) -> None:
        self._update(question, wordlist=int(on))

    def reset(self, question: str) -> None:
        self.db.execute("BEGIN")
        self.db.execute("DELETE FROM answer WHERE question = ?", (question,))
        self.db.execute("DELETE FROM question WHERE id = ?", (question,))
        if self.current == question:
            self.set_meta("current", None)
        self.db.execute("COMMIT")

    def answer(self, question: str, device: str, value: object) -> None:
        seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM answer WHERE question = ?", (question,))
        self.db.execute(
            "INSERT INTO answer (question, device, value, changed, seq) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (question, device) DO UPDATE SET value = excluded.value, changed = excluded.changed, "
            "released = 0",
            (question, device, json.dumps(value, ensure_ascii=False), time.time(), seq.fetchone()[0]),
        )

    def own_answer(self, question: str, device: str) -> object:
        row = self.db.execute(
            "SELECT value FROM answer WHERE question = ? AND device = ?", (question, device)
        ).fetchone()
        return None if row is None else json.loads(row[0])

    def values(self, question: str) -> list[object]:
        rows = self.db.execute("SELECT value FROM answer WHERE question = ? ORDER BY seq", (question,)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def texts(self, question: str) -> list[tuple[int, str, bool]]:
        """Free texts as (number, text, released), in the order they first came in."""
        rows = self.db.execute(
            "SELECT seq, value, released FROM answer WHERE question = ? ORDER BY seq", (question,)
        ).fetchall()
        return [(int(r[0]), str(json.loads(r[1])), bool(r[2])) for r in rows]

    def release(self, question: str, number: int) -> bool:
        cursor = self.db.execute("UPDATE answer SET released = 1 WHERE question = ? AND seq = ?", (question, number))
        return cursor.rowcount > 0

    def export_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["frage", "antwort_nr", "antwort", "geaendert_utc"])
        rows = self.db.execute("SELECT question, seq, value, changed FROM answer ORDER BY question, seq")
        for question, seq, value, changed in rows:
            decoded = json.loads(value)
            shown = " ".join(str(v) for v in decoded) if isinstance(decoded, list) else str(decoded)
            stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(changed))
            writer.writerow([question, seq, _csv_safe(shown), stamp])
        return out.getvalue()

    def delete_all(self) -> None:
        """Every answer and state; the facilitator token stays so the open console keeps working."""
        self.db.execute("BEGIN")
        self.db.execute("DELETE FROM answer")
        self.db.execute("DELETE FROM question")
        self.db.execute("DELETE FROM meta WHERE key != 'token'")
        self.db.execute("COMMIT")
        self.db.execute("VACUUM")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _csv_safe(text: str) -> str:
    # A spreadsheet would run a free text starting with = + - @ as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def remove_workshop(folder: Path) -> bool:
    """Delete the workshop folder and everything in it; False if there was nothing."""
    if not folder.exists():
        return False
    shutil.rmtree(folder)
    return True
