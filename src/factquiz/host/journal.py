"""The journal: every event of a competition, one JSON line each, on disk before it is shown.

Line 1 is a header (the config as data, its hash, the seed, the questions
drawn for every round); each further line is one event with its number and
wall-clock time, or a note that the console was closed normally. ``append``
writes the whole line and fsyncs it before it returns, so an event the screen
shows as recorded survives kill -9 or a power cut; a write that is short (a
full disk returns fewer bytes without raising) or fails is cut off again and
raises ``JournalWriteError``: the event is not recorded and the host is told.

Every line ends in a chained checksum (``"sum"``: a hash of the previous
line's sum and this line's bytes), so a line changed, added or removed by
hand is found on resume and named by its number. A journal saved again by an
editor with a BOM or CRLF line ends still reads.

Only one console writes a journal: the file is created exclusively and held
with an exclusive lock while the console runs; a second host gets an error
naming the running one (from the ``.lock`` note beside the journal).

A torn last line (the process died mid-write) is ignored on reading, with a
notice, and cut off before new events are appended. Reading and checking is
in ``factquiz.host.journal_read``; this module writes.
"""

from __future__ import annotations

import errno
import json
import os
import socket
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from factquiz.errors import InputError, Location
from factquiz.host.events import Event
from factquiz.host.journal_read import (  # noqa: F401 - reading is part of the journal's interface
    JOURNAL_FORMAT,
    JournalContents,
    Recorded,
    chain,
    parse_journal,
    read_journal,
)
from factquiz.host.plan import Game, question_digest


class JournalWriteError(InputError):
    """The journal could not be written (disk full, removed, read-only): the event was NOT recorded."""

    def __init__(self, message: str, location: Location | None = None, reason: str = ""):
        super().__init__(message, location)
        self.reason = reason or message  # why, in a few words ("磁盘已满")


class JournalInUseError(InputError):
    """Another console holds the journal's lock."""


class JournalExistsError(InputError):
    """A new journal was asked for where one already is."""


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


def _body(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _sealed(body: bytes, previous: str) -> tuple[bytes, str]:
    """The line as written: the body with its chained sum as the last field, and a newline."""
    digest = chain(previous, body)
    return body[:-1] + b',"sum":"' + digest.encode("ascii") + b'"}\n', digest


def _open_file(path: Path, create: bool) -> Any:
    """The journal as an unbuffered binary file (a test replaces this with a faulty disk)."""
    flags = os.O_RDWR | (os.O_CREAT | os.O_EXCL if create else 0)
    return os.fdopen(os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o644), "r+b", buffering=0)


def _lock_note(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _lock(handle: Any, path: Path) -> None:
    """Take the exclusive lock, or say who holds it."""
    try:
        import fcntl
    except ImportError:  # not on this platform: no lock, as before
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise JournalInUseError(
            f"记录文件正在被另一个主持控制台使用（{_holder(path)}）；先在那里退出，或换一个 --journal",
            Location(str(path)),
        ) from None
    except OSError:
        return  # a file system without locks (some network shares): carry on unlocked
    note = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": datetime.now().isoformat(timespec="seconds"),
    }
    try:
        _lock_note(path).write_text(json.dumps(note, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError:
        pass  # only used to name the holder in the message above


def _holder(path: Path) -> str:
    try:
        note = json.loads(_lock_note(path).read_text(encoding="utf-8"))
        return f"进程 {note['pid']}，电脑 {note['host']}，{note['since'].replace('T', ' ')} 起"
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "进程未知"


class JournalWriter:
    """Appends events durably. Use ``create`` for a new journal, ``reopen`` to continue one."""

    def __init__(self, path: Path, handle: Any, count: int, size: int, last_sum: str,
                 clock: Callable[[], datetime] = datetime.now):  # fmt: skip
        self.path = path
        self._handle = handle
        self.count = count  # events written so far
        self.size = size  # bytes on disk that are whole lines (a failed write is cut back to this)
        self.last_sum = last_sum
        self.clock = clock
        self._dirty = False  # a write failed part-way: cut back to ``size`` before the next one

    @classmethod
    def create(cls, path: Path, header: dict[str, Any]) -> JournalWriter:
        """A new journal with its header on disk; refuses an existing one and one in use."""
        path = Path(path)
        where = Location(str(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = _open_file(path, create=True)
        except FileExistsError:
            handle = cls._open_existing(path)
            if os.fstat(handle.fileno()).st_size > 0:
                handle.close()
                raise JournalExistsError(
                    "journal already exists; continue it with --resume, or choose another --journal path",
                    where,
                ) from None
        except OSError as exc:
            raise InputError(f"cannot create journal: {exc.strerror}", where) from None
        else:
            _lock(handle, path)
        writer = cls(path, handle, 0, 0, "")
        try:
            writer._write_record(header)
        except JournalWriteError as exc:
            writer.close(clean=False)
            try:
                path.unlink()  # an empty or half header is no journal: leave nothing to trip over
            except OSError:
                pass
            raise JournalWriteError(
                f"记录文件的开头写不进去（{exc.reason}）；比赛没有开始。请腾出磁盘空间，或用 --journal 换一个位置",
                where,
            ) from None
        _fsync_folder(path.parent)  # so the new file's name survives a crash too
        return writer

    @classmethod
    def _open_existing(cls, path: Path) -> Any:
        try:
            handle = _open_file(path, create=False)
        except OSError as exc:
            raise InputError(f"cannot open journal: {exc.strerror}", Location(str(path))) from None
        _lock(handle, path)
        return handle

    @classmethod
    def reopen(cls, path: Path) -> JournalWriter:
        """Take the lock on an existing journal; ``read`` it, then ``continue_after`` what was read."""
        path = Path(path)
        if not path.exists():
            raise InputError("journal not found; check the path", Location(str(path)))
        return cls(path, cls._open_existing(path), 0, 0, "")

    def read(self) -> JournalContents:
        """The journal's contents, read through the locked file."""
        try:
            self._handle.seek(0)
            raw = self._handle.readall()
        except OSError as exc:
            raise InputError(
                f"cannot read journal: {exc.strerror}", Location(str(self.path))
            ) from None
        return parse_journal(raw, self.path)

    def continue_after(self, contents: JournalContents) -> None:
        """Append after what ``contents`` read: a torn tail is cut off first."""
        self.count, self.size, self.last_sum = (
            len(contents.events),
            contents.good_bytes,
            contents.last_sum,
        )
        try:
            self._cut_back()
        except OSError as exc:
            raise InputError(
                f"cannot write journal: {exc.strerror}", Location(str(self.path))
            ) from None

    def append(self, event: Event) -> None:
        """Write one event and force it to disk; returns only once all of it is durable."""
        record = {
            "seq": self.count + 1,
            "at": self.clock().isoformat(timespec="seconds"),
            "event": event.to_json(),
        }
        self._write_record(record)
        self.count += 1

    def _write_record(self, record: dict[str, Any]) -> None:
        line, digest = _sealed(_body(record), self.last_sum)
        self._write(line)
        self.size += len(line)
        self.last_sum = digest

    def _write(self, data: bytes) -> None:
        try:
            if self._dirty:
                self._cut_back()
            view = memoryview(data)
            while view:
                # A full disk may take part of the line and say so only in the count.
                written = self._handle.write(view)
                if not written:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                view = view[written:]
            os.fsync(self._handle.fileno())
        except OSError as exc:
            self._dirty = True
            try:
                self._cut_back()  # leave whole lines only: what is on disk is what was acknowledged
            except OSError:
                pass  # cut on the next write; a resume ignores the torn tail anyway
            reason = failure_reason(exc)
            raise JournalWriteError(
                f"无法写入记录文件：{reason}", Location(str(self.path)), reason
            ) from None

    def _cut_back(self) -> None:
        self._handle.truncate(self.size)
        self._handle.seek(self.size)
        os.fsync(self._handle.fileno())
        self._dirty = False

    def copy_to(self, path: Path) -> JournalWriter:
        """Continue in a new file at ``path`` (another disk): the lines so far are copied, checksums and all."""
        path = Path(path)
        where = Location(str(path))
        try:
            self._handle.seek(0)
            data = self._handle.read(self.size)
        except OSError as exc:
            raise InputError(
                f"cannot read journal: {exc.strerror}", Location(str(self.path))
            ) from None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = _open_file(path, create=True)
        except FileExistsError:
            raise InputError("这个文件已经存在；另存到一个新文件名", where) from None
        except OSError as exc:
            raise JournalWriteError(
                f"无法在这里新建记录文件：{failure_reason(exc)}", where
            ) from None
        _lock(handle, path)
        other = JournalWriter(path, handle, self.count, 0, self.last_sum, self.clock)
        try:
            other._write(data)
        except JournalWriteError:
            other.close(clean=False)
            path.unlink(missing_ok=True)
            raise
        other.size = len(data)
        _fsync_folder(path.parent)
        return other

    def close(self, clean: bool = True) -> None:
        """Release the journal; ``clean`` notes a normal exit (so a resume can tell one from a crash)."""
        if self._handle.closed:
            return
        if clean and not self._dirty:
            try:
                self._write_record(
                    {"closed": self.clock().isoformat(timespec="seconds"), "events": self.count}
                )
            except JournalWriteError:
                pass  # the events are all on disk; only the note is missing
        self._handle.close()
        try:
            _lock_note(self.path).unlink()
        except OSError:
            pass


def failure_reason(exc: OSError) -> str:
    """Why a write failed, in words a host can act on."""
    if exc.errno == errno.ENOSPC:
        return "磁盘已满"
    if exc.errno == errno.EROFS:
        return "磁盘是只读的"
    if exc.errno in (errno.EIO, errno.ENODEV, errno.ENXIO):
        return "磁盘读写出错（U 盘被拔出？）"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "没有写入权限"
    return exc.strerror or str(exc)


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
