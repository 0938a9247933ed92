"""Phone buzzers: arrival order on the server's clock, one press per team, 违规抢答, tokens, rate limits."""

from __future__ import annotations

import pytest
from screen_support import FakeClock
from test_host_support import CONFIG, write_config

from factquiz.errors import InputError
from factquiz.host.config import read_config
from factquiz.host.journal import read_journal
from factquiz.host.plain import PlainConsole
from factquiz.host.session import resume_session, start_session
from factquiz.screen.buzzers import BuzzDesk, RateLimit, load_or_create_tokens, tokens_path

# The test config's first two rounds, then the buzz round's first question on screen (not opened).
TO_BUZZ = ["next", "right AC", "next", "wrong", "next", "right", "next", "next", "right",
           "buzz 三队", "wrong C", "right", "next", "next"]  # fmt: skip


def console(tmp_path, config=CONFIG):
    session = start_session(
        read_config(write_config(tmp_path, config)), journal=tmp_path / "j.journal.jsonl"
    )
    out = PlainConsole(session, lambda line: None)
    for line in TO_BUZZ:
        out.handle(line)
    assert session.state.phase == "shown"
    return out


def phone_buzzes(tmp_path) -> list[dict]:
    return [
        e.to_json()
        for e in read_journal(tmp_path / "j.journal.jsonl").events
        if e.type == "buzz" and getattr(e, "arrived", "")
    ]


def test_the_first_press_to_arrive_answers_and_later_ones_are_late(tmp_path):
    host = console(tmp_path)
    clock = FakeClock()
    desk = BuzzDesk(["a", "b", "c"], clock=clock)
    host.handle("open")
    desk.follow(host.session.state)
    clock.advance(0.400)
    second = 1  # 二队 arrives first, 0.4 s after the question opened
    first = desk.press(second, host.session.state, host.submit)
    clock.advance(0.003)
    late = desk.press(0, host.session.state, host.submit)
    assert (first.result, first.place, first.after_open) == ("first", 1, pytest.approx(0.4))
    assert (late.result, late.place, late.message) == ("late", 2, "慢了 0.003 秒")
    assert host.session.state.core.team == second
    assert [b["team"] for b in phone_buzzes(tmp_path)] == [second]  # the late press is not an event


def test_a_team_pressing_twice_is_counted_once(tmp_path):
    host = console(tmp_path)
    desk = BuzzDesk(["a", "b", "c"], clock=FakeClock())
    host.handle("open")
    presses = [desk.press(2, host.session.state, host.submit) for _ in range(5)]
    assert [p.result for p in presses] == ["first"] + ["repeat"] * 4
    assert len(phone_buzzes(tmp_path)) == 1
    assert [p.team for p in desk.presses()] == [2]


def test_after_a_wrong_answer_the_other_teams_may_press_again(tmp_path):
    host = console(tmp_path)
    desk = BuzzDesk(["a", "b", "c"], clock=FakeClock())
    host.handle("open")
    desk.press(0, host.session.state, host.submit)
    assert desk.press(1, host.session.state, host.submit).result == "late"
    host.handle("wrong")
    desk.follow(host.session.state)
    again = desk.press(1, host.session.state, host.submit)
    assert again.result == "first"
    assert desk.press(0, host.session.state, host.submit).result == "refused"  # it answered already
    assert [b["team"] for b in phone_buzzes(tmp_path)] == [0, 1]


def test_a_press_before_the_host_opens_is_an_early_buzz_with_its_penalty(tmp_path):
    host = console(tmp_path)
    desk = BuzzDesk(["a", "b", "c"], clock=FakeClock())
    before = host.session.state.scores[0]
    press = desk.press(0, host.session.state, host.submit)
    assert press.result == "early"
    state = host.session.state
    assert state.core.outcomes[-1].result == "early"
    assert state.scores[0] == before - 5
    assert desk.press(0, state, host.submit).result == "refused"  # out of this question


def test_early_warnings_spare_the_first_offence_and_penalise_the_next(tmp_path):
    config = CONFIG.replace("early_penalty: 5", "early_penalty: 5\n    early_warnings: 1")
    host = console(tmp_path, config)
    desk = BuzzDesk(["a", "b", "c"], clock=FakeClock())
    before = host.session.state.scores[0]
    assert desk.press(0, host.session.state, host.submit).result == "early"
    assert host.session.state.scores[0] == before  # a warning: the question is lost, no points
    for line in ("open", "buzz 二队", "right", "next"):
        host.handle(line)
    assert host.session.state.phase == "shown"
    assert desk.press(0, host.session.state, host.submit).result == "early"
    assert host.session.state.scores[0] == before - 5


def test_without_an_early_rule_a_press_before_opening_is_refused_not_counted(tmp_path):
    host = console(tmp_path, CONFIG.replace("early_penalty: 5", "early_penalty: 0"))
    desk = BuzzDesk(["a", "b", "c"], clock=FakeClock())
    press = desk.press(0, host.session.state, host.submit)
    assert (press.result, press.message) == ("refused", "主持人还没有宣布开始抢答")
    host.handle("open")
    assert desk.press(0, host.session.state, host.submit).result == "first"


def test_outside_a_buzz_round_a_press_is_refused(tmp_path):
    session = start_session(
        read_config(write_config(tmp_path)), journal=tmp_path / "j.journal.jsonl"
    )
    host = PlainConsole(session, lambda line: None)
    host.handle("next")
    desk = BuzzDesk(["a", "b", "c"], clock=FakeClock())
    press = desk.press(1, session.state, host.submit)
    assert (press.result, press.message) == ("refused", "本轮不是抢答题")
    assert session.state.events == 1


def test_a_buzz_keyed_in_by_the_host_first_makes_the_phone_late(tmp_path):
    host = console(tmp_path)
    desk = BuzzDesk(["a", "b", "c"], clock=FakeClock())
    host.handle("open")
    host.handle("buzz 一队")  # the host's keyboard stays the authority
    assert desk.press(1, host.session.state, host.submit).result == "late"
    assert host.session.state.core.team == 0


def test_the_phone_buzz_in_the_journal_carries_the_server_time(tmp_path):
    host = console(tmp_path)
    desk = BuzzDesk(["a", "b", "c"], clock=FakeClock())
    host.handle("open")
    desk.press(2, host.session.state, host.submit)
    (buzz,) = phone_buzzes(tmp_path)
    assert buzz["team"] == 2 and len(buzz["arrived"]) == len("2026-12-02T14:03:11.123")
    host.session.close()
    resumed = resume_session(tmp_path / "j.journal.jsonl")
    assert resumed.state.core.team == 2
    resumed.close()


def test_rate_limit_allows_a_burst_then_a_few_a_second():
    clock = FakeClock()
    limit = RateLimit(rate=4, burst=6, clock=clock)
    assert [limit.allow("phone") for _ in range(8)] == [True] * 6 + [False] * 2
    assert limit.allow("other phone")
    clock.advance(0.5)
    assert [limit.allow("phone") for _ in range(3)] == [True, True, False]


def test_tokens_are_kept_next_to_the_journal_and_reused(tmp_path):
    journal = tmp_path / "final.journal.jsonl"
    teams = ("一队", "二队")
    tokens = load_or_create_tokens(journal, teams)
    assert tokens_path(journal).name == "final.buzzers.json"
    assert len(set(tokens)) == 2 and all(len(t) >= 12 for t in tokens)
    assert load_or_create_tokens(journal, teams) == tokens
    with pytest.raises(InputError, match="other teams"):
        load_or_create_tokens(journal, ("一队", "三队"))
    tokens_path(journal).write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="damaged"):
        load_or_create_tokens(journal, teams)


def test_early_warnings_is_checked_like_the_other_round_settings(tmp_path):
    from factquiz.host.config import ConfigError

    bad = CONFIG.replace(
        "kind: required\n    count: 1", "kind: required\n    count: 1\n    early_warnings: 1"
    )
    with pytest.raises(ConfigError, match="only buzz rounds"):
        read_config(write_config(tmp_path, bad))
    bad = CONFIG.replace("early_penalty: 5", "early_penalty: 5\n    early_warnings: -1")
    with pytest.raises(ConfigError, match=r"early_warnings: must be a whole number ≥ 0"):
        read_config(write_config(tmp_path, bad))
