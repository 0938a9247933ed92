"""`factquiz practice` driven through stdin."""

from __future__ import annotations

from test_host_support import write_bank
from typer.testing import CliRunner

from factquiz.banks import read_bank
from factquiz.cli import app

runner = CliRunner()

BANK = """\
format: factquiz/1
title: 练习题库
questions:
  - {id: s, type: single, stem: 隧道历经（ ）个昼夜, options: ["519", "591", "600"], answer: B, explanation: 历经591个昼夜。, source: 在历经591个昼夜的艰苦施工后}
  - {id: j, type: judge, stem: 共有12支代表队, answer: false, explanation: 共有10支代表队。}
  - {id: f, type: fill, stem: 我市首条城市隧道是（ ）隧道, answer: [[建国路, 建国路隧道]]}
  - {id: k, type: short, stem: 城投集团做了哪些工作？, answer: 成立党员冲锋队。, points: 20}
"""


def practise(tmp_path, answers: str, *args: str):
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK, encoding="utf-8")
    return runner.invoke(
        app,
        ["practice", str(bank), "--seed", "1", "--missed", str(tmp_path / "错题本.yaml"), *args],
        input=answers,
    )


def order(result) -> list[str]:
    """The question stems in the order asked."""
    return [line.split("] ", 1)[1] for line in result.output.splitlines() if line.startswith("[")]


def answers_for(result_order: list[str], replies: dict[str, str]) -> str:
    return "".join(replies[stem] for stem in result_order)


def test_immediate_feedback_with_explanation_and_final_score(tmp_path):
    asked = order(practise(tmp_path, "skip\n" * 8))
    replies = {"隧道历经（ ）个昼夜": "B\n", "共有12支代表队": "对\n", "我市首条城市隧道是（ ）隧道": "建国路\n",
               "城投集团做了哪些工作？": "\ny\n"}  # fmt: skip
    result = practise(tmp_path, answers_for(asked, replies))
    assert result.exit_code == 0, result.output
    assert "✓ 回答正确！" in result.output and "✗ 回答错误。" in result.output
    assert "解析：历经591个昼夜。" in result.output
    assert "原文：在历经591个昼夜的艰苦施工后" in result.output
    assert "答对 3/4 题（75%），得分 40/50" in result.output
    assert (
        "现有 1 道（本次错 1 道，3 道已答对移出）" in result.output
    )  # the first run skipped all four


def test_missed_questions_make_a_bank_that_practice_takes_again(tmp_path):
    asked = order(practise(tmp_path, "skip\n" * 8))
    replies = {"隧道历经（ ）个昼夜": "A\n", "共有12支代表队": "F\n", "我市首条城市隧道是（ ）隧道": "skip\n",
               "城投集团做了哪些工作？": "\nn\n"}  # fmt: skip
    result = practise(tmp_path, answers_for(asked, replies))
    assert result.exit_code == 0, result.output
    missed = read_bank(tmp_path / "错题本.yaml")
    assert missed.title == "错题本：练习题库"
    assert sorted(q.id for q in missed.questions) == ["f", "k", "s"]
    again = runner.invoke(app, ["practice", str(tmp_path / "错题本.yaml"), "--seed", "2", "--missed", str(tmp_path / "m2.yaml")],
                          input="B\n建国路隧道\n\ny\n")  # fmt: skip
    assert again.exit_code == 0, again.output
    assert "练习 3 题" in again.output


def test_an_answer_that_is_not_an_answer_asks_again(tmp_path):
    result = practise(tmp_path, "Z\n也许\n", "--types", "single,judge", "--count", "1")
    assert "提示：" in result.output
    assert "Traceback" not in result.output


def test_q_stops_at_once_and_writes_no_empty_errata_bank(tmp_path):
    result = practise(tmp_path, "q\n", "--types", "single")
    assert result.exit_code == 0, result.output
    assert "== 练习提前结束 ==" in result.output
    assert "没有作答任何题目" in result.output
    assert not (tmp_path / "错题本.yaml").exists()


def test_end_of_input_ends_cleanly(tmp_path):
    result = practise(tmp_path, "A\n", "--types", "single,judge")
    assert result.exit_code == 0, result.output
    assert "练习提前结束" in result.output


def test_same_seed_asks_the_same_questions_in_the_same_order(tmp_path):
    write_bank(tmp_path, 30)
    args = [
        "practice",
        str(tmp_path / "demo.yaml"),
        "--seed",
        "5",
        "--count",
        "5",
        "--missed",
        str(tmp_path / "x.yaml"),
    ]
    a, b = runner.invoke(app, args, input=""), runner.invoke(app, args, input="")
    assert order(a) == order(b) and len(order(a)) == 1  # input ends after the first question


def test_asking_for_more_than_the_bank_holds_names_the_numbers(tmp_path):
    result = practise(tmp_path, "", "--count", "9")
    assert result.exit_code == 1
    assert "asked for 9 questions but only 4 match" in result.output


def test_a_new_practice_adds_to_the_errata_bank_instead_of_replacing_it(tmp_path):
    practise(
        tmp_path, "skip\nq\n", "--types", "single,judge"
    )  # the first question asked goes into the 错题本
    first = [q.stem for q in read_bank(tmp_path / "错题本.yaml").questions]
    other = tmp_path / "other.yaml"
    other.write_text(
        "format: factquiz/1\ntitle: 另一个题库\nquestions:\n  - {id: o, type: judge, stem: 另一题, answer: true}\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["practice", str(other), "--missed", str(tmp_path / "错题本.yaml")], input="错\n"
    )
    assert result.exit_code == 0, result.output
    assert [q.stem for q in read_bank(tmp_path / "错题本.yaml").questions] == [*first, "另一题"]


def test_practising_the_errata_bank_right_removes_what_was_learnt(tmp_path):
    practise(tmp_path, "skip\n" * 8)
    notebook = tmp_path / "错题本.yaml"
    replies = {
        "隧道历经（ ）个昼夜": "B\n",
        "共有12支代表队": "错\n",
        "我市首条城市隧道是（ ）隧道": "建国路\n",
        "城投集团做了哪些工作？": "\ny\n",
    }
    asked = order(
        runner.invoke(
            app,
            ["practice", str(notebook), "--seed", "3", "--missed", str(tmp_path / "x.yaml")],
            input="skip\n" * 8,
        )
    )
    result = runner.invoke(app, ["practice", str(notebook), "--seed", "3", "--missed", str(notebook)],
                           input=answers_for(asked, replies))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "都已掌握" in result.output and not notebook.exists()


def test_end_of_input_mid_way_keeps_the_misses_so_far(tmp_path):
    asked = order(practise(tmp_path, "skip\n" * 8, "--types", "single,judge"))
    replies = {"隧道历经（ ）个昼夜": "A\n", "共有12支代表队": "对\n"}
    (tmp_path / "错题本.yaml").unlink()
    result = practise(
        tmp_path, replies[asked[0]], "--types", "single,judge"
    )  # input ends before the second question
    assert "练习提前结束" in result.output
    assert [q.stem for q in read_bank(tmp_path / "错题本.yaml").questions] == [asked[0]]


def test_long_lines_wrap_the_chinese_way_at_the_terminal_width():
    from factquiz.host.practice import wrap_line

    lines = wrap_line(
        "  原文：城投集团积极依托（ ）等平台，开展“红色密码”系列宣传，于2021年9月22日正式运营。", 30
    )
    assert len(lines) > 1 and all(
        line.startswith("        ") for line in lines[1:]
    )  # under the text, not the label
    assert not any(line.strip()[0] in "，。”）" for line in lines)


def test_a_judge_question_says_how_to_answer_once(tmp_path):
    result = practise(tmp_path, "对\n", "--types", "judge")
    assert result.exit_code == 0, result.output
    assert "（输入 对 或 错，也可 T / F）" in result.output  # no brackets within brackets
    assert "（对 / 错）" not in result.output  # the input hint already says it


def test_the_command_to_practise_the_errata_again_is_a_line_of_its_own(tmp_path):
    result = practise(tmp_path, "skip\n" * 8)
    assert result.exit_code == 0, result.output
    assert f"  factquiz practice {tmp_path / '错题本.yaml'}" in result.output.splitlines()


def test_the_missed_book_is_saved_after_every_answer_not_only_at_the_end(tmp_path):
    from factquiz.banks import parse_bank
    from factquiz.host.practice import MissedBook, run_practice

    bank = parse_bank(BANK, str(tmp_path / "bank.yaml"))
    book = MissedBook(tmp_path / "错题本.yaml", [bank])
    on_disk: list[int] = []

    def read(prompt: str) -> str | None:
        path = tmp_path / "错题本.yaml"
        on_disk.append(len(read_bank(path).questions) if path.exists() else 0)
        return "skip"

    run_practice(bank.questions[:3], read, lambda line: None, book.save)
    assert on_disk == [0, 1, 2]  # before each question: every earlier miss is already saved


def test_an_invalid_missed_book_is_reported_before_the_first_question(tmp_path):
    (tmp_path / "错题本.yaml").write_text(
        "format: factquiz/1\nquestions: [oops\n", encoding="utf-8"
    )
    result = practise(tmp_path, "B\n")
    assert result.exit_code != 0
    assert result.output.startswith("error: ") and "错题本.yaml" in result.output
    assert "第1/" not in result.output


def test_a_missed_book_that_cannot_be_saved_says_so_and_exits_non_zero(tmp_path, monkeypatch):
    import factquiz.banks
    from factquiz.errors import InputError, Location

    def full(bank, path, schema_hint=None):
        raise InputError("cannot write the bank: No space left on device", Location(str(path)))

    monkeypatch.setattr(factquiz.banks, "save_bank", full)
    result = practise(tmp_path, "skip\n" * 8)
    assert result.exit_code == 1, result.output
    assert "!! 错题本没有保存（cannot write the bank: No space left on device）" in result.output
    assert "没有保存最后的结果" in result.output
