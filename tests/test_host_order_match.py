"""Order (排序题) and match (连线题) in the host console and practice: the host judges, practice grades."""

from __future__ import annotations

import pytest
from pdf_fixtures.helpers import FIXTURES
from test_host_app import press_all, shown_lines
from test_host_support import FakeClock

from factquiz.banks import read_bank
from factquiz.host.app import HostApp
from factquiz.host.config import read_config
from factquiz.host.grading import check_answer
from factquiz.host.plain import CommandError, recorded_option
from factquiz.host.practice import run_practice
from factquiz.host.session import start_session
from factquiz.host.view import question_lines, reveal_lines

BANK = read_bank(FIXTURES / "order-match.yaml")
ORDER = next(q for q in BANK.questions if q.type == "order")
MATCH = next(q for q in BANK.questions if q.type == "match")
PARTNERS = {
    "朱德": "八路军总指挥",
    "彭德怀": "八路军副总指挥",
    "叶剑英": "八路军参谋长",
    "左权": "八路军副参谋长",
}


def shown_right_column(lines: list[str]) -> dict[str, str]:
    """{"A": "八路军参谋长", …} from the lines the room sees."""
    return {
        line.strip()[0]: line.strip()[3:]
        for line in lines
        if line.strip()[:1] in "ABCDEFGH" and line.strip()[1:3] == ". "
    }


def test_the_room_sees_numbered_left_items_then_the_lettered_right_column():
    lines = question_lines(MATCH)
    assert lines[1:5] == ["  ① 朱德", "  ② 彭德怀", "  ③ 叶剑英", "  ④ 左权"]
    right = shown_right_column(lines)
    assert sorted(right.values()) == sorted(PARTNERS.values())
    assert [right[x] for x in "ABCD"] != list(PARTNERS.values())  # not in stem order


def test_the_revealed_answer_gives_each_left_item_the_letter_of_its_partner_on_screen():
    right = shown_right_column(question_lines(MATCH))
    answer = reveal_lines(MATCH)[0]
    letters = answer.removeprefix("答案：").split("：")[0].split()
    assert [right[item[1]] for item in letters] == list(PARTNERS.values())
    assert "朱德—八路军总指挥" in answer


def test_the_revealed_order_lists_the_items_with_their_dates():
    assert reveal_lines(ORDER)[0] == (
        "答案：C→B→A→D：中国共产党第一次全国代表大会（1921年7月） → 南昌起义（1927年8月1日）"
        " → 遵义会议（1935年1月） → 七七事变（1937年7月7日）"
    )


@pytest.mark.parametrize("reply", ["CBAD", "cbad", "C→B→A→D", "C-B-A-D", "C，B，A，D", "ＣＢＡＤ"])
def test_practice_accepts_an_order_written_the_usual_ways(reply):
    assert check_answer(ORDER, reply).correct is True


def test_practice_marks_a_wrong_order_wrong_and_asks_again_for_a_partial_one():
    assert check_answer(ORDER, "ABCD").correct is False
    for partial in ("CBA", "CBAA", "CBAX"):
        verdict = check_answer(ORDER, partial)
        assert verdict.correct is None and "全部 4 个字母" in verdict.hint


def test_practice_accepts_match_letters_in_turn_or_numbered_in_any_order():
    answer = MATCH.laid_out().sequence_letters
    numbered = " ".join(f"{n}-{x}" for n, x in reversed(list(enumerate(answer, 1))))
    circled = " ".join(f"{'①②③④'[n]}{x}" for n, x in enumerate(answer))
    for reply in (answer, answer.lower(), numbered, circled):
        assert check_answer(MATCH, reply).correct is True, reply
    assert check_answer(MATCH, answer[::-1]).correct is False


def test_a_match_hint_never_shows_the_answer():
    verdict = check_answer(MATCH, "AB")
    assert verdict.correct is None
    assert MATCH.laid_out().sequence_letters not in verdict.hint


def test_a_practice_session_grades_order_and_match_and_keeps_the_missed_one():
    replies = iter(["C B A D", MATCH.laid_out().sequence_letters[::-1]])
    out: list[str] = []
    result = run_practice([ORDER, MATCH], lambda prompt: next(replies), out.append)
    assert result.right == [ORDER] and result.missed == [MATCH]
    assert "  ✓ 回答正确！" in out and "  ✗ 回答错误。" in out


def test_the_host_may_record_the_order_a_team_gave():
    assert recorded_option(ORDER, False, "ABCD") == "ABCD"
    assert recorded_option(ORDER, True, "C→B→A→D") == "CBAD"


@pytest.mark.parametrize(
    "right, given, message",
    [
        (False, "CBAD", "本题答案是 CBAD，wrong CBAD 自相矛盾"),
        (True, "ABCD", "本题答案是 CBAD，right ABCD 自相矛盾"),
        (False, "ABC", "记下队伍给的全部字母顺序"),
    ],
)
def test_a_recorded_order_that_contradicts_the_judgement_or_is_partial_is_refused(
    right, given, message
):
    with pytest.raises(CommandError, match=message):
        recorded_option(ORDER, right, given)


def match_app(tmp_path) -> HostApp:
    (tmp_path / "bank.yaml").write_text(
        (FIXTURES / "order-match.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    config = (
        "title: 党史\nteams: [一队, 二队]\nbanks: [bank.yaml]\nseed: 1\n"
        "rounds:\n  - {kind: buzz, count: 1, points: 10, selection: {types: [match]}}\n"
    )
    (tmp_path / "competition.yaml").write_text(config, encoding="utf-8")
    session = start_session(
        read_config(tmp_path / "competition.yaml"), journal=tmp_path / "j.journal.jsonl"
    )
    return HostApp(session, clock=FakeClock())


async def test_the_console_shows_both_columns_and_the_answer_letters_fit_at_80x24(tmp_path):
    app = match_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_all(pilot, "n n 1")
        options = shown_lines(app, "#options")
        assert [line.split()[:2] for line in options if "①" in line or "④" in line] == [
            ["①", "朱德"],
            ["④", "左权"],
        ]
        right = shown_right_column(options)
        await press_all(pilot, "r")
        reveal = shown_lines(app, "#reveal")
        letters = reveal[0].removeprefix("答案：").split("：")[0].split()
        assert [right[item[1]] for item in letters] == list(PARTNERS.values())
        area = app.query_one("#question")
        assert area.virtual_size.height <= area.content_size.height, "the question area overflows"
