"""Reading a journal back: whole lines only, every checksum checked, each event with its line.

A torn last line (the process died mid-write) is ignored with a notice; a
line changed, added or removed by hand is an error naming its line; a BOM or
CRLF line ends from an editor are accepted. The format is described in
``factquiz.host.journal``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factquiz.errors import InputError, Location
from factquiz.host.events import Event, EventFormatError, event_from_json

JOURNAL_FORMAT = "factquiz-journal/2"
# Journals of format 1 (no checksums) are still read, without the check.
OLD_FORMATS = ("factquiz-journal/1",)
_BOM = b"\xef\xbb\xbf"
_SUM = re.compile(rb',"sum":"([0-9a-f]{16})"\}$')


def chain(previous: str, body: bytes) -> str:
    """The checksum of a line: its bytes (without the sum) hashed after the previous line's sum."""
    return hashlib.sha256(previous.encode("ascii") + body).hexdigest()[:16]


@dataclass(frozen=True)
class Recorded:
    """One event as the journal holds it: its number, its line and when it was recorded."""

    seq: int
    line: int
    at: str
    event: Event


@dataclass
class JournalContents:
    path: Path
    header: dict[str, Any]
    events: list[Event]
    good_bytes: int  # length of the intact part (a torn tail is cut here before appending)
    notice: str = ""  # e.g. the torn last line that was ignored
    records: tuple[Recorded, ...] = ()
    last_sum: str = ""
    closed: bool = (
        False  # the last line notes a normal exit (else the console was killed or crashed)
    )


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
    return parse_journal(raw, p)


def parse_journal(raw: bytes, p: Path) -> JournalContents:
    where = Location(str(p))
    start = len(_BOM) if raw.startswith(_BOM) else 0  # saved again by an editor that adds a BOM
    lines = raw[start:].split(b"\n")
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
    lines = [line[:-1] if line.endswith(b"\r") else line for line in lines]  # CRLF from an editor
    header = _json(lines[0], p, 1)
    kind = header.get("journal") if isinstance(header, dict) else None
    if kind not in (JOURNAL_FORMAT, *OLD_FORMATS):
        raise InputError(
            f"not a factquiz journal (first line should be a {JOURNAL_FORMAT} header)",
            Location(str(p), 1),
        )
    checked = kind == JOURNAL_FORMAT
    last_sum = _check_sum(lines[0], "", p, 1) if checked else ""
    if checked:
        header.pop("sum", None)
    events: list[Event] = []
    records: list[Recorded] = []
    closed = False
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
        if checked:
            last_sum = _check_sum(line, last_sum, p, number, record)
        if isinstance(record, dict) and "closed" in record and "seq" not in record:
            closed = True
            continue
        closed = False
        if not isinstance(record, dict) or record.get("seq") != len(events) + 1:
            raise InputError(
                f"event out of order: expected number {len(events) + 1}; the journal was edited or mixed with another",
                Location(str(p), number),
            )
        try:
            event = event_from_json(record.get("event"))
        except EventFormatError as exc:
            raise InputError(
                f"{exc}; the journal was edited or written by a newer factquiz",
                Location(str(p), number),
            ) from None
        events.append(event)
        records.append(Recorded(len(events), number, str(record.get("at", "")), event))
    return JournalContents(p, header, events, good, notice, tuple(records), last_sum, closed)


def _check_sum(line: bytes, previous: str, path: Path, number: int, record: Any = None) -> str:
    """The line's own sum when it follows from ``previous``; else an error saying which line was changed."""
    match = _SUM.search(line)
    where = Location(str(path), number)
    what = _what(record)
    if match is None:
        raise InputError(
            f"第 {number} 行{what}没有校验和：不是 factquiz 写入的，是手工加上的？删去这一行才能继续（要改分请用 adjust 仲裁）",
            where,
        )
    body = line[: match.start()] + b"}"
    if chain(previous, body) != match.group(1).decode("ascii"):
        if number == 1:
            raise InputError(
                "第 1 行（开头）写入后被改动过（校验和不符）；用原来的记录文件恢复", where
            )
        raise InputError(
            f"第 {number} 行{what}写入后被改动过，或它前面有一行被删去（校验和不符）；"
            "把它改回原样或用备份恢复（要改分请用 adjust 仲裁）",
            where,
        )
    return match.group(1).decode("ascii")


def _what(record: Any) -> str:
    """ "（第 4 步 right）" for the message about a changed line."""
    if not isinstance(record, dict):
        return ""
    event = record.get("event")
    kind = event.get("type") if isinstance(event, dict) else None
    if "seq" in record and kind:
        return f"（第 {record['seq']} 步 {kind}）"
    return "（正常退出的记录）" if "closed" in record else ""


def _json(line: bytes, path: Path, number: int) -> Any:
    try:
        return json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(
            "not a valid journal line (damaged file?)", Location(str(path), number)
        ) from None
