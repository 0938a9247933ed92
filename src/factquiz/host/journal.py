"""The journal: every event of a competition, one JSON line each, on disk before it is shown.

Line 1 is a header (the config as data, its hash, the seed, the questions
drawn for every round); each further line is one event with its number and
wall-clock time. ``append`` writes, flushes and fsyncs the line before it
returns, so an event the screen shows as recorded survives kill -9 or a power
cut. A torn last line (the process died mid-write) is ignored on reading,
with a notice, and cut off before new events are appended.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from factquiz.errors import InputError, Location
from factquiz.host.events import Event, EventFormatError, event_from_json
from factquiz.host.plan import Game, question_digest

JOURNAL_FORMAT = "factquiz-journal/1"


def default_journal_path(folder: Path | None = None, now: datetime | None = None) -> Path:
    """factquiz-2026-11-27-1530.journal.jsonl in the current folder (never an existing file)."""
    now = now or datetime.now()
    folder = folder or Path.cwd()
    stem = now.strftime("factquiz-%Y-%m-%d-%H%M")
    path = folder / f"{stem}.journal.jsonl"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.journal.jsonl"
        n += 1
    return path


def make_header(game: Game, bank_paths: list[str]) -> dict[str, Any]:
    return {
        "journal": JOURNAL_FORMAT,
        "created": datetime.now().isoformat(timespec="seconds"),
        "title": game.config.title,
        "config_hash": game.config.digest(),
        "seed": game.seed,
        "config": game.config.to_dict(),
        "config_path": str(Path(game.config.path).resolve())
        if game.config.path and not game.config.path.startswith("<")
        else "",
        "banks": bank_paths,
        "rounds": [[q.ref for q in r.questions] for r in game.rounds],
        "questions": {q.ref: question_digest(q) for r in game.rounds for q in r.questions},
    }


def _line(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


class JournalWriter:
    """Appends events durably. Use ``create`` for a new journal, ``reopen`` to continue one."""

    def __init__(self, path: Path, handle: Any, count: int):
        self.path = path
        self._handle = handle
        self.count = count  # events written so far

    @classmethod
    def create(cls, path: Path, header: dict[str, Any]) -> JournalWriter:
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise InputError(
                "journal already exists; continue it with --resume, or choose another --journal path",
                Location(str(path)),
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(path, "ab", buffering=0)
        except OSError as exc:
            raise InputError(
                f"cannot create journal: {exc.strerror}", Location(str(path))
            ) from None
        writer = cls(path, handle, 0)
        writer._write(_line(header))
        _fsync_folder(path.parent)  # so the new file's name survives a crash too
        return writer

    @classmethod
    def reopen(cls, path: Path, good_bytes: int, count: int) -> JournalWriter:
        """Open for appending after cutting a torn tail at ``good_bytes``."""
        try:
            handle = open(path, "r+b", buffering=0)
            handle.truncate(good_bytes)
            handle.seek(good_bytes)
            os.fsync(handle.fileno())
        except OSError as exc:
            raise InputError(f"cannot write journal: {exc.strerror}", Location(str(path))) from None
        return cls(Path(path), handle, count)

    def append(self, event: Event) -> None:
        """Write one event and force it to disk; returns only once it is durable."""
        record = {
            "seq": self.count + 1,
            "at": datetime.now().isoformat(timespec="seconds"),
            "event": event.to_json(),
        }
        self._write(_line(record))
        self.count += 1

    def _write(self, data: bytes) -> None:
        try:
            self._handle.write(data)
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:
            raise InputError(
                f"cannot write journal ({exc.strerror}); the last action was NOT recorded",
                Location(str(self.path)),
            ) from None

    def close(self) -> None:
        self._handle.close()


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform; the file's data is synced anyway
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass
class JournalContents:
    path: Path
    header: dict[str, Any]
    events: list[Event]
    good_bytes: int  # length of the intact part (a torn tail is cut here before appending)
    notice: str = ""  # e.g. the torn last line that was ignored


def read_journal(path: str | os.PathLike[str]) -> JournalContents:
    """Read a journal; raise InputError naming the line for anything but a torn last line."""
    p = Path(path)
    where = Location(str(p))
    if not p.exists():
        raise InputError("journal not found; check the path", where)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read journal: {exc.strerror}", where) from None
    lines = raw.split(b"\n")
    # Every complete line ends with "\n"; whatever follows the last "\n" was cut off mid-write.
    tail = lines.pop()
    notice = ""
    good = len(raw) - len(tail)
    if tail:
        notice = f"{p}:{len(lines) + 1}: 最后一行不完整（写入时被中断），已忽略；之前的记录全部保留"
    if not lines:
        raise InputError(
            "journal is empty or has no complete header line; it cannot be resumed", where
        )
    header = _json(lines[0], p, 1)
    if not isinstance(header, dict) or header.get("journal") != JOURNAL_FORMAT:
        raise InputError(
            f"not a factquiz journal (first line should be a {JOURNAL_FORMAT} header)",
            Location(str(p), 1),
        )
    events: list[Event] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        try:
            record = _json(line, p, number)
        except InputError:
            if number == len(lines) and not tail:
                # The last line is complete but garbled (a crash between write and newline on
                # some file systems): treat it like a torn line.
                notice = f"{p}:{number}: 最后一行已损坏，已忽略；之前的记录全部保留"
                good -= len(line) + 1
                break
            raise
        if not isinstance(record, dict) or record.get("seq") != len(events) + 1:
            raise InputError(
                f"event out of order: expected number {len(events) + 1}; the journal was edited or mixed with another",
                Location(str(p), number),
            )
        try:
            events.append(event_from_json(record.get("event")))
        except EventFormatError as exc:
            raise InputError(
                f"{exc}; the journal was edited or written by a newer factquiz",
                Location(str(p), number),
            ) from None
    return JournalContents(p, header, events, good, notice)


def _json(line: bytes, path: Path, number: int) -> Any:
    try:
        return json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(
            "not a valid journal line (damaged file?)", Location(str(path), number)
        ) from None
