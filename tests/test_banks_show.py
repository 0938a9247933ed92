"""`factquiz show`: what a team sees about its bank."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from factquiz.banks import read_bank
from factquiz.banks.summary import answer_summary, summarise
from factquiz.cli import app

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parent.parent / "question_banks" / "sample-team.yaml"


def test_summary_counts_types_in_paper_order_with_points():
    summary = summarise([read_bank(SAMPLE)])
    assert [(c.label, c.questions, c.points) for c in summary.by_type] == [
        ("单项选择题", 7, 65), ("多项选择题", 2, 40), ("判断题", 4, 40), ("填空题", 5, 55),
        ("排序题", 1, 10), ("连线题", 1, 20), ("简答题", 2, 40),
    ]  # fmt: skip
    assert (summary.questions, summary.points) == (22, 270)
    assert [c.label for c in summary.by_difficulty] == ["1 易", "2 中", "3 难"]
    assert summary.by_tag[0].label == "党史学习教育"


def test_show_prints_type_difficulty_tag_tables_and_total():
    result = runner.invoke(app, ["show", str(SAMPLE)], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    for word in ("题型", "单项选择题", "难度", "3 难", "标签", "重点工程", "合计", "270"):
        assert word in result.output


def test_show_list_gives_id_type_stem_and_answer():
    result = runner.invoke(app, ["show", str(SAMPLE), "--list"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "tunnel-days" in line)
    assert "单选" in row and "我市首条城市隧道" in row and "B 591" in row


def test_show_list_filters_by_type():
    result = runner.invoke(
        app, ["show", str(SAMPLE), "--list", "--types", "judge"], env={"COLUMNS": "160"}
    )
    assert result.exit_code == 0, result.output
    assert "题目（4 题）" in result.output
    assert "tunnel-days" not in result.output


def test_answers_read_as_a_host_says_them():
    bank = read_bank(SAMPLE)
    by_id = {q.id: q for q in bank.questions}
    assert answer_summary(by_id["kindergartens"]) == "AC 百花艺术幼儿园；红庙头幼儿园"
    assert answer_summary(by_id["contest-teams"]) == "错误"
    assert answer_summary(by_id["relocation-rate"]) == "10；98.5"


def test_show_of_a_broken_bank_is_an_error_not_a_table(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: factquiz/1\ntitle: t\nquestions: 3\n", encoding="utf-8")
    result = runner.invoke(app, ["show", str(bad)])
    assert result.exit_code == 1
    assert "bad.yaml:3: questions: must be a list of questions" in result.output


def test_filters_without_list_are_a_usage_error():
    result = runner.invoke(app, ["show", str(SAMPLE), "--types", "judge"])
    assert result.exit_code == 2
