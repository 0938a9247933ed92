"""Plain mode when writing fails (a full disk), after a resume, and the team list as typed."""

from __future__ import annotations

import json
from pathlib import Path

from test_host_support import CONFIG, fill_disk, write_bank, write_config
from typer.testing import CliRunner

from factquiz.cli import app
from factquiz.host.journal import read_journal

runner = CliRunner()
JOURNAL = "j.journal.jsonl"


def host(folder: Path, stdin: str, *args: str):
    config = write_config(folder)
    return runner.invoke(
        app,
        ["host", str(config), "--plain", "--journal", str(folder / JOURNAL), *args],
        input=stdin,
    )


class FillAfter:
    """A disk that fills up after ``lines`` more journal lines (the header counts as one)."""

    def __init__(self, monkeypatch, lines: int):
        self.disk = fill_disk(monkeypatch, None)
        self.left = lines
        from factquiz.host import journal

        real = journal.JournalWriter._write

        def write(writer, data):
            if self.left is not None:
                if self.left <= 0:
                    self.disk.free = 10  # a short write, then ENOSPC
                self.left -= 1
            return real(writer, data)

        monkeypatch.setattr(journal.JournalWriter, "_write", write)

    def free_space(self) -> None:
        self.left = None
        self.disk.free = None


def test_a_full_disk_stops_recording_with_a_message_and_exits_non_zero(tmp_path, monkeypatch):
    FillAfter(monkeypatch, 2)  # the header and one event fit
    result = host(tmp_path, "next\nright AC\nnext\nscores\n")
    assert result.exit_code == 1, result.output
    out = result.output
    assert "!! 记录已停止：无法写入记录文件：磁盘已满" in out
    assert "!! 「一队 答对（选 AC） +10 → 110」没有记录；比分是最后记录的状态" in out
    assert "retry" in out and "saveas" in out
    assert "1. 一队  100" in out  # the scoreboard as last recorded
    assert "!! 最后一步「一队 答对（选 AC） +10 → 110」没有记录" in out
    assert "Traceback" not in out
    assert [e.type for e in read_journal(tmp_path / JOURNAL).events] == ["next"]


def test_retry_and_saveas_in_a_session(tmp_path, monkeypatch):
    """Driven line by line: fail, retry while still full, save elsewhere, go on."""
    from factquiz.host.config import read_config
    from factquiz.host.plain import PlainConsole
    from factquiz.host.session import start_session

    disk = FillAfter(monkeypatch, 2)
    session = start_session(read_config(write_config(tmp_path)), journal=tmp_path / JOURNAL)
    out: list[str] = []
    console = PlainConsole(session, out.append)
    for line in ("next", "right AC", "next", "retry"):
        console.handle(line)
    assert (
        sum("记录已停止" in line for line in out) == 3
    )  # the failure, the refused next, the retry
    disk.free_space()
    console.handle("saveas " + str(tmp_path / "usb" / "k.journal.jsonl"))
    console.handle("next")
    assert console.finish() == 0
    session.close()
    assert any("记录文件已另存为" in line for line in out)
    assert "已记录: 一队 答对（选 AC） +10 → 110" in out
    moved = read_journal(tmp_path / "usb" / "k.journal.jsonl")
    assert [e.type for e in moved.events] == ["next", "right", "next"]


def test_export_on_a_full_disk_says_so_without_a_traceback_and_exits_non_zero(
    tmp_path, monkeypatch
):
    import errno

    from factquiz.host import results

    def full(path, data, encoding="utf-8"):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(results, "atomic_write", full)
    result = host(tmp_path, "next\nright AC\nexport\n")
    assert result.exit_code == 1, result.output
    assert "!! 成绩没有导出" in result.output and "磁盘已满" in result.output
    assert "记录文件里的比分都还在" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_resume_shows_the_last_recorded_step_so_it_is_not_typed_twice(tmp_path):
    first = host(tmp_path, "next\nright AC\nadjust 二队 +10 复核改判\n")
    assert first.exit_code == 0, first.output
    result = runner.invoke(app, ["host", "--resume", str(tmp_path / JOURNAL), "--plain"], input="")
    assert result.exit_code == 0, result.output
    assert "上次正常退出；最后记录的是第 3 步" in result.output
    assert "仲裁：二队 +10 → 110（复核改判）——已记录，勿重复输入" in result.output


def test_resume_after_a_kill_says_the_exit_was_not_clean(tmp_path):
    host(tmp_path, "next\nright AC\n")
    path = tmp_path / JOURNAL
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")  # as if killed: no close note
    result = runner.invoke(app, ["host", "--resume", str(path), "--plain"], input="")
    assert "上次没有正常退出（断电、kill 或关闭了终端）；最后记录的是第 2 步" in result.output
    assert "一队 答对（选 AC） +10 → 110" in result.output


def test_a_second_resume_of_a_running_journal_is_one_line(tmp_path):
    from factquiz.host.session import resume_session

    host(tmp_path, "next\n")
    running = resume_session(tmp_path / JOURNAL)
    try:
        result = runner.invoke(
            app, ["host", "--resume", str(tmp_path / JOURNAL), "--plain"], input=""
        )
    finally:
        running.close()
    assert result.exit_code != 0
    assert result.output.startswith("error: ") and "另一个主持控制台" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_team_names_separated_by_full_width_commas_are_separate_teams(tmp_path):
    write_bank(tmp_path)
    text = CONFIG.replace("teams: [一队, 二队, 三队]", "teams: [一队，二队、三队, 四队]")
    config = tmp_path / "competition.yaml"
    config.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["host", str(config), "--plain", "--journal", str(tmp_path / JOURNAL)], input=""
    )
    assert result.exit_code == 0, result.output
    assert "4 队：1 一队  2 二队  3 三队  4 四队" in result.output


def test_teams_option_with_full_width_commas_reads_every_team(tmp_path):
    bank = write_bank(tmp_path)
    result = runner.invoke(
        app,
        [
            "host",
            str(bank),
            "--teams",
            "一队，二队，三队",
            "--plain",
            "--journal",
            str(tmp_path / JOURNAL),
        ],
        input="",
    )
    assert result.exit_code == 0, result.output
    assert "3 队：1 一队  2 二队  3 三队" in result.output
    header = json.loads((tmp_path / JOURNAL).read_text(encoding="utf-8").splitlines()[0])
    assert header["config"]["teams"] == ["一队", "二队", "三队"]


def test_decline_in_a_risk_round_scores_nothing_and_says_so(tmp_path):
    script = "next\nright AC\nnext\nwrong\nnext\nright\nnext\nnext\nright\nbuzz 三队\nwrong C\nright\nnext\n"
    script += "next\nopen\npass\nnext\nopen\npass\nnext\nnext\ndecline\n"
    result = host(tmp_path, script)
    assert result.exit_code == 0, result.output
    assert "可放弃" in result.output  # the round's rules say so
    assert "放弃按 decline" in result.output
    assert "已记录: 一队 放弃风险题" in result.output
    assert read_journal(tmp_path / JOURNAL).events[-1].type == "decline"


def test_starting_at_a_terminal_leaves_the_alternate_screen_and_mouse_mode_of_a_killed_console(
    monkeypatch,
):
    import io
    import sys

    from factquiz.cli import host_commands

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    host_commands._restore_terminal()
    written = screen.getvalue()
    assert "\x1b[?1049l" in written  # out of the alternate screen
    assert "\x1b[?1000l" in written and "\x1b[?1006l" in written  # mouse reporting off
    assert "\x1b[?25h" in written  # the cursor shown
