"""The full-screen console, driven with Textual's Pilot at 80×24."""

from __future__ import annotations

import json

from test_host_support import write_config
from textual.widgets import Digits, Static

from factquiz.host.app import ConfirmQuit, HostApp
from factquiz.host.config import read_config
from factquiz.host.journal import read_journal
from factquiz.host.session import resume_session, start_session

# The same competition as the plain-mode script, as key presses.
REQUIRED = "n r n w n r n"
SHARED = "n r 3 w r n"
BUZZ = "n 1 n 2 w 3 r n n p n"
RISK = "n 3 r n 2 w n 1 r n"


def make_app(tmp_path):
    session = start_session(read_config(write_config(tmp_path)), journal=tmp_path / "j.journal.jsonl")
    return HostApp(session)


def text(app, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def press_all(pilot, keys: str) -> None:
    for key in keys.split():
        await pilot.press(key)
    await pilot.pause()


async def test_first_screen_shows_round_scoreboard_and_keys(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "第1轮 必答（必答题）" in text(app, "#topbar")
        board = text(app, "#scoreboard")
        assert "一队 100" in board and "三队 100" in board
        assert "按 n 出第一题" in text(app, "#status")


async def test_next_shows_the_question_and_starts_the_countdown(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n")
        question = app.session.state.question
        assert question.stem in text(app, "#stem")
        assert "A. 甲" in text(app, "#options")
        assert app.query_one("#timer", Digits).value == "0:30"
        assert app.countdown.running
        assert "一队 作答" in text(app, "#topbar")


async def test_right_scores_highlights_and_reveals_then_undo_takes_it_back(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n r")
        assert "一队 110 +10" in text(app, "#scoreboard")
        assert app.query_one("#reveal").display
        assert "解析：" in text(app, "#reveal")
        await press_all(pilot, "u")
        assert "一队 100" in text(app, "#scoreboard")
        assert not app.query_one("#reveal").display
        assert "撤销：判对" in text(app, "#status")
        await press_all(pilot, "y")
        assert "一队 110" in text(app, "#scoreboard")
    assert [e.type for e in read_journal(tmp_path / "j.journal.jsonl").events] == ["next", "right", "undo", "redo"]


async def test_a_key_the_rules_refuse_or_an_unknown_key_only_gives_a_hint(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    hints = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: hints.append(message))
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "r z")
        assert hints[0].startswith("现在不能按 r：按 n 出第一题")
        assert hints[1].startswith("未知按键 'z'")
        assert app.session.state.events == 0


async def test_a_whole_competition_by_keys_ends_with_ranking_awards_and_results(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, " ".join([REQUIRED, SHARED, BUZZ, RISK]))
        assert app.session.state.scores == (95, 110, 150)
        assert "比赛结束" in text(app, "#stem")
        ranking = text(app, "#options")
        assert "三队  150  一等奖" in ranking and "二队  110  二等奖" in ranking
    data = json.loads((tmp_path / "j.results.json").read_text(encoding="utf-8"))
    assert data["finished"] is True


async def test_adjust_dialog_then_tiebreak_decides_the_award(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, " ".join([REQUIRED, SHARED, BUZZ, RISK]))
        await pilot.press("j")
        await pilot.pause()
        await pilot.press(*"一队 +15 复核改判", "enter")
        await pilot.pause()
        assert app.session.state.scores[0] == 110
        assert "一队、二队 在奖项分界处同分，按 x 开始加时赛" in text(app, "#status")
        await press_all(pilot, "x n n 1 w")  # 加时赛: 一队 buzzes and is wrong: out
        await press_all(pilot, "n")
        assert app.session.state.phase == "finished"
        assert "二队  110  二等奖" in text(app, "#options")
    adjust = [e for e in read_journal(tmp_path / "j.journal.jsonl").events if e.type == "adjust"]
    assert [(e.team, e.delta, e.reason) for e in adjust] == [(0, 15, "复核改判")]


async def test_quit_asks_first_and_keeps_the_journal(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n r q")
        assert isinstance(app.screen, ConfirmQuit)
        await press_all(pilot, "n")
        assert not isinstance(app.screen, ConfirmQuit)
        await press_all(pilot, "ctrl+c")
        assert isinstance(app.screen, ConfirmQuit)
        await press_all(pilot, "y")
    assert app.return_code == 0
    resumed = resume_session(tmp_path / "j.journal.jsonl")
    assert resumed.state.scores[0] == 110


async def test_layout_fits_80x24_and_survives_a_resize(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n")
        for selector in ("#topbar", "#stem", "#options", "#timer", "#scoreboard", "#status"):
            region = app.query_one(selector).region
            assert region.width > 0 and region.height > 0, selector
            assert region.right <= 80 and region.bottom <= 24, selector
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.query_one("#scoreboard").region.right <= 120
        assert app.query_one("#stem").region.width > 60
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "一队 100" in text(app, "#scoreboard")


async def test_risk_round_digit_keys_choose_the_tier(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, " ".join([REQUIRED, SHARED, BUZZ, "n"]))
        assert "选择风险题分值" in text(app, "#stem")
        await press_all(pilot, "2")
        assert app.session.state.core.tier == 20
