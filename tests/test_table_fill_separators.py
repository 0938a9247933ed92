"""A ';' in a fill answer: between blanks or between answers of one blank, settled by the stem."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from factquiz.cli import app
from factquiz.interchange import import_questions

runner = CliRunner()


def table(tmp_path: Path, stem: str, answer: str) -> Path:
    path = tmp_path / "t.csv"
    path.write_text(f"题型,题干,答案\r\n填空,{stem},{answer}\r\n", encoding="utf-8")
    return path


def blanks_of(path: Path, **options) -> list[tuple[str, ...]]:
    imported = import_questions(path, **options)
    assert imported.left_out == (), imported.warnings
    return [b.answers for b in imported.bank.questions[0].blanks]


def test_semicolons_between_answers_of_one_blank_when_bars_separate_two_blanks(tmp_path):
    path = table(tmp_path, "（ ）年（ ）月", "2021;二〇二一|9;九")
    assert blanks_of(path) == [("2021", "二〇二一"), ("9", "九")]


def test_semicolons_between_blanks_when_the_stem_has_that_many_blanks(tmp_path):
    assert blanks_of(table(tmp_path, "（ ）年（ ）月", "2021；9")) == [("2021",), ("9",)]


def test_a_stem_with_one_blank_takes_semicolons_as_answers_of_that_blank(tmp_path):
    assert blanks_of(table(tmp_path, "首都是（ ）", "北京;北平")) == [("北京", "北平")]


def test_a_stem_with_three_blanks_takes_every_separator_between_blanks(tmp_path):
    path = table(tmp_path, "（ ）、（ ）和（ ）", "甲;乙|丙")
    assert blanks_of(path) == [("甲",), ("乙",), ("丙",)]


def test_explicit_fill_separators_decide_without_the_stem(tmp_path):
    path = table(tmp_path, "（ ）和（ ）", "甲;乙|丙")
    assert blanks_of(path, fill_separators="|") == [("甲", "乙"), ("丙",)]


def test_an_ambiguous_answer_is_refused_with_row_and_column(tmp_path):
    path = table(tmp_path, "（ ）、（ ）和（ ）", "甲;乙")  # 2 blanks or 1, never 3
    result = runner.invoke(app, ["import", str(path), "--strict", "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 1, result.output
    assert f"error: {path}:2: 答案: cannot tell what ';' separates: the stem has 3 blanks" in (
        result.output
    )
    assert "--fill-separators" in result.output


def test_fill_separators_option_reaches_the_import_from_the_command_line(tmp_path):
    path, out = table(tmp_path, "（ ）和（ ）", "甲;乙|丙"), tmp_path / "o.yaml"
    result = runner.invoke(app, ["import", str(path), "--fill-separators", "|", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "甲" in out.read_text(encoding="utf-8")


def test_fill_separators_for_a_gift_file_is_a_usage_error(tmp_path):
    gift = tmp_path / "q.gift"
    gift.write_text("::a:: 好 {T}\n", encoding="utf-8")
    result = runner.invoke(
        app, ["import", str(gift), "--fill-separators", "|", "-o", str(tmp_path / "o.yaml")]
    )
    assert result.exit_code == 2, result.output
    assert "--fill-separators is for Excel and CSV tables" in result.output
