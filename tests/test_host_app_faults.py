"""The full-screen console when the journal cannot be written, and after a resume."""

from __future__ import annotations

from test_host_app import make_app, press_all, row, text
from test_host_support import fill_disk
from textual.widgets import Static

from factquiz.host.app import HostApp
from factquiz.host.dialogs import LineDialog, WriteFailed
from factquiz.host.journal import read_journal
from factquiz.host.session import resume_session


def dialog_text(app) -> str:
    return "\n".join(str(s.content) for s in app.screen.query(Static))


async def test_a_full_disk_shows_a_dialog_that_stays_until_retry(tmp_path, monkeypatch):
    disk = fill_disk(monkeypatch, None)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n")
        disk.free = 10
        await press_all(pilot, "r")
        assert isinstance(app.screen, WriteFailed)
        shown = dialog_text(app)
        assert "无法写入记录文件：磁盘已满" in shown
        assert "没有记录；比分是最后记录的状态" in shown
        await press_all(pilot, "escape n u")  # nothing else closes it
        assert isinstance(app.screen, WriteFailed)
        assert row(app, "一队") == "1 一队 100"  # as last recorded
        assert "记录已停止" in text(app, "#status")
        await press_all(pilot, "r")  # still full: the dialog comes back
        assert isinstance(app.screen, WriteFailed)
        disk.free = None
        await press_all(pilot, "r")
        assert not isinstance(app.screen, WriteFailed)
        assert row(app, "一队") == "1 一队 110 +10"
    assert [e.type for e in read_journal(tmp_path / "j.journal.jsonl").events] == ["next", "right"]


async def test_save_elsewhere_from_the_dialog_continues_in_the_new_file(tmp_path, monkeypatch):
    disk = fill_disk(monkeypatch, None)
    app = make_app(tmp_path)
    other = tmp_path / "usb" / "k.journal.jsonl"
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n")
        disk.free = 0
        await press_all(pilot, "r")
        disk.free = None
        await press_all(pilot, "s")
        assert isinstance(app.screen, LineDialog)
        await pilot.press(*str(other), "enter")
        await pilot.pause()
        assert not isinstance(app.screen, WriteFailed)
        assert app.session.journal_path == other
        await press_all(pilot, "n")
    app.session.close()
    assert [e.type for e in read_journal(other).events] == ["next", "right", "next"]


async def test_quitting_with_a_step_unrecorded_exits_non_zero(tmp_path, monkeypatch):
    disk = fill_disk(monkeypatch, None)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n")
        disk.free = 0
        await press_all(pilot, "r q")
    assert app.return_code == 1


async def test_after_a_resume_the_status_line_shows_the_last_recorded_step(tmp_path):
    app = make_app(tmp_path, ["next", "right AC", "adjust 二队 +10 复核改判"])
    app.session.close()
    resumed = HostApp(resume_session(tmp_path / "j.journal.jsonl"))
    async with resumed.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        status = " ".join(text(resumed, "#status").split())
        assert "最后记录的是第 3 步" in status
        assert "仲裁：二队 +10 → 110（复核改判）" in status
