"""The full-screen console, driven with Textual's Pilot at 80×24."""

from __future__ import annotations

import json

from rich.console import Console
from test_host_plain import SCRIPT
from test_host_support import FakeClock, write_config
from textual.widgets import Digits, Static

from factquiz.host.app import ConfirmQuit, HostApp
from factquiz.host.config import read_config
from factquiz.host.journal import read_journal
from factquiz.host.plain import parse_command
from factquiz.host.session import resume_session, start_session

# The same competition as the plain-mode script, as key presses.
REQUIRED = "n r n w n r n"
SHARED = "n r 3 w r n"
BUZZ = "n 1 n 2 w 3 r n n p n"
RISK = "n 3 r n 2 w n 1 r n"


def make_app(tmp_path, commands: list[str] = ()):
    """The app on a new competition, after ``commands`` (plain-mode lines, sent before it starts).

    Its clock is the test's (``app.clock.advance``): the countdown stands still unless a test moves it.
    """
    session = start_session(
        read_config(write_config(tmp_path)), journal=tmp_path / "j.journal.jsonl"
    )
    for command in commands:
        session.send(parse_command(command, session.state))
    return HostApp(session, clock=FakeClock())


def text(app, selector: str) -> str:
    """What a widget shows, as plain text."""
    widget = app.query_one(selector)
    shown = widget.content if isinstance(widget, Static) else widget.render()
    if isinstance(shown, str):
        return shown
    console = Console(width=widget.size.width or 28, height=100, color_system=None)
    with console.capture() as capture:
        console.print(shown)
    return capture.get()


def row(app, team: str) -> str:
    """The scoreboard row of a team, spaces squeezed: "1 一队 110 +10"."""
    line = next(line for line in text(app, "#scoreboard").splitlines() if team in line)
    return " ".join(line.replace("▶", " ").split())


async def press_all(pilot, keys: str) -> None:
    for key in keys.split():
        await pilot.press(key)
    await pilot.pause()


async def test_first_screen_shows_round_scoreboard_and_keys(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "第1轮 必答（必答题）" in text(app, "#topbar")
        assert row(app, "一队") == "1 一队 100" and row(app, "三队") == "3 三队 100"
        assert "按 n 出第一题" in text(app, "#status")


async def test_next_shows_the_question_and_the_countdown_waits_for_space(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n")
        question = app.session.state.question
        assert question.stem in text(app, "#stem")
        assert "A. 甲" in text(app, "#options")
        assert app.query_one("#timer", Digits).value == "0:30"
        assert not app.countdown.running  # the host reads the question out first
        assert "空格 开始计时" in text(app, "#status")
        await press_all(pilot, "space")
        assert app.countdown.running
        assert "空格 开始计时" not in text(app, "#status")
        assert [line.strip() for line in text(app, "#qinfo").splitlines()] == [
            "第1/3题",
            "一队 作答",
        ]


async def test_right_scores_highlights_and_reveals_then_undo_takes_it_back(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n r")
        assert row(app, "一队") == "1 一队 110 +10"
        assert app.query_one("#reveal").display
        assert "解析：" in text(app, "#reveal")
        await press_all(pilot, "u")
        assert row(app, "一队") == "1 一队 100 -10"  # the undo is the last change
        assert not app.query_one("#reveal").display
        assert "撤销：判对" in text(app, "#status")
        await press_all(pilot, "y")
        assert row(app, "一队") == "1 一队 110 +10"
    assert [e.type for e in read_journal(tmp_path / "j.journal.jsonl").events] == [
        "next",
        "right",
        "undo",
        "redo",
    ]


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
        ranking = text(app, "#ranking")
        squeezed = [" ".join(line.split()) for line in ranking.splitlines()]
        assert "1 三队 150 一等奖" in squeezed and "2 二队 110 二等奖" in squeezed
    data = json.loads((tmp_path / "j.results.json").read_text(encoding="utf-8"))
    assert data["finished"] is True


async def test_adjust_dialog_then_tiebreak_decides_the_award(tmp_path):
    app = make_app(tmp_path, SCRIPT)  # the whole competition, as in the keys test above
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        await pilot.press(*"一队 +15 复核改判", "enter")
        await pilot.pause()
        assert app.session.state.scores[0] == 110
        assert "一队、二队 在奖项分界处同分，按 x 开始加时赛" in text(app, "#status")
        await press_all(pilot, "x n n 1 w")  # 加时赛: 一队 buzzes and is wrong: out
        await press_all(pilot, "n")
        assert app.session.state.phase == "finished"
        assert "2 二队 110 二等奖" in [
            " ".join(line.split()) for line in text(app, "#ranking").splitlines()
        ]
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
    app.session.close()  # as the host command does once the app has ended
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
        assert row(app, "一队") == "1 一队 100"


async def test_risk_round_digit_keys_choose_the_tier(tmp_path):
    app = make_app(tmp_path, SCRIPT[: SCRIPT.index("tier 30")])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "选择风险题分值" in text(app, "#stem")
        assert "数字键 1–3" in text(app, "#status")  # three tiers, so three keys
        await press_all(pilot, "2")
        assert app.session.state.core.tier == 20


async def test_twenty_teams_fit_the_scoreboard_at_80x24(tmp_path):
    from test_host_support import CONFIG

    names = [f"第{i}队" for i in range(1, 21)]
    config = CONFIG.replace("teams: [一队, 二队, 三队]", f"teams: [{', '.join(names)}]").replace(
        "count: 1\n    tiers", "count: 1\n    tiers"
    )
    (tmp_path / "competition.yaml").write_text(config, encoding="utf-8")
    from test_host_support import write_bank

    write_bank(tmp_path, 120)
    session = start_session(
        read_config(tmp_path / "competition.yaml"), journal=tmp_path / "j.journal.jsonl"
    )
    app = HostApp(session, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = text(app, "#scoreboard")
        assert all(name in shown for name in names)
        assert len(shown.strip().splitlines()) <= app.query_one("#scoreboard").size.height


def buzz_app(tmp_path, teams: int) -> HostApp:
    """A buzz round of ``teams`` teams with its first question open for buzzing."""
    from test_host_support import write_bank

    write_bank(tmp_path, 30)
    names = ", ".join(f"第{i}队" for i in range(1, teams + 1))
    config = f"title: 多队\nteams: [{names}]\nbanks: [demo.yaml]\nseed: 1\nrounds:\n  - {{kind: buzz, count: 3, points: 10}}\n"
    (tmp_path / "competition.yaml").write_text(config, encoding="utf-8")
    session = start_session(
        read_config(tmp_path / "competition.yaml"), journal=tmp_path / "j.journal.jsonl"
    )
    for command in ("next", "open"):
        session.send(parse_command(command, session.state))
    return HostApp(session, clock=FakeClock())


async def test_b_then_a_digit_picks_teams_eleven_to_twenty(tmp_path):
    app = buzz_app(tmp_path, 20)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "b")
        assert "再按个位数字" in text(app, "#status")
        await press_all(pilot, "2")
        assert app.session.state.core.team == 11  # 第12队
        await press_all(pilot, "w b 0")
        assert app.session.state.core.team == 19  # 第20队


async def test_b_is_shown_in_the_footer_only_with_more_than_ten_teams(tmp_path):
    from textual.widgets import Footer

    for teams, shown in ((12, True), (5, False)):
        folder = tmp_path / str(teams)
        folder.mkdir()
        app = buzz_app(folder, teams)
        async with app.run_test(size=(120, 24)) as pilot:
            await pilot.pause()
            footer = " ".join(str(key.render()) for key in app.query_one(Footer).query("FooterKey"))
            assert ("b+个位 11–20队" in footer) is shown, footer
            assert ("11 队起先按 b" in text(app, "#status")) is shown


async def test_another_key_after_b_cancels_it(tmp_path):
    app = buzz_app(tmp_path, 12)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "b escape 2")
        assert app.session.state.core.team == 1  # 第2队, not 第12队
        await press_all(pilot, "u b a 3")  # a (answer) between b and the digit ends the b
        assert app.session.state.core.team == 2


async def test_b_twice_types_a_team_name(tmp_path):
    app = buzz_app(tmp_path, 12)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "b b")
        for key in "第11队":
            await pilot.press(key)
        await press_all(pilot, "enter")
        assert app.session.state.core.team == 10


def test_countdown_turns_yellow_then_red_and_expires_once():
    from factquiz.host.countdown import Countdown

    clock = FakeClock()
    countdown = Countdown(clock)
    countdown.reset(30, run=True)
    assert (countdown.text(), countdown.colour()) == ("0:30", "green")
    clock.now += 21
    assert (countdown.text(), countdown.colour()) == ("0:09", "yellow")
    clock.now += 5
    assert countdown.colour() == "red"
    countdown.toggle()  # pause
    clock.now += 100
    assert countdown.text() == "0:04"
    countdown.toggle()
    clock.now += 5
    assert countdown.expired_now() is True and countdown.expired_now() is False
    assert countdown.text() == "0:00"


async def test_a_hint_under_the_status_line_goes_away_after_its_time_on_the_apps_clock(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "z")  # an unknown key: a hint for 3 s
        for seconds, shown in ((2.9, True), (0.2, False)):
            app.clock.advance(seconds)
            app.tick()
            await pilot.pause()
            assert ("未知按键 'z'" in text(app, "#status")) is shown, seconds
            # the status line makes room for the hint's line, and gives it back
            assert app.query_one("#status").size.height == (2 if shown else 1), seconds


async def test_the_bell_rings_when_the_time_is_up(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    clock = app.clock
    rings = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(clock.now))
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n space")
        clock.advance(31)
        app.tick()  # what the app's interval does: no waiting for it
        await pilot.pause()
        assert rings and app.query_one("#timer", Digits).value == "0:00"
        assert app.query_one("#timer").has_class("red")
        assert not app.query_one("#timer").has_class("paused")  # 0:00 is not dimmed


LONG_STEM = "城投集团积极依托（ ）等平台，开展“红色密码”系列宣传，于2021年9月22日正式运营水岸交融游线，开启了水游金平湖的旅游新模式。"
LONG_BANK = f"""\
format: factquiz/1
title: 长题干
questions:
  - id: long
    type: single
    stem: {LONG_STEM}
    options: [微信公众号、学习强国、平湖发布客户端和城投集团官方网站等线上平台, 报纸, 电视台, 广播电台, 宣传栏和社区公告栏以及各类线下阵地, 以上都不是]
    answer: A
    explanation: 城投集团依托微信公众号、学习强国等平台开展宣传，“红色密码”系列宣传持续了一整年。
    source: {LONG_STEM}
"""


def long_stem_app(tmp_path, teams: int = 5) -> HostApp:
    (tmp_path / "long.yaml").write_text(LONG_BANK, encoding="utf-8")
    names = ", ".join(f"第{i}队" for i in range(1, teams + 1))
    config = f"title: 长题\nteams: [{names}]\nbanks: [long.yaml]\nrounds:\n  - {{kind: buzz, count: 1, points: 10}}\n"
    (tmp_path / "competition.yaml").write_text(config, encoding="utf-8")
    return HostApp(
        start_session(
            read_config(tmp_path / "competition.yaml"), journal=tmp_path / "j.journal.jsonl"
        ),
        clock=FakeClock(),
    )


def shown_lines(app, selector: str) -> list[str]:
    widget = app.query_one(selector)
    return [line.rstrip() for line in widget.plain.splitlines()]


def assert_wrapped_the_chinese_way(lines: list[str], width: int) -> None:
    from rich.cells import cell_len

    from factquiz.cjk import NO_LINE_END, NO_LINE_START

    assert len(lines) > 1
    for line in lines:
        assert cell_len(line) <= width, line
        assert line.strip()[0] not in NO_LINE_START, line
        assert line[-1] not in NO_LINE_END, line
    assert any("（ ）" in line for line in lines), lines


async def test_a_long_stem_wraps_the_chinese_way_and_rewraps_on_resize(tmp_path):
    app = long_stem_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n")
        stem = app.query_one("#stem")
        narrow = shown_lines(app, "#stem")
        assert_wrapped_the_chinese_way(narrow, stem.content_size.width)
        assert "".join(narrow) == LONG_STEM
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        wide = shown_lines(app, "#stem")
        assert len(wide) < len(narrow) and "".join(wide) == LONG_STEM
        assert max(map(len, wide)) > max(map(len, narrow))
        assert app.query_one("#stem").size.height == len(
            wide
        )  # the widget grew or shrank with its text


async def test_long_options_and_the_reveal_hang_under_their_text(tmp_path):
    app = long_stem_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n n 1")
        options = shown_lines(app, "#options")
        assert (
            options[0].startswith(" A. ") and options[1].startswith("    ") and options[1][4] != " "
        )  # under A's text
        await press_all(pilot, "r")
        reveal = shown_lines(app, "#reveal")
        explanation = reveal[
            [i for i, line in enumerate(reveal) if line.startswith("解析：")][0] + 1
        ]
        assert explanation.startswith("      ") and explanation.strip()[0] not in "，。”"


async def test_six_options_and_the_answer_fit_at_80x24_without_scrolling(tmp_path):
    app = long_stem_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n n 2 r")
        area = app.query_one("#question")
        assert area.virtual_size.height <= area.content_size.height, "the question area overflows"
        options = "\n".join(shown_lines(app, "#options"))
        assert all(f"{letter}. " in options for letter in "ABCDEF")
        assert "✓A. 微信公众号" in options  # the right option is marked where the room is looking
        reveal = shown_lines(app, "#reveal")
        assert reveal[0] == "答案：A" and any(line.startswith("解析：") for line in reveal)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert any(
            line.startswith("原文：") for line in shown_lines(app, "#reveal")
        )  # room for the source now
        assert "" in shown_lines(app, "#options")  # and for a blank line between the options


async def test_the_answering_team_is_highlighted_above_the_question_and_on_the_scoreboard(tmp_path):
    app = long_stem_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n n 3")
        assert "第3队 作答" in text(app, "#qinfo")
        board = app.query_one("#scoreboard").render()
        cells = [str(cell) for column in board.columns for cell in column._cells]
        assert "▶3" in cells


async def test_the_tie_notice_on_the_end_screen_wraps_the_chinese_way(tmp_path):
    from factquiz.cjk import NO_LINE_START, wrap

    app = make_app(tmp_path, [*SCRIPT, "adjust 一队 +15 复核改判"])  # 一队 and 二队 tie at 110
    async with app.run_test(size=(80, 24)) as pilot:
        for columns in (80, 64, 56, 50):
            await pilot.resize_terminal(columns, 24)
            await pilot.pause()
            note = app.query_one("#tienote")
            lines = text(app, "#tienote").splitlines()
            assert lines == wrap(
                "按 x 开始加时赛：一队、二队 同分跨越奖项分界", note.content_size.width
            ), columns
            assert not any(line[0] in NO_LINE_START for line in lines), (columns, lines)
        await press_all(pilot, "x")  # the tiebreak starts: no notice any more
        assert not app.query_one("#tienote").display


async def test_the_export_notice_shares_the_status_line_and_the_next_event_replaces_it(
    tmp_path, monkeypatch
):
    app = make_app(tmp_path, [*SCRIPT, "adjust 一队 +15 复核改判"])
    toasts = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: toasts.append(message))
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "e")
        status = text(app, "#status")
        assert "成绩已导出 4 个文件：j.*" in status and len(status.splitlines()) <= 2
        assert status.startswith(
            "比赛结束；一队、二队 在奖项分界处同分"
        )  # what to press next stays first
        assert not any("成绩已导出" in t for t in toasts)  # no toast covering the status line
        await press_all(pilot, "u")  # undo the adjustment
        assert "成绩已导出" not in text(app, "#status")
