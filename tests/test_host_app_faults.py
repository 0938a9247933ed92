"""The full-screen console when the journal cannot be written, and after a resume."""

from __future__ import annotations

from test_host_app import make_app, press_all, row, text
from test_host_support import FakeClock, fill_disk
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
        assert app.screen.styles.background.a < 1  # the scoreboard stays visible behind it
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
    resumed = HostApp(resume_session(tmp_path / "j.journal.jsonl"), clock=FakeClock())
    async with resumed.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        status = " ".join(text(resumed, "#status").split())
        assert "最后记录的是第 3 步" in status
        assert "仲裁：二队 +10 → 110（复核改判）" in status


# --- the host's flow -------------------------------------------------------------


async def test_in_a_shared_round_judging_a_team_does_not_restart_the_countdown(tmp_path):
    from test_host_app import REQUIRED

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, REQUIRED + " n space")
        assert app.session.state.round.kind == "shared"
        app.clock.advance(10)
        await press_all(pilot, "r")  # 一队 judged, 二队 next: the same countdown goes on
        assert app.query_one("#timer").value == "0:20"
        await press_all(pilot, "c")  # c: the full time again
        assert app.query_one("#timer").value == "0:30" and app.countdown.running


async def test_a_question_handed_to_the_audience_is_revealed_only_on_a(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        from test_host_app import REQUIRED, SHARED

        await press_all(pilot, f"{REQUIRED} {SHARED} n 1 n 2 w 3 r n n p")
        assert app.session.state.phase == "done"
        assert not app.query_one("#reveal").display
        assert "送给观众：请观众作答，按 a 揭晓答案" in text(app, "#status")
        await press_all(pilot, "a")
        assert app.query_one("#reveal").display


async def test_a_tiebreak_question_shows_no_points(tmp_path):
    from test_host_plain import SCRIPT

    app = make_app(tmp_path, [*SCRIPT, "adjust 一队 +15 复核改判"])
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "x n")
        kind = text(app, "#kind")
        assert "加时赛" in text(app, "#topbar") or "加时" in text(app, "#topbar")
        assert "分 ·" not in kind and "秒" in kind


async def test_hints_go_under_the_status_line_not_into_toasts(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "z")
        assert "未知按键 'z'" in text(app, "#status")
        assert "按 n 出第一题" in text(app, "#status")  # the status line stays readable
        assert not app.query("Toast")


async def test_a_light_theme_for_bright_halls(tmp_path):
    from test_host_support import write_config

    from factquiz.host.config import read_config
    from factquiz.host.session import start_session

    session = start_session(
        read_config(write_config(tmp_path)), journal=tmp_path / "l.journal.jsonl"
    )
    app = HostApp(session, light=True, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
    session.close()


async def test_the_host_view_shows_answer_id_and_source_without_revealing(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n h")
        question = app.session.state.question
        shown = text(app, "#reveal")
        assert f"仅主持人：答案 {question.answer_text()} · 题号 {question.ref}" in shown
        assert "原文：" in shown
        assert "✓" not in text(app, "#options")  # the room's view is not marked
        await press_all(pilot, "r")  # judged: the room's reveal replaces it
        assert "仅主持人" not in text(app, "#reveal") and "答案：" in text(app, "#reveal")


async def test_a_big_screen_scales_the_scoreboard_and_centres_the_question(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await press_all(pilot, "n")
        board = app.query_one("#scoreboard")
        assert board.region.width >= 45
        lines = text(app, "#scoreboard").splitlines()
        assert "一队" in lines[0] and not lines[1].strip() and "二队" in lines[2]  # rows spaced
        assert app.query_one("#question").styles.align_vertical == "middle"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.query_one("#scoreboard").region.width == 28
        assert app.query_one("#question").styles.align_vertical == "top"


async def test_a_long_team_name_shows_its_short_name_on_the_scoreboard(tmp_path):
    from test_host_support import CONFIG, write_config

    from factquiz.host.config import read_config
    from factquiz.host.plain import find_team
    from factquiz.host.session import start_session

    long = "平湖市城市发展投资集团第一党支部"
    text_ = CONFIG.replace(
        "teams: [一队, 二队, 三队]", f"teams: [{{name: {long}, short: 一支部}}, 二队, 三队]"
    )
    config = read_config(write_config(tmp_path, text_))
    assert config.teams[0] == long and config.short_name(0) == "一支部"
    session = start_session(config, journal=tmp_path / "s.journal.jsonl")
    assert find_team(session.state, "一支部") == 0
    app = HostApp(session, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert row(app, "一支部") == "1 一支部 100"
    session.close()
    resumed = resume_session(tmp_path / "s.journal.jsonl")  # the header keeps the short names
    assert resumed.game.config.short_name(0) == "一支部"
    resumed.close()


async def test_a_new_competition_says_how_many_teams_were_read(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "读到 3 支队伍：一队、二队、三队" in text(app, "#status")
