"""The audience screen's data: what the room may see at each moment of a competition."""

from __future__ import annotations

import json
import re

from test_host_plain import SCRIPT
from test_host_support import make_game

from factquiz.host.plain import parse_command
from factquiz.host.rules import DONE, apply, start
from factquiz.screen.audience import Timer, audience_view


def states(game, lines):
    """The state after each script line, with the line."""
    state = start(game)
    for line in lines:
        state = apply(state, parse_command(line, state))
        yield line, state


def test_the_answer_and_notes_are_absent_until_the_question_is_closed():
    game = make_game()
    checked = 0
    for _line, state in states(game, SCRIPT):
        question = state.question
        if question is None:
            continue
        data = json.dumps(audience_view(state), ensure_ascii=False)
        assert question.source not in data  # the host's notes never reach the room
        if state.phase == DONE:
            assert audience_view(state)["answer"]["explanation"] == question.explanation
            assert question.explanation in data
        else:
            assert audience_view(state)["answer"] is None
            assert question.explanation not in data
            assert '"correct"' not in data and '"truth"' not in data
            checked += 1
    assert checked > 10


def test_the_screen_shows_the_question_the_team_to_answer_and_the_round():
    game = make_game()
    state = start(game)
    intro = audience_view(state)
    assert intro["round"] == "第1轮 必答（必答题）"
    assert "各队轮流作答" in intro["rules"]
    assert intro["question"] is None
    state = apply(state, parse_command("next", state))
    shown = audience_view(state, Timer(30, 30, True))
    assert shown["question"]["stem"] == state.question.stem
    assert shown["question"]["options"] == list(state.question.options)
    assert shown["team"] == "一队"
    assert shown["number"] == "第1/3题"
    assert shown["timer"] == {"limit": 30, "left": 30, "running": True}


def test_the_scoreboard_is_ranked_and_the_last_result_is_named():
    game = make_game()
    state = start(game)
    for line in ("next", "right AC"):
        state = apply(state, parse_command(line, state))
    data = audience_view(state)
    assert [(s["name"], s["score"], s["rank"]) for s in data["scores"]] == [
        ("一队", "110", 1),
        ("二队", "100", 2),
        ("三队", "100", 2),
    ]
    assert data["last"] == "一队 答对 +10"
    assert data["answer"]["text"] == "AC"


def test_a_rehearsal_is_marked():
    state = start(make_game())
    assert audience_view(state, rehearsal=True)["rehearsal"] is True
    assert audience_view(state)["rehearsal"] is False


def test_the_end_shows_the_awards_and_no_question():
    game = make_game()
    *_, (_line, state) = states(game, SCRIPT)
    data = audience_view(state)
    assert data["finished"] is True
    assert data["question"] is None
    assert data["awards"][0].startswith("一等奖：")


def test_order_and_match_questions_show_their_columns_and_answer_in_letters(tmp_path):
    from factquiz.host.config import read_config
    from factquiz.host.session import start_session
    from factquiz.resources import banks_dir

    config = tmp_path / "competition.yaml"
    config.write_text(
        f"title: 排序连线\nteams: [一队, 二队]\nbanks: [{banks_dir() / 'sample-team.yaml'}]\nseed: 1\n"
        "rounds:\n  - name: 必答\n    kind: required\n    count: 1\n    selection: {types: [order, match]}\n",
        encoding="utf-8",
    )
    session = start_session(read_config(config), journal=tmp_path / "j.journal.jsonl")
    seen = {}
    for line in ("next", "right", "next", "wrong"):
        session.send(parse_command(line, session.state))
        data = audience_view(session.state)
        if data["answer"]:
            seen[data["question"]["type"]] = data
    session.close()
    match = seen["match"]
    assert match["question"]["left"][0].startswith("① ")
    assert len(match["question"]["options"]) == len(match["question"]["left"])
    assert re.fullmatch(r"(①|②|③|④)[A-D]( (①|②|③|④)[A-D])*", match["answer"]["text"])
    assert seen["order"]["answer"]["text"].startswith("B→D→A→C：")
