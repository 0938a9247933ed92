"""The journal under attack: a full disk, a second host, hand edits, a BOM — and no score lost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_host_plain import SCRIPT
from test_host_support import fill_disk, write_config

from factquiz.errors import InputError
from factquiz.host.config import read_config
from factquiz.host.events import Adjust, Judge, Next
from factquiz.host.journal import JournalInUseError, JournalWriteError, read_journal
from factquiz.host.plain import parse_command
from factquiz.host.rules import RuleError
from factquiz.host.session import resume_session, start_session

JOURNAL = "j.journal.jsonl"


def new_session(folder: Path):
    return start_session(read_config(write_config(folder)), journal=folder / JOURNAL)


def header_size(folder: Path) -> int:
    """How many bytes the journal's header takes (a session started and closed without events)."""
    probe = folder / "probe"
    probe.mkdir()
    new_session(probe).journal.close(clean=False)
    return (probe / JOURNAL).stat().st_size


def play(session, commands=SCRIPT) -> int:
    """Send the script until the journal refuses; how many events were acknowledged."""
    acknowledged = 0
    for line in commands:
        try:
            session.send(parse_command(line, session.state))
        except JournalWriteError:
            return acknowledged
        acknowledged += 1
    return acknowledged


# --- a full disk ---------------------------------------------------------------


def test_a_short_write_is_not_acknowledged_and_leaves_only_whole_lines(tmp_path, monkeypatch):
    disk = fill_disk(monkeypatch, None)
    session = new_session(tmp_path)
    session.send(Next())
    disk.free = 20  # room for part of the next line only: the write comes back short
    with pytest.raises(JournalWriteError, match="磁盘已满"):
        session.send(Judge(True, "AC"))
    assert session.state.events == 1  # the state is as last recorded
    assert session.pending == Judge(True, "AC")
    raw = (tmp_path / JOURNAL).read_bytes()
    assert raw.endswith(b"\n") and len(raw.splitlines()) == 2  # the fragment was cut off again
    session.journal.close(clean=False)
    assert len(read_journal(tmp_path / JOURNAL).events) == 1


@pytest.mark.parametrize("spare", [0, 1, 7, 40, 90, 150, 333, 700, 1024, 1500, 2500])
def test_a_disk_filling_up_loses_no_acknowledged_event(tmp_path, monkeypatch, spare):
    """The full-disk run: whatever room is left after the header, every acknowledged event resumes."""
    free = header_size(tmp_path) + spare
    disk = fill_disk(monkeypatch, free)
    session = new_session(tmp_path)
    acknowledged = play(session)
    session.close()
    disk.free = None
    assert acknowledged < len(SCRIPT)  # the disk did fill up
    resumed = resume_session(tmp_path / JOURNAL)
    assert resumed.state.events == acknowledged
    assert resumed.state == session.state


def test_retry_after_freeing_space_records_the_step_and_goes_on(tmp_path, monkeypatch):
    disk = fill_disk(monkeypatch, None)
    session = new_session(tmp_path)
    session.send(Next())
    disk.free = 0
    with pytest.raises(JournalWriteError):
        session.send(Judge(True))
    with pytest.raises(JournalWriteError, match="上一步还没有写进记录文件"):
        session.send(Next())  # nothing is recorded past the step that is missing
    with pytest.raises(JournalWriteError):
        session.retry()  # still full
    disk.free = None
    assert session.retry().scores[0] == 110
    session.send(Next())
    session.close()
    assert [e.type for e in read_journal(tmp_path / JOURNAL).events] == ["next", "right", "next"]


def test_save_elsewhere_continues_the_journal_in_a_new_file(tmp_path, monkeypatch):
    disk = fill_disk(monkeypatch, None)
    session = new_session(tmp_path)
    session.send(Next())
    disk.free = 0
    with pytest.raises(JournalWriteError):
        session.send(Judge(True))
    disk.free = None  # the other disk has room
    other = tmp_path / "usb" / "moved.journal.jsonl"
    session.save_elsewhere(other)
    session.send(Next())
    session.close()
    resumed = resume_session(other)
    assert [e.type for e in read_journal(other).events] == ["next", "right", "next"]
    assert resumed.state == session.state


def test_a_header_that_does_not_fit_refuses_to_start_and_leaves_no_file(tmp_path, monkeypatch):
    size = header_size(tmp_path)
    disk = fill_disk(monkeypatch, size // 2)
    with pytest.raises(JournalWriteError, match="比赛没有开始") as info:
        new_session(tmp_path)
    assert "磁盘已满" in info.value.message
    assert not (tmp_path / JOURNAL).exists()  # a later start on the same path works
    disk.free = None
    new_session(tmp_path).close()


# --- one host per journal ----------------------------------------------------------

HOLD = """
import sys
from pathlib import Path
from factquiz.host.config import read_config
from factquiz.host.session import resume_session, start_session
config, journal, how = sys.argv[1:]
try:
    s = start_session(read_config(Path(config)), journal=Path(journal)) if how == "start" else resume_session(Path(journal))
except Exception as exc:
    print("refused", exc, flush=True)
    sys.exit(1)
print("ready", flush=True)
sys.stdin.readline()
s.close()
"""


def hold(folder: Path, how: str) -> subprocess.Popen:
    """Another host process on the journal; it says "ready" (or "refused …") and waits for a line."""
    return subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder / "competition.yaml"), str(folder / JOURNAL), how],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_a_second_host_cannot_resume_a_running_journal(tmp_path):
    new_session(tmp_path).close()
    other = hold(tmp_path, "resume")
    try:
        assert other.stdout.readline().startswith("ready")
        with pytest.raises(JournalInUseError, match=f"进程 {other.pid}") as info:
            resume_session(tmp_path / JOURNAL)
        assert "另一个主持控制台" in info.value.message
        with pytest.raises(JournalInUseError):
            new_session(tmp_path)  # nor start over it
    finally:
        other.communicate("\n")
    resume_session(tmp_path / JOURNAL).close()  # free again once that host quits


def test_two_hosts_starting_on_one_path_at_once_one_wins(tmp_path):
    write_config(tmp_path)
    for _ in range(4):
        (tmp_path / JOURNAL).unlink(missing_ok=True)
        hosts = [hold(tmp_path, "start"), hold(tmp_path, "start")]
        answers = [h.stdout.readline() for h in hosts]
        for h in hosts:
            h.communicate("\n")
        assert sorted(a.split()[0] for a in answers) == ["ready", "refused"], answers
        assert len(read_journal(tmp_path / JOURNAL).events) == 0


# --- hand edits ---------------------------------------------------------------------


def recorded(folder: Path) -> Path:
    session = new_session(folder)
    for line in ("next", "right AC", "next", "wrong", "next"):
        session.send(parse_command(line, session.state))
    session.close()
    return folder / JOURNAL


def edit(path: Path, change) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(change(lines)), encoding="utf-8")


def test_a_changed_judgement_is_named_by_its_line(tmp_path):
    path = recorded(tmp_path)
    edit(path, lambda lines: [line.replace('"type":"wrong"', '"type":"right"') for line in lines])
    with pytest.raises(InputError, match="第 5 行（第 4 步 right）写入后被改动过") as info:
        resume_session(path)
    assert info.value.location.line == 5


def test_an_adjustment_added_by_hand_is_refused(tmp_path):
    path = recorded(tmp_path)
    added = {"seq": 6, "at": "2026-01-01T10:00:00", "event": Adjust(0, 500, "手工").to_json()}
    edit(path, lambda lines: [*lines, json.dumps(added, ensure_ascii=False) + "\n"])
    with pytest.raises(InputError, match="第 8 行（第 6 步 adjust）没有校验和"):
        resume_session(path)


def test_a_deleted_line_in_the_middle_names_the_line_after_it(tmp_path):
    path = recorded(tmp_path)
    edit(path, lambda lines: lines[:3] + lines[4:])
    with pytest.raises(InputError, match="前面有一行被删去") as info:
        resume_session(path)
    assert info.value.location.line == 4


def test_a_deleted_last_line_shows_as_an_unclean_exit_with_the_last_step(tmp_path):
    path = recorded(tmp_path)
    assert resume_session(path).resumed.clean
    path_lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert '"closed"' in path_lines[-1]
    edit(path, lambda lines: lines[:-2])  # the close note and the last event
    resumed = resume_session(path)
    assert not resumed.resumed.clean
    assert resumed.resumed.last.seq == 4 and resumed.resumed.last.event == Judge(False)


def test_a_journal_saved_again_with_a_bom_and_crlf_resumes(tmp_path):
    path = recorded(tmp_path)
    expected = resume_session(path)
    expected.close()
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    resumed = resume_session(path)
    assert resumed.state == expected.state
    resumed.send(Judge(True))  # appended after the BOM-saved lines, and read back
    resumed.close()
    assert [e.type for e in read_journal(path).events][-1] == "right"


def test_a_refused_event_while_recording_works_is_no_pending_step(tmp_path):
    session = new_session(tmp_path)
    with pytest.raises(RuleError):
        session.send(Judge(True))
    assert session.pending is None


def test_two_consoles_starting_in_one_minute_without_journal_get_two_journals(
    tmp_path, monkeypatch
):
    from datetime import datetime

    from factquiz.host import journal, session

    minute = datetime(2026, 12, 2, 15, 0)
    taken = journal.default_journal_path(tmp_path, minute)
    names = iter([taken])  # free when this console looked, taken by the time it creates it

    def default_path():
        return next(names, None) or journal.default_journal_path(tmp_path, minute)

    monkeypatch.setattr(session, "default_journal_path", default_path)
    other = journal._open_file(taken, create=True)  # another console created it a moment ago,
    journal._lock(other, taken)  # holds its lock and has not written its header yet
    try:
        mine = start_session(read_config(write_config(tmp_path)))
    finally:
        other.close()
    assert mine.journal_path.name == "factquiz-2026-12-02-1500-2.journal.jsonl"
    mine.close()
